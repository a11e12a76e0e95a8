package dev.calendar.stream.sync.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.stream.sync.provider.Base32Hex;
import dev.calendar.stream.sync.provider.CalendarProvider;
import dev.calendar.stream.sync.provider.ChangePage;
import dev.calendar.stream.sync.provider.ChangeQuery;
import dev.calendar.stream.sync.provider.Grant;
import dev.calendar.stream.sync.provider.OutgoingEvent;
import dev.calendar.stream.sync.provider.ProviderException;
import dev.calendar.stream.sync.provider.ProviderException.Kind;
import dev.calendar.stream.sync.provider.ProviderHttp;
import dev.calendar.stream.sync.provider.ProviderJson;
import dev.calendar.stream.sync.provider.ProviderSettings;
import dev.calendar.stream.sync.provider.RemoteEvent;
import dev.calendar.stream.sync.provider.Stages;
import dev.calendar.stream.sync.provider.TokenEndpoint;
import dev.calendar.stream.sync.provider.Tokens;
import dev.calendar.stream.sync.provider.Watch;
import dev.calendar.stream.sync.provider.WatchSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;

/**
 * Google Calendar API v3 on the user's primary calendar, and Google's OAuth token endpoint.
 *
 * <p>Our events get ids of their own choosing (base32hex of our event's UUID), so an insert that is
 * retried after a lost answer meets a 409 and returns the copy already there. Listings are of
 * single instances ({@code singleEvents=true}) with deleted ones ({@code showDeleted=true}), so a
 * cancelled instance of a series frees its time.
 */
public final class GoogleCalendarProvider implements CalendarProvider {
  static final String NAME = "google";
  private static final int PAGE_SIZE = 250;

  private final ProviderHttp http;
  private final TokenEndpoint tokens;
  private final String api;

  /**
   * @param system whose HTTP client and pool the requests use
   * @param settings {@code apiBaseUrl} is {@code https://www.googleapis.com/calendar/v3}, {@code
   *     tokenUrl} {@code https://oauth2.googleapis.com/token}
   * @param clock for token expirations and {@code Retry-After} dates
   */
  public GoogleCalendarProvider(
      ClassicActorSystemProvider system, ProviderSettings settings, Clock clock) {
    this.http = new ProviderHttp(system, NAME, settings, clock);
    this.tokens = new TokenEndpoint(http, settings, NAME, clock, Map.of());
    this.api = settings.apiBaseUrl();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletionStage<Grant> exchangeCode(String code, String redirectUri) {
    return settle(
        tokens
            .exchangeCode(code, redirectUri)
            .thenCompose(
                granted ->
                    // The primary calendar's id is the account's email address.
                    call(HttpMethods.GET, api + "/calendars/primary", granted.accessToken(), null)
                        .thenApply(
                            calendar -> new Grant(granted, ProviderJson.text(calendar, "id")))));
  }

  @Override
  public CompletionStage<Tokens> refresh(Tokens current) {
    return settle(tokens.refresh(current));
  }

  @Override
  public CompletionStage<Watch> watch(String accessToken, WatchSpec spec) {
    ObjectNode body =
        ProviderJson.object()
            .put("id", spec.id())
            .put("type", "web_hook")
            .put("address", spec.address().toString());
    ProviderJson.putIfPresent(body, "token", spec.token());
    if (spec.expiration() != null) {
      body.put("expiration", spec.expiration().toEpochMilli());
    }
    return settle(
        call(HttpMethods.POST, events() + "/watch", accessToken, body)
            .thenApply(channel -> channel(channel, spec)));
  }

  private static Watch channel(JsonNode channel, WatchSpec spec) {
    String expiration = ProviderJson.text(channel, "expiration");
    String token = ProviderJson.text(channel, "token");
    return new Watch(
        ProviderJson.text(channel, "id"),
        ProviderJson.text(channel, "resourceId"),
        token != null ? token : spec.token(),
        // Google may shorten what we asked for, and says so in milliseconds.
        expiration != null ? Instant.ofEpochMilli(Long.parseLong(expiration)) : spec.expiration());
  }

  @Override
  public CompletionStage<Watch> extend(String accessToken, Watch watch, Instant expiration) {
    return Stages.failed(
        new ProviderException(
            Kind.UNSUPPORTED,
            0,
            "google cannot extend a channel: open a new one, then stop the old"));
  }

  @Override
  public CompletionStage<Done> stop(String accessToken, Watch watch) {
    ObjectNode body = ProviderJson.object().put("id", watch.id());
    ProviderJson.putIfPresent(body, "resourceId", watch.resourceId());
    return settle(
        Stages.recover(
            call(HttpMethods.POST, api + "/channels/stop", accessToken, body)
                .thenApply(answer -> Done.getInstance()),
            failure -> failure.kind() == Kind.NOT_FOUND,
            Done.getInstance()));
  }

  @Override
  public CompletionStage<ChangePage> changes(String accessToken, ChangeQuery query) {
    StringBuilder url = new StringBuilder(events()).append('?');
    if (query.cursor() == null) {
      url.append("timeMin=").append(ProviderHttp.encode(query.windowStart().toString()));
      url.append("&timeMax=").append(ProviderHttp.encode(query.windowEnd().toString())).append('&');
    } else {
      // With a sync token Google refuses timeMin and timeMax: the window is the token's.
      url.append("syncToken=").append(ProviderHttp.encode(query.cursor())).append('&');
    }
    url.append("singleEvents=true&showDeleted=true&maxResults=").append(PAGE_SIZE);
    if (query.page() != null) {
      url.append("&pageToken=").append(ProviderHttp.encode(query.page()));
    }
    return settle(
        http.call(
                HttpMethods.GET, url.toString(), accessToken, null, List.of(), GoogleErrors.LISTING)
            .thenApply(GoogleCalendarProvider::page));
  }

  private static ChangePage page(JsonNode answer) {
    List<RemoteEvent> items = new ArrayList<>();
    answer.path("items").forEach(item -> items.add(GoogleEvents.read(item)));
    String next = ProviderJson.text(answer, "nextPageToken");
    return new ChangePage(
        List.copyOf(items), next, next == null ? ProviderJson.text(answer, "nextSyncToken") : null);
  }

  @Override
  public CompletionStage<RemoteEvent> insert(String accessToken, OutgoingEvent event) {
    String id = Base32Hex.eventId(event.localEventId());
    ObjectNode body = ProviderJson.object().put("id", id);
    body.setAll(GoogleEvents.write(event));
    return settle(
        call(HttpMethods.POST, events(), accessToken, body)
            .thenApply(GoogleEvents::read)
            .exceptionallyCompose(
                error ->
                    isDuplicate(error)
                        ? existing(accessToken, id, event)
                        : CompletableFuture.failedFuture(Stages.unwrap(error))));
  }

  private static boolean isDuplicate(Throwable error) {
    return Stages.unwrap(error) instanceof ProviderException failure && failure.status() == 409;
  }

  /**
   * The copy an earlier attempt made. A cancelled one (deleted since, its id still taken) is
   * written again as confirmed: the insert asked for the event to exist.
   */
  private CompletionStage<RemoteEvent> existing(
      String accessToken, String id, OutgoingEvent event) {
    return call(HttpMethods.GET, event(id), accessToken, null)
        .thenCompose(
            found -> {
              if (!"cancelled".equals(ProviderJson.text(found, "status"))) {
                return CompletableFuture.completedFuture(GoogleEvents.read(found));
              }
              ObjectNode revived = GoogleEvents.write(event).put("status", "confirmed");
              return call(HttpMethods.PUT, event(id), accessToken, revived)
                  .thenApply(GoogleEvents::read);
            });
  }

  @Override
  public CompletionStage<RemoteEvent> update(
      String accessToken, String externalId, OutgoingEvent event) {
    // PUT replaces the whole event: fields we no longer set are cleared, as they should be.
    return settle(
        call(HttpMethods.PUT, event(externalId), accessToken, GoogleEvents.write(event))
            .thenApply(GoogleEvents::read));
  }

  @Override
  public CompletionStage<Done> delete(String accessToken, String externalId) {
    // 404: never there; 410: deleted before. Either way it is gone.
    return settle(
        Stages.recover(
            call(HttpMethods.DELETE, event(externalId), accessToken, null)
                .thenApply(answer -> Done.getInstance()),
            failure -> failure.status() == 404 || failure.status() == 410,
            Done.getInstance()));
  }

  private String events() {
    return api + "/calendars/primary/events";
  }

  private String event(String id) {
    return events() + "/" + ProviderHttp.segment(id);
  }

  private CompletionStage<JsonNode> call(
      HttpMethod method, String url, String accessToken, JsonNode body) {
    return http.call(method, url, accessToken, body, List.of(), GoogleErrors.CALLS);
  }

  private static <T> CompletionStage<T> settle(CompletionStage<T> stage) {
    return Stages.settled(NAME, stage);
  }
}
