package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, metrics and the OpenAPI document of a running node. */
class OperationsIT {
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  @Test
  void aliveAndReadyWithEveryCheckUp() {
    assertThat(api.send("GET", "/health/alive", null, Map.of()).status()).isEqualTo(200);
    var ready = api.send("GET", "/health/ready", null, Map.of());
    assertThat(ready.status()).isEqualTo(200);
    var checks = ready.json().get("checks");
    assertThat(checks.get("cluster").asText()).isEqualTo("up");
    assertThat(checks.get("cassandra").asText()).isEqualTo("up");
    assertThat(checks.get("kafka").asText()).isEqualTo("up");
  }

  @Test
  void metricsCountRequestsByRouteTemplateAndStatus() {
    api.send("GET", "/users/" + java.util.UUID.randomUUID(), null, Map.of());
    var metrics = api.send("GET", "/metrics", null, Map.of());
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.text())
        .contains("http_requests_total{method=\"GET\",route=\"/users/{p}\",status=\"401\"}")
        .contains("http_request_duration_seconds_bucket")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void openApiDescribesTheUserRoutes() {
    var doc = api.send("GET", "/openapi.yaml", null, Map.of());
    assertThat(doc.status()).isEqualTo(200);
    assertThat(doc.text()).contains("openapi: 3").contains("/users/{id}:").contains("/sessions/current:");
  }
}
