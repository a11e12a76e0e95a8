package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a person does at a local provider (its {@code /dev} API): get an authorization code, write
 * events, revoke a grant, lose cursors, inject faults, and read what the service asked of it.
 */
final class ProviderAdmin {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;

  ProviderAdmin(String base) {
    this.base = base;
  }

  String code(String account, String redirectUri) {
    return call(
            "POST",
            "/dev/codes",
            "{\"account\":\"" + account + "\",\"redirectUri\":\"" + redirectUri + "\"}")
        .get("code")
        .asText();
  }

  JsonNode createEvent(String account, String json) {
    return call("POST", "/dev/accounts/" + account + "/events", json);
  }

  JsonNode patchEvent(String account, String id, String json) {
    return call("PATCH", "/dev/accounts/" + account + "/events/" + id, json);
  }

  void deleteEvent(String account, String id) {
    call("DELETE", "/dev/accounts/" + account + "/events/" + id, null);
  }

  /** Every event and instance of the account, as the API shows them (deleted ones too). */
  List<JsonNode> events(String account) {
    return list(call("GET", "/dev/accounts/" + account + "/events", null));
  }

  void revoke(String account) {
    call("POST", "/dev/accounts/" + account + "/revoke", null);
  }

  void invalidateCursors(String account) {
    call("POST", "/dev/accounts/" + account + "/invalidate-cursors", null);
  }

  void fault(String json) {
    call("POST", "/dev/faults", json);
  }

  void clearFaults() {
    call("DELETE", "/dev/faults", null);
  }

  /** The API and token requests received, oldest first. */
  List<JsonNode> requests() {
    return list(call("GET", "/dev/requests", null));
  }

  List<JsonNode> requests(Predicate<JsonNode> which) {
    return requests().stream().filter(which).toList();
  }

  List<JsonNode> notifications() {
    return list(call("GET", "/dev/notifications", null));
  }

  /** Google: every channel ever opened. */
  List<JsonNode> channels() {
    return list(call("GET", "/dev/channels", null));
  }

  /** Outlook: every subscription ever made. */
  List<JsonNode> subscriptions() {
    return list(call("GET", "/dev/subscriptions", null));
  }

  /** Outlook: sends a lifecycle notification of the subscription. */
  void lifecycle(String subscriptionId, String event) {
    call(
        "POST",
        "/dev/subscriptions/" + subscriptionId + "/lifecycle",
        "{\"event\":\"" + event + "\"}");
  }

  private static List<JsonNode> list(JsonNode body) {
    List<JsonNode> items = new ArrayList<>();
    body.get("items").forEach(items::add);
    return items;
  }

  private JsonNode call(String method, String path, String body) {
    try {
      var request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(15))
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .build();
      var response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode())
          .as("%s %s: %s", method, path, response.body())
          .isBetween(200, 299);
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
