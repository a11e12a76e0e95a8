package dev.calendar.bench;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench import}: what thousands of imported events cost a user's reads. Set-up: two users
 * signed up (not measured). Then an ICS file of {@link ImportFile#EVENTS} events, {@link
 * ImportFile#SERIES} of them weekly series, imported into the first user three times (first, the
 * same file again, then with a tenth of its events moved), each timed; then 62-day availability
 * reads of both users alternately (warm-up, not reported), then of the user without imports (the
 * baseline) and of the user with them, as closed-loop phases in the order baseline, imports,
 * imports, baseline. Target: the p95 with imports (both its phases) under 2 × the baseline's p95
 * (both its phases) of the same run. Last, reported but not judged, reads of the user with imports
 * in a new window each time, so that none is answered from what the node kept.
 */
final class ImportBench {
  private static final Path REPORT = Path.of("bench", "target", "import-report.txt");
  static final double P95_RATIO_TARGET = 2.0;
  static final Duration WINDOW = Duration.ofDays(62);

  private ImportBench() {}

  static void run(Options options) throws Exception {
    HttpLoad.run("import", options, ImportBench::run);
  }

  /** One timed import: its status, how long it took, and the answer. */
  record Timed(String what, int status, double millis, String answer) {
    String text() {
      return String.format("  %-34s %d in %8.1f ms  %s", what, status, millis, answer);
    }
  }

  private static void run(HttpLoad http) throws Exception {
    Options options = http.options();
    UnderTest underTest = http.underTest();
    var report = new LoadReport("calendar bench import against " + options.url(), underTest);

    http.step("set-up: two users");
    var signUps = http.signUp(2, 2, "import-bench-" + http.runId(), "Importer", "Europe/Berlin");
    if (signUps.accounts().size() < 2) {
      throw new IllegalStateException("set-up failed: " + signUps.text());
    }
    Account empty = signUps.accounts().get(0);
    Account importer = signUps.accounts().get(1);
    Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS);
    String file = ImportFile.build(from, 0);

    http.step("imports of " + ImportFile.EVENTS + " events");
    List<Timed> imports =
        List.of(
            importOnce(http, importer, "first import", file),
            importOnce(http, importer, "the same file again", file),
            importOnce(http, importer, "a tenth of the events moved", ImportFile.build(from, 10)));

    String path = "/availability?start=" + from + "&end=" + from.plus(WINDOW);
    // A fresh node compiles as it serves: both kinds of read first, unreported, so the first
    // measured phase is not the slower one for that alone.
    http.step("warm-up: GET availability of both users");
    AtomicLong turn = new AtomicLong();
    http.phase(
        "warm-up", () -> read(http, turn.getAndIncrement() % 2 == 0 ? empty : importer, path));
    // Then each kind twice, in the order A B B A: whatever drifts during the run (the JIT, other
    // load on a shared machine) falls on both kinds alike, and each p95 is of both its phases.
    String base = "availability 62 d, no imports";
    String with = "availability 62 d, " + String.format("%,d", ImportFile.EVENTS) + " imported";
    List<PhaseResult> phases = new ArrayList<>();
    for (boolean imported : new boolean[] {false, true, true, false}) {
      Account user = imported ? importer : empty;
      String name = (imported ? with : base) + (phases.size() < 2 ? " (1)" : " (2)");
      http.step("GET " + name);
      phases.add(report.add(http.phase(name, () -> read(http, user, path))));
    }
    Latencies baseline = new Latencies();
    baseline.add(phases.get(0).latencies());
    baseline.add(phases.get(3).latencies());
    Latencies withImports = new Latencies();
    withImports.add(phases.get(1).latencies());
    withImports.add(phases.get(2).latencies());
    boolean measured =
        phases.stream().allMatch(p -> p.successes() > 0) && imports.get(0).status() == 200;
    // Reported, not judged: every read a window never asked before (each a minute later), so no
    // answer kept by the node is of use and every one is computed and written anew.
    AtomicLong minutes = new AtomicLong();
    http.step("GET availability, 5,000 imported, every window new");
    PhaseResult fresh =
        report.add(
            http.phase(
                with + ", every window new",
                () -> {
                  Instant start = from.plus(Duration.ofMinutes(minutes.incrementAndGet()));
                  return read(
                      http,
                      importer,
                      "/availability?start=" + start + "&end=" + start.plus(WINDOW));
                }));

    report.note(
        String.format(
            "Set-up: 2 users (not measured). The file: %d events over the %d years up to a year from"
                + " today, %d of them weekly series of a year (Europe/Berlin, some with EXDATEs), %,d"
                + " bytes; %d busy spans in the 62 days read.",
            ImportFile.EVENTS,
            ImportFile.YEARS,
            ImportFile.SERIES,
            file.length(),
            ImportFile.busyIn(file, from, from.plus(WINDOW))));
    report.note("Imports (POST /users/{id}/calendar/import, one at a time):");
    imports.forEach(t -> report.note(t.text()));
    double p95Base = baseline.millisAt(95);
    double p95With = withImports.millisAt(95);
    double ratio = p95With / p95Base;
    report.note("");
    report.note(
        String.format(
            "Target: p95 of a 62-day availability read with %d imported events %.2f ms ÷ without %.2f"
                + " ms = %.2f < %.1f (each p95 of both phases of its kind): %s",
            ImportFile.EVENTS,
            p95With,
            p95Base,
            ratio,
            P95_RATIO_TARGET,
            !measured
                ? "not measured (an import or a phase failed)"
                : ratio < P95_RATIO_TARGET ? "met" : "NOT met"));
    report.note(
        String.format(
            "Every window new (not judged): p95 %.2f ms, %.2f × the baseline's.",
            fresh.latencies().millisAt(95), fresh.latencies().millisAt(95) / p95Base));
    LoadReport.publish(
        report.render(Machine.describe(), options.describe() + "\n  " + http.clientsText()),
        REPORT);
  }

  private static Timed importOnce(HttpLoad http, Account user, String what, String ics)
      throws Exception {
    HttpRequest request =
        http.authorized("/users/" + user.id() + "/calendar/import?source=bench", user)
            .setHeader("Content-Type", "text/calendar")
            .POST(HttpRequest.BodyPublishers.ofString(ics))
            .build();
    long start = System.nanoTime();
    HttpResponse<String> r =
        http.send(HttpRequest.newBuilder(request, (n, v) -> true)).toCompletableFuture().get();
    double millis = (System.nanoTime() - start) / 1e6;
    String body = r.body().length() > 200 ? r.body().substring(0, 200) + "..." : r.body();
    return new Timed(what, r.statusCode(), millis, body);
  }

  private static CompletionStage<Outcome> read(HttpLoad http, Account user, String path) {
    // Over plain connections: a busy calendar's answer is tens of KiB, which java.net.http would
    // spend as much CPU reading as the node spends writing (see PlainGets).
    return http.plainGet("/users/" + user.id() + path, user, 200)
        .thenApply(r -> Outcome.status(r.status(), 200));
  }
}
