package dev.calendar.stream.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import com.typesafe.config.ConfigFactory;
import dev.calendar.stream.outbound.HostResolver;
import dev.calendar.webhook.WebhookSignature;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook channel against a local receiver, with DNS under the test's control. The name {@code
 * hooks.rebind.test} exists in no real DNS ({@code .test} is reserved), so a delivery that arrives
 * proves the connection went where our resolver (the one that was checked) said.
 */
class WebhookChannelTest {
  private static final String NAME = "hooks.rebind.test";
  private static final String SECRET =
      WebhookSignature.generateSecret(new SecureRandom(new byte[] {1}));
  private static final Instant NOW = Instant.parse("2027-03-01T08:50:00Z");
  private static final String BODY = "{\"type\":\"reminder.due\",\"data\":{}}";

  private static ActorTestKit testKit;
  private static ExecutorService blocking;

  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer receiver;

  record Received(String path, Map<String, List<String>> headers, String body, String sni) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  @BeforeAll
  static void start() {
    testKit =
        ActorTestKit.create(
            "webhook-channel", ConfigFactory.parseString("pekko.actor.provider = local"));
    blocking = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
    blocking.shutdownNow();
  }

  @AfterEach
  void stopReceiver() {
    release.countDown();
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  /** Counts its calls; answers {@code answers.apply(callNumber)} (1-based). */
  static final class CountingResolver implements HostResolver {
    final AtomicInteger calls = new AtomicInteger();
    final ConcurrentLinkedQueue<String> hosts = new ConcurrentLinkedQueue<>();
    private final Function<Integer, String> answers;

    CountingResolver(Function<Integer, String> answers) {
      this.answers = answers;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
      hosts.add(host);
      return List.of(InetAddress.getByName(answers.apply(calls.incrementAndGet())));
    }
  }

  @Test
  void connectsToTheAddressOurResolverGaveWhileTheHostHeaderKeepsTheName() throws Exception {
    int port = startReceiver(204);
    var resolver = new CountingResolver(call -> "127.0.0.1");

    channel(resolver, true, Duration.ofSeconds(10))
        .send("http://" + NAME + ":" + port + "/hook", SECRET, "msg_1", BODY)
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);

    assertThat(received).hasSize(1);
    Received r = received.peek();
    assertThat(r.path()).isEqualTo("/hook");
    assertThat(r.header("Host")).isEqualTo(NAME + ":" + port);
    assertThat(r.header("User-Agent")).isEqualTo("calendar-notifier");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("webhook-id")).isEqualTo("msg_1");
    assertThat(r.header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(r.body()).isEqualTo(BODY);
    assertThat(
            WebhookSignature.verify(
                SECRET,
                "msg_1",
                r.header("webhook-timestamp"),
                r.header("webhook-signature"),
                r.body(),
                Duration.ofMinutes(5),
                NOW))
        .isTrue();
    assertThat(resolver.calls).hasValue(1);
    assertThat(resolver.hosts).containsExactly(NAME);
  }

  @Test
  void messagesToOneOriginShareItsCheckedConnections() throws Exception {
    int port = startReceiver(204);
    var resolver = new CountingResolver(call -> "127.0.0.1");
    var channel = channel(resolver, true, Duration.ofSeconds(10));

    for (int i = 0; i < 5; i++) {
      channel
          .send("http://" + NAME + ":" + port + "/hook", SECRET, "msg_" + i, BODY)
          .toCompletableFuture()
          .get(20, TimeUnit.SECONDS);
    }

    assertThat(received).hasSize(5);
    // One connection, checked once, kept alive: not a lookup (and a new pool) per message.
    assertThat(resolver.calls).hasValue(1);
  }

  @Test
  void privateAnswerIsRefusedPermanentlyWithoutConnecting() throws Exception {
    try (var listener = new CountingListener()) {
      for (String hostile : List.of("10.0.0.1", "169.254.169.254", "127.0.0.1")) {
        var resolver = new CountingResolver(call -> hostile);

        var failure =
            failureOf(channel(resolver, false, Duration.ofSeconds(10)), "https", listener.port());

        assertThat(failure.isPermanent()).as(hostile).isTrue();
        assertThat(failure).hasMessageStartingWith("webhook URL refused: must resolve to public");
        assertThat(resolver.calls).as(hostile).hasValue(1);
      }
      assertThat(listener.accepted).hasValue(0);
    }
  }

  /**
   * A hostile DNS server answers a public address to the first query and loopback afterwards. A
   * channel that checks one lookup and connects by another would connect to the listener on
   * 127.0.0.1; ours makes one lookup per attempt and connects to its (public) answer, so the
   * listener sees no connection. The public answer is an address unlikely to answer (the 6to4 relay
   * anycast, retired); the attempt fails either way, within the 1 s connect timeout.
   */
  @Test
  void rebindingAfterTheCheckCannotRedirectTheConnection() throws Exception {
    try (var listener = new CountingListener()) {
      var resolver = new CountingResolver(call -> call == 1 ? "192.88.99.1" : "127.0.0.1");

      var failure =
          failureOf(channel(resolver, false, Duration.ofSeconds(1)), "https", listener.port());

      assertThat(failure.isPermanent()).isFalse();
      assertThat(resolver.calls).hasValue(1);
      assertThat(listener.accepted).hasValue(0);
    }
  }

  /** Counts TCP connections to a port on 127.0.0.1, whatever protocol they then speak. */
  static final class CountingListener implements AutoCloseable {
    final AtomicInteger accepted = new AtomicInteger();
    private final ServerSocket socket;

    CountingListener() throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor =
          new Thread(
              () -> {
                while (!socket.isClosed()) {
                  try (Socket ignored = socket.accept()) {
                    accepted.incrementAndGet();
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "counting-listener");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
    int port = startReceiver(302);
    var resolver = new CountingResolver(call -> "127.0.0.1");

    var failure = failureOf(channel(resolver, true, Duration.ofSeconds(10)), "http", port);

    assertThat(failure.isPermanent()).isFalse();
    assertThat(failure).hasMessage(NAME + ":" + port + " answered HTTP 302");
    assertThat(received).extracting(Received::path).containsExactly("/hook");
  }

  @Test
  void aServerErrorIsRetryable() throws Exception {
    int port = startReceiver(500);

    var failure =
        failureOf(
            channel(new CountingResolver(call -> "127.0.0.1"), true, Duration.ofSeconds(10)),
            "http",
            port);

    assertThat(failure.isPermanent()).isFalse();
    assertThat(failure).hasMessage(NAME + ":" + port + " answered HTTP 500");
  }

  @Test
  void noAnswerWithinTheTimeoutIsRetryable() throws Exception {
    int port = startReceiver(-1);

    var failure =
        failureOf(
            channel(new CountingResolver(call -> "127.0.0.1"), true, Duration.ofSeconds(1)),
            "http",
            port);

    assertThat(failure.isPermanent()).isFalse();
    assertThat(failure).hasMessage("no answer from " + NAME + ":" + port + " within 1 s");
  }

  @Test
  void httpsConnectsToTheCheckedAddressButVerifiesTheName(@TempDir Path dir) throws Exception {
    KeyStore keys = selfSigned(dir, NAME);
    int port = startTlsReceiver(keys);
    var resolver = new CountingResolver(call -> "127.0.0.1");

    trustingChannel(keys, resolver)
        .send("https://" + NAME + ":" + port + "/hook", SECRET, "msg_1", BODY)
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);

    assertThat(received).hasSize(1);
    assertThat(received.peek().sni()).isEqualTo(NAME);
    assertThat(received.peek().header("Host")).isEqualTo(NAME + ":" + port);
  }

  @Test
  void httpsRefusesACertificateForAnotherName(@TempDir Path dir) throws Exception {
    // Trusted, but issued to another name: only hostname verification can reject it.
    KeyStore keys = selfSigned(dir, "other.test");
    int port = startTlsReceiver(keys);

    var failure =
        failureOf(trustingChannel(keys, new CountingResolver(call -> "127.0.0.1")), "https", port);

    assertThat(failure.isPermanent()).isFalse();
    assertThat(failure).hasMessageStartingWith("cannot reach " + NAME + ":" + port);
    assertThat(received).isEmpty();
  }

  private WebhookChannel channel(HostResolver resolver, boolean devMode, Duration timeout)
      throws Exception {
    return new WebhookChannel(
        testKit.system(),
        SSLContext.getDefault(),
        timeout,
        devMode,
        resolver,
        blocking,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private WebhookChannel trustingChannel(KeyStore keys, HostResolver resolver) throws Exception {
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return new WebhookChannel(
        testKit.system(),
        context,
        Duration.ofSeconds(10),
        true,
        resolver,
        blocking,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static DeliveryFailure failureOf(WebhookChannel channel, String scheme, int port) {
    CompletionStage<Void> sent =
        channel.send(scheme + "://" + NAME + ":" + port + "/hook", SECRET, "msg_1", BODY);
    Throwable[] cause = new Throwable[1];
    assertThatThrownBy(() -> sent.toCompletableFuture().get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .satisfies(e -> cause[0] = e.getCause());
    assertThat(cause[0]).isInstanceOf(DeliveryFailure.class);
    return (DeliveryFailure) cause[0];
  }

  /** {@code status} -1: never answers (until the test ends). */
  private int startReceiver(int status) throws IOException {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/", exchange -> answer(exchange, status));
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.start();
    return receiver.getAddress().getPort();
  }

  private int startTlsReceiver(KeyStore keys) throws Exception {
    var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), null, null);
    var server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(context));
    server.createContext("/", exchange -> answer(exchange, 204));
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    receiver = server;
    return server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange, int status) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String sni = null;
    if (exchange instanceof HttpsExchange tls
        && tls.getSSLSession() instanceof ExtendedSSLSession session) {
      sni =
          session.getRequestedServerNames().stream()
              .filter(SNIHostName.class::isInstance)
              .map(n -> ((SNIHostName) n).getAsciiName())
              .findFirst()
              .orElse(null);
    }
    received.add(
        new Received(
            exchange.getRequestURI().getPath(),
            Map.copyOf(exchange.getRequestHeaders()),
            body,
            sni));
    if (status < 0) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    if (status == 302) {
      exchange.getResponseHeaders().add("Location", "/elsewhere");
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** A key and self-signed certificate for {@code dnsName}, made by the JDK's keytool. */
  private static KeyStore selfSigned(Path dir, String dnsName) throws Exception {
    Path file = dir.resolve(dnsName + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "receiver",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + dnsName,
                "-ext",
                "SAN=dns:" + dnsName,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(file.toFile())) {
      keys.load(in, "changeit".toCharArray());
    }
    assertThat(Files.exists(file)).isTrue();
    return keys;
  }
}
