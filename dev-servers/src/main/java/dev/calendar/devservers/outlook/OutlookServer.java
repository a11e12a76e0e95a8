package dev.calendar.devservers.outlook;

import dev.calendar.devservers.fakeapi.CommonAdminRoutes;
import dev.calendar.devservers.fakeapi.FakeHttpServer;
import dev.calendar.devservers.fakeapi.Faults;
import dev.calendar.devservers.fakeapi.Notifier;
import dev.calendar.devservers.fakeapi.RequestLog;
import dev.calendar.devservers.fakeapi.Routes;
import dev.calendar.devservers.fakeapi.TokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local Microsoft Graph calendar provider for dev mode and tests, in memory: OAuth at {@code
 * /authorize} and {@code /token}, Graph at {@code /v1.0} (point {@code MICROSOFT_GRAPH_BASE_URL}
 * there) with events, calendarView delta and subscriptions, and the {@code /dev/...} admin API.
 */
public final class OutlookServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 3082;
  public static final String DEFAULT_CLIENT_ID = "dev-microsoft-client";
  public static final String DEFAULT_CLIENT_SECRET = "dev-microsoft-secret";

  /** The tenant every account is in (Microsoft's tenant of personal accounts). */
  static final String TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

  private final FakeHttpServer http;
  private final TokenStore tokens;

  private OutlookServer(FakeHttpServer http, TokenStore tokens) {
    this.http = http;
    this.tokens = tokens;
  }

  /** With the default client credentials; port 0 takes any free port. */
  public static OutlookServer start(String host, int port) {
    return start(host, port, DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET);
  }

  public static OutlookServer start(String host, int port, String clientId, String clientSecret) {
    TokenStore tokens = new TokenStore("EwB");
    Notifier notifier = new Notifier();
    Faults faults = new Faults();
    RequestLog requests = new RequestLog();
    // Links and contexts name the server's own URL, known only once it listens.
    AtomicReference<String> baseUrl = new AtomicReference<>();
    GraphSubscriptions subscriptions = new GraphSubscriptions(notifier, clientId, baseUrl::get);
    GraphEvents events = new GraphEvents(subscriptions::changed);
    GraphDelta delta = new GraphDelta(events, baseUrl::get);

    Routes api = new Routes();
    new GraphOAuth(clientId, clientSecret, tokens).addRoutes(api);
    new GraphApi(tokens, events, delta, subscriptions).addRoutes(api);

    Routes admin = new Routes();
    CommonAdminRoutes.add(
        admin,
        GraphErrors.INSTANCE,
        tokens,
        faults,
        requests,
        notifier,
        events::account,
        () -> {
          events.clear();
          delta.clear();
          subscriptions.clear();
        });
    OutlookAdmin.addRoutes(admin, events, delta, subscriptions);

    FakeHttpServer http =
        FakeHttpServer.start(
            "local Microsoft Graph",
            host,
            port,
            api,
            admin,
            GraphErrors.INSTANCE,
            faults,
            requests);
    baseUrl.set(http.url());
    return new OutlookServer(http, tokens);
  }

  /** The Graph user id of an account: stable, derived from the email. */
  static String userId(String email) {
    return UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** {@code http://host:port}; Graph is at {@code url() + "/v1.0"}. */
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

  @Override
  public void close() {
    http.close();
  }
}
