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
  private static final Path REPORT = Path.of("bench", "target", "signup-report.txt");
  private static final int EVENTS_PER_SIGN_UP = 2;
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  /** An account created by the sign-up phase, with the session its 201 answer carried. */
  private record Account(String email, String id, String token) {}

  private final Options options;
  private final Executor executor;
  private final List<HttpClient> clients;
  private final AtomicLong requestCount = new AtomicLong();
  // Unique per run, so runs against the same node never collide on an email.
  private final String runId = UUID.randomUUID().toString().substring(0, 8);

  private SignupBench(Options options, Executor executor) {
    this.options = options;
    this.executor = executor;
    this.clients = HttpClients.forCallers(options.concurrency());
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
    HttpClients.checkReady(clients.get(0), options.url().toString());
    // The node's own process, where it runs here: its CPU per request is the telling figure.
    UnderTest underTest = UnderTest.find(options.url(), options.cassandra());
    var report = new LoadReport("calendar bench signup against " + options.url(), underTest);

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
      analyse(report, underTest, journal, hashing, signUps, logIn, profile);
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
   * Argon2id alone, with as many threads as the node's blocking dispatcher, the node idle: what one
   * hash costs in CPU on this machine, and roughly the rate that sign-ups and log-ins (one hash or
   * one verify each, on the node's threads) can reach.
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
            executor)
        .loadingNode();
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

  /**
   * What bounds sign-ups, from this run's own figures: the journal's headroom, the cheap request
   * path (GET) and the CPU the node spends per request next to what one Argon2id hash costs.
   */
  private static void analyse(
      LoadReport report,
      UnderTest underTest,
      PhaseResult journal,
      PhaseResult hashing,
      PhaseResult signUps,
      PhaseResult logIn,
      PhaseResult profile) {
    double ratio = signUps.rate() / journal.rate();
    double journalSignUps = journal.rate() / EVENTS_PER_SIGN_UP;
    report.note(
        String.format(
            "sign-ups/s ÷ journal events/s = %.1f ÷ %.1f = %.4f (1/%.0f)",
            signUps.rate(), journal.rate(), ratio, 1 / ratio));
    report.note(
        String.format(
            "  A sign-up persists %d events (UserEntity Registered, EmailRegistry Claimed)"
                + " and writes one session row:%n  the journal alone would take about %.0f"
                + " sign-ups/s, %.0fx the measured rate.",
            EVENTS_PER_SIGN_UP, journalSignUps, journalSignUps / signUps.rate()));
    double hashMillis = hashing.cpu().bench() * CORES / hashing.rate() * 1000;
    report.note(
        String.format(
            "Argon2id alone (bench JVM, node idle): %.1f hashes/s, %.0f ms of CPU per hash."
                + " Node CPU per request:%n  sign-up (one hash) %s ms, log-in (one verify) %s ms,"
                + " GET (no Argon2id) %s ms.",
            hashing.rate(),
            hashMillis,
            LoadReport.millis(signUps.nodeCpuMillisPerSuccess(underTest)),
            LoadReport.millis(logIn.nodeCpuMillisPerSuccess(underTest)),
            LoadReport.millis(profile.nodeCpuMillisPerSuccess(underTest))));
    report.note("  Node CPU per sign-up by thread: " + byThread(signUps, underTest));
    report.note("  Node CPU per log-in by thread:  " + byThread(logIn, underTest));
    report.note(
        String.format(
            "GET /users/{id} (session lookup + entity ask) ran %.0fx the sign-up rate;"
                + " log-in %.1fx.",
            profile.rate() / signUps.rate(), logIn.rate() / signUps.rate()));
    boolean cheapPathsFast =
        journalSignUps >= 10 * signUps.rate() && profile.rate() >= 10 * signUps.rate();
    boolean nearHashRate = signUps.rate() >= 0.4 * Math.min(hashing.rate(), logIn.rate());
    report.note(
        cheapPathsFast && nearHashRate
            ? "=> Sign-ups are bound by Argon2id password hashing, CPU-heavy by design (see its"
                + " row);\n   the journal and the HTTP/session/entity path have 10x or more"
                + " headroom."
            : "=> Not clearly bound by hashing: compare the cpu by process above (another workload,"
                + " the journal or the node may limit).");
  }

  /** The node's CPU per success by kind of thread, e.g. "34 ms blocking dispatcher, 12 ms GC". */
  private static String byThread(PhaseResult phase, UnderTest underTest) {
    var threads = phase.window().attribute(underTest).nodeThreads();
    if (threads.isEmpty()) {
      return "-";
    }
    return threads.stream()
        .limit(4)
        .map(
            u ->
                String.format(
                    "%.1f ms %s", u.percentOfCore() / 100 / phase.rate() * 1000, u.name()))
        .collect(java.util.stream.Collectors.joining(", "));
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
