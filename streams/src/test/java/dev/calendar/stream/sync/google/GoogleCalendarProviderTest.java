package dev.calendar.stream.sync.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.stream.sync.provider.ChangeQuery;
import dev.calendar.stream.sync.provider.OutgoingEvent;
import dev.calendar.stream.sync.provider.ProviderClientTest;
import dev.calendar.stream.sync.provider.ProviderException.Kind;
import dev.calendar.stream.sync.provider.ProviderStub.Reply;
import dev.calendar.stream.sync.provider.RemoteEvent;
import dev.calendar.stream.sync.provider.Tokens;
import dev.calendar.stream.sync.provider.Watch;
import dev.calendar.stream.sync.provider.WatchSpec;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;

/** Google Calendar v3 and its token endpoint, spoken to a stub that answers as Google does. */
class GoogleCalendarProviderTest extends ProviderClientTest {
  private static final String TOKEN = "ya29.access";
  private static final String EVENTS = "/calendar/v3/calendars/primary/events";
  private static final String GOOGLE_ID = "28v4apv8jc9d792m89j185q000";
  private final GoogleCalendarProvider google =
      new GoogleCalendarProvider(
          system(), settings("/calendar/v3", "client-1", "secret-1"), clock());

  @Test
  void aCodeIsExchangedForTokensAndTheAccountIsThePrimaryCalendarsId() throws Exception {
    stub.on(
        "POST",
        "/token",
        Reply.json(
            200,
            "{\"access_token\":\"at-1\",\"expires_in\":3599,\"refresh_token\":\"rt-1\","
                + "\"scope\":\"https://www.googleapis.com/auth/calendar\",\"token_type\":\"Bearer\"}"));
    stub.on(
        "GET",
        "/calendar/v3/calendars/primary",
        Reply.json(200, "{\"kind\":\"calendar#calendar\",\"id\":\"ann@example.com\"}"));

    var grant = await(google.exchangeCode("code-1", "https://app.test/oauth/google"));

    assertThat(grant.account()).isEqualTo("ann@example.com");
    assertThat(grant.tokens()).isEqualTo(new Tokens("at-1", NOW.plusSeconds(3599), "rt-1"));
    var tokenRequest = stub.requests().get(0);
    assertThat(tokenRequest.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(tokenRequest.form())
        .containsExactly(
            Map.entry("code", "code-1"),
            Map.entry("client_id", "client-1"),
            Map.entry("client_secret", "secret-1"),
            Map.entry("redirect_uri", "https://app.test/oauth/google"),
            Map.entry("grant_type", "authorization_code"));
    assertThat(stub.last().header("Authorization")).isEqualTo("Bearer at-1");
  }

  @Test
  void aRefreshKeepsTheRefreshTokenGoogleDoesNotRepeat() throws Exception {
    stub.on(
        "POST",
        "/token",
        Reply.json(
            200, "{\"access_token\":\"at-2\",\"expires_in\":1800,\"token_type\":\"Bearer\"}"));

    var tokens = await(google.refresh(new Tokens("at-1", NOW, "rt-1")));

    assertThat(tokens).isEqualTo(new Tokens("at-2", NOW.plusSeconds(1800), "rt-1"));
    assertThat(stub.last().form())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "rt-1")
        .containsEntry("client_id", "client-1")
        .doesNotContainKey("scope");
  }

  @Test
  void aRevokedGrantIsInvalidGrantAndABadClientARefusal() {
    stub.on(
        "POST",
        "/token",
        Reply.json(
            400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"Token has been expired or revoked.\"}"),
        Reply.json(
            401,
            "{\"error\":\"invalid_client\",\"error_description\":\"The OAuth client was not found.\"}"));

    var revoked = failure(google.refresh(new Tokens("at-1", NOW, "rt-1")));
    var badClient = failure(google.refresh(new Tokens("at-1", NOW, "rt-1")));

    assertThat(revoked.kind()).isEqualTo(Kind.INVALID_GRANT);
    assertThat(revoked.getMessage())
        .isEqualTo("google answered HTTP 400 (invalid_grant): Token has been expired or revoked.")
        .doesNotContain("rt-1");
    assertThat(badClient.kind()).isEqualTo(Kind.REJECTED);
    assertThat(badClient.status()).isEqualTo(401);
  }

  @Test
  void aRefusedAccessTokenIsUnauthorized() {
    stub.on(
        "GET",
        EVENTS,
        Reply.json(
            401,
            "{\"error\":{\"code\":401,\"message\":\"Request had invalid authentication credentials.\","
                + "\"errors\":[{\"message\":\"Invalid Credentials\",\"domain\":\"global\",\"reason\":\"authError\"}],"
                + "\"status\":\"UNAUTHENTICATED\"}}"));

    var failure = failure(google.changes(TOKEN, fullListing(null)));

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.getMessage()).contains("google", "401").doesNotContain(TOKEN);
  }

  @Test
  void aLostSyncTokenIsSyncStateLost() {
    stub.on(
        "GET",
        EVENTS,
        Reply.json(
            410,
            error(
                410,
                "fullSyncRequired",
                "Sync token is no longer valid, a full sync is required.")));

    var failure =
        failure(google.changes(TOKEN, new ChangeQuery("sync-1", null, WINDOW_START, WINDOW_END)));

    assertThat(failure.kind()).isEqualTo(Kind.SYNC_STATE_LOST);
    assertThat(failure.status()).isEqualTo(410);
  }

  @Test
  void tooManyRequestsIsRateLimitedForTheRetryAfterGiven() {
    stub.on(
        "GET",
        EVENTS,
        Reply.json(429, error(429, "rateLimitExceeded", "Rate Limit Exceeded"))
            .withHeader("Retry-After", "7"),
        Reply.json(429, error(429, "rateLimitExceeded", "Rate Limit Exceeded"))
            .withHeader("Retry-After", "Tue, 01 Dec 2026 10:02:00 GMT"));

    var seconds = failure(google.changes(TOKEN, fullListing(null)));
    var date = failure(google.changes(TOKEN, fullListing(null)));

    assertThat(seconds.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(date.retryAfter()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void a403IsARateLimitAQuotaOrARefusalByItsReason() {
    stub.on(
        "GET",
        EVENTS,
        Reply.json(403, error(403, "rateLimitExceeded", "Rate Limit Exceeded")),
        Reply.json(403, error(403, "userRateLimitExceeded", "User Rate Limit Exceeded")),
        Reply.json(403, error(403, "quotaExceeded", "Calendar usage limits exceeded.")),
        Reply.json(403, error(403, "forbidden", "Forbidden")));

    assertThat(failure(google.changes(TOKEN, fullListing(null))).kind())
        .isEqualTo(Kind.RATE_LIMITED);
    assertThat(failure(google.changes(TOKEN, fullListing(null))).kind())
        .isEqualTo(Kind.RATE_LIMITED);
    var quota = failure(google.changes(TOKEN, fullListing(null)));
    assertThat(quota.kind()).isEqualTo(Kind.QUOTA_EXCEEDED);
    assertThat(quota.getMessage())
        .isEqualTo("google answered HTTP 403 (quotaExceeded): Calendar usage limits exceeded.");
    assertThat(failure(google.changes(TOKEN, fullListing(null))).kind()).isEqualTo(Kind.REJECTED);
  }

  @Test
  void aServerErrorIsUnavailable() {
    stub.on("GET", EVENTS, Reply.json(503, error(503, "backendError", "Backend Error")));

    assertThat(failure(google.changes(TOKEN, fullListing(null))).kind())
        .isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void aFullListingPagesByTokenAndEndsWithTheSyncToken() throws Exception {
    stub.on(
        "GET",
        EVENTS,
        Reply.json(
            200,
            "{\"kind\":\"calendar#events\",\"items\":["
                + TIMED
                + "],\"nextPageToken\":\"page-2\"}"),
        Reply.json(
            200,
            "{\"kind\":\"calendar#events\",\"items\":["
                + ALL_DAY
                + "],\"nextSyncToken\":\"sync-1\"}"));

    var first = await(google.changes(TOKEN, fullListing(null)));
    var second = await(google.changes(TOKEN, fullListing(first.nextPage())));

    assertThat(first.items()).extracting(RemoteEvent::id).containsExactly("timed");
    assertThat(first.nextPage()).isEqualTo("page-2");
    assertThat(first.cursor()).isNull();
    assertThat(second.last()).isTrue();
    assertThat(second.cursor()).isEqualTo("sync-1");
    var requests = stub.requests();
    assertThat(requests.get(0).params())
        .containsExactly(
            Map.entry("timeMin", "2026-11-01T00:00:00Z"),
            Map.entry("timeMax", "2027-03-01T00:00:00Z"),
            Map.entry("singleEvents", "true"),
            Map.entry("showDeleted", "true"),
            Map.entry("maxResults", "250"));
    assertThat(requests.get(1).params())
        .containsEntry("pageToken", "page-2")
        .containsKey("timeMin");
    assertThat(requests.get(1).header("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void anIncrementalListingSendsTheSyncTokenAndNoWindow() throws Exception {
    stub.on(
        "GET",
        EVENTS,
        Reply.json(200, "{\"items\":[" + DELETED + "],\"nextPageToken\":\"p2\"}"),
        Reply.json(200, "{\"items\":[],\"nextSyncToken\":\"sync-3\"}"));

    var first =
        await(google.changes(TOKEN, new ChangeQuery("sync-2+/=", null, WINDOW_START, WINDOW_END)));
    var last =
        await(
            google.changes(
                TOKEN, new ChangeQuery("sync-2+/=", first.nextPage(), WINDOW_START, WINDOW_END)));

    assertThat(first.items())
        .containsExactly(
            new RemoteEvent("gone", "\"7\"", true, false, null, null, null, null, null));
    assertThat(last.cursor()).isEqualTo("sync-3");
    assertThat(stub.requests().get(0).params())
        .containsExactly(
            Map.entry("syncToken", "sync-2+/="),
            Map.entry("singleEvents", "true"),
            Map.entry("showDeleted", "true"),
            Map.entry("maxResults", "250"));
    assertThat(stub.requests().get(1).params())
        .containsEntry("syncToken", "sync-2+/=")
        .containsEntry("pageToken", "p2")
        .doesNotContainKeys("timeMin", "timeMax");
  }

  @Test
  void eventsAreReadAsTheyAreTimedAllDayCancelledOrTransparent() throws Exception {
    stub.on(
        "GET",
        EVENTS,
        Reply.json(
            200,
            "{\"items\":[" + TIMED + "," + ALL_DAY + "," + DELETED + "],\"nextSyncToken\":\"s\"}"));

    var items = await(google.changes(TOKEN, fullListing(null))).items();

    assertThat(items.get(0))
        .isEqualTo(
            new RemoteEvent(
                "timed",
                "\"3\"",
                false,
                false,
                Instant.parse("2026-12-10T08:00:00Z"),
                Instant.parse("2026-12-10T09:30:00Z"),
                null,
                null,
                LOCAL_ID));
    // All-day days as written: no zone may move them to the day before or after.
    assertThat(items.get(1))
        .isEqualTo(
            new RemoteEvent(
                "allday",
                "\"4\"",
                false,
                true,
                null,
                null,
                LocalDate.of(2026, 12, 24),
                LocalDate.of(2026, 12, 27),
                null));
    assertThat(items.get(1).allDay()).isTrue();
    assertThat(items.get(2).removed()).isTrue();
  }

  @Test
  void anInsertNamesTheEventByTheBase32hexOfItsUuid() throws Exception {
    stub.on("POST", EVENTS, Reply.json(200, TIMED.replace("\"timed\"", "\"" + GOOGLE_ID + "\"")));

    var inserted = await(google.insert(TOKEN, OUTGOING));

    assertThat(inserted.id()).isEqualTo(GOOGLE_ID);
    var body = stub.last().json();
    assertThat(body.path("id").asText()).isEqualTo(GOOGLE_ID);
    assertThat(body.path("summary").asText()).isEqualTo("Planning");
    assertThat(body.path("description").asText()).isEqualTo("Q1");
    assertThat(body.path("location").asText()).isEqualTo("Room 4");
    assertThat(body.path("start").path("dateTime").asText()).isEqualTo("2026-12-10T09:00:00+01:00");
    assertThat(body.path("start").path("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(body.path("end").path("dateTime").asText()).isEqualTo("2026-12-10T10:30:00+01:00");
    assertThat(body.path("recurrence").toString())
        .isEqualTo("[\"RRULE:FREQ=WEEKLY;COUNT=3\",\"EXDATE;TZID=Europe/Berlin:20261217T090000\"]");
    assertThat(
            body.path("extendedProperties").path("private").path("calendarServiceEventId").asText())
        .isEqualTo(LOCAL_ID);
    assertThat(stub.last().header("Content-Type")).startsWith("application/json");
  }

  @Test
  void aDuplicateInsertReturnsTheCopyAlreadyThere() throws Exception {
    stub.on(
        "POST",
        EVENTS,
        Reply.json(409, error(409, "duplicate", "The requested identifier already exists.")));
    stub.on(
        "GET",
        EVENTS + "/" + GOOGLE_ID,
        Reply.json(200, TIMED.replace("\"timed\"", "\"" + GOOGLE_ID + "\"")));

    var existing = await(google.insert(TOKEN, OUTGOING));

    assertThat(existing.id()).isEqualTo(GOOGLE_ID);
    assertThat(existing.localEventId()).isEqualTo(LOCAL_ID);
    assertThat(stub.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("POST " + EVENTS, "GET " + EVENTS + "/" + GOOGLE_ID);
  }

  @Test
  void aDuplicateThatWasCancelledIsWrittenAgainAsConfirmed() throws Exception {
    String cancelled =
        "{\"id\":\"" + GOOGLE_ID + "\",\"etag\":\"\\\"8\\\"\",\"status\":\"cancelled\"}";
    stub.on(
        "POST",
        EVENTS,
        Reply.json(409, error(409, "duplicate", "The requested identifier already exists.")));
    stub.on("GET", EVENTS + "/" + GOOGLE_ID, Reply.json(200, cancelled));
    stub.on(
        "PUT",
        EVENTS + "/" + GOOGLE_ID,
        Reply.json(200, TIMED.replace("\"timed\"", "\"" + GOOGLE_ID + "\"")));

    var revived = await(google.insert(TOKEN, OUTGOING));

    assertThat(revived.removed()).isFalse();
    var put = stub.last();
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.json().path("status").asText()).isEqualTo("confirmed");
    assertThat(put.json().has("id")).isFalse();
    assertThat(put.json().path("summary").asText()).isEqualTo("Planning");
  }

  @Test
  void anUpdateReplacesTheWholeEvent() throws Exception {
    stub.on("PUT", EVENTS + "/abc", Reply.json(200, TIMED.replace("\"timed\"", "\"abc\"")));

    var updated = await(google.update(TOKEN, "abc", OUTGOING));

    assertThat(updated.id()).isEqualTo("abc");
    assertThat(stub.last().json().has("id")).isFalse();
    assertThat(stub.last().json().path("start").path("dateTime").asText())
        .isEqualTo("2026-12-10T09:00:00+01:00");
  }

  @Test
  void anUpdateOfAMissingEventIsNotFound() {
    assertThat(failure(google.update(TOKEN, "nope", OUTGOING)).kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void aDeleteOfAnEventGoneOrDeletedBeforeIsDone() throws Exception {
    stub.on("DELETE", EVENTS + "/a", Reply.json(204, ""));
    stub.on(
        "DELETE",
        EVENTS + "/b",
        Reply.json(410, error(410, "deleted", "Resource has been deleted")));

    assertThat(await(google.delete(TOKEN, "a"))).isEqualTo(Done.getInstance());
    assertThat(await(google.delete(TOKEN, "b"))).isEqualTo(Done.getInstance());
    assertThat(await(google.delete(TOKEN, "never-there"))).isEqualTo(Done.getInstance());
  }

  @Test
  void aWatchOpensAChannelAndTakesItsExpirationInMilliseconds() throws Exception {
    Instant asked = Instant.parse("2026-12-20T10:00:00Z");
    Instant granted = Instant.parse("2026-12-08T10:00:00Z");
    stub.on(
        "POST",
        EVENTS + "/watch",
        Reply.json(
            200,
            "{\"kind\":\"api#channel\",\"id\":\"ch-1\",\"resourceId\":\"res-1\",\"resourceUri\":\"x\","
                + "\"token\":\"tok-1\",\"expiration\":\""
                + granted.toEpochMilli()
                + "\"}"));

    var watch =
        await(
            google.watch(
                TOKEN,
                new WatchSpec(
                    "ch-1", URI.create("https://app.test/hooks/google"), null, "tok-1", asked)));

    assertThat(watch).isEqualTo(new Watch("ch-1", "res-1", "tok-1", granted));
    var body = stub.last().json();
    assertThat(body.path("id").asText()).isEqualTo("ch-1");
    assertThat(body.path("type").asText()).isEqualTo("web_hook");
    assertThat(body.path("address").asText()).isEqualTo("https://app.test/hooks/google");
    assertThat(body.path("token").asText()).isEqualTo("tok-1");
    assertThat(body.path("expiration").asLong()).isEqualTo(asked.toEpochMilli());
  }

  @Test
  void aChannelCannotBeExtended() {
    var failure =
        failure(google.extend(TOKEN, new Watch("ch-1", "res-1", "tok", NOW), NOW.plusSeconds(60)));

    assertThat(failure.kind()).isEqualTo(Kind.UNSUPPORTED);
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void aStopOfAChannelGoogleNoLongerKnowsIsDone() throws Exception {
    stub.on(
        "POST",
        "/calendar/v3/channels/stop",
        Reply.json(204, ""),
        Reply.json(404, error(404, "notFound", "Channel not found")));
    var watch = new Watch("ch-1", "res-1", "tok", NOW);

    assertThat(await(google.stop(TOKEN, watch))).isEqualTo(Done.getInstance());
    assertThat(await(google.stop(TOKEN, watch))).isEqualTo(Done.getInstance());
    assertThat(stub.last().json().toString())
        .isEqualTo("{\"id\":\"ch-1\",\"resourceId\":\"res-1\"}");
  }

  private static final OutgoingEvent OUTGOING =
      new OutgoingEvent(
          LOCAL_ID,
          "Planning",
          "Q1",
          "Room 4",
          Instant.parse("2026-12-10T08:00:00Z"),
          Instant.parse("2026-12-10T09:30:00Z"),
          "Europe/Berlin",
          List.of("RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;TZID=Europe/Berlin:20261217T090000"));

  private static final String TIMED =
      "{\"kind\":\"calendar#event\",\"id\":\"timed\",\"etag\":\"\\\"3\\\"\",\"status\":\"confirmed\","
          + "\"start\":{\"dateTime\":\"2026-12-10T09:00:00+01:00\",\"timeZone\":\"Europe/Berlin\"},"
          + "\"end\":{\"dateTime\":\"2026-12-10T10:30:00+01:00\",\"timeZone\":\"Europe/Berlin\"},"
          + "\"extendedProperties\":{\"private\":{\"calendarServiceEventId\":\""
          + LOCAL_ID
          + "\"}}}";
  private static final String ALL_DAY =
      "{\"kind\":\"calendar#event\",\"id\":\"allday\",\"etag\":\"\\\"4\\\"\",\"status\":\"confirmed\","
          + "\"transparency\":\"transparent\","
          + "\"start\":{\"date\":\"2026-12-24\"},\"end\":{\"date\":\"2026-12-27\"}}";
  private static final String DELETED =
      "{\"kind\":\"calendar#event\",\"id\":\"gone\",\"etag\":\"\\\"7\\\"\",\"status\":\"cancelled\"}";

  private static String error(int code, String reason, String message) {
    return "{\"error\":{\"code\":"
        + code
        + ",\"message\":\""
        + message
        + "\",\"errors\":[{\"domain\":\"global\",\"reason\":\""
        + reason
        + "\",\"message\":\""
        + message
        + "\"}]}}";
  }
}
