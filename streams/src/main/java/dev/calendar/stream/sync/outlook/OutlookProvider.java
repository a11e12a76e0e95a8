package dev.calendar.stream.sync.outlook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.calendar.stream.sync.provider.ProviderTimes;
import dev.calendar.stream.sync.provider.RemoteEvent;
import dev.calendar.stream.sync.provider.Stages;
import dev.calendar.stream.sync.provider.TokenEndpoint;
import dev.calendar.stream.sync.provider.Tokens;
import dev.calendar.stream.sync.provider.Watch;
import dev.calendar.stream.sync.provider.WatchSpec;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * Microsoft Graph v1.0 on the signed-in user's default calendar, and the Microsoft identity
 * platform's v2 token endpoint.
 *
 * <p>Changes are read by {@code calendarView/delta}: the pages and the cursor are whole URLs Graph
 * gives ({@code @odata.nextLink}, {@code @odata.deltaLink}), fetched as they are, and only on the
 * configured Graph origin, since our access token goes with them. Inserts carry our event's id as
 * {@code transactionId}, by which Graph answers a retried insert with the event already made.
 */
public final class OutlookProvider implements CalendarProvider {
  static final String NAME = "outlook";

  /** Asked at every token request: offline_access is what brings a refresh token. */
  static final String SCOPE = "offline_access Calendars.ReadWrite";

  private static final int PAGE_SIZE = 100;
  private static final List<HttpHeader> PAGED =
      List.of(RawHeader.create("Prefer", "odata.maxpagesize=" + PAGE_SIZE));

  private final ProviderHttp http;
  private final TokenEndpoint tokens;
  private final String graph;
  private final URI graphOrigin;

  /**
   * @param system whose HTTP client and pool the requests use
   * @param settings {@code apiBaseUrl} is {@code https://graph.microsoft.com/v1.0}, {@code
   *     tokenUrl} {@code https://login.microsoftonline.com/common/oauth2/v2.0/token}
   * @param clock for token expirations and {@code Retry-After} dates
   */
  public OutlookProvider(
      ClassicActorSystemProvider system, ProviderSettings settings, Clock clock) {
    this.http = new ProviderHttp(system, NAME, settings, clock);
    this.tokens = new TokenEndpoint(http, settings, NAME, clock, Map.of("scope", SCOPE));
    this.graph = settings.apiBaseUrl();
    this.graphOrigin = URI.create(settings.apiBaseUrl());
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
                    call(HttpMethods.GET, graph + "/me", granted.accessToken(), null)
                        .thenApply(me -> new Grant(granted, account(me)))));
  }

  /** The account's address: {@code mail}, absent for some accounts, else the sign-in name. */
  private static String account(JsonNode me) {
    String mail = ProviderJson.text(me, "mail");
    return mail != null && !mail.isBlank() ? mail : ProviderJson.text(me, "userPrincipalName");
  }

  @Override
  public CompletionStage<Tokens> refresh(Tokens current) {
    return settle(tokens.refresh(current));
  }

  @Override
  public CompletionStage<Watch> watch(String accessToken, WatchSpec spec) {
    ObjectNode body =
        ProviderJson.object()
            .put("changeType", "created,updated,deleted")
            .put("notificationUrl", spec.address().toString());
    if (spec.lifecycleAddress() != null) {
      body.put("lifecycleNotificationUrl", spec.lifecycleAddress().toString());
    }
    body.put("resource", "me/events").put("expirationDateTime", spec.expiration().toString());
    ProviderJson.putIfPresent(body, "clientState", spec.token());
    return settle(
        call(HttpMethods.POST, graph + "/subscriptions", accessToken, body)
            .thenApply(
                subscription -> {
                  String clientState = ProviderJson.text(subscription, "clientState");
                  return new Watch(
                      ProviderJson.text(subscription, "id"),
                      null,
                      clientState != null ? clientState : spec.token(),
                      expiration(subscription, spec.expiration()));
                }));
  }

  @Override
  public CompletionStage<Watch> extend(String accessToken, Watch watch, Instant expiration) {
    ObjectNode body = ProviderJson.object().put("expirationDateTime", expiration.toString());
    return settle(
        call(HttpMethods.PATCH, subscription(watch.id()), accessToken, body)
            .thenApply(
                subscription ->
                    new Watch(
                        watch.id(),
                        watch.resourceId(),
                        watch.token(),
                        expiration(subscription, expiration))));
  }

  /** The expiration Graph granted (it may shorten what was asked), else the one asked. */
  private static Instant expiration(JsonNode subscription, Instant asked) {
    String granted = ProviderJson.text(subscription, "expirationDateTime");
    return granted != null ? ProviderTimes.parseRfc3339(granted) : asked;
  }

  @Override
  public CompletionStage<Done> stop(String accessToken, Watch watch) {
    return settle(
        Stages.recover(
            call(HttpMethods.DELETE, subscription(watch.id()), accessToken, null)
                .thenApply(answer -> Done.getInstance()),
            failure -> failure.kind() == Kind.NOT_FOUND,
            Done.getInstance()));
  }

  @Override
  public CompletionStage<ChangePage> changes(String accessToken, ChangeQuery query) {
    String url;
    if (query.page() != null || query.cursor() != null) {
      url = query.page() != null ? query.page() : query.cursor();
      if (!onGraphOrigin(url)) {
        return Stages.failed(
            new ProviderException(
                Kind.REJECTED,
                0,
                "outlook: a delta link off the Graph origin "
                    + graphOrigin.getScheme()
                    + "://"
                    + graphOrigin.getAuthority()
                    + " is not followed (it would carry our access token away)"));
      }
    } else {
      url =
          graph
              + "/me/calendarView/delta?startDateTime="
              + ProviderHttp.encode(query.windowStart().toString())
              + "&endDateTime="
              + ProviderHttp.encode(query.windowEnd().toString());
    }
    return settle(
        http.call(HttpMethods.GET, url, accessToken, null, PAGED, GraphErrors.KINDS)
            .thenApply(OutlookProvider::page));
  }

  private static ChangePage page(JsonNode answer) {
    List<RemoteEvent> items = new ArrayList<>();
    answer.path("value").forEach(item -> items.add(GraphEvents.read(item)));
    String next = ProviderJson.text(answer, "@odata.nextLink");
    return new ChangePage(
        List.copyOf(items),
        next,
        next == null ? ProviderJson.text(answer, "@odata.deltaLink") : null);
  }

  /** Same scheme, host and port as the configured Graph base: where our token may go. */
  boolean onGraphOrigin(String link) {
    URI uri;
    try {
      uri = URI.create(link);
    } catch (IllegalArgumentException notAUrl) {
      return false;
    }
    return uri.isAbsolute()
        && uri.getHost() != null
        && uri.getScheme().equalsIgnoreCase(graphOrigin.getScheme())
        && uri.getHost().equalsIgnoreCase(graphOrigin.getHost())
        && port(uri) == port(graphOrigin)
        && uri.getRawUserInfo() == null;
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  @Override
  public CompletionStage<RemoteEvent> insert(String accessToken, OutgoingEvent event) {
    // A second POST with the same transactionId answers the first one's event: no copy is made.
    return settle(
        call(HttpMethods.POST, graph + "/me/events", accessToken, GraphEvents.write(event, true))
            .thenApply(GraphEvents::read));
  }

  @Override
  public CompletionStage<RemoteEvent> update(
      String accessToken, String externalId, OutgoingEvent event) {
    return settle(
        call(HttpMethods.PATCH, event(externalId), accessToken, GraphEvents.write(event, false))
            .thenApply(GraphEvents::read));
  }

  @Override
  public CompletionStage<Done> delete(String accessToken, String externalId) {
    return settle(
        Stages.recover(
            call(HttpMethods.DELETE, event(externalId), accessToken, null)
                .thenApply(answer -> Done.getInstance()),
            failure -> failure.kind() == Kind.NOT_FOUND,
            Done.getInstance()));
  }

  private String event(String id) {
    return graph + "/me/events/" + ProviderHttp.segment(id);
  }

  private String subscription(String id) {
    return graph + "/subscriptions/" + ProviderHttp.segment(id);
  }

  private CompletionStage<JsonNode> call(
      HttpMethod method, String url, String accessToken, JsonNode body) {
    return http.call(method, url, accessToken, body, List.of(), GraphErrors.KINDS);
  }

  private static <T> CompletionStage<T> settle(CompletionStage<T> stage) {
    return Stages.settled(NAME, stage);
  }
}
