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

  /**
   * The served OpenAPI document describes the real API: every path and method it lists is routed
   * (answers anything but 404 "no such resource" or 405), with path parameters filled in.
   */
  @Test
  void everyOperationInTheOpenApiDocumentIsRouted() throws Exception {
    var doc = api.send("GET", "/openapi.yaml", null, Map.of());
    assertThat(doc.status()).isEqualTo(200);
    var yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    var paths = yaml.readTree(doc.text()).get("paths");
    assertThat(paths.size()).isGreaterThan(10);
    var user = api.signUp(Api.uniqueEmail("openapi"), "password1");
    var auth = Map.of("Authorization", "Bearer " + user.get("token").asText());
    var names = paths.fieldNames();
    int checked = 0;
    while (names.hasNext()) {
      String template = names.next();
      String path =
          template
              .replace("{id}", user.get("id").asText())
              .replace("{originalStart}", "2031-01-01T00:00:00Z")
              .replace("{webhookId}", java.util.UUID.randomUUID().toString())
              .replace("{connectionId}", java.util.UUID.randomUUID().toString())
              .replace("{userId}", user.get("id").asText())
              .replace("{slug}", "intro")
              .replace("{manageToken}", "A".repeat(43));
      var ops = paths.get(template).fieldNames();
      while (ops.hasNext()) {
        String method = ops.next();
        if (method.equals("parameters")) {
          continue;
        }
        var r = api.send(method.toUpperCase(java.util.Locale.ROOT), path, "{}", auth);
        assertThat(r.status()).as("%s %s -> %s", method, template, r).isNotEqualTo(405);
        assertThat(r.text()).as("%s %s", method, template).doesNotContain("no such resource");
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(15);
  }
}
