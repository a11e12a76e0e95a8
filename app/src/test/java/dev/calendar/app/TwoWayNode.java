package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.devservers.FreePorts;
import dev.calendar.devservers.google.GoogleCalendarServer;
import dev.calendar.devservers.outlook.OutlookServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A node with two-way sync on, its own local Google and Outlook providers, and a fixed HTTP port
 * that is also its public address (the providers notify it there). Reads come from notifications:
 * the backstop read is left at its production interval, so a test that waits for a change proves
 * the notification brought it.
 */
final class TwoWayNode implements AutoCloseable {
  static final String REDIRECT = "http://127.0.0.1/oauth/callback";

  final GoogleCalendarServer google;
  final OutlookServer outlook;
  final ProviderAdmin googleAdmin;
  final ProviderAdmin outlookAdmin;
  final int httpPort;
  final Node node;
  final Api api;

  private TwoWayNode(GoogleCalendarServer google, OutlookServer outlook, int httpPort, Node node) {
    this.google = google;
    this.outlook = outlook;
    this.googleAdmin = new ProviderAdmin(google.url());
    this.outlookAdmin = new ProviderAdmin(outlook.url());
    this.httpPort = httpPort;
    this.node = node;
    this.api = new Api(node);
  }

  static TwoWayNode start() throws Exception {
    var google = GoogleCalendarServer.start("127.0.0.1", 0);
    var outlook = OutlookServer.start("127.0.0.1", 0);
    int httpPort = FreePorts.next();
    Node node = Node.start(NodeConfig.load(overrides(google, outlook, httpPort, FreePorts.next())));
    return new TwoWayNode(google, outlook, httpPort, node);
  }

  static Map<String, Object> overrides(
      GoogleCalendarServer google, OutlookServer outlook, int httpPort, int pekkoPort) {
    Map<String, Object> o = TestNodes.overrides(pekkoPort, List.of());
    o.put("calendar.http.port", httpPort);
    o.put("calendar.http.public-base-url", "http://127.0.0.1:" + httpPort);
    o.put("calendar.connections.poll-interval", "15m");
    o.put("calendar.connections.max-poll-interval", "24h");
    // Backoff as in production, so a Retry-After is not cut short by a test's short maximum.
    o.put("calendar.connections.backoff-min", "1s");
    o.put("calendar.connections.backoff-max", "1h");
    o.put("calendar.two-way.token-key", DevSecrets.newKey());
    TwoWaySetup.pointAt(
        o,
        "google",
        google.url() + "/calendar/v3",
        google.url() + "/token",
        GoogleCalendarServer.DEFAULT_CLIENT_ID,
        GoogleCalendarServer.DEFAULT_CLIENT_SECRET);
    TwoWaySetup.pointAt(
        o,
        "outlook",
        outlook.url() + "/v1.0",
        outlook.url() + "/token",
        OutlookServer.DEFAULT_CLIENT_ID,
        OutlookServer.DEFAULT_CLIENT_SECRET);
    // Keyspaces of its own: this is a cluster of its own, and two clusters on one journal would
    // both write sharding's remembered connections under the same persistence ids.
    isolatedKeyspaces().forEach(o::put);
    // Its own consumer group: nodes of other tests in this JVM read the same topic.
    o.put("calendar.two-way.push.group-id", "two-way-it-" + UUID.randomUUID());
    return o;
  }

  /** Fresh service, journal and snapshot keyspaces, as config paths. */
  static Map<String, Object> isolatedKeyspaces() {
    String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    return Map.of(
        "calendar.cassandra.keyspace",
        prefix,
        // Set apart too: the loaded configuration has resolved its reference to the one above.
        "pekko.projection.cassandra.offset-store.keyspace",
        prefix,
        "pekko.persistence.cassandra.journal.keyspace",
        prefix + "_journal",
        "pekko.persistence.cassandra.snapshot.keyspace",
        prefix + "_snapshot");
  }

  /** A connection made by a test: its user, the provider's account and the connection id. */
  record Connected(BusyDay.User user, String account, String id) {}

  /** A new user connected to a new account of {@code provider}, once the first read is done. */
  Connected connectActive(String provider) {
    BusyDay.User user = BusyDay.user(api, provider);
    String account = provider + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    var created = connect(user, provider, account);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().get("account").asText()).isEqualTo(account);
    String id = created.json().get("id").asText();
    await().atMost(Duration.ofSeconds(15)).until(() -> "active".equals(status(user, id)));
    return new Connected(user, account, id);
  }

  JsonNode view(BusyDay.User user, String id) {
    var r = api.get("/users/" + user.id() + "/connections/" + id, user.token());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    return r.json();
  }

  String status(BusyDay.User user, String id) {
    return view(user, id).get("status").asText();
  }

  /** A counter of the node's {@code /metrics}, named exactly (0 before it first counts). */
  double metric(String sample) {
    return api.send("GET", "/metrics", null, Map.of())
        .text()
        .lines()
        .filter(line -> line.startsWith(sample + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }

  static final String BLOCKS_ADDED = "connection_busy_blocks_total{change=\"added\"}";
  static final String SYNCS_CHANGED = "connection_syncs_total{outcome=\"changed\"}";

  /** Connects {@code user} to {@code provider} as {@code account}; the 201 answer. */
  Api.Response connect(BusyDay.User user, String provider, String account) {
    ProviderAdmin admin = "google".equals(provider) ? googleAdmin : outlookAdmin;
    String code = admin.code(account, REDIRECT);
    return api.send(
        "POST",
        "/users/" + user.id() + "/connections",
        "{\"provider\":\""
            + provider
            + "\",\"code\":\""
            + code
            + "\",\"redirectUri\":\""
            + REDIRECT
            + "\"}",
        user.auth());
  }

  @Override
  public void close() {
    node.close();
    google.close();
    outlook.close();
  }
}
