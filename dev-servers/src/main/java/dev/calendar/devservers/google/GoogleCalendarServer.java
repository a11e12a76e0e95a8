package dev.calendar.devservers.google;

import dev.calendar.devservers.fakeapi.CommonAdminRoutes;
import dev.calendar.devservers.fakeapi.FakeHttpServer;
import dev.calendar.devservers.fakeapi.Faults;
import dev.calendar.devservers.fakeapi.Notifier;
import dev.calendar.devservers.fakeapi.RequestLog;
import dev.calendar.devservers.fakeapi.Routes;
import dev.calendar.devservers.fakeapi.TokenStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local Google Calendar v3 provider for dev mode and tests, in memory: OAuth at {@code /token}
 * and {@code /o/oauth2/v2/auth}, the API at {@code /calendar/v3} (point {@code GOOGLE_API_BASE_URL}
 * there), push channels, and the {@code /dev/...} admin API (events written by "another client",
 * revoked tokens, invalidated sync tokens, injected faults, logs).
 */
public final class GoogleCalendarServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 3081;
  public static final String DEFAULT_CLIENT_ID = "dev-google-client";
  public static final String DEFAULT_CLIENT_SECRET = "dev-google-secret";

  private final FakeHttpServer http;
  private final TokenStore tokens;
  private final GoogleChannels channels;

  private GoogleCalendarServer(FakeHttpServer http, TokenStore tokens, GoogleChannels channels) {
    this.http = http;
    this.tokens = tokens;
    this.channels = channels;
  }

  /** With the default client credentials; port 0 takes any free port. */
  public static GoogleCalendarServer start(String host, int port) {
    return start(host, port, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
  }

  public static GoogleCalendarServer start(
      String host, int port, String clientId, String clientSecret) {
    TokenStore tokens = new TokenStore("ya29.");
    Notifier notifier = new Notifier();
    Faults faults = new Faults();
    RequestLog requests = new RequestLog();
    GoogleChannels channels = new GoogleChannels(notifier);
    GoogleCalendars calendars = new GoogleCalendars(channels::changed);
    GoogleListing listing = new GoogleListing(calendars);
    // Channels name the server's own URL, known only once it listens.
    AtomicReference<String> baseUrl = new AtomicReference<>();

    Routes api = new Routes();
    new GoogleOAuth(clientId, clientSecret, tokens).addRoutes(api);
    new GoogleEventsApi(tokens, calendars, listing, channels, baseUrl::get).addRoutes(api);

    Routes admin = new Routes();
    CommonAdminRoutes.add(
        admin,
        GoogleErrors.INSTANCE,
        tokens,
        faults,
        requests,
        notifier,
        calendars::account,
        () -> {
          calendars.clear();
          listing.clear();
          channels.clear();
        });
    GoogleAdmin.addRoutes(admin, calendars, channels);

    FakeHttpServer http =
        FakeHttpServer.start(
            "local Google Calendar",
            host,
            port,
            api,
            admin,
            GoogleErrors.INSTANCE,
            faults,
            requests);
    baseUrl.set(http.url());
    return new GoogleCalendarServer(http, tokens, channels);
  }

  /** {@code http://host:port}; the API is at {@code url() + "/calendar/v3"}. */
  public String url() {
    return http.url();
  }

  public int port() {
    return http.port();
  }

  /** How long access tokens live (default an hour), so tests can see them expire. */
  public void setAccessTokenTtl(Duration ttl) {
    tokens.setAccessTokenTtl(ttl);
  }

  /** The longest a channel may live (default 7 days); longer asked expirations are cut to it. */
  public void setMaxChannelTtl(Duration ttl) {
    channels.setMaxChannelTtl(ttl);
  }

  @Override
  public void close() {
    http.close();
  }
}
