package dev.calendar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import dev.calendar.app.NodeConfig;
import dev.calendar.user.PasswordHasher;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench signup}: how many sign-ups per second a running node takes, next to what bounds it.
 * Phases, one after the other: the journal baseline (the node idle), Argon2id hashing alone in the
 * bench JVM (the node idle), then {@code POST /users}, {@code POST /sessions} on the accounts just
 * created, and an authenticated {@code GET /users/{id}}.
 */
final class SignupBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "bench-password-1";
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
  // A few clients rather than one: each has one selector thread for all its connections.
  private static final int HTTP_CLIENTS = 4;
  private static final Path REPORT = Path.of("bench", "target", "signup-report.txt");

  /** An account created by the sign-up phase, with the session its 201 answer carried. */
  private record Account(String email, String id, String token) {}

  private final Options options;
  private final Executor executor;
  private final List<HttpClient> clients = new ArrayList<>();
  private final AtomicLong requestCount = new AtomicLong();
  // Unique per run, so runs against the same node never collide on an email.
  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  private SignupBench(Options options, Executor executor) {
    this.options = options;
    this.executor = executor;
    for (int i = 0; i < Math.min(HTTP_CLIENTS, options.concurrency()); i++) {
      clients.add(
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build());
    }
  }

  static void run(Options options) throws Exception {
    ExecutorService executor = Bench.callbackExecutor();
    try {
      new SignupBench(options, executor).run();
    } finally {
      executor.shutdownNow();
    }
  }

  private void run() throws Exception {
    checkReady();
    var report = new LoadReport("calendar bench signup against " + options.url());

    step("journal baseline");
    PhaseResult journal =
        report.add(JournalBaseline.run(JournalBaseline.Settings.of(options), executor));
    step("Argon2id hashing in the bench JVM");
    PhaseResult hashing = report.add(hashing());

    step("POST /users");
    List<Account> created = Collections.synchronizedList(new ArrayList<>());
    AtomicLong emails = new AtomicLong();
    PhaseResult signUps =
        report.add(http("POST /users (sign-up)", () -> signUp(emails.getAndIncrement(), created)));
    List<Account> accounts = List.copyOf(created);
    if (accounts.isEmpty()) {
      report.note("No sign-up succeeded: log-in and GET phases skipped.");
    } else {
      step("POST /sessions");
      AtomicLong logIns = new AtomicLong();
      PhaseResult logIn =
          report.add(
              http(
                  "POST /sessions (log-in)",
                  () -> logIn(pick(accounts, logIns.getAndIncrement()))));
      step("GET /users/{id}");
      AtomicLong gets = new AtomicLong();
      PhaseResult profile =
          report.add(
              http("GET /users/{id}", () -> profile(pick(accounts, gets.getAndIncrement()))));
      analyse(report, journal, hashing, signUps, logIn, profile);
    }
    LoadReport.publish(
        report.render(
            Machine.describe(),
            options.describe()
                + String.format(
                    "%n  HTTP/1.1, %d java.net.http clients shared by the %d callers;"
                        + " Argon2id phase: %d threads (the node's blocking dispatcher)",
                    clients.size(), options.concurrency(), hashThreads(config()))),
        REPORT);
  }

  /**
   * Argon2id alone, with as many threads as the node's blocking dispatcher, the node idle: the rate
   * no sign-up or log-in (one hash or one verify each) can exceed on this machine.
   */
  private PhaseResult hashing() throws InterruptedException {
    Config config = config();
    var hasher =
        new PasswordHasher(
            config.getInt("calendar.passwords.memory-kib"),
            config.getInt("calendar.passwords.iterations"),
            config.getInt("calendar.passwords.parallelism"));
    int threads = hashThreads(config);
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, Bench.daemonThreads("bench-argon2"));
    try {
      return ClosedLoop.run(
          String.format(
              "argon2id hash (%d MiB, %d it.)",
              config.getInt("calendar.passwords.memory-kib") / 1024,
              config.getInt("calendar.passwords.iterations")),
          threads,
          options.warmup(),
          options.duration(),
          Duration.ofSeconds(30),
          () ->
              CompletableFuture.supplyAsync(() -> hasher.hash(PASSWORD), pool)
                  .thenApply(hash -> Outcome.success("ok")),
          executor);
    } finally {
      pool.shutdownNow();
    }
  }

  private PhaseResult http(String name, java.util.function.Supplier<CompletionStage<Outcome>> op)
      throws InterruptedException {
    return ClosedLoop.run(
        name,
        options.concurrency(),
        options.warmup(),
        options.duration(),
        HTTP_TIMEOUT.plusSeconds(5),
        op,
        executor);
  }

  private CompletionStage<Outcome> signUp(long n, List<Account> created) {
    String email = "bench-" + runId + "-" + n + "@example.com";
    String body =
        json(
            Map.of(
                "email",
                email,
                "name",
                "Bench User " + n,
                "password",
                PASSWORD,
                "timezone",
                "Europe/Berlin"));
    return send(request("/users").POST(HttpRequest.BodyPublishers.ofString(body)))
        .thenApply(
            r -> {
              if (r.statusCode() == 201) {
                JsonNode answer = parse(r.body());
                created.add(
                    new Account(email, answer.path("id").asText(), answer.path("token").asText()));
              }
              return Outcome.status(r.statusCode(), 201);
            });
  }

  private CompletionStage<Outcome> logIn(Account account) {
    String body = json(Map.of("email", account.email(), "password", PASSWORD));
    return send(request("/sessions").POST(HttpRequest.BodyPublishers.ofString(body)))
        .thenApply(r -> Outcome.status(r.statusCode(), 201));
  }

  private CompletionStage<Outcome> profile(Account account) {
    return send(request("/users/" + account.id())
            .GET()
            .header("Authorization", "Bearer " + account.token()))
        .thenApply(r -> Outcome.status(r.statusCode(), 200));
  }

  private static void analyse(
      LoadReport report,
      PhaseResult journal,
      PhaseResult hashing,
      PhaseResult signUps,
      PhaseResult logIn,
      PhaseResult profile) {
    double ratio = signUps.rate() / journal.rate();
    report.note(
        String.format(
            "sign-ups/s ÷ journal events/s = %.1f ÷ %.1f = %.4f (1/%.0f)",
            signUps.rate(), journal.rate(), ratio, 1 / ratio));
    report.note(
        String.format(
            "  A sign-up persists 2 events (UserEntity Registered, EmailRegistry Claimed) and writes a"
                + " session row:%n  the journal alone would allow about %.0f sign-ups/s.",
            journal.rate() / 2));
    report.note(
        String.format(
            "Argon2id hashes/s with the node idle: %.1f. Sign-ups reach %.0f%% of it, log-ins (one verify"
                + " each) %.0f%%;%n  GET /users/{id} (no hashing) runs %.0fx faster than sign-up.",
            hashing.rate(),
            100 * signUps.rate() / hashing.rate(),
            100 * logIn.rate() / hashing.rate(),
            profile.rate() / signUps.rate()));
    boolean hashBound =
        signUps.rate() >= 0.6 * hashing.rate() && logIn.rate() >= 0.6 * hashing.rate();
    report.note(
        hashBound
            ? "=> Sign-up (and log-in) are bound by Argon2id password hashing on these cores, by design"
                + " (OWASP profile),\n   not by the journal or the HTTP layer."
            : "=> Sign-ups stay well under the Argon2id rate: something other than hashing limits them.");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(options.url() + path))
        .timeout(HTTP_TIMEOUT)
        .header("Content-Type", "application/json");
  }

  private CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
    HttpClient client = clients.get((int) (requestCount.getAndIncrement() % clients.size()));
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void checkReady() throws IOException, InterruptedException {
    URI ready = URI.create(options.url() + "/health/ready");
    try {
      var r =
          clients
              .get(0)
              .send(
                  HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(10)).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException(ready + " answered " + r.statusCode() + ": " + r.body());
      }
    } catch (java.net.ConnectException e) {
      throw new IllegalStateException(
          "no node at " + options.url() + " (start bin/calendar dev)", e);
    }
  }

  private static Account pick(List<Account> accounts, long n) {
    return accounts.get((int) (n % accounts.size()));
  }

  private static Config config() {
    return NodeConfig.load(new java.util.HashMap<>());
  }

  private static int hashThreads(Config config) {
    return config.getInt("calendar.blocking-dispatcher.thread-pool-executor.fixed-pool-size");
  }

  private static String json(Map<String, String> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + body, e);
    }
  }

  private static void step(String what) {
    System.err.println("bench signup: " + what + "...");
  }
}
