package dev.calendar.devservers.google;

import dev.calendar.devservers.fakeapi.AccountEvents;
import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.ApiException;
import dev.calendar.devservers.fakeapi.HttpCall;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.Routes;
import dev.calendar.devservers.fakeapi.TokenStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** The Calendar v3 routes under {@code /calendar/v3}, each behind a bearer token. */
final class GoogleEventsApi {
  static final String BASE = "/calendar/v3";

  private final TokenStore tokens;
  private final GoogleCalendars calendars;
  private final GoogleListing listing;
  private final GoogleChannels channels;
  private final Supplier<String> baseUrl;

  GoogleEventsApi(
      TokenStore tokens,
      GoogleCalendars calendars,
      GoogleListing listing,
      GoogleChannels channels,
      Supplier<String> baseUrl) {
    this.tokens = tokens;
    this.calendars = calendars;
    this.listing = listing;
    this.channels = channels;
    this.baseUrl = baseUrl;
  }

  void addRoutes(Routes routes) {
    String events = BASE + "/calendars/{cal}/events";
    routes.add("GET", BASE + "/calendars/{cal}", this::calendar);
    routes.add("GET", events, c -> Answer.json(200, listing.list(account(c), c)));
    routes.add("POST", events + "/watch", this::watch);
    routes.add(
        "POST",
        events,
        c -> Answer.json(200, calendars.insert(account(c), c.json(GoogleErrors.INSTANCE))));
    routes.add(
        "GET", events + "/{id}", c -> Answer.json(200, calendars.get(account(c), c.var("id"))));
    routes.add(
        "PATCH",
        events + "/{id}",
        c ->
            Answer.json(
                200, calendars.patch(account(c), c.var("id"), c.json(GoogleErrors.INSTANCE))));
    routes.add(
        "PUT",
        events + "/{id}",
        c ->
            Answer.json(
                200, calendars.replace(account(c), c.var("id"), c.json(GoogleErrors.INSTANCE))));
    routes.add(
        "DELETE",
        events + "/{id}",
        c -> {
          calendars.delete(account(c), c.var("id"));
          return Answer.empty(204);
        });
    routes.add(
        "POST",
        BASE + "/channels/stop",
        c -> {
          authenticated(c);
          channels.stop(c.json(GoogleErrors.INSTANCE));
          return Answer.empty(204);
        });
  }

  private Answer calendar(HttpCall call) {
    String email = account(call);
    AccountEvents acct = calendars.account(email);
    long seq;
    synchronized (acct) {
      seq = acct.seq();
    }
    return Answer.json(
        200,
        Json.object()
            .put("kind", "calendar#calendar")
            .put("etag", "\"" + seq + "\"")
            .put("id", email)
            .put("summary", email)
            .put("timeZone", "UTC"));
  }

  private Answer watch(HttpCall call) {
    String email = account(call);
    String resourceUri =
        baseUrl.get()
            + BASE
            + "/calendars/"
            + URLEncoder.encode(call.var("cal"), StandardCharsets.UTF_8)
            + "/events?alt=json";
    return Answer.json(200, channels.watch(email, resourceUri, call.json(GoogleErrors.INSTANCE)));
  }

  /** The account of the bearer token whose calendar {@code {cal}} names; 401 or 404 otherwise. */
  private String account(HttpCall call) {
    String email = authenticated(call);
    String cal = call.var("cal");
    if (!cal.equals("primary") && !cal.equalsIgnoreCase(email)) {
      throw GoogleErrors.fail(404, "notFound", "Not Found");
    }
    return email;
  }

  private String authenticated(HttpCall call) {
    String email = tokens.accountOfBearer(call.header("Authorization"));
    if (email == null) {
      throw new ApiException(GoogleErrors.unauthenticated());
    }
    return email;
  }
}
