package dev.calendar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import dev.calendar.app.NodeConfig;
import dev.calendar.user.PasswordHasher;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * {@code bench signup}: how many sign-ups per second a running node takes, next to what bounds it.
 * Phases, one after the other: the journal baseline (the node idle), Argon2id hashing alone in the
 * bench JVM (the node idle), then {@code POST /users}, {@code POST /sessions} on the accounts just
 * created, and an authenticated {@code GET /users/{id}}; then {@link SignupAnalysis} and the notes.
 */
final class SignupBench {
  private static final Path REPORT = Path.of("bench", "target", "signup-report.txt");
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private SignupBench() {}

  static void run(Options options) throws Exception {
    HttpLoad.run("signup", options, SignupBench::run);
  }

  private static void run(HttpLoad http) throws Exception {
    Options options = http.options();
    // The node's own process, where it runs here: its CPU per request is the telling figure.
    UnderTest underTest = http.underTest();
    var report = new LoadReport("calendar bench signup against " + options.url(), underTest);

    http.step("journal baseline");
    PhaseResult journal =
        report.add(JournalBaseline.run(JournalBaseline.Settings.of(options), http.executor()));
    http.step("Argon2id hashing in the bench JVM");
    PhaseResult hashing = report.add(hashing(http));

    http.step("POST /users");
    List<Account> created = Collections.synchronizedList(new ArrayList<>());
    AtomicLong emails = new AtomicLong();
    PhaseResult signUps =
        report.add(
            http.phase(
                "POST /users (sign-up)", () -> signUp(http, emails.getAndIncrement(), created)));
    List<Account> accounts = List.copyOf(created);
    if (accounts.isEmpty()) {
      report.note("No sign-up succeeded: log-in and GET phases skipped.");
    } else {
      http.step("POST /sessions");
      AtomicLong logIns = new AtomicLong();
      PhaseResult logIn =
          report.add(
              http.phase(
                  "POST /sessions (log-in)",
                  () -> logIn(http, pick(accounts, logIns.getAndIncrement()))));
      http.step("GET /users/{id}");
      AtomicLong gets = new AtomicLong();
      PhaseResult profile =
          report.add(
              http.phase(
                  "GET /users/{id}", () -> profile(http, pick(accounts, gets.getAndIncrement()))));
      var analysis =
          SignupAnalysis.of(
              journal.rate(),
              hashing.rate(),
              hashing.cpu().bench(),
              CORES,
              phase(signUps, underTest),
              phase(logIn, underTest),
              phase(profile, underTest));
      write(report, analysis);
    }
    LoadReport.publish(
        report.render(
            Machine.describe(),
            options.describe()
                + String.format(
                    "%n  %s; Argon2id phase: %d threads (the node's blocking dispatcher)",
                    http.clientsText(), hashThreads(config()))),
        REPORT);
  }

  private static SignupAnalysis.Phase phase(PhaseResult result, UnderTest underTest) {
    return new SignupAnalysis.Phase(result.rate(), PhaseCpu.of(result, underTest));
  }

  /**
   * Argon2id alone, with as many threads as the node's blocking dispatcher, the node idle: what one
   * hash costs in CPU on this machine, and roughly the rate that sign-ups and log-ins (one hash or
   * one verify each, on the node's threads) can reach.
   */
  private static PhaseResult hashing(HttpLoad http) throws InterruptedException {
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
          http.options().warmup(),
          http.options().duration(),
          Duration.ofSeconds(30),
          () ->
              CompletableFuture.supplyAsync(() -> hasher.hash(HttpLoad.PASSWORD), pool)
                  .thenApply(hash -> Outcome.success("ok")),
          http.executor());
    } finally {
      pool.shutdownNow();
    }
  }

  private static CompletionStage<Outcome> signUp(HttpLoad http, long n, List<Account> created) {
    String email = "bench-" + http.runId() + "-" + n + "@example.com";
    ObjectNode body = HttpLoad.JSON.createObjectNode();
    body.put("email", email);
    body.put("name", "Bench User " + n);
    body.put("password", HttpLoad.PASSWORD);
    body.put("timezone", "Europe/Berlin");
    return http.send(
            http.request("/users").POST(HttpRequest.BodyPublishers.ofString(body.toString())))
        .thenApply(
            r -> {
              if (r.statusCode() == 201) {
                JsonNode answer = HttpLoad.parse(r.body());
                created.add(
                    new Account(
                        UUID.fromString(answer.path("id").asText()),
                        email,
                        answer.path("token").asText()));
              }
              return Outcome.status(r.statusCode(), 201);
            });
  }

  private static CompletionStage<Outcome> logIn(HttpLoad http, Account account) {
    ObjectNode body = HttpLoad.JSON.createObjectNode();
    body.put("email", account.email());
    body.put("password", HttpLoad.PASSWORD);
    return http.send(
            http.request("/sessions").POST(HttpRequest.BodyPublishers.ofString(body.toString())))
        .thenApply(r -> Outcome.status(r.statusCode(), 201));
  }

  private static CompletionStage<Outcome> profile(HttpLoad http, Account account) {
    return http.send(http.authorized("/users/" + account.id(), account).GET())
        .thenApply(r -> Outcome.status(r.statusCode(), 200));
  }

  /** The notes below the table: the analysis as text. */
  private static void write(LoadReport report, SignupAnalysis a) {
    report.note(
        String.format(
            "sign-ups/s ÷ journal events/s = %.1f ÷ %.1f = %.4f (1/%.0f)",
            a.signUpRate(),
            a.journalRate(),
            a.signUpsPerJournalEvent(),
            1 / a.signUpsPerJournalEvent()));
    report.note(
        String.format(
            "  A sign-up persists %d events (UserEntity Registered, EmailRegistry Claimed)"
                + " and writes one session row:%n  the journal alone would take about %.0f"
                + " sign-ups/s, %.0fx the measured rate.",
            SignupAnalysis.EVENTS_PER_SIGN_UP,
            a.journalSignUps(),
            a.journalSignUps() / a.signUpRate()));
    report.note(
        String.format(
            "Argon2id alone (bench JVM, node idle): %.1f hashes/s, %.0f ms of CPU per hash."
                + " Node CPU per request:%n  sign-up (one hash) %s ms, log-in (one verify) %s ms,"
                + " GET (no Argon2id) %s ms.",
            a.hashRate(),
            a.hashMillis(),
            LoadReport.millis(a.signUpNodeMillis()),
            LoadReport.millis(a.logInNodeMillis()),
            LoadReport.millis(a.profileNodeMillis())));
    report.note("  Node CPU per sign-up by thread: " + threads(a.signUpThreads()));
    report.note("  Node CPU per log-in by thread:  " + threads(a.logInThreads()));
    report.note(
        String.format(
            "GET /users/{id} (session lookup + entity ask) ran %.0fx the sign-up rate;"
                + " log-in %.1fx.",
            a.profilePerSignUp(), a.logInPerSignUp()));
    a.boundByHashing()
        .ifPresent(
            bound ->
                report.note(
                    bound
                        ? "=> Sign-ups are bound by Argon2id password hashing, CPU-heavy by design"
                            + " (see its row);\n   the journal and the HTTP/session/entity path"
                            + " have 10x or more headroom."
                        : "=> Not clearly bound by hashing: compare the cpu by process above"
                            + " (another workload, the journal or the node may limit)."));
  }

  /** The node's CPU per success by kind of thread, e.g. "34 ms blocking dispatcher, 12 ms GC". */
  private static String threads(List<PhaseCpu.ThreadCost> costs) {
    if (costs.isEmpty()) {
      return "-";
    }
    return costs.stream()
        .map(c -> String.format("%.1f ms %s", c.millis(), c.kind()))
        .collect(Collectors.joining(", "));
  }

  private static Account pick(List<Account> accounts, long n) {
    return accounts.get((int) (n % accounts.size()));
  }

  private static Config config() {
    return NodeConfig.load(new HashMap<>());
  }

  private static int hashThreads(Config config) {
    return config.getInt("calendar.blocking-dispatcher.thread-pool-executor.fixed-pool-size");
  }
}
