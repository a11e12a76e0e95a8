package dev.calendar.app;

import static dev.calendar.app.BusyDay.berlin;
import static dev.calendar.app.BusyDay.book;
import static dev.calendar.app.BusyDay.busy;
import static dev.calendar.app.BusyDay.event;
import static dev.calendar.app.BusyDay.namedCalendar;
import static dev.calendar.app.BusyDay.openChatPage;
import static dev.calendar.app.BusyDay.slots;
import static dev.calendar.app.BusyDay.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.calendar.app.BusyDay.User;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connections to ICS feeds on a real node, the feeds served by a local HTTP server the test
 * controls: the first poll imports the feed's events as busy time, a 304 changes nothing, a changed
 * file is picked up, a server error backs off and shows as {@code error} until the feed recovers, a
 * redirect to a private address is refused; the busy time decides bookings and slots as the
 * connection's settings say and leaves with the connection; bad requests are 4xx and change
 * nothing.
 */
class CalendarSubscriptionIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Api api;
  private static HttpServer server;
  private static ExecutorService serverThreads;

  /** Connections a test made, deleted after it so they stop polling the shared node's feeds. */
  private final List<Connection> made = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
    serverThreads = Executors.newFixedThreadPool(4);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(serverThreads);
    server.start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    server.stop(0);
    serverThreads.shutdownNow();
    serverThreads.awaitTermination(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void disconnect() {
    for (Connection c : made) {
      api.send(
          "DELETE", "/users/" + c.user().id() + "/connections/" + c.id(), null, c.user().auth());
    }
  }

  // ---- the feeds ----

  /**
   * One ICS file at a path of its own: its body can change (and with it its ETag), a request whose
   * {@code If-None-Match} is the current ETag is answered 304, and it can be made to answer 500.
   */
  private static final class Feed implements HttpHandler {
    private record Version(String body, String etag) {}

    private final String path;
    private final AtomicInteger versions = new AtomicInteger();
    private volatile Version current;
    private volatile String failure;

    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger notModified = new AtomicInteger();
    final AtomicInteger full = new AtomicInteger();

    /** When each request answered 500 arrived (System.nanoTime). */
    final List<Long> failedAt = new CopyOnWriteArrayList<>();

    private Feed(String path, String body) {
      this.path = path;
      serve(body);
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    void serve(String body) {
      current =
          new Version(
              body,
              "\"v"
                  + versions.incrementAndGet()
                  + "-"
                  + Integer.toHexString(body.hashCode())
                  + "\"");
    }

    /** From now on every request is answered 500 with {@code message}. */
    void fail(String message) {
      failure = message;
    }

    void recover() {
      failure = null;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try {
        exchange.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        String failing = failure;
        if (failing != null) {
          failedAt.add(System.nanoTime());
          send(exchange, 500, "text/plain; charset=utf-8", failing);
          return;
        }
        Version version = current;
        exchange.getResponseHeaders().set("ETag", version.etag());
        if (matches(exchange.getRequestHeaders().getFirst("If-None-Match"), version.etag())) {
          notModified.incrementAndGet();
          exchange.sendResponseHeaders(304, -1);
          return;
        }
        full.incrementAndGet();
        send(exchange, 200, "text/calendar; charset=utf-8", version.body());
      } finally {
        exchange.close();
      }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
      if (ifNoneMatch == null) {
        return false;
      }
      for (String tag : ifNoneMatch.split(",")) {
        String t = tag.strip();
        if (t.startsWith("W/")) {
          t = t.substring(2);
        }
        if (t.equals(etag) || t.equals("*")) {
          return true;
        }
      }
      return false;
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static Feed feed(String name, String body) {
    var feed = new Feed("/" + name + "-" + UUID.randomUUID() + "/cal.ics", body);
    server.createContext(feed.path, feed);
    return feed;
  }

  /** A path that answers every request with a 302 to {@code location}; counts the requests. */
  private static String redirecting(String location, AtomicInteger requests) {
    String path = "/moved-" + UUID.randomUUID() + "/cal.ics";
    server.createContext(
        path,
        exchange -> {
          try {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(302, -1);
          } finally {
            exchange.close();
          }
        });
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  // ---- the API ----

  private record Connection(User user, String id) {
    String path() {
      return "/users/" + user.id() + "/connections/" + id;
    }
  }

  private static User user() {
    return BusyDay.user(api, "subscriber");
  }

  private static Api.Response create(User u, String body) {
    return api.send("POST", "/users/" + u.id() + "/connections", body, u.auth());
  }

  private static String icsBody(String url) {
    return "{\"provider\":\"ics\",\"url\":\"" + url + "\"}";
  }

  /** Connects {@code u} to {@code url}; asserts the 201 as a connection's first answer. */
  private Connection connect(User u, String url) {
    var r = create(u, icsBody(url));
    assertThat(r.status()).as("%s", r).isEqualTo(201);
    JsonNode c = r.json();
    var connection = new Connection(u, c.get("id").asText());
    made.add(connection);
    assertThat(c.get("provider").asText()).isEqualTo("ics");
    assertThat(c.get("url").asText()).isEqualTo(url);
    assertThat(c.get("checkConflicts").asBoolean()).isTrue();
    assertThat(c.get("pushEvents").asBoolean()).isFalse();
    assertThat(r.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith(connection.path()));
    return connection;
  }

  private static JsonNode get(Connection c) {
    var r = api.get(c.path(), c.user().token());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    return r.json();
  }

  /** Polls the connection until its status is {@code status}; answers that view. */
  private static JsonNode awaitStatus(Connection c, String status) {
    AtomicReference<JsonNode> seen = new AtomicReference<>();
    await()
        .alias("connection " + c.id() + " " + status)
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              seen.set(get(c));
              assertThat(seen.get().get("status").asText()).as("%s", seen).isEqualTo(status);
            });
    return seen.get();
  }

  private static List<String> connectionIds(User u) {
    var r = api.get("/users/" + u.id() + "/connections", u.token());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    r.json().get("connections").forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  private static Instant lastSyncAt(JsonNode connection) {
    return Instant.parse(connection.get("lastSyncAt").asText());
  }

  private static Api.Response patch(Connection c, String body) {
    return api.send("PATCH", c.path(), body, c.user().auth());
  }

  // ---- the tests ----

  @Test
  void theFirstPollImportsTheFeedAsBusyTimeAndNamesTheAccount() {
    User u = user();
    var feed = feed("rota", namedCalendar("Team Rota", event("rota-1", "10:00", "11:00")));

    var created = create(u, icsBody(feed.url()));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(created.json().get("status").asText()).isEqualTo("syncing");
    assertThat(created.json().get("account").asText()).isEqualTo("127.0.0.1");
    var c = new Connection(u, created.json().get("id").asText());
    made.add(c);

    JsonNode active = awaitStatus(c, "active");
    assertThat(active.get("account").asText()).isEqualTo("Team Rota");
    assertThat(active.hasNonNull("lastError")).isFalse();
    assertThat(active.hasNonNull("lastSyncAt")).isTrue();
    assertThat(busy(api, u)).containsExactly(span("10:00", "11:00"));
    assertThat(feed.full.get()).isEqualTo(1);
    assertThat(connectionIds(u)).containsExactly(c.id());
    // Counted for Prometheus: the sync that changed something and the block it added.
    String metrics = api.send("GET", "/metrics", null, Map.of()).text();
    assertThat(counter(metrics, "connection_syncs_total{outcome=\"changed\"}")).isPositive();
    assertThat(counter(metrics, "connection_busy_blocks_total{change=\"added\"}")).isPositive();
    assertThat(metrics).contains("connection_sync_failures_total");
  }

  /** The value of the sample named exactly {@code sample} in a Prometheus text page. */
  private static double counter(String page, String sample) {
    return page.lines()
        .filter(line -> line.startsWith(sample + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(sample + " is not in /metrics"));
  }

  @Test
  void aNotModifiedAnswerChangesNothingButCountsAsASync() {
    User u = user();
    var feed = feed("quiet", namedCalendar("Quiet", event("q-1", "09:00", "10:00")));
    Connection c = connect(u, feed.url());
    Instant firstSync = lastSyncAt(awaitStatus(c, "active"));
    int notModified = feed.notModified.get();

    await()
        .alias("two more polls answered 304")
        .atMost(WAIT)
        .until(() -> feed.notModified.get() >= notModified + 2);

    assertThat(feed.full.get()).as("full answers: only the first poll").isEqualTo(1);
    assertThat(busy(api, u)).containsExactly(span("09:00", "10:00"));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode now = get(c);
              // "syncing" while a poll is under way; never anything but active between polls.
              assertThat(now.get("status").asText()).isEqualTo("active");
              assertThat(now.hasNonNull("lastError")).isFalse();
              assertThat(lastSyncAt(now)).isAfter(firstSync);
            });
  }

  @Test
  void aChangedFileIsPickedUpAtTheNextPoll() {
    User u = user();
    var feed =
        feed(
            "work",
            namedCalendar(
                "Work",
                event("a", "09:00", "10:00"),
                event("b", "11:00", "12:00"),
                event("c", "13:00", "14:00")));
    Connection c = connect(u, feed.url());
    awaitStatus(c, "active");
    assertThat(busy(api, u))
        .containsExactly(span("09:00", "10:00"), span("11:00", "12:00"), span("13:00", "14:00"));

    feed.serve(
        namedCalendar(
            "Work",
            event("a", "09:00", "10:00"),
            event("b", "11:30", "12:30"),
            event("d", "16:00", "17:00")));

    await()
        .alias("the changed feed in availability")
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(busy(api, u))
                    .containsExactly(
                        span("09:00", "10:00"), span("11:30", "12:30"), span("16:00", "17:00")));
    assertThat(feed.full.get()).isEqualTo(2);
    assertThat(get(c).hasNonNull("lastError")).isFalse();
  }

  @Test
  void aServerErrorBacksOffShowsErrorAndRecovers() {
    User u = user();
    var feed = feed("flaky", namedCalendar("Flaky", event("f-1", "10:00", "11:00")));
    Connection c = connect(u, feed.url());
    awaitStatus(c, "active");

    feed.fail("down for maintenance");

    JsonNode failed = awaitStatus(c, "error");
    assertThat(failed.get("lastError").asText()).contains("500");
    assertThat(busy(api, u))
        .as("a failed read keeps the busy time")
        .containsExactly(span("10:00", "11:00"));

    // Failing reads are retried after 250-500 ms, then 500-1000 ms, then 1-2 s each (backoff
    // 500 ms doubling to 2 s, half of each wait random): five of them take at least 2.75 s.
    await()
        .alias("five failing reads, the first at least 3 s ago")
        .atMost(WAIT)
        .until(
            () ->
                feed.failedAt.size() >= 5
                    && System.nanoTime() - feed.failedAt.get(0) >= TimeUnit.SECONDS.toNanos(3));
    List<Long> at = List.copyOf(feed.failedAt);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < at.size(); i++) {
      gaps.add(TimeUnit.NANOSECONDS.toMillis(at.get(i) - at.get(i - 1)));
    }
    long withinThreeSeconds =
        at.stream().filter(t -> t - at.get(0) <= TimeUnit.SECONDS.toNanos(3)).count();
    assertThat(gaps)
        .as("ms between failing reads")
        .allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(200));
    assertThat(withinThreeSeconds)
        .as("failing reads in the first 3 s, gaps %s", gaps)
        .isLessThanOrEqualTo(5);
    assertThat(gaps.get(2))
        .as("the wait after the third failure is longer than after the first: %s", gaps)
        .isGreaterThan(gaps.get(0));
    assertThat(get(c).get("lastError").asText()).contains("500");

    feed.recover();

    await()
        .alias("active again, no error")
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonNode now = get(c);
              assertThat(now.get("status").asText()).isEqualTo("active");
              assertThat(now.hasNonNull("lastError")).isFalse();
            });
    assertThat(busy(api, u)).containsExactly(span("10:00", "11:00"));
  }

  @Test
  void aRedirectToAPrivateAddressIsRefused() {
    User u = user();
    var plainRequests = new AtomicInteger();
    var secureRequests = new AtomicInteger();
    Connection plain = connect(u, redirecting("http://10.0.0.1/cal.ics", plainRequests));
    Connection secure = connect(u, redirecting("https://10.0.0.1/cal.ics", secureRequests));

    JsonNode plainFailed = awaitStatus(plain, "error");
    JsonNode secureFailed = awaitStatus(secure, "error");

    assertThat(plainRequests.get()).isPositive();
    assertThat(secureRequests.get()).isPositive();
    assertThat(plainFailed.get("lastError").asText()).contains("refused");
    assertThat(secureFailed.get("lastError").asText()).contains("refused").contains("private");
    assertThat(busy(api, u)).isEmpty();
  }

  @Test
  void theFeedsBusyTimeDecidesBookingsAndSlotsAsTheConnectionSays() {
    User u = user();
    openChatPage(api, u);
    assertThat(slots(api, u)).containsExactly(berlin("09:00"), berlin("10:00"), berlin("11:00"));

    var standups = feed("standups", namedCalendar("Standups", event("s-1", "10:15", "10:45")));
    Connection c = connect(u, standups.url());
    awaitStatus(c, "active");

    var conflict = book(api, u, "10:30", "11:30");
    assertThat(conflict.status()).as("%s", conflict).isEqualTo(409);
    assertThat(conflict.json().get("conflicts").get(0).get("source").asText())
        .isEqualTo("connection:" + c.id());
    assertThat(slots(api, u)).containsExactly(berlin("09:00"), berlin("11:00"));

    var unchecked = patch(c, "{\"checkConflicts\": false}");
    assertThat(unchecked.status()).as("%s", unchecked).isEqualTo(200);
    assertThat(unchecked.json().get("checkConflicts").asBoolean()).isFalse();
    assertThat(get(c).get("checkConflicts").asBoolean()).isFalse();
    assertThat(busy(api, u)).isEmpty();
    assertThat(slots(api, u)).containsExactly(berlin("09:00"), berlin("10:00"), berlin("11:00"));

    // A changed file synced after the setting is still not checked.
    standups.serve(
        namedCalendar("Standups", event("s-1", "10:15", "10:45"), event("s-2", "09:15", "09:45")));
    await()
        .alias("the changed feed read")
        .atMost(WAIT)
        .until(() -> standups.full.get() >= 2 && "active".equals(get(c).get("status").asText()));
    assertThat(busy(api, u)).isEmpty();
    assertThat(slots(api, u)).containsExactly(berlin("09:00"), berlin("10:00"), berlin("11:00"));
    var booked = book(api, u, "10:30", "11:30");
    assertThat(booked.status()).as("%s", booked).isEqualTo(201);
    assertThat(busy(api, u)).containsExactly(span("10:30", "11:30"));

    var dentist = feed("dentist", namedCalendar("Dentist", event("d-1", "14:00", "15:00")));
    Connection second = connect(u, dentist.url());
    awaitStatus(second, "active");
    assertThat(busy(api, u)).containsExactly(span("10:30", "11:30"), span("14:00", "15:00"));

    var deleted = api.send("DELETE", second.path(), null, u.auth());

    assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
    assertThat(busy(api, u)).containsExactly(span("10:30", "11:30"));
    assertThat(api.get(second.path(), u.token()).status()).isEqualTo(404);
    assertThat(connectionIds(u)).containsExactly(c.id());
  }

  @Test
  void badRequestsAreFourHundredsAndChangeNothing() {
    User u = user();
    var feed = feed("kept", namedCalendar("Kept", event("k-1", "09:00", "10:00")));
    Connection c = connect(u, feed.url());
    List<String> before = connectionIds(u);
    assertThat(before).containsExactly(c.id());

    create(u, icsBody("ftp://x/y")).assertProblem(400, List.of("url"));
    create(u, icsBody("http://10.0.0.1/x")).assertProblem(400, List.of("url"));
    var privateHttps = create(u, icsBody("https://10.0.0.1/x"));
    privateHttps.assertProblem(400, List.of("url"));
    assertThat(privateHttps.text()).contains("private");
    create(u, "{\"url\":\"" + feed.url() + "\"}").assertProblem(400, List.of("provider"));
    // Google takes an OAuth code, not a URL.
    create(u, "{\"provider\":\"google\",\"url\":\"" + feed.url() + "\"}")
        .assertProblem(400, List.of("code", "redirectUri"));
    patch(c, "{\"checkConflicts\":\"yes\"}").assertProblem(400, List.of("checkConflicts"));
    assertThat(get(c).get("checkConflicts").asBoolean()).isTrue();

    // Another user: someone else's path is forbidden; their connection id on one's own path is
    // not found (whether or not it exists).
    User other = user();
    String othersPath = "/users/" + u.id() + "/connections";
    assertThat(api.get(othersPath, other.token()).status()).isEqualTo(403);
    assertThat(api.get(c.path(), other.token()).status()).isEqualTo(403);
    assertThat(api.send("DELETE", c.path(), null, other.auth()).status()).isEqualTo(403);
    assertThat(api.send("POST", othersPath, icsBody(feed.url()), other.auth()).status())
        .isEqualTo(403);
    String ownPathOthersId = "/users/" + other.id() + "/connections/" + c.id();
    assertThat(api.get(ownPathOthersId, other.token()).status()).isEqualTo(404);
    assertThat(
            api.send("PATCH", ownPathOthersId, "{\"checkConflicts\":false}", other.auth()).status())
        .isEqualTo(404);
    assertThat(api.send("DELETE", ownPathOthersId, null, other.auth()).status()).isEqualTo(404);

    assertThat(connectionIds(u)).isEqualTo(before);
    assertThat(connectionIds(other)).isEmpty();
    JsonNode kept = get(c);
    assertThat(kept.get("checkConflicts").asBoolean()).isTrue();
    assertThat(kept.get("url").asText()).isEqualTo(feed.url());
  }
}
