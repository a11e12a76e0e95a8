package dev.calendar.app;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calendar.devservers.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /sessions} is throttled per account and per client address, on a node of its own with
 * small limits. Requests come from distinct loopback addresses (127.0.x.y), so each test has its
 * own client addresses and the per-address buckets do not meet across tests.
 */
class LoginThrottleIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int ACCOUNT_BURST = 5;
  // Long enough that no token comes back while a test's burst of requests is under way.
  private static final Duration ACCOUNT_REFILL = Duration.ofSeconds(15);
  private static final int ADDRESS_BURST = 8;
  private static final String TRUSTED_PROXY = "127.0.0.9";

  private static Node node;
  private static Api api;
  private static final ExecutorService pool = Executors.newFixedThreadPool(50);

  @BeforeAll
  static void start() throws Exception {
    Map<String, Object> o = TestNodes.overrides(FreePorts.next(), List.of());
    o.put("calendar.login-throttle.per-account.burst", ACCOUNT_BURST);
    o.put("calendar.login-throttle.per-account.refill-every", ACCOUNT_REFILL.toSeconds() + "s");
    o.put("calendar.login-throttle.per-address.burst", ADDRESS_BURST);
    o.put("calendar.login-throttle.per-address.refill-every", "1h");
    o.put("calendar.http.trusted-proxies", List.of(TRUSTED_PROXY));
    node = Node.start(NodeConfig.load(o));
    api = new Api(node);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
    if (node != null) {
      node.close();
    }
  }

  record Reply(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + this, e);
      }
    }

    long retryAfter() {
      return Long.parseLong(headers.get("retry-after"));
    }

    void assertThrottled(long maxRetryAfterSeconds) {
      assertThat(status).as("%s", this).isEqualTo(429);
      assertThat(headers.get("content-type")).isEqualTo("application/problem+json");
      assertThat(json().get("status").asInt()).isEqualTo(429);
      assertThat(json().get("title").asText()).isNotBlank();
      assertThat(json().get("detail").asText()).isNotBlank();
      assertThat(retryAfter()).isBetween(1L, maxRetryAfterSeconds);
    }
  }

  /** A log-in sent from the loopback address {@code from}, over a connection of its own. */
  private static Reply logIn(String from, String email, String password, Map<String, String> h) {
    String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    byte[] bytes = body.getBytes(UTF_8);
    StringBuilder head =
        new StringBuilder("POST /sessions HTTP/1.1\r\n")
            .append("Host: 127.0.0.1:")
            .append(node.httpPort())
            .append("\r\nContent-Type: application/json\r\nContent-Length: ")
            .append(bytes.length)
            .append("\r\nConnection: close\r\n");
    h.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("\r\n");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", node.httpPort()), 5_000);
      socket.setSoTimeout(30_000);
      var out = socket.getOutputStream();
      out.write(head.toString().getBytes(ISO_8859_1));
      out.write(bytes);
      out.flush();
      String raw = new String(socket.getInputStream().readAllBytes(), UTF_8);
      int end = raw.indexOf("\r\n\r\n");
      String[] lines = raw.substring(0, end).split("\r\n");
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
      return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply logIn(String from, String email, String password) {
    return logIn(from, email, password, Map.of());
  }

  @Test
  void fiftyQuickWrongPasswordsAreThrottledAndTheRightOneWorksAfterRetryAfter() throws Exception {
    String email = Api.uniqueEmail("victim");
    api.signUp(email, "the-right-password");

    // Fifty guesses at once, each from an address of its own: the account's bucket decides.
    int n = 50;
    var ready = new CountDownLatch(n);
    var go = new CountDownLatch(1);
    List<CompletableFuture<Reply>> guesses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String from = "127.0.1." + (i + 1);
      String guess = "guess-" + i;
      guesses.add(
          CompletableFuture.supplyAsync(
              () -> {
                ready.countDown();
                try {
                  go.await();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
                return logIn(from, email, guess);
              },
              pool));
    }
    ready.await();
    go.countDown();
    List<Reply> replies = guesses.stream().map(CompletableFuture::join).toList();
    var byStatus = replies.stream().collect(Collectors.groupingBy(Reply::status));
    assertThat(byStatus.keySet()).containsExactlyInAnyOrder(401, 429);
    assertThat(byStatus.get(401)).hasSize(ACCOUNT_BURST);
    assertThat(byStatus.get(429)).hasSize(n - ACCOUNT_BURST);
    byStatus.get(429).forEach(r -> r.assertThrottled(ACCOUNT_REFILL.toSeconds()));

    // The owner, from another address, is throttled too until a token is back ...
    String owner = "127.0.2.1";
    Reply throttled = logIn(owner, email, "the-right-password");
    throttled.assertThrottled(ACCOUNT_REFILL.toSeconds());
    assertThat(throttled.json().has("token")).isFalse();

    // ... and gets in once Retry-After has passed (asking meanwhile costs nothing).
    Duration retryAfter = Duration.ofSeconds(throttled.retryAfter());
    var success =
        await()
            .atMost(retryAfter.plusSeconds(5))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> logIn(owner, email, "the-right-password"), r -> r.status() == 201);
    assertThat(success.json().get("token").asText()).isNotBlank();
    assertThat(success.headers().get("cache-control")).isEqualTo("no-store");
  }

  @Test
  void oneAddressTryingManyAccountsIsThrottledAndOtherAddressesAreNot() {
    String sprayer = "127.0.3.1";
    List<Reply> replies = new ArrayList<>();
    for (int i = 0; i < ADDRESS_BURST + 4; i++) {
      replies.add(logIn(sprayer, Api.uniqueEmail("sprayed"), "Winter2031!"));
    }
    assertThat(replies.subList(0, ADDRESS_BURST))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(401));
    replies
        .subList(ADDRESS_BURST, replies.size())
        .forEach(r -> r.assertThrottled(Duration.ofHours(1).toSeconds()));

    // A real account from that address waits too; from any other address it is untouched.
    String email = Api.uniqueEmail("neighbour");
    api.signUp(email, "password-of-mine");
    logIn(sprayer, email, "password-of-mine").assertThrottled(Duration.ofHours(1).toSeconds());
    assertThat(logIn("127.0.3.2", email, "password-of-mine").status()).isEqualTo(201);
    assertThat(logIn("127.0.3.2", Api.uniqueEmail("sprayed"), "Winter2031!").status())
        .isEqualTo(401);
  }

  @Test
  void successfulLogInsDoNotCountAndCarryNoStore() {
    String email = Api.uniqueEmail("regular");
    api.signUp(email, "password-1234");
    String from = "127.0.4.1";
    for (int i = 0; i < ADDRESS_BURST + ACCOUNT_BURST; i++) {
      Reply r = logIn(from, email, "password-1234");
      assertThat(r.status()).as("%s", r).isEqualTo(201);
      assertThat(r.headers().get("cache-control")).isEqualTo("no-store");
    }
    for (int i = 0; i < ACCOUNT_BURST; i++) {
      assertThat(logIn(from, email, "wrong-password").status()).isEqualTo(401);
    }
    logIn(from, email, "wrong-password").assertThrottled(ACCOUNT_REFILL.toSeconds());
  }

  @Test
  void forwardedForNamesTheClientOnlyWhenATrustedProxySendsIt() {
    var client = Map.of("X-Forwarded-For", "203.0.113.50");
    for (int i = 0; i < ADDRESS_BURST; i++) {
      assertThat(logIn(TRUSTED_PROXY, Api.uniqueEmail("fwd"), "nope-nope", client).status())
          .isEqualTo(401);
    }
    logIn(TRUSTED_PROXY, Api.uniqueEmail("fwd"), "nope-nope", client)
        .assertThrottled(Duration.ofHours(1).toSeconds());
    // Another client behind the same proxy has a bucket of its own ...
    assertThat(
            logIn(
                    TRUSTED_PROXY,
                    Api.uniqueEmail("fwd"),
                    "nope-nope",
                    Map.of("X-Forwarded-For", "203.0.113.51"))
                .status())
        .isEqualTo(401);
    // ... and from an untrusted peer the header is ignored: the peer is the client.
    assertThat(logIn("127.0.5.1", Api.uniqueEmail("fwd"), "nope-nope", client).status())
        .isEqualTo(401);
  }

  @Test
  void signUpAnswersAndTheirReplaysAreNotToBeStored() {
    String email = Api.uniqueEmail("nostore");
    String body = "{\"email\":\"" + email + "\",\"name\":\"N\",\"password\":\"password1\"}";
    var key = Map.of("Idempotency-Key", "nostore-" + email);
    var first = api.send("POST", "/users", body, key);
    var replay = api.send("POST", "/users", body, key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.headers().firstValue("cache-control")).contains("no-store");
    assertThat(replay.status()).isEqualTo(201);
    assertThat(replay.headers().firstValue("idempotent-replayed")).contains("true");
    assertThat(replay.headers().firstValue("cache-control")).contains("no-store");
  }
}
