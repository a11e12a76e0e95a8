package dev.calendar.stream.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.ConfigFactory;
import dev.calendar.connection.FeedUrl;
import dev.calendar.stream.outbound.CheckedConnect;
import dev.calendar.stream.outbound.HostResolver;
import dev.calendar.stream.sync.FetchResult.Changed;
import dev.calendar.stream.sync.FetchResult.Failed;
import dev.calendar.stream.sync.FetchResult.NotModified;
import dev.calendar.webhook.UrlPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a feed server on 127.0.0.1, with DNS under the test's control: {@code
 * feeds.sync.test} (a name in no real DNS, {@code .test} is reserved) answers 127.0.0.1, so a
 * request that arrives proves the connection went where our resolver said; {@code
 * intranet.sync.test} answers 10.0.0.1.
 */
class IcsFeedFetcherTest {
  private static final String NAME = "feeds.sync.test";
  private static final String INTRANET = "intranet.sync.test";
  private static final Instant NOW = Instant.parse("2027-03-01T08:50:00Z");
  private static final String LAST_MODIFIED = "Mon, 01 Mar 2027 08:00:00 GMT";
  private static final String CALENDAR =
      "BEGIN:VCALENDAR\r\n"
          + "VERSION:2.0\r\n"
          + "PRODID:-//Example//Feed//EN\r\n"
          + "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"
          + "BEGIN:VEVENT\r\n"
          + "UID:1@example.com\r\n"
          + "DTSTART:20270302T090000Z\r\n"
          + "DTEND:20270302T100000Z\r\n"
          + "END:VEVENT\r\n"
          + "END:VCALENDAR\r\n";
  private static final IcsFeedFetcher.Settings SETTINGS =
      new IcsFeedFetcher.Settings(Duration.ofSeconds(2), Duration.ofSeconds(10), 1024 * 1024, 5);

  private static ActorTestKit testKit;
  private static ExecutorService blocking;

  private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> lookups = new ConcurrentLinkedQueue<>();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private int port;

  /** {@code target}: the request line's target as sent (origin or absolute form). */
  record Request(String path, String target, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue()))
          .findFirst()
          .orElse(null);
    }
  }

  @FunctionalInterface
  interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  @BeforeAll
  static void startSystem() {
    testKit =
        ActorTestKit.create("ics-feed", ConfigFactory.parseString("pekko.actor.provider = local"));
    blocking = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stopSystem() {
    testKit.shutdownTestKit();
    blocking.shutdownNow();
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.add(
              new Request(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestURI().toString(),
                  Map.copyOf(exchange.getRequestHeaders())));
          Answer answer = answers.get(exchange.getRequestURI().getPath());
          try {
            if (answer == null) {
              exchange.sendResponseHeaders(404, -1);
            } else {
              answer.answer(exchange);
            }
          } catch (IOException closedByTheClient) {
            // the fetcher hung up (a cut body)
          } finally {
            exchange.close();
          }
        });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    port = server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
  }

  private String url(String path) {
    return "http://" + NAME + ":" + port + path;
  }

  /** {@link #NAME}: 127.0.0.1, {@link #INTRANET}: 10.0.0.1, IP literals: themselves. */
  private List<InetAddress> resolve(String host) throws UnknownHostException {
    lookups.add(host);
    return switch (host) {
      case NAME -> List.of(InetAddress.getByName("127.0.0.1"));
      case INTRANET -> List.of(InetAddress.getByName("10.0.0.1"));
      default -> {
        if (!host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
          throw new UnknownHostException(host);
        }
        yield List.of(InetAddress.getByName(host));
      }
    };
  }

  private IcsFeedFetcher fetcher(boolean devMode, IcsFeedFetcher.Settings settings)
      throws Exception {
    return new IcsFeedFetcher(
        testKit.system(),
        SSLContext.getDefault(),
        settings,
        devMode,
        this::resolve,
        blocking,
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private IcsFeedFetcher devFetcher() throws Exception {
    return fetcher(true, SETTINGS);
  }

  private static FetchResult await(java.util.concurrent.CompletionStage<FetchResult> result)
      throws Exception {
    return result.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Answer calendar(String etag, String body) {
    return exchange -> {
      if (etag != null && etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
        exchange.sendResponseHeaders(304, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=utf-8");
      if (etag != null) {
        exchange.getResponseHeaders().add("ETag", etag);
      }
      exchange.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    };
  }

  private static Answer status(int status, Map<String, String> headers) {
    return exchange -> {
      headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.sendResponseHeaders(status, -1);
    };
  }

  private static Answer redirect(int status, String location) {
    return status(status, Map.of("Location", location));
  }

  @Test
  void aFirstFetchIsUnconditionalAndReturnsTheCalendarWithItsValidators() throws Exception {
    answers.put("/cal.ics", calendar("\"v1\"", CALENDAR));

    var result = await(devFetcher().fetch(url("/cal.ics"), Validators.NONE));

    assertThat(result)
        .isEqualTo(
            new Changed(CALENDAR, new Validators("\"v1\"", LAST_MODIFIED), Duration.ofHours(1)));
    Request request = requests.peek();
    // Origin form: some servers answer the absolute form with 404.
    assertThat(request.target()).isEqualTo("/cal.ics");
    assertThat(request.header("Host")).isEqualTo(NAME + ":" + port);
    assertThat(request.header("User-Agent")).isEqualTo("calendar-feeds");
    assertThat(request.header("If-None-Match")).isNull();
    assertThat(request.header("If-Modified-Since")).isNull();
    assertThat(lookups).containsExactly(NAME);
  }

  @Test
  void theSameEtagAgainIsNotModified() throws Exception {
    answers.put("/cal.ics", calendar("\"v1\"", CALENDAR));

    var result =
        await(devFetcher().fetch(url("/cal.ics"), new Validators("\"v1\"", LAST_MODIFIED)));

    assertThat(result).isEqualTo(new NotModified());
    assertThat(requests).hasSize(1);
    assertThat(requests.peek().header("If-None-Match")).isEqualTo("\"v1\"");
    assertThat(requests.peek().header("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
  }

  @Test
  void aChangedFileIsChangedWithItsNewValidators() throws Exception {
    var fetcher = devFetcher();
    answers.put("/cal.ics", calendar("\"v1\"", CALENDAR));
    var first = (Changed) await(fetcher.fetch(url("/cal.ics"), Validators.NONE));
    String edited = CALENDAR.replace("T090000Z", "T093000Z");
    answers.put("/cal.ics", calendar("\"v2\"", edited));

    var second = await(fetcher.fetch(url("/cal.ics"), first.validators()));

    assertThat(second)
        .isEqualTo(
            new Changed(edited, new Validators("\"v2\"", LAST_MODIFIED), Duration.ofHours(1)));
    assertThat(requests).extracting(r -> r.header("If-None-Match")).containsExactly(null, "\"v1\"");
  }

  @Test
  void theBodyIsDecodedByItsCharsetWithoutItsBom() throws Exception {
    String body = "\uFEFF \r\nBEGIN:VCALENDAR\r\nX-PUBLISHED-TTL:PT30M\r\nX-WR-CALNAME:Café\r\n";
    Charset latin1 = StandardCharsets.ISO_8859_1;
    answers.put(
        "/latin1.ics",
        exchange -> {
          byte[] bytes = body.replace("\uFEFF", "").getBytes(latin1);
          exchange.getResponseHeaders().add("Content-Type", "text/calendar; charset=ISO-8859-1");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
        });
    answers.put(
        "/bom.ics",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/calendar");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
        });
    var fetcher = devFetcher();

    var latin = (Changed) await(fetcher.fetch(url("/latin1.ics"), Validators.NONE));
    var bom = (Changed) await(fetcher.fetch(url("/bom.ics"), Validators.NONE));

    String expected = body.substring(1);
    assertThat(latin.body()).isEqualTo(expected);
    assertThat(bom.body()).isEqualTo(expected);
    assertThat(bom.refreshInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(bom.validators().etag()).isNull();
  }

  @Test
  void aServerErrorIsRetryable() throws Exception {
    answers.put("/cal.ics", status(500, Map.of()));

    var result = await(devFetcher().fetch(url("/cal.ics"), Validators.NONE));

    assertThat(result).isEqualTo(new Failed(NAME + ":" + port + " answered HTTP 500", false, null));
  }

  @Test
  void networkErrorsAreRetryableWithTheirCause() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    var fetcher = devFetcher();

    var refused = (Failed) await(fetcher.fetch("http://" + NAME + ":" + closedPort + "/", null));
    var unknown = await(fetcher.fetch("https://nowhere.sync.test/cal.ics", null));

    assertThat(refused.permanent()).isFalse();
    assertThat(refused.reason()).startsWith("cannot reach " + NAME + ":" + closedPort + ": ");
    assertThat(unknown).isEqualTo(Failed.retryable("feed host nowhere.sync.test does not resolve"));
  }

  @Test
  void tooManyRequestsIsRetryableWithItsRetryAfterAsAHint() throws Exception {
    answers.put("/seconds.ics", status(429, Map.of("Retry-After", "120")));
    String in90s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
    answers.put("/date.ics", status(503, Map.of("Retry-After", in90s)));
    var fetcher = devFetcher();

    var seconds = (Failed) await(fetcher.fetch(url("/seconds.ics"), Validators.NONE));
    var date = (Failed) await(fetcher.fetch(url("/date.ics"), Validators.NONE));

    assertThat(seconds)
        .isEqualTo(
            new Failed(NAME + ":" + port + " answered HTTP 429", false, Duration.ofSeconds(120)));
    assertThat(date.permanent()).isFalse();
    assertThat(date.retryAfter()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aFeedNotFoundOrGoneIsPermanent() throws Exception {
    answers.put("/gone.ics", status(410, Map.of()));
    var fetcher = devFetcher();

    var missing = await(fetcher.fetch(url("/missing.ics"), Validators.NONE));
    var gone = await(fetcher.fetch(url("/gone.ics"), Validators.NONE));

    assertThat(missing).isEqualTo(Failed.permanent(NAME + ":" + port + " answered HTTP 404"));
    assertThat(gone).isEqualTo(Failed.permanent(NAME + ":" + port + " answered HTTP 410"));
  }

  @Test
  void aRedirectChainIsFollowedWithTheValidatorsToTheCalendar() throws Exception {
    answers.put("/a", redirect(301, "/b"));
    answers.put("/b", redirect(302, "http://127.0.0.1:" + port + "/c"));
    answers.put("/c", redirect(303, "d"));
    answers.put("/d", redirect(307, url("/e")));
    answers.put("/e", redirect(308, "/cal.ics"));
    answers.put("/cal.ics", calendar("\"v1\"", CALENDAR));

    var result = await(devFetcher().fetch(url("/a"), new Validators("\"v0\"", null)));

    assertThat(result).isInstanceOf(Changed.class);
    assertThat(((Changed) result).body()).isEqualTo(CALENDAR);
    assertThat(requests)
        .extracting(Request::path)
        .containsExactly("/a", "/b", "/c", "/d", "/e", "/cal.ics");
    assertThat(requests).extracting(r -> r.header("If-None-Match")).containsOnly("\"v0\"");
    assertThat(requests).extracting(r -> r.header("Host")).contains("127.0.0.1:" + port);
    // Every hop is a connection of its own, its host looked up and checked.
    assertThat(lookups).containsExactly(NAME, NAME, "127.0.0.1", "127.0.0.1", NAME, NAME);
  }

  @Test
  void moreRedirectsThanAllowedFailPermanently() throws Exception {
    answers.put("/loop", redirect(302, "/loop"));

    var result = (Failed) await(devFetcher().fetch(url("/loop"), Validators.NONE));

    assertThat(result.permanent()).isTrue();
    assertThat(result.reason()).startsWith("feed redirects more than 5 times");
    assertThat(requests).hasSize(6);
  }

  @Test
  void anEndlessBodyIsCutAtTheCap() throws Exception {
    answers.put(
        "/endless.ics",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/calendar");
          exchange.sendResponseHeaders(200, 0); // chunked, no length
          OutputStream out = exchange.getResponseBody();
          out.write("BEGIN:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8));
          byte[] line = ("X-FILLER:" + "x".repeat(1000) + "\r\n").getBytes(StandardCharsets.UTF_8);
          while (true) {
            out.write(line);
            out.flush();
          }
        });
    var settings =
        new IcsFeedFetcher.Settings(Duration.ofSeconds(2), Duration.ofSeconds(20), 64 * 1024, 5);

    long start = System.nanoTime();
    var result = await(fetcher(true, settings).fetch(url("/endless.ics"), Validators.NONE));

    // Cut as it streams: neither read to its (absent) end nor stopped by the 20 s timeout.
    assertThat(result).isEqualTo(Failed.permanent("the feed is larger than 65536 bytes"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aDeclaredLengthOverTheCapIsRefusedUnread() throws Exception {
    answers.put(
        "/big.ics",
        exchange -> {
          exchange.sendResponseHeaders(200, 100_000); // and then not one byte of it
        });
    var settings =
        new IcsFeedFetcher.Settings(Duration.ofSeconds(2), Duration.ofSeconds(20), 1024, 5);

    var result = await(fetcher(true, settings).fetch(url("/big.ics"), Validators.NONE));

    assertThat(result).isEqualTo(Failed.permanent("the feed is larger than 1024 bytes"));
  }

  @Test
  void aBodyThatStopsComingRunsOutOfTime() throws Exception {
    answers.put(
        "/slow.ics",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          exchange.getResponseBody().write("BEGIN:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8));
          exchange.getResponseBody().flush();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    var settings =
        new IcsFeedFetcher.Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1024, 5);

    var result = await(fetcher(true, settings).fetch(url("/slow.ics"), Validators.NONE));

    assertThat(result)
        .isEqualTo(
            Failed.retryable("no complete answer from " + NAME + ":" + port + " within 1 s"));
  }

  @Test
  void aBodyThatIsNotACalendarIsPermanent() throws Exception {
    answers.put(
        "/page.html",
        exchange -> {
          byte[] bytes = "<!doctype html><p>Sign in</p>".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
        });

    var result = (Failed) await(devFetcher().fetch(url("/page.html"), Validators.NONE));

    assertThat(result.permanent()).isTrue();
    assertThat(result.reason()).startsWith("not an iCalendar file");
  }

  @Test
  void webcalIsReadAsHttps() {
    assertThat(FeedUrl.toFetch("webcal://example.com/a/cal.ics?k=v%20w"))
        .isEqualTo(URI.create("https://example.com/a/cal.ics?k=v%20w"));
    assertThat(FeedUrl.toFetch("WEBCALS://example.com:8443/cal.ics"))
        .isEqualTo(URI.create("https://example.com:8443/cal.ics"));
    assertThat(FeedUrl.toFetch(" https://example.com/cal.ics "))
        .isEqualTo(URI.create("https://example.com/cal.ics"));
    assertThat(FeedUrl.toFetch("http://example.com/cal.ics"))
        .isEqualTo(URI.create("http://example.com/cal.ics"));
  }

  @Test
  void otherSchemesAndUrlsWithoutHostOrWithCredentialsAreRefused() throws Exception {
    assertThatThrownBy(() -> FeedUrl.toFetch("ftp://example.com/cal.ics"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"ftp\"");
    assertThatThrownBy(() -> FeedUrl.toFetch("file:///etc/passwd"))
        .hasMessageContaining("\"file\"");
    assertThatThrownBy(() -> FeedUrl.toFetch("webcal://user:pw@example.com/cal.ics"))
        .hasMessageContaining("credentials");
    assertThatThrownBy(() -> FeedUrl.toFetch("/cal.ics")).hasMessageContaining("absolute");

    var result = await(devFetcher().fetch("gopher://" + NAME + ":" + port + "/cal.ics", null));

    assertThat(result)
        .isEqualTo(
            Failed.permanent(
                "feed URL scheme \"gopher\" is not supported (http, https, webcal or webcals only)"));
    assertThat(lookups).isEmpty();
  }

  @Test
  void outsideDevModeAUrlResolvingToLoopbackIsRefusedBeforeAnyRequest() throws Exception {
    answers.put("/cal.ics", calendar("\"v1\"", CALENDAR));
    var fetcher = fetcher(false, SETTINGS);

    var byName = await(fetcher.fetch("https://" + NAME + ":" + port + "/cal.ics", null));
    var byAddress = await(fetcher.fetch("https://127.0.0.1:" + port + "/cal.ics", null));
    var overHttp = await(fetcher.fetch(url("/cal.ics"), null));

    String publicOnly =
        "feed URL refused: must resolve to public addresses only (not private, loopback,"
            + " link-local or multicast)";
    assertThat(byName).isEqualTo(Failed.permanent(publicOnly));
    assertThat(byAddress).isEqualTo(Failed.permanent(publicOnly));
    assertThat(overHttp).isEqualTo(Failed.permanent("feed URL refused: must be an https URL"));
    assertThat(requests).isEmpty();
  }

  @Test
  void oneNonPublicAnswerAmongPublicOnesIsEnoughToRefuse() throws Exception {
    HostResolver mixed =
        host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1"));
    var fetcher =
        new IcsFeedFetcher(
            testKit.system(),
            SSLContext.getDefault(),
            SETTINGS,
            false,
            mixed,
            blocking,
            Clock.fixed(NOW, ZoneOffset.UTC));

    var result = (Failed) await(fetcher.fetch("webcal://" + NAME + "/cal.ics", null));

    assertThat(result.permanent()).isTrue();
    assertThat(result.reason()).startsWith("feed URL refused: must resolve to public addresses");
  }

  /**
   * Outside dev mode a feed on 127.0.0.1 cannot be reached at all, so the policy lets exactly the
   * test server's name and address through and is {@link UrlPolicy}'s otherwise: the redirect to a
   * name that resolves to 10.0.0.1 (or to a loopback address directly) meets the real rule.
   */
  @Test
  void outsideDevModeARedirectToAPrivateAddressIsRefused() throws Exception {
    CheckedConnect.Policy onlyTheServerIsLetThrough =
        (uri, addresses) ->
            uri.getHost().equals(NAME) && uri.getPort() == port
                ? Optional.empty()
                : UrlPolicy.violation(uri, addresses, false);
    var fetcher =
        new IcsFeedFetcher(
            testKit.system(),
            SSLContext.getDefault(),
            SETTINGS,
            onlyTheServerIsLetThrough,
            this::resolve,
            blocking,
            Clock.fixed(NOW, ZoneOffset.UTC));
    answers.put("/to-intranet", redirect(302, "https://" + INTRANET + "/secret.ics"));
    answers.put("/to-loopback", redirect(307, "https://127.0.0.1:" + port + "/cal.ics"));
    answers.put("/cal.ics", calendar("\"v1\"", CALENDAR));

    var intranet = await(fetcher.fetch(url("/to-intranet"), null));
    var loopback = await(fetcher.fetch(url("/to-loopback"), null));

    String publicOnly =
        "feed URL refused: must resolve to public addresses only (not private, loopback,"
            + " link-local or multicast)";
    assertThat(intranet).isEqualTo(Failed.permanent(publicOnly));
    assertThat(loopback).isEqualTo(Failed.permanent(publicOnly));
    assertThat(lookups).containsExactly(NAME, INTRANET, NAME, "127.0.0.1");
    assertThat(requests).extracting(Request::path).containsExactly("/to-intranet", "/to-loopback");
  }
}
