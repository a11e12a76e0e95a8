package dev.calendar.devservers.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.devservers.fakeapi.LocalServerTest;
import dev.calendar.devservers.fakeapi.TestHttp.Reply;
import dev.calendar.devservers.fakeapi.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local Google Calendar over real HTTP, as the service's client would use it. */
class GoogleCalendarServerTest extends LocalServerTest<GoogleCalendarServer> {
  private static final String ACCOUNT = "alice@example.com";
  private static final String EVENTS = "/calendar/v3/calendars/primary/events";
  private static final Duration WAIT = Duration.ofSeconds(10);

  GoogleCalendarServerTest() {
    super(() -> GoogleCalendarServer.start("127.0.0.1", 0), GoogleCalendarServer::url);
  }

  private record Tokens(String access, String refresh) {}

  private Tokens login() {
    String code =
        authorizeCode(
            "/o/oauth2/v2/auth?client_id=dev-google-client&redirect_uri=http://localhost/cb"
                + "&state=s1&login_hint="
                + ACCOUNT,
            "s1");
    Reply token =
        http.form(
            "/token",
            Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "client_id", "dev-google-client",
                "client_secret", "dev-google-secret",
                "redirect_uri", "http://localhost/cb"));
    assertThat(token.status()).isEqualTo(200);
    assertThat(token.json().path("expires_in").asInt()).isEqualTo(3599);
    assertThat(token.json().path("scope").asText())
        .isEqualTo("https://www.googleapis.com/auth/calendar");
    return new Tokens(
        token.json().path("access_token").asText(), token.json().path("refresh_token").asText());
  }

  private Reply refresh(String refreshToken, String clientSecret) {
    return http.form(
        "/token",
        Map.of(
            "grant_type",
            "refresh_token",
            "refresh_token",
            refreshToken,
            "client_id",
            "dev-google-client",
            "client_secret",
            clientSecret));
  }

  private static Map<String, Object> event(String summary, String start, String end) {
    return Map.of(
        "summary", summary,
        "start", Map.of("dateTime", start, "timeZone", "Europe/Berlin"),
        "end", Map.of("dateTime", end, "timeZone", "Europe/Berlin"));
  }

  @Test
  void codeExchangeRefreshAndInvalidGrantAfterRevoke() {
    Tokens t = login();
    assertThat(http.get("/calendar/v3/calendars/primary", t.access()).json().path("id").asText())
        .isEqualTo(ACCOUNT);

    Reply refreshed = refresh(t.refresh(), "dev-google-secret");
    assertThat(refreshed.status()).isEqualTo(200);
    assertThat(refreshed.json().has("refresh_token")).isFalse();
    String access = refreshed.json().path("access_token").asText();
    assertThat(http.get(EVENTS, access).status()).isEqualTo(200);

    Reply wrongClient = refresh(t.refresh(), "nope");
    assertThat(wrongClient.status()).isEqualTo(401);
    assertThat(wrongClient.json().path("error").asText()).isEqualTo("invalid_client");

    assertThat(http.json("POST", "/dev/accounts/" + ACCOUNT + "/revoke", null, Map.of()).status())
        .isEqualTo(204);
    Reply afterRevoke = refresh(t.refresh(), "dev-google-secret");
    assertThat(afterRevoke.status()).isEqualTo(400);
    assertThat(afterRevoke.json().path("error").asText()).isEqualTo("invalid_grant");
    Reply api = http.get(EVENTS, access);
    assertThat(api.status()).isEqualTo(401);
    assertThat(api.json().at("/error/status").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(api.json().at("/error/errors/0/reason").asText()).isEqualTo("authError");
  }

  @Test
  void usedCodeAndExpiredAccessTokenAreRefused() {
    String code =
        http.json("POST", "/dev/codes", null, Map.of("account", ACCOUNT))
            .json()
            .path("code")
            .asText();
    Map<String, String> exchange =
        Map.of(
            "grant_type", "authorization_code",
            "code", code,
            "client_id", "dev-google-client",
            "client_secret", "dev-google-secret");
    server.setAccessTokenTtl(Duration.ZERO);
    Reply first = http.form("/token", exchange);
    assertThat(first.status()).isEqualTo(200);
    assertThat(http.form("/token", exchange).json().path("error").asText())
        .isEqualTo("invalid_grant");
    assertThat(http.get(EVENTS, first.json().path("access_token").asText()).status())
        .isEqualTo(401);
  }

  @Test
  void fullListingWithPagesThenIncrementalShowsChangeAndCancellation() {
    String token = login().access();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Reply r =
          http.json(
              "POST",
              EVENTS,
              token,
              event(
                  "e" + i,
                  "2026-12-1" + i + "T09:00:00+01:00",
                  "2026-12-1" + i + "T10:00:00+01:00"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().path("etag").asText()).matches("\"\\d+\"");
      ids.add(r.json().path("id").asText());
    }
    String window = "&timeMin=2026-12-01T00:00:00Z&timeMax=2027-01-01T00:00:00Z";
    Reply page1 = http.get(EVENTS + "?singleEvents=true&maxResults=2" + window, token);
    assertThat(page1.json().path("items")).hasSize(2);
    assertThat(page1.json().has("nextSyncToken")).isFalse();
    List<String> seen = new ArrayList<>();
    page1.json().path("items").forEach(e -> seen.add(e.path("id").asText()));
    JsonNode page = page1.json();
    while (page.has("nextPageToken")) {
      // a write while paging is not lost: it comes with the next incremental round
      if (seen.size() == 2) {
        http.json("PATCH", EVENTS + "/" + ids.get(4), token, Map.of("summary", "during"));
      }
      page =
          http.get(EVENTS + "?maxResults=2&pageToken=" + page.path("nextPageToken").asText(), token)
              .json();
      page.path("items").forEach(e -> seen.add(e.path("id").asText()));
    }
    assertThat(seen).containsExactlyElementsOf(ids);
    String sync = page.path("nextSyncToken").asText();

    http.json("PATCH", EVENTS + "/" + ids.get(1), token, Map.of("summary", "moved"));
    assertThat(http.delete(EVENTS + "/" + ids.get(2), token).status()).isEqualTo(204);
    assertThat(
            http.delete(EVENTS + "/" + ids.get(2), token)
                .json()
                .at("/error/errors/0/reason")
                .asText())
        .isEqualTo("deleted");

    Reply changes = http.get(EVENTS + "?singleEvents=true&syncToken=" + sync, token);
    assertThat(changes.status()).isEqualTo(200);
    assertThat(changes.json().path("items"))
        .extracting(e -> e.path("id").asText() + ":" + e.path("status").asText())
        .containsExactlyInAnyOrder(
            ids.get(4) + ":confirmed", ids.get(1) + ":confirmed", ids.get(2) + ":cancelled");
    String next = changes.json().path("nextSyncToken").asText();
    assertThat(http.get(EVENTS + "?syncToken=" + next, token).json().path("items")).isEmpty();

    Reply mixed = http.get(EVENTS + "?syncToken=" + next + "&timeMin=2026-12-01T00:00:00Z", token);
    assertThat(mixed.status()).isEqualTo(400);
    assertThat(mixed.json().at("/error/errors/0/reason").asText()).isEqualTo("invalidParameter");

    assertThat(http.get(EVENTS + "/" + ids.get(2), token).json().path("status").asText())
        .isEqualTo("cancelled");
    assertThat(http.get(EVENTS + "/nosuchevent", token).status()).isEqualTo(404);
  }

  @Test
  void seriesIsExpandedAndOneInstanceCanBeCancelled() {
    String token = login().access();
    Map<String, Object> body =
        Map.of(
            "summary", "standup",
            "start", Map.of("dateTime", "2026-12-10T09:00:00+01:00", "timeZone", "Europe/Berlin"),
            "end", Map.of("dateTime", "2026-12-10T09:15:00+01:00", "timeZone", "Europe/Berlin"),
            "recurrence", List.of("RRULE:FREQ=DAILY;COUNT=3"));
    Reply master = http.json("POST", EVENTS, token, body);
    String masterId = master.json().path("id").asText();
    assertThat(master.json().path("recurrence").get(0).asText())
        .isEqualTo("RRULE:FREQ=DAILY;COUNT=3");

    Reply list = http.get(EVENTS + "?singleEvents=true", token);
    JsonNode items = list.json().path("items");
    assertThat(items)
        .extracting(e -> e.path("id").asText())
        .containsExactly(
            masterId + "_20261210T080000Z",
            masterId + "_20261211T080000Z",
            masterId + "_20261212T080000Z");
    JsonNode second = items.get(1);
    assertThat(second.path("recurringEventId").asText()).isEqualTo(masterId);
    assertThat(second.at("/originalStartTime/dateTime").asText())
        .isEqualTo("2026-12-11T09:00:00+01:00");
    assertThat(second.at("/end/dateTime").asText()).isEqualTo("2026-12-11T09:15:00+01:00");
    String sync = list.json().path("nextSyncToken").asText();

    assertThat(http.delete(EVENTS + "/" + second.path("id").asText(), token).status())
        .isEqualTo(204);
    JsonNode changes = http.get(EVENTS + "?syncToken=" + sync, token).json().path("items");
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).path("status").asText()).isEqualTo("cancelled");
    assertThat(http.get(EVENTS + "?singleEvents=true", token).json().path("items")).hasSize(2);
    assertThat(http.get(EVENTS + "?singleEvents=true&showDeleted=true", token).json().path("items"))
        .hasSize(3);

    // all-day series: ids carry the date only
    Reply allDay =
        http.json(
            "POST",
            EVENTS,
            token,
            Map.of(
                "start", Map.of("date", "2026-12-24"),
                "end", Map.of("date", "2026-12-25"),
                "recurrence", List.of("RRULE:FREQ=YEARLY;COUNT=2")));
    String allDayId = allDay.json().path("id").asText();
    assertThat(
            http.get(EVENTS + "/" + allDayId + "_20271224", token)
                .json()
                .at("/start/date")
                .asText())
        .isEqualTo("2027-12-24");
  }

  @Test
  void untilInUtcAndExdatesBoundTheSeriesAcrossDst() {
    String token = login().access();
    Map<String, Object> body =
        Map.of(
            "start",
            Map.of("dateTime", "2026-10-21T09:00:00+02:00", "timeZone", "Europe/Berlin"),
            "end",
            Map.of("dateTime", "2026-10-21T10:00:00+02:00", "timeZone", "Europe/Berlin"),
            "recurrence",
            List.of(
                "RRULE:FREQ=WEEKLY;UNTIL=20261111T080000Z",
                "EXDATE;TZID=Europe/Berlin:20261028T090000"));
    String id = http.json("POST", EVENTS, token, body).json().path("id").asText();
    JsonNode items = http.get(EVENTS + "?singleEvents=true", token).json().path("items");
    // 09:00 Berlin stays 09:00 after the clocks go back on 25 October: 07:00Z to 08:00Z
    assertThat(items)
        .extracting(e -> e.path("id").asText())
        .containsExactly(
            id + "_20261021T070000Z", id + "_20261104T080000Z", id + "_20261111T080000Z");
    assertThat(items.get(1).at("/start/dateTime").asText()).isEqualTo("2026-11-04T09:00:00+01:00");

    // moving the master moves every instance; the rule's UNTIL and EXDATE stay as written, so
    // the 09:00 exclusion no longer hits and 11 November at 11:00 is after UNTIL
    http.json(
        "PATCH",
        EVENTS + "/" + id,
        token,
        Map.of(
            "start", Map.of("dateTime", "2026-10-21T11:00:00+02:00", "timeZone", "Europe/Berlin"),
            "end", Map.of("dateTime", "2026-10-21T12:00:00+02:00", "timeZone", "Europe/Berlin")));
    assertThat(http.get(EVENTS + "?singleEvents=true", token).json().path("items"))
        .extracting(e -> e.at("/start/dateTime").asText())
        .containsExactly(
            "2026-10-21T11:00:00+02:00", "2026-10-28T11:00:00+01:00", "2026-11-04T11:00:00+01:00");
  }

  @Test
  void invalidatedSyncTokenIsGone() {
    String token = login().access();
    String sync =
        http.get(EVENTS + "?singleEvents=true", token).json().path("nextSyncToken").asText();
    http.json("POST", "/dev/accounts/" + ACCOUNT + "/invalidate-cursors", null, Map.of());
    Reply r = http.get(EVENTS + "?syncToken=" + sync, token);
    assertThat(r.status()).isEqualTo(410);
    assertThat(r.json().at("/error/errors/0/reason").asText()).isEqualTo("fullSyncRequired");
    assertThat(r.json().at("/error/message").asText())
        .isEqualTo("Sync token is no longer valid, a full sync is required.");
  }

  @Test
  void clientIdInsertThenDuplicate() {
    String token = login().access();
    Map<String, Object> body =
        new HashMap<>(event("mine", "2026-12-10T09:00:00+01:00", "2026-12-10T10:00:00+01:00"));
    body.put("id", "abc123def456");
    assertThat(http.json("POST", EVENTS, token, body).json().path("id").asText())
        .isEqualTo("abc123def456");
    Reply dup = http.json("POST", EVENTS, token, body);
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.json().at("/error/errors/0/reason").asText()).isEqualTo("duplicate");
    assertThat(dup.json().at("/error/message").asText())
        .isEqualTo("The requested identifier already exists.");
    body.put("id", "Not_Base32");
    assertThat(http.json("POST", EVENTS, token, body).json().at("/error/errors/0/reason").asText())
        .isEqualTo("invalid");
  }

  @Test
  void watchSendsSyncThenExistsAndStopEndsIt() throws Exception {
    String token = login().access();
    try (WebhookReceiver hook = new WebhookReceiver()) {
      Reply watch =
          http.json(
              "POST",
              EVENTS + "/watch",
              token,
              Map.of(
                  "id",
                  "chan-1",
                  "type",
                  "web_hook",
                  "address",
                  hook.url("/google"),
                  "token",
                  "tok"));
      assertThat(watch.status()).isEqualTo(200);
      assertThat(watch.json().path("kind").asText()).isEqualTo("api#channel");
      String resourceId = watch.json().path("resourceId").asText();
      await().atMost(WAIT).until(() -> hook.received().size() == 1);
      WebhookReceiver.Received sync = hook.received().get(0);
      assertThat(sync.header("X-Goog-Resource-State")).isEqualTo("sync");
      assertThat(sync.header("X-Goog-Message-Number")).isEqualTo("1");
      assertThat(sync.header("X-Goog-Channel-ID")).isEqualTo("chan-1");
      assertThat(sync.header("X-Goog-Channel-Token")).isEqualTo("tok");
      assertThat(sync.header("X-Goog-Resource-ID")).isEqualTo(resourceId);
      assertThat(sync.header("X-Goog-Channel-Expiration")).endsWith("GMT");

      Reply again =
          http.json(
              "POST",
              EVENTS + "/watch",
              token,
              Map.of("id", "chan-1", "type", "web_hook", "address", hook.url("/google")));
      assertThat(again.json().at("/error/errors/0/reason").asText())
          .isEqualTo("channelIdNotUnique");

      http.json(
          "POST",
          "/dev/accounts/" + ACCOUNT + "/events",
          null,
          event("from elsewhere", "2026-12-10T09:00:00+01:00", "2026-12-10T10:00:00+01:00"));
      await().atMost(WAIT).until(() -> hook.received().size() == 2);
      WebhookReceiver.Received exists = hook.received().get(1);
      assertThat(exists.header("X-Goog-Resource-State")).isEqualTo("exists");
      assertThat(exists.header("X-Goog-Message-Number")).isEqualTo("2");
      await()
          .atMost(WAIT)
          .until(() -> http.get("/dev/notifications", null).json().path("items").size() == 2);

      assertThat(
              http.json(
                      "POST",
                      "/calendar/v3/channels/stop",
                      token,
                      Map.of("id", "chan-1", "resourceId", resourceId))
                  .status())
          .isEqualTo(204);
      assertThat(
              http.json(
                      "POST",
                      "/calendar/v3/channels/stop",
                      token,
                      Map.of("id", "chan-1", "resourceId", resourceId))
                  .status())
          .isEqualTo(404);
      http.json(
          "POST",
          EVENTS,
          token,
          event("quiet", "2026-12-11T09:00:00+01:00", "2026-12-11T10:00:00+01:00"));
      // a later channel on the same account is notified; the stopped one must still have 2
      http.json(
          "POST",
          EVENTS + "/watch",
          token,
          Map.of("id", "chan-2", "type", "web_hook", "address", hook.url("/later")));
      await()
          .atMost(WAIT)
          .until(() -> hook.received().stream().anyMatch(r -> r.path().equals("/later")));
      assertThat(hook.received()).filteredOn(r -> r.path().equals("/google")).hasSize(2);
      assertThat(
              http.get("/dev/channels", null)
                  .json()
                  .path("items")
                  .get(0)
                  .path("stopped")
                  .asBoolean())
          .isTrue();
    }
  }

  @Test
  void faultWithRetryAfterAndOneAfterApply() {
    String token = login().access();
    http.json(
        "POST",
        "/dev/faults",
        null,
        Map.of(
            "method",
            "GET",
            "pathContains",
            "/events",
            "status",
            429,
            "retryAfterSeconds",
            2,
            "reason",
            "rateLimitExceeded",
            "times",
            1));
    Reply limited = http.get(EVENTS, token);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("2");
    assertThat(limited.json().at("/error/errors/0/reason").asText()).isEqualTo("rateLimitExceeded");
    assertThat(http.get(EVENTS, token).status()).isEqualTo(200);

    http.json(
        "POST",
        "/dev/faults",
        null,
        Map.of("method", "POST", "pathContains", "/events", "status", 503, "afterApply", true));
    Map<String, Object> body =
        new HashMap<>(
            event("lost answer", "2026-12-10T09:00:00+01:00", "2026-12-10T10:00:00+01:00"));
    body.put("id", "lostanser1");
    assertThat(http.json("POST", EVENTS, token, body).status()).isEqualTo(503);
    assertThat(http.json("POST", EVENTS, token, body).status()).isEqualTo(409);

    JsonNode requests = http.get("/dev/requests", null).json().path("items");
    assertThat(requests).extracting(r -> r.path("status").asInt()).contains(429, 503, 409);
  }
}
