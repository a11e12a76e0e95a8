package dev.calendar.stream.sync.outlook;

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

/**
 * Microsoft Graph and the identity platform's token endpoint, spoken to a stub that answers alike.
 */
class OutlookProviderTest extends ProviderClientTest {
  private static final String TOKEN = "eyJ0eXAi.access";
  private static final String DELTA = "/v1.0/me/calendarView/delta";
  private final OutlookProvider outlook =
      new OutlookProvider(system(), settings("/v1.0", "client-2", "secret-2"), clock());

  @Test
  void aCodeIsExchangedWithTheScopeAndTheAccountIsTheMailAddress() throws Exception {
    stub.on("POST", "/token", Reply.json(200, tokens("at-1", "rt-1")));
    stub.on(
        "GET",
        "/v1.0/me",
        Reply.json(
            200,
            "{\"id\":\"u1\",\"userPrincipalName\":\"bo@contoso.test\",\"mail\":\"bo.b@contoso.test\"}"));

    var grant = await(outlook.exchangeCode("code-1", "https://app.test/oauth/outlook"));

    assertThat(grant.account()).isEqualTo("bo.b@contoso.test");
    assertThat(grant.tokens()).isEqualTo(new Tokens("at-1", NOW.plusSeconds(3599), "rt-1"));
    assertThat(stub.requests().get(0).form())
        .containsExactly(
            Map.entry("code", "code-1"),
            Map.entry("client_id", "client-2"),
            Map.entry("client_secret", "secret-2"),
            Map.entry("redirect_uri", "https://app.test/oauth/outlook"),
            Map.entry("grant_type", "authorization_code"),
            Map.entry("scope", "offline_access Calendars.ReadWrite"));
    assertThat(stub.last().header("Authorization")).isEqualTo("Bearer at-1");
  }

  @Test
  void withoutMailTheAccountIsTheUserPrincipalName() throws Exception {
    stub.on("POST", "/token", Reply.json(200, tokens("at-1", "rt-1")));
    stub.on(
        "GET",
        "/v1.0/me",
        Reply.json(200, "{\"id\":\"u1\",\"userPrincipalName\":\"bo@contoso.test\",\"mail\":null}"));

    assertThat(await(outlook.exchangeCode("c", "https://app.test/cb")).account())
        .isEqualTo("bo@contoso.test");
  }

  @Test
  void aRefreshReplacesTheRefreshTokenWithMicrosoftsNewOne() throws Exception {
    stub.on("POST", "/token", Reply.json(200, tokens("at-2", "rt-2")));

    var tokens = await(outlook.refresh(new Tokens("at-1", NOW, "rt-1")));

    assertThat(tokens).isEqualTo(new Tokens("at-2", NOW.plusSeconds(3599), "rt-2"));
    assertThat(stub.last().form())
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", "rt-1")
        .containsEntry("scope", "offline_access Calendars.ReadWrite");
  }

  @Test
  void aRevokedGrantIsInvalidGrant() {
    stub.on(
        "POST",
        "/token",
        Reply.json(
            400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008: The refresh token has expired.\",\"error_codes\":[70008]}"));

    var failure = failure(outlook.refresh(new Tokens("at-1", NOW, "rt-1")));

    assertThat(failure.kind()).isEqualTo(Kind.INVALID_GRANT);
    assertThat(failure.getMessage())
        .startsWith("outlook answered HTTP 400 (invalid_grant): AADSTS70008");
  }

  @Test
  void aRefusedAccessTokenIsUnauthorized() {
    stub.on(
        "GET",
        DELTA,
        Reply.json(
            401,
            "{\"error\":{\"code\":\"InvalidAuthenticationToken\",\"message\":\"Access token has expired.\"}}"));

    var failure = failure(outlook.changes(TOKEN, fullListing(null)));

    assertThat(failure.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(failure.getMessage())
        .isEqualTo(
            "outlook answered HTTP 401 (InvalidAuthenticationToken): Access token has expired.");
  }

  @Test
  void aLostDeltaTokenIsSyncStateLostBy410OrByItsCode() {
    stub.on(
        "GET",
        DELTA,
        Reply.json(410, "{\"error\":{\"code\":\"syncStateNotFound\",\"message\":\"gone\"}}"),
        Reply.json(400, "{\"error\":{\"code\":\"resyncRequired\",\"message\":\"resync\"}}"),
        Reply.json(400, "{\"error\":{\"code\":\"SyncStateNotFound\",\"message\":\"gone\"}}"));
    var cursor =
        new ChangeQuery(stub.url() + DELTA + "?$deltatoken=d1", null, WINDOW_START, WINDOW_END);

    assertThat(failure(outlook.changes(TOKEN, cursor)).kind()).isEqualTo(Kind.SYNC_STATE_LOST);
    assertThat(failure(outlook.changes(TOKEN, cursor)).kind()).isEqualTo(Kind.SYNC_STATE_LOST);
    assertThat(failure(outlook.changes(TOKEN, cursor)).kind()).isEqualTo(Kind.SYNC_STATE_LOST);
  }

  @Test
  void throttlingIsRateLimitedForTheRetryAfterGiven() {
    stub.on(
        "GET",
        DELTA,
        Reply.json(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}")
            .withHeader("Retry-After", "12"));

    var failure = failure(outlook.changes(TOKEN, fullListing(null)));

    assertThat(failure.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void aFullRoundFollowsTheNextLinkAsIsAndEndsWithTheDeltaLink() throws Exception {
    String next = stub.url() + DELTA + "?$skiptoken=s%2B1";
    String delta = stub.url() + DELTA + "?$deltatoken=d%2B1";
    stub.on(
        "GET",
        DELTA,
        Reply.json(
            200,
            "{\"@odata.context\":\"x\",\"value\":["
                + TIMED
                + "],\"@odata.nextLink\":\""
                + next
                + "\"}"),
        Reply.json(200, "{\"value\":[" + ALL_DAY + "],\"@odata.deltaLink\":\"" + delta + "\"}"),
        Reply.json(
            200,
            "{\"value\":["
                + REMOVED
                + ","
                + CANCELLED
                + "],\"@odata.deltaLink\":\""
                + delta
                + "2\"}"));

    var first = await(outlook.changes(TOKEN, fullListing(null)));
    var second =
        await(
            outlook.changes(
                TOKEN, new ChangeQuery(null, first.nextPage(), WINDOW_START, WINDOW_END)));
    var changes =
        await(
            outlook.changes(
                TOKEN, new ChangeQuery(second.cursor(), null, WINDOW_START, WINDOW_END)));

    assertThat(first.nextPage()).isEqualTo(next);
    assertThat(first.cursor()).isNull();
    assertThat(second.last()).isTrue();
    assertThat(second.cursor()).isEqualTo(delta);
    assertThat(changes.items()).extracting(RemoteEvent::removed).containsExactly(true, true);
    assertThat(changes.cursor()).isEqualTo(delta + "2");
    var requests = stub.requests();
    assertThat(requests.get(0).params())
        .containsExactly(
            Map.entry("startDateTime", "2026-11-01T00:00:00Z"),
            Map.entry("endDateTime", "2027-03-01T00:00:00Z"));
    assertThat(requests.get(1).query()).isEqualTo("$skiptoken=s%2B1");
    assertThat(requests.get(2).query()).isEqualTo("$deltatoken=d%2B1");
    assertThat(requests).extracting(r -> r.header("Prefer")).containsOnly("odata.maxpagesize=100");
    assertThat(requests).extracting(r -> r.header("Authorization")).containsOnly("Bearer " + TOKEN);
  }

  @Test
  void aLinkOffTheGraphOriginIsNotFollowed() {
    var elsewhere =
        new ChangeQuery(
            null, "https://evil.test" + DELTA + "?$skiptoken=1", WINDOW_START, WINDOW_END);
    var otherPort =
        new ChangeQuery(
            "http://127.0.0.1:1" + DELTA + "?$deltatoken=1", null, WINDOW_START, WINDOW_END);

    var refused = failure(outlook.changes(TOKEN, elsewhere));

    assertThat(refused.kind()).isEqualTo(Kind.REJECTED);
    assertThat(refused.getMessage()).contains("not followed").doesNotContain(TOKEN);
    assertThat(failure(outlook.changes(TOKEN, otherPort)).kind()).isEqualTo(Kind.REJECTED);
    assertThat(stub.requests()).isEmpty();
  }

  @Test
  void eventsAreReadAsTheyAreTimedAllDayRemovedOrFree() throws Exception {
    stub.on(
        "GET",
        DELTA,
        Reply.json(
            200,
            "{\"value\":["
                + TIMED
                + ","
                + ALL_DAY
                + ","
                + REMOVED
                + ","
                + CANCELLED
                + "],\"@odata.deltaLink\":\"x\"}"));

    var items = await(outlook.changes(TOKEN, fullListing(null))).items();

    assertThat(items.get(0))
        .isEqualTo(
            new RemoteEvent(
                "AAMk-timed",
                "ck-1",
                false,
                false,
                Instant.parse("2026-12-10T08:00:00Z"),
                Instant.parse("2026-12-10T09:30:00Z"),
                null,
                null,
                LOCAL_ID));
    // The dates written, whatever zone the reader is in.
    assertThat(items.get(1))
        .isEqualTo(
            new RemoteEvent(
                "AAMk-allday",
                "W/\"ck-2\"",
                false,
                true,
                null,
                null,
                LocalDate.of(2026, 12, 24),
                LocalDate.of(2026, 12, 27),
                null));
    assertThat(items.get(2))
        .isEqualTo(new RemoteEvent("AAMk-gone", null, true, false, null, null, null, null, null));
    assertThat(items.get(3).removed()).isTrue();
    assertThat(items.get(3).localEventId()).isNull(); // someone else's transactionId
  }

  @Test
  void anInsertCarriesOurIdAsTransactionIdAndTimesInTheEventsZone() throws Exception {
    stub.on("POST", "/v1.0/me/events", Reply.json(201, TIMED));

    var inserted = await(outlook.insert(TOKEN, OUTGOING));

    assertThat(inserted.id()).isEqualTo("AAMk-timed");
    var body = stub.last().json();
    assertThat(body.path("transactionId").asText()).isEqualTo("calendar-service:" + LOCAL_ID);
    assertThat(body.path("subject").asText()).isEqualTo("Planning");
    assertThat(body.path("body").toString())
        .isEqualTo("{\"contentType\":\"text\",\"content\":\"Q1\"}");
    assertThat(body.path("location").toString()).isEqualTo("{\"displayName\":\"Room 4\"}");
    assertThat(body.path("start").toString())
        .isEqualTo("{\"dateTime\":\"2026-12-10T09:00:00\",\"timeZone\":\"Europe/Berlin\"}");
    assertThat(body.path("end").toString())
        .isEqualTo("{\"dateTime\":\"2026-12-10T10:30:00\",\"timeZone\":\"Europe/Berlin\"}");
    assertThat(body.path("recurrence").toString())
        .isEqualTo(
            "{\"pattern\":{\"type\":\"weekly\",\"interval\":1,\"daysOfWeek\":[\"thursday\"]},"
                + "\"range\":{\"startDate\":\"2026-12-10\",\"recurrenceTimeZone\":\"Europe/Berlin\","
                + "\"type\":\"numbered\",\"numberOfOccurrences\":3}}");
  }

  @Test
  void anUpdatePatchesWithoutTransactionIdAndAMissingEventIsNotFound() throws Exception {
    stub.on("PATCH", "/v1.0/me/events/AAMk-timed", Reply.json(200, TIMED));
    stub.on(
        "PATCH",
        "/v1.0/me/events/AAMk-nope",
        Reply.json(
            404,
            "{\"error\":{\"code\":\"ErrorItemNotFound\",\"message\":\"The specified object was not found in the store.\"}}"));

    var updated = await(outlook.update(TOKEN, "AAMk-timed", OUTGOING));
    var missing = failure(outlook.update(TOKEN, "AAMk-nope", OUTGOING));

    assertThat(updated.etag()).isEqualTo("ck-1");
    assertThat(stub.requests().get(0).json().has("transactionId")).isFalse();
    assertThat(missing.kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void aDeleteOfAnEventAlreadyGoneIsDone() throws Exception {
    stub.on("DELETE", "/v1.0/me/events/AAMk-a", Reply.json(204, ""));

    assertThat(await(outlook.delete(TOKEN, "AAMk-a"))).isEqualTo(Done.getInstance());
    assertThat(await(outlook.delete(TOKEN, "AAMk-gone"))).isEqualTo(Done.getInstance());
  }

  @Test
  void aSubscriptionIsOpenedExtendedAndStopped() throws Exception {
    Instant asked = Instant.parse("2026-12-03T10:00:00Z");
    Instant later = Instant.parse("2026-12-05T10:00:00Z");
    stub.on(
        "POST",
        "/v1.0/subscriptions",
        Reply.json(
            201,
            "{\"id\":\"sub-1\",\"resource\":\"me/events\",\"clientState\":\"state-1\","
                + "\"expirationDateTime\":\"2026-12-03T10:00:00.0000000Z\"}"));
    stub.on(
        "PATCH",
        "/v1.0/subscriptions/sub-1",
        Reply.json(200, "{\"id\":\"sub-1\",\"expirationDateTime\":\"2026-12-05T10:00:00Z\"}"));
    stub.on(
        "DELETE",
        "/v1.0/subscriptions/sub-1",
        Reply.json(204, ""),
        Reply.json(404, "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"gone\"}}"));

    var watch =
        await(
            outlook.watch(
                TOKEN,
                new WatchSpec(
                    "ignored",
                    URI.create("https://app.test/hooks/outlook"),
                    URI.create("https://app.test/hooks/outlook/lifecycle"),
                    "state-1",
                    asked)));
    var created = stub.last().json();
    var extended = await(outlook.extend(TOKEN, watch, later));
    var patch = stub.last().json();

    assertThat(watch).isEqualTo(new Watch("sub-1", null, "state-1", asked));
    assertThat(created.toString())
        .isEqualTo(
            "{\"changeType\":\"created,updated,deleted\",\"notificationUrl\":\"https://app.test/hooks/outlook\","
                + "\"lifecycleNotificationUrl\":\"https://app.test/hooks/outlook/lifecycle\","
                + "\"resource\":\"me/events\",\"expirationDateTime\":\"2026-12-03T10:00:00Z\","
                + "\"clientState\":\"state-1\"}");
    assertThat(extended).isEqualTo(new Watch("sub-1", null, "state-1", later));
    assertThat(patch.toString()).isEqualTo("{\"expirationDateTime\":\"2026-12-05T10:00:00Z\"}");
    assertThat(await(outlook.stop(TOKEN, watch))).isEqualTo(Done.getInstance());
    assertThat(await(outlook.stop(TOKEN, watch))).isEqualTo(Done.getInstance());
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
          // EXDATE cannot be said at creation in Graph: left out.
          List.of("RRULE:FREQ=WEEKLY;COUNT=3", "EXDATE;TZID=Europe/Berlin:20261217T090000"));

  private static final String TIMED =
      "{\"id\":\"AAMk-timed\",\"@odata.etag\":\"W/\\\"ck-1\\\"\",\"changeKey\":\"ck-1\",\"subject\":\"Planning\","
          + "\"start\":{\"dateTime\":\"2026-12-10T08:00:00.0000000\",\"timeZone\":\"UTC\"},"
          + "\"end\":{\"dateTime\":\"2026-12-10T09:30:00.0000000\",\"timeZone\":\"UTC\"},"
          + "\"isAllDay\":false,\"showAs\":\"busy\",\"isCancelled\":false,"
          + "\"transactionId\":\"calendar-service:"
          + LOCAL_ID
          + "\"}";
  private static final String ALL_DAY =
      "{\"id\":\"AAMk-allday\",\"@odata.etag\":\"W/\\\"ck-2\\\"\","
          + "\"start\":{\"dateTime\":\"2026-12-24T00:00:00.0000000\",\"timeZone\":\"UTC\"},"
          + "\"end\":{\"dateTime\":\"2026-12-27T00:00:00.0000000\",\"timeZone\":\"UTC\"},"
          + "\"isAllDay\":true,\"showAs\":\"free\",\"isCancelled\":false}";
  private static final String REMOVED =
      "{\"@odata.type\":\"#microsoft.graph.event\",\"id\":\"AAMk-gone\",\"@removed\":{\"reason\":\"deleted\"}}";
  private static final String CANCELLED =
      "{\"id\":\"AAMk-cancelled\",\"changeKey\":\"ck-3\",\"isCancelled\":true,\"transactionId\":\"other-app-7\","
          + "\"start\":{\"dateTime\":\"2026-12-11T08:00:00.0000000\",\"timeZone\":\"UTC\"},"
          + "\"end\":{\"dateTime\":\"2026-12-11T09:00:00.0000000\",\"timeZone\":\"UTC\"}}";

  private static String tokens(String access, String refresh) {
    return "{\"token_type\":\"Bearer\",\"scope\":\"Calendars.ReadWrite offline_access\",\"expires_in\":3599,"
        + "\"ext_expires_in\":3599,\"access_token\":\""
        + access
        + "\",\"refresh_token\":\""
        + refresh
        + "\"}";
  }
}
