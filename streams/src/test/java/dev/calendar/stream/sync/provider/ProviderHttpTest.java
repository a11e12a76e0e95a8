package dev.calendar.stream.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import dev.calendar.stream.sync.provider.ProviderException.Kind;
import dev.calendar.stream.sync.provider.ProviderStub.Reply;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared request plumbing: answers, refusals and no answers, against a real HTTP server. */
class ProviderHttpTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-10T08:00:00Z"), ZoneOffset.UTC);
  private static final String TOKEN = "secret-access-token";
  private static ActorTestKit testKit;

  private final ProviderStub stub = ProviderStub.start();

  @BeforeAll
  static void startSystem() {
    testKit =
        ActorTestKit.create(
            "provider-http",
            // The pool retries a refused connection with backoff; one attempt keeps the test quick.
            ConfigFactory.parseString(
                "pekko.actor.provider = local\n"
                    + "pekko.http.host-connection-pool.max-retries = 0"));
  }

  @AfterAll
  static void stopSystem() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }

  private ProviderHttp http(Duration timeout, long maxBytes) {
    var settings =
        new ProviderSettings(stub.url(), stub.url() + "/token", "id", "secret", timeout, maxBytes);
    return new ProviderHttp(testKit.system(), "google", settings, CLOCK);
  }

  private ProviderHttp http() {
    return http(Duration.ofSeconds(5), 1024 * 1024);
  }

  @Test
  void aSuccessIsItsJsonAndCarriesTheBearerToken() throws Exception {
    stub.on("GET", "/thing", Reply.json(200, "{\"id\":\"a\"}"));

    var answer =
        await(
            http()
                .call(
                    HttpMethods.GET,
                    stub.url() + "/thing",
                    TOKEN,
                    null,
                    List.of(),
                    ErrorKinds.BY_STATUS));

    assertThat(answer.path("id").asText()).isEqualTo("a");
    assertThat(stub.last().header("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void anEmptySuccessIsAMissingNode() throws Exception {
    stub.on("DELETE", "/thing", Reply.json(204, ""));

    var answer =
        await(
            http()
                .call(
                    HttpMethods.DELETE,
                    stub.url() + "/thing",
                    TOKEN,
                    null,
                    List.of(),
                    ErrorKinds.BY_STATUS));

    assertThat(answer.isMissingNode()).isTrue();
  }

  @Test
  void statusesAreSortedAndTheMessageNamesProviderStatusAndReasonButNoToken() {
    stub.on(
        "GET",
        "/401",
        Reply.json(
            401,
            "{\"error\":{\"code\":401,\"message\":\"Invalid Credentials\",\"errors\":[{\"reason\":\"authError\"}]}}"));
    stub.on("GET", "/503", Reply.json(503, "<html>down</html>").withHeader("Retry-After", "30"));
    stub.on(
        "GET",
        "/400",
        Reply.json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"nope\"}}"));

    var unauthorized = failure(get("/401"));
    var unavailable = failure(get("/503"));
    var rejected = failure(get("/400"));
    var missing = failure(get("/nowhere"));

    assertThat(unauthorized.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.getMessage())
        .isEqualTo("google answered HTTP 401 (authError): Invalid Credentials")
        .doesNotContain(TOKEN);
    assertThat(unavailable.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(unavailable.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(rejected.kind()).isEqualTo(Kind.REJECTED);
    assertThat(rejected.getMessage()).isEqualTo("google answered HTTP 400 (BadRequest): nope");
    assertThat(missing.kind()).isEqualTo(Kind.NOT_FOUND);
  }

  @Test
  void noAnswerInTimeIsUnavailableWithStatusZero() {
    stub.on("GET", "/slow", Reply.json(200, "{}").delayed(3_000));

    var failure =
        failure(
            http(Duration.ofMillis(300), 1024)
                .call(
                    HttpMethods.GET,
                    stub.url() + "/slow",
                    TOKEN,
                    null,
                    List.of(),
                    ErrorKinds.BY_STATUS));

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.status()).isZero();
    assertThat(failure.getMessage()).isEqualTo("google: no answer within 300 ms");
  }

  @Test
  void aClosedPortIsUnavailableWithStatusZero() throws Exception {
    int closed;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    var failure =
        failure(
            http()
                .call(
                    HttpMethods.GET,
                    "http://127.0.0.1:" + closed + "/x",
                    TOKEN,
                    null,
                    List.of(),
                    ErrorKinds.BY_STATUS));

    assertThat(failure.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(failure.status()).isZero();
    assertThat(failure.getMessage())
        .startsWith("google: cannot reach the provider")
        .doesNotContain(TOKEN);
  }

  @Test
  void anAnswerOverTheCapIsRefusedWhetherItsLengthIsDeclaredOrNot() {
    String big = "{\"pad\":\"" + "x".repeat(5_000) + "\"}";
    stub.on("GET", "/declared", Reply.json(200, big));
    stub.on("GET", "/chunked", Reply.json(200, big).inChunks());
    var http = http(Duration.ofSeconds(5), 1024);

    for (String path : List.of("/declared", "/chunked")) {
      var failure =
          failure(
              http.call(
                  HttpMethods.GET,
                  stub.url() + path,
                  TOKEN,
                  null,
                  List.of(),
                  ErrorKinds.BY_STATUS));

      assertThat(failure.kind()).as(path + ": " + failure.getMessage()).isEqualTo(Kind.REJECTED);
      assertThat(failure.getMessage()).isEqualTo("google: answer larger than 1024 bytes");
    }
  }

  @Test
  void aFormIsPercentEncoded() throws Exception {
    stub.on("POST", "/token", Reply.json(200, "{}"));

    await(
        http()
            .postForm(
                stub.url() + "/token",
                Map.of("redirect_uri", "https://a.test/cb?x=1 2"),
                ErrorKinds.TOKEN_ENDPOINT));

    assertThat(stub.last().header("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(stub.last().body()).isEqualTo("redirect_uri=https%3A%2F%2Fa.test%2Fcb%3Fx%3D1+2");
  }

  @Test
  void settingsNeverPrintTheSecret() {
    var settings =
        new ProviderSettings(
            "https://api.test/v1/",
            "https://api.test/token",
            "id",
            "s3cr3t",
            Duration.ofSeconds(1));

    assertThat(settings.toString()).doesNotContain("s3cr3t");
    assertThat(settings.apiBaseUrl()).isEqualTo("https://api.test/v1");
  }

  private CompletionStage<com.fasterxml.jackson.databind.JsonNode> get(String path) {
    return http()
        .call(HttpMethods.GET, stub.url() + path, TOKEN, null, List.of(), ErrorKinds.BY_STATUS);
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The stage's failure, which must be a bare {@link ProviderException} once settled. */
  static ProviderException failure(CompletionStage<?> stage) {
    var error =
        catchThrowableOfType(
            () -> Stages.settled("google", stage).toCompletableFuture().get(10, TimeUnit.SECONDS),
            ExecutionException.class);
    assertThat(error).as("the stage should have failed").isNotNull();
    assertThat(error.getCause()).isInstanceOf(ProviderException.class);
    return (ProviderException) error.getCause();
  }
}
