package dev.calendar.devservers.outlook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.LocalServerTest;
import dev.calendar.devservers.fakeapi.TestHttp.Reply;
import dev.calendar.devservers.fakeapi.WebhookReceiver;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local Microsoft Graph over real HTTP, as the service's client would use it. */
class OutlookServerTest extends LocalServerTest<OutlookServer> {
  private static final String ACCOUNT = "bob@example.com";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String WINDOW =
      "/v1.0/me/calendarView/delta?startDateTime=2026-12-01T00:00:00Z"
          + "&endDateTime=2027-01-01T00:00:00Z";

  OutlookServerTest() {
    super(() -> OutlookServer.start("127.0.0.1", 0), OutlookServer::url);
  }

  private JsonNode login() {
    String code =
        authorizeCode(
            "/authorize?client_id=dev-microsoft-client&redirect_uri=http://localhost/cb&state=x"
                + "&scope=Calendars.ReadWrite%20offline_access&login_hint="
                + ACCOUNT,
            "x");
    Reply token =
        http.form(
            "/token",
            Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", "http://localhost/cb",
                "client_id", "dev-microsoft-client",
                "client_secret", "dev-microsoft-secret",
                "scope", "Calendars.ReadWrite offline_access"));
    assertThat(token.status()).isEqualTo(200);
    return token.json();
  }

  private String token() {
    return login().path("access_token").asText();
  }

  private static Map<String, Object> event(String subject, String start, String end) {
    return Map.of(
        "subject", subject,
        "start", Map.of("dateTime", start, "timeZone", "W. Europe Standard Time"),
        "end", Map.of("dateTime", end, "timeZone", "Europe/Berlin"));
  }

  @Test
  void refreshGivesANewRefreshTokenAndRevokeEndsBoth() {
    JsonNode first = login();
    assertThat(first.path("scope").asText()).isEqualTo("Calendars.ReadWrite offline_access");
    assertThat(first.path("ext_expires_in").asInt()).isEqualTo(3599);
    String refresh = first.path("refresh_token").asText();
    Map<String, String> form =
        Map.of(
            "grant_type", "refresh_token",
            "refresh_token", refresh,
            "client_id", "dev-microsoft-client",
            "client_secret", "dev-microsoft-secret");
    Reply refreshed = http.form("/token", form);
    assertThat(refreshed.status()).isEqualTo(200);
    String newRefresh = refreshed.json().path("refresh_token").asText();
    assertThat(newRefresh).isNotBlank().isNotEqualTo(refresh);
    assertThat(http.form("/token", form).status()).isEqualTo(200); // the old one still works

    String access = refreshed.json().path("access_token").asText();
    Reply me = http.get("/v1.0/me", access);
    assertThat(me.json().path("mail").asText()).isEqualTo(ACCOUNT);
    assertThat(me.json().path("userPrincipalName").asText()).isEqualTo(ACCOUNT);

    http.json("POST", "/dev/accounts/" + ACCOUNT + "/revoke", null, Map.of());
    Reply denied = http.form("/token", form);
    assertThat(denied.status()).isEqualTo(400);
    assertThat(denied.json().path("error").asText()).isEqualTo("invalid_grant");
    assertThat(denied.json().path("error_codes").get(0).asInt()).isEqualTo(70008);
    Reply api = http.get("/v1.0/me", access);
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.json().at("/error/code").asText()).isEqualTo("InvalidAuthenticationToken");

    Map<String, String> badClient = new HashMap<>(form);
    badClient.put("client_secret", "wrong");
    assertThat(http.form("/token", badClient).json().path("error").asText())
        .isEqualTo("invalid_client");
  }

  @Test
  void eventsAreAnsweredInUtcAndTransactionIdIsIdempotent() {
    String token = token();
    Map<String, Object> body =
        new HashMap<>(event("meet", "2026-12-10T09:00:00", "2026-12-10T10:00:00"));
    body.put("transactionId", "tx-1");
    Reply created = http.json("POST", "/v1.0/me/events", token, body);
    assertThat(created.status()).isEqualTo(201);
    JsonNode e = created.json();
    assertThat(e.path("id").asText()).startsWith("AAMkAD");
    assertThat(e.at("/start/dateTime").asText()).isEqualTo("2026-12-10T08:00:00.0000000");
    assertThat(e.at("/start/timeZone").asText()).isEqualTo("UTC");
    assertThat(e.path("@odata.etag").asText())
        .isEqualTo("W/\"" + e.path("changeKey").asText() + "\"");
    assertThat(e.path("showAs").asText()).isEqualTo("busy");
    assertThat(e.path("type").asText()).isEqualTo("singleInstance");

    Reply again = http.json("POST", "/v1.0/me/events", token, body);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.json()).isEqualTo(e);
    assertThat(http.get("/dev/accounts/" + ACCOUNT + "/events", null).json().path("items"))
        .hasSize(1);

    Reply patched =
        http.json(
            "PATCH", "/v1.0/me/events/" + e.path("id").asText(), token, Map.of("subject", "x"));
    assertThat(patched.json().path("changeKey").asText())
        .isNotEqualTo(e.path("changeKey").asText());
    assertThat(http.delete("/v1.0/me/events/" + e.path("id").asText(), token).status())
        .isEqualTo(204);
    Reply gone = http.get("/v1.0/me/events/" + e.path("id").asText(), token);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().at("/error/code").asText()).isEqualTo("ErrorItemNotFound");
    assertThat(gone.json().at("/error/innerError/request-id").asText()).isNotBlank();
    assertThat(
            http.get("/dev/accounts/" + ACCOUNT + "/events", null)
                .json()
                .at("/items/0/isDeleted")
                .asBoolean())
        .isTrue();
  }

  @Test
  void deltaPagesThenDeltaLinkWithChangesAndRemovals() {
    String token = token();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          http.json(
                  "POST",
                  "/v1.0/me/events",
                  token,
                  event("e" + i, "2026-12-1" + i + "T09:00:00", "2026-12-1" + i + "T10:00:00"))
              .json()
              .path("id")
              .asText());
    }
    Map<String, Object> series =
        Map.of(
            "subject", "weekly",
            "start", Map.of("dateTime", "2026-12-07T09:00:00", "timeZone", "Europe/Berlin"),
            "end", Map.of("dateTime", "2026-12-07T09:30:00", "timeZone", "Europe/Berlin"),
            "recurrence",
                Map.of(
                    "pattern",
                        Map.of(
                            "type",
                            "weekly",
                            "interval",
                            1,
                            "daysOfWeek",
                            List.of("monday", "wednesday")),
                    "range",
                        Map.of(
                            "type",
                            "numbered",
                            "numberOfOccurrences",
                            4,
                            "startDate",
                            "2026-12-07")));
    JsonNode master = http.json("POST", "/v1.0/me/events", token, series).json();
    assertThat(master.path("type").asText()).isEqualTo("seriesMaster");

    List<JsonNode> seen = new ArrayList<>();
    Reply page = http.get(WINDOW, token, "Prefer", "odata.maxpagesize=2");
    int pages = 1;
    page.json().path("value").forEach(seen::add);
    while (page.json().has("@odata.nextLink")) {
      page =
          http.get(
              page.json().path("@odata.nextLink").asText(), token, "Prefer", "odata.maxpagesize=2");
      page.json().path("value").forEach(seen::add);
      pages++;
    }
    assertThat(pages).isEqualTo(4);
    assertThat(seen).hasSize(7);
    assertThat(seen).extracting(n -> n.path("type").asText()).doesNotContain("seriesMaster");
    assertThat(seen)
        .filteredOn(n -> n.path("type").asText().equals("occurrence"))
        .extracting(n -> n.at("/start/dateTime").asText())
        .containsExactly(
            "2026-12-07T08:00:00.0000000",
            "2026-12-09T08:00:00.0000000",
            "2026-12-14T08:00:00.0000000",
            "2026-12-16T08:00:00.0000000");
    String deltaLink = page.json().path("@odata.deltaLink").asText();
    assertThat(deltaLink).contains("$deltatoken=");

    http.json("PATCH", "/v1.0/me/events/" + ids.get(0), token, Map.of("subject", "changed"));
    http.delete("/v1.0/me/events/" + ids.get(1), token);
    String occurrence =
        seen.stream()
            .filter(n -> n.path("type").asText().equals("occurrence"))
            .findFirst()
            .orElseThrow()
            .path("id")
            .asText();
    http.delete("/dev/accounts/" + ACCOUNT + "/events/" + occurrence, null);

    JsonNode changes = http.get(deltaLink, token).json();
    List<String> shown = new ArrayList<>();
    changes
        .path("value")
        .forEach(
            n ->
                shown.add(
                    n.path("id").asText()
                        + (n.has("@removed")
                            ? ":" + n.at("/@removed/reason").asText()
                            : ":" + n.path("subject").asText())));
    assertThat(shown)
        .containsExactly(ids.get(0) + ":changed", ids.get(1) + ":deleted", occurrence + ":deleted");
    JsonNode removed = changes.path("value").get(1);
    assertThat(removed.path("@odata.type").asText()).isEqualTo("#microsoft.graph.event");
    String next = changes.path("@odata.deltaLink").asText();
    assertThat(http.get(next, token).json().path("value")).isEmpty();

    // replay: the next incremental page repeats the last one delivered
    String last = http.get(next, token).json().path("@odata.deltaLink").asText();
    http.json("PATCH", "/v1.0/me/events/" + ids.get(2), token, Map.of("subject", "once"));
    JsonNode delivered = http.get(last, token).json();
    assertThat(delivered.path("value")).hasSize(1);
    http.json("POST", "/dev/accounts/" + ACCOUNT + "/replay-delta", null, Map.of());
    JsonNode replayed = http.get(delivered.path("@odata.deltaLink").asText(), token).json();
    assertThat(replayed.path("value")).hasSize(1);
    assertThat(replayed.at("/value/0/subject").asText()).isEqualTo("once");
  }

  @Test
  void allDayDailySeriesWithEndDate() {
    String token = token();
    Map<String, Object> body =
        Map.of(
            "subject",
            "holiday",
            "isAllDay",
            true,
            "start",
            Map.of("dateTime", "2026-12-24T00:00:00", "timeZone", "Pacific Standard Time"),
            "end",
            Map.of("dateTime", "2026-12-25T00:00:00", "timeZone", "Pacific Standard Time"),
            "recurrence",
            Map.of(
                "pattern", Map.of("type", "daily", "interval", 1),
                "range",
                    Map.of("type", "endDate", "startDate", "2026-12-24", "endDate", "2026-12-26")));
    assertThat(http.json("POST", "/v1.0/me/events", token, body).status()).isEqualTo(201);
    JsonNode value = http.get(WINDOW, token).json().path("value");
    assertThat(value)
        .extracting(n -> n.at("/start/dateTime").asText() + "/" + n.at("/end/dateTime").asText())
        .containsExactly(
            "2026-12-24T00:00:00.0000000/2026-12-25T00:00:00.0000000",
            "2026-12-25T00:00:00.0000000/2026-12-26T00:00:00.0000000",
            "2026-12-26T00:00:00.0000000/2026-12-27T00:00:00.0000000");
    assertThat(value).allSatisfy(n -> assertThat(n.path("isAllDay").asBoolean()).isTrue());
  }

  @Test
  void invalidatedDeltaTokenIsSyncStateNotFound() {
    String token = token();
    String deltaLink = http.get(WINDOW, token).json().path("@odata.deltaLink").asText();
    http.json("POST", "/dev/accounts/" + ACCOUNT + "/invalidate-cursors", null, Map.of());
    Reply r = http.get(deltaLink, token);
    assertThat(r.status()).isEqualTo(410);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("syncStateNotFound");
  }

  @Test
  void subscriptionValidationSucceedsOnlyWithTheTokenEchoed() throws Exception {
    String token = token();
    try (WebhookReceiver hook = new WebhookReceiver()) {
      hook.answerWith(
          r ->
              new WebhookReceiver.Reply(
                  200,
                  "text/plain",
                  URLDecoder.decode(
                      r.query().split("validationToken=")[1], StandardCharsets.UTF_8)));
      Reply ok = http.json("POST", "/v1.0/subscriptions", token, subscription(hook));
      assertThat(ok.status()).isEqualTo(201);
      assertThat(ok.json().path("applicationId").asText()).isEqualTo("dev-microsoft-client");
      assertThat(ok.json().path("clientState").asText()).isEqualTo("secret");
      assertThat(hook.received())
          .extracting(WebhookReceiver.Received::path)
          .containsExactly("/notify", "/lifecycle");

      hook.answerWith(r -> new WebhookReceiver.Reply(200, "text/plain", "not the token"));
      Reply bad = http.json("POST", "/v1.0/subscriptions", token, subscription(hook));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().at("/error/code").asText()).isEqualTo("ValidationError");
      assertThat(bad.json().at("/error/message").asText())
          .startsWith("Subscription validation request failed.");
      assertThat(http.get("/v1.0/subscriptions", token).json().path("value")).hasSize(1);

      Map<String, Object> tooLong = new HashMap<>(subscription(hook));
      tooLong.put("expirationDateTime", Instant.now().plus(Duration.ofDays(8)).toString());
      assertThat(http.json("POST", "/v1.0/subscriptions", token, tooLong).status()).isEqualTo(400);
    }
  }

  private static Map<String, Object> subscription(WebhookReceiver hook) {
    return Map.of(
        "changeType",
        "created,updated,deleted",
        "notificationUrl",
        hook.url("/notify"),
        "lifecycleNotificationUrl",
        hook.url("/lifecycle"),
        "resource",
        "me/events",
        "expirationDateTime",
        Instant.now().plus(Duration.ofDays(2)).toString(),
        "clientState",
        "secret");
  }

  @Test
  void changeNotificationsThenSubscriptionRemoved() throws Exception {
    String token = token();
    try (WebhookReceiver hook = new WebhookReceiver()) {
      hook.answerWith(
          r ->
              r.query() != null && r.query().contains("validationToken=")
                  ? new WebhookReceiver.Reply(
                      200,
                      "text/plain",
                      URLDecoder.decode(
                          r.query().split("validationToken=")[1], StandardCharsets.UTF_8))
                  : new WebhookReceiver.Reply(202, "text/plain", ""));
      String subscriptionId =
          http.json("POST", "/v1.0/subscriptions", token, subscription(hook))
              .json()
              .path("id")
              .asText();
      JsonNode created =
          http.json(
                  "POST",
                  "/v1.0/me/events",
                  token,
                  event("n", "2026-12-10T09:00:00", "2026-12-10T10:00:00"))
              .json();
      await().atMost(WAIT).until(() -> notifications(hook).size() == 1);
      JsonNode n = parse(notifications(hook).get(0).body()).path("value").get(0);
      String userId = http.get("/v1.0/me", token).json().path("id").asText();
      String resource = "Users/" + userId + "/Events/" + created.path("id").asText();
      assertThat(n.path("subscriptionId").asText()).isEqualTo(subscriptionId);
      assertThat(n.path("changeType").asText()).isEqualTo("created");
      assertThat(n.path("clientState").asText()).isEqualTo("secret");
      assertThat(n.path("resource").asText()).isEqualTo(resource);
      assertThat(n.at("/resourceData/@odata.type").asText()).isEqualTo("#Microsoft.Graph.Event");
      assertThat(n.at("/resourceData/@odata.id").asText()).isEqualTo(resource);
      assertThat(n.at("/resourceData/@odata.etag").asText())
          .isEqualTo(created.path("@odata.etag").asText());
      assertThat(n.at("/resourceData/id").asText()).isEqualTo(created.path("id").asText());
      assertThat(n.path("tenantId").asText()).isNotBlank();
      assertThat(n.path("subscriptionExpirationDateTime").asText()).isNotBlank();
      await()
          .atMost(WAIT)
          .until(() -> http.get("/dev/notifications", null).json().path("items").size() == 1);
      JsonNode logged = http.get("/dev/notifications", null).json().at("/items/0");
      assertThat(logged.path("changeType").asText()).isEqualTo("created");
      assertThat(logged.path("status").asInt()).isEqualTo(202);

      assertThat(
              http.json(
                      "POST",
                      "/dev/subscriptions/" + subscriptionId + "/lifecycle",
                      null,
                      Map.of("event", "subscriptionRemoved"))
                  .status())
          .isEqualTo(204);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  hook.received().stream()
                      .anyMatch(r -> r.path().equals("/lifecycle") && !r.body().isEmpty()));
      WebhookReceiver.Received lifecycle =
          hook.received().stream()
              .filter(r -> r.path().equals("/lifecycle") && !r.body().isEmpty())
              .findFirst()
              .orElseThrow();
      JsonNode l = parse(lifecycle.body()).path("value").get(0);
      assertThat(l.path("lifecycleEvent").asText()).isEqualTo("subscriptionRemoved");
      assertThat(l.path("subscriptionId").asText()).isEqualTo(subscriptionId);
      assertThat(http.get("/v1.0/subscriptions", token).json().path("value")).isEmpty();
      assertThat(http.get("/dev/subscriptions", null).json().at("/items/0/removed").asBoolean())
          .isTrue();
      assertThat(
              http.json("PATCH", "/v1.0/subscriptions/" + subscriptionId, token, Map.of())
                  .json()
                  .at("/error/code")
                  .asText())
          .isEqualTo("ResourceNotFound");
    }
  }

  @Test
  void faultUsesGraphErrorShape() {
    String token = token();
    http.json(
        "POST",
        "/dev/faults",
        null,
        Map.of(
            "pathContains",
            "/delta",
            "status",
            429,
            "retryAfterSeconds",
            3,
            "reason",
            "TooManyRequests"));
    Reply r = http.get(WINDOW, token);
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.header("Retry-After")).isEqualTo("3");
    assertThat(r.json().at("/error/code").asText()).isEqualTo("TooManyRequests");
    assertThat(http.get(WINDOW, token).status()).isEqualTo(200);
  }

  private static List<WebhookReceiver.Received> notifications(WebhookReceiver hook) {
    return hook.received().stream()
        .filter(r -> r.path().equals("/notify") && !r.body().isEmpty())
        .toList();
  }

  private static JsonNode parse(String body) {
    return Json.parseObject(body);
  }
}
