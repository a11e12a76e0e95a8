package dev.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The served {@code openapi.yaml} stays lintable: it parses without duplicate keys, every operation
 * has a unique camelCase {@code operationId}, and exactly the public routes opt out of the
 * document's default bearer security.
 */
class OpenApiDocumentTest {
  /**
   * The routes that answer without a token (see UserRoutes, BookingPageRoutes, CalendarFeedRoutes,
   * ProviderWebhookRoutes, HealthRoutes, HttpMetrics, OpenApiRoute).
   */
  static final Set<String> PUBLIC =
      Set.of(
          "POST /users",
          "POST /sessions",
          "GET /book/{userId}/{slug}",
          "POST /book/{userId}/{slug}",
          "GET /book/{userId}/{slug}/slots",
          "GET /book/manage/{manageToken}",
          "DELETE /book/manage/{manageToken}",
          "POST /book/manage/{manageToken}/reschedule",
          "GET /users/{id}/calendar.ics",
          "POST /webhook/google",
          "POST /webhook/outlook",
          "GET /health/alive",
          "GET /health/ready",
          "GET /metrics",
          "GET /openapi.yaml");

  static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private static JsonNode document;

  /** One operation: "METHOD /path" and its node. */
  record Operation(String name, JsonNode node) {}

  static ObjectMapper strictYaml() {
    return new ObjectMapper(new YAMLFactory())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  static JsonNode openApi() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the classpath").isNotNull();
      return strictYaml().readTree(in);
    }
  }

  static List<Operation> operations(JsonNode doc) {
    List<Operation> ops = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      Iterator<Map.Entry<String, JsonNode>> items = path.getValue().fields();
      while (items.hasNext()) {
        Map.Entry<String, JsonNode> item = items.next();
        if (METHODS.contains(item.getKey())) {
          ops.add(
              new Operation(
                  item.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(),
                  item.getValue()));
        }
      }
    }
    return ops;
  }

  @BeforeAll
  static void load() throws IOException {
    document = openApi();
  }

  @Test
  void duplicateKeysAreRefusedByTheParserUsedHere() {
    assertThatThrownBy(() -> strictYaml().readTree("a: 1\nb: {c: 2, c: 3}\n"))
        .hasMessageContaining("Duplicate field 'c'");
  }

  @Test
  void theDocumentParsesWithoutDuplicateKeysAndListsOperations() {
    assertThat(document.get("openapi").asText()).startsWith("3.");
    assertThat(operations(document)).hasSizeGreaterThan(15);
  }

  @Test
  void everyOperationHasAUniqueCamelCaseOperationId() {
    Set<String> seen = new HashSet<>();
    for (Operation op : operations(document)) {
      JsonNode id = op.node().get("operationId");
      assertThat(id).as("%s has an operationId", op.name()).isNotNull();
      assertThat(id.asText()).as(op.name()).matches("[a-z][a-zA-Z0-9]*");
      assertThat(seen.add(id.asText())).as("%s: operationId %s is unique", op.name(), id).isTrue();
    }
  }

  @Test
  void theDefaultSecurityIsTheBearerToken() {
    JsonNode security = document.get("security");
    assertThat(security).as("root security").isNotNull();
    assertThat(security.isArray()).isTrue();
    assertThat(security).hasSize(1);
    assertThat(security.get(0).has("bearer")).isTrue();
    JsonNode scheme = document.at("/components/securitySchemes/bearer");
    assertThat(scheme.get("type").asText()).isEqualTo("http");
    assertThat(scheme.get("scheme").asText()).isEqualTo("bearer");
  }

  @Test
  void exactlyThePublicRoutesOptOutOfSecurity() {
    Set<String> optedOut = new TreeSet<>();
    for (Operation op : operations(document)) {
      JsonNode security = op.node().get("security");
      if (security != null && security.isArray() && security.isEmpty()) {
        optedOut.add(op.name());
      } else if (security != null) {
        assertThat(security.toString())
            .as("%s requires the bearer token, as the route does", op.name())
            .contains("bearer");
      }
    }
    assertThat(optedOut).containsExactlyInAnyOrderElementsOf(PUBLIC);
  }
}
