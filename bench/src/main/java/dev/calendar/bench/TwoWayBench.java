package dev.calendar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code bench two-way}: how soon a change made in Google is busy time on a running node, and how
 * many such changes a second it takes in. The path of a change: the provider notifies the node
 * ({@code POST /webhook/google}), the user's connection reads the changes since its sync token and
 * patches the user's calendar. Phases, one after the other: the journal baseline untagged (the node
 * idle); set-up, not measured: {@code --users} users signed up, each connected to an account of its
 * own at the local Google provider ({@code --google}, dev mode's); {@code --changes} events created
 * in Google one at a time, each timed until the user's availability shows it busy; then {@code
 * --burst} events created by {@code --concurrency} creators at once, counted until the node's
 * Prometheus counter of added busy blocks has risen by as many. Every event has a 15-minute slot of
 * its own ({@link Slots}).
 */
final class TwoWayBench {
  private static final Path REPORT = Path.of("bench", "target", "two-way-report.txt");
  static final String REDIRECT_URI = "http://127.0.0.1/cb";
  static final String ADDED = "connection_busy_blocks_total{change=\"added\"}";
  static final String SYNCS = "connection_syncs_total{outcome=\"changed\"}";
  private static final Duration ACTIVE_DEADLINE = Duration.ofSeconds(60);
  private static final Duration BUSY_DEADLINE = Duration.ofSeconds(30);
  private static final Duration APPLIED_DEADLINE = Duration.ofMinutes(5);
  private static final Duration CREATIONS_DEADLINE = Duration.ofMinutes(10);
  private static final long ACTIVE_POLL_MILLIS = 50;
  private static final long BUSY_POLL_MILLIS = 5;
  private static final long METRICS_POLL_MILLIS = 50;
  private static final String NOT_BUSY = "not busy in " + BUSY_DEADLINE.toSeconds() + " s";
  private static final String NOT_APPLIED =
      "not applied in " + APPLIED_DEADLINE.toMinutes() + " min";

  private TwoWayBench() {}

  static void run(Options options) throws Exception {
    HttpLoad.run("two-way", options, TwoWayBench::run);
  }

  /** A signed-up user and the Google account connected to its calendar. */
  record Connected(Account user, String account) {}

  /**
   * Where change {@code k} goes: to user {@code k mod users}, at that user's {@code (k div
   * users)}-th 15-minute slot on days {@link #FIRST_DAY}..{@link #LAST_DAY} after {@code today}
   * (UTC). A user's next slot is a day later, round the days, then a quarter of an hour later: no
   * two of a user's slots overlap, and each has its own time of day and day.
   */
  record Slots(Instant today, int users) {
    static final int FIRST_DAY = 2;
    static final int LAST_DAY = 30;
    static final int DAYS = LAST_DAY - FIRST_DAY + 1;
    static final Duration LENGTH = Duration.ofMinutes(15);
    static final int PER_DAY = (int) Duration.ofDays(1).dividedBy(LENGTH);

    /** Slots from the day (UTC) of {@code now}. */
    static Slots from(Instant now, int users) {
      return new Slots(now.truncatedTo(ChronoUnit.DAYS), users);
    }

    /** How many changes have a slot. */
    int capacity() {
      return users * DAYS * PER_DAY;
    }

    /** The index of the user change {@code k} goes to. */
    int user(int k) {
      return k % users;
    }

    Instant start(int k) {
      if (k < 0 || k >= capacity()) {
        throw new IllegalArgumentException(
            "change " + k + " has no slot: " + capacity() + " in all");
      }
      int nth = k / users;
      return today
          .plus(Duration.ofDays(FIRST_DAY + nth % DAYS))
          .plus(LENGTH.multipliedBy(nth / DAYS));
    }

    Instant end(int k) {
      return start(k).plus(LENGTH);
    }
  }

  /** The node's sync counters, as its Prometheus page ({@code GET /metrics}) shows them. */
  record Counters(long added, long syncs) {
    static Counters of(String page) {
      return new Counters(Math.round(sample(page, ADDED)), Math.round(sample(page, SYNCS)));
    }
  }

  /** What the burst gave: its two rows, and the figures of the notes. */
  record Burst(
      PhaseResult creation, PhaseResult sync, long created, long applied, long syncs, int workers) {
    boolean complete() {
      return applied >= created;
    }
  }

  private static void run(HttpLoad http) throws Exception {
    Options options = http.options();
    UnderTest underTest = http.underTest();
    var report =
        new LoadReport(
            "calendar bench two-way against " + options.url() + ", Google at " + options.google(),
            underTest);
    Slots slots = Slots.from(Instant.now(), options.users());
    if (options.changes() + options.burst() > slots.capacity()) {
      throw new IllegalStateException(
          String.format(
              "--changes %d + --burst %d is more than the %d slots of %d users: more --users",
              options.changes(), options.burst(), slots.capacity(), options.users()));
    }

    http.step("journal baseline, untagged");
    PhaseResult journal =
        report.add(
            JournalBaseline.run(JournalBaseline.Settings.of(options).withTags(0), http.executor()));

    http.step("set-up: signing up " + options.users() + " users");
    var signUps =
        http.signUp(
            options.users(), options.signUpConcurrency(), "two-way", "Bench User", "Europe/Berlin");
    if (signUps.accounts().size() < options.users()) {
      throw new IllegalStateException("set-up failed: " + signUps.text());
    }
    http.step("set-up: connecting each user to Google");
    long connecting = System.nanoTime();
    List<Connected> users = connect(http, signUps.accounts());
    double connectSeconds = (System.nanoTime() - connecting) / 1e9;

    http.step("change -> busy, " + options.changes() + " changes one at a time");
    Counters beforeOne = counters(http);
    PhaseResult oneByOne = report.add(oneByOne(http, users, slots));
    Counters afterOne = counters(http);

    http.step("burst of " + options.burst() + " changes");
    Burst burst = burst(http, users, slots, afterOne);
    report.add(burst.creation());
    report.add(burst.sync());

    report.note(signUps.text());
    report.note(
        String.format(
            "Set-up (not measured): %d Google connections in %.1f s, one at a time (a code from the"
                + " provider, POST /users/{id}/connections, then its status asked until active).",
            users.size(), connectSeconds));
    report.note("");
    report.note(
        "What a change is: an event created in the user's Google account through the provider's"
            + " /dev API, as any other client of Google's would write it. Google notifies the node"
            + " (POST /webhook/google); the user's connection reads the changes since its sync"
            + " token and patches the user's calendar; the event's time is then busy in"
            + " GET /users/{id}/availability. Every event has a 15-minute slot of its own, "
            + Slots.FIRST_DAY
            + "-"
            + Slots.LAST_DAY
            + " days ahead, so none overlaps another of its user's.");
    report.note("");
    Latencies l = oneByOne.latencies();
    report.note(
        String.format(
            "Change -> busy, one at a time: %d changes round-robin over the %d users, each timed"
                + " from just before its POST to Google until availability over its slot showed a"
                + " busy block covering it (asked every %d ms; not busy within %d s: failed).",
            options.changes(), users.size(), BUSY_POLL_MILLIS, BUSY_DEADLINE.toSeconds()));
    report.note(
        String.format(
            "  p50 %s ms, p90 %s ms, p99 %s ms, max %s ms; busy %d of %d, failures %s",
            LoadReport.millis(l.millisAt(50)),
            LoadReport.millis(l.millisAt(90)),
            LoadReport.millis(l.millisAt(99)),
            LoadReport.millis(l.millisAt(100)),
            oneByOne.successes(),
            oneByOne.requests(),
            LoadReport.errorsText(oneByOne.errors())));
    report.note(
        String.format(
            "  syncs that changed something: %d, busy blocks added: %d; the node's CPU: %s"
                + " (its availability reads while asking included)",
            afterOne.syncs() - beforeOne.syncs(),
            afterOne.added() - beforeOne.added(),
            nodeCpuText(oneByOne, underTest)));
    report.note("");
    double creationRate = burst.creation().rate();
    double syncRate = burst.applied() / burst.sync().seconds();
    double journalRate = journal.rate();
    report.note(
        String.format(
            "Throughput: %d changes created in Google as fast as %d creators could (each starting"
                + " its next when the last was answered, each change a new slot), then the node's"
                + " %s read every %d ms until it had risen by as many as were created.",
            options.burst(), burst.workers(), ADDED, METRICS_POLL_MILLIS));
    report.note(
        String.format(
            "  created at Google: %d of %d in %.2f s = %.1f changes/s%s",
            burst.created(),
            options.burst(),
            burst.creation().seconds(),
            creationRate,
            burst.creation().errors().isEmpty()
                ? ""
                : ", failures " + LoadReport.errorsText(burst.creation().errors())));
    report.note(
        String.format(
            "  applied: %d of %d, %s %.2f s after the first creation: sync throughput %.1f"
                + " changes/s",
            burst.applied(),
            burst.created(),
            burst.complete() ? "all" : "NOT all (" + NOT_APPLIED + "), counted",
            burst.sync().seconds(),
            syncRate));
    report.note(
        String.format(
            "  sync throughput %.1f changes/s ÷ the journal's raw persist rate in this run"
                + " (untagged) %.1f/s = %s",
            syncRate,
            journalRate,
            journalRate > 0 ? String.format("%.3f", syncRate / journalRate) : "not measured"));
    report.note(
        String.format(
            "  syncs that changed something: %d for %d changes (%s changes a sync: notifications"
                + " are coalesced, one sync reads every change since the last)",
            burst.syncs(),
            burst.created(),
            burst.syncs() > 0
                ? String.format("%.1f", (double) burst.created() / burst.syncs())
                : "-"));
    report.note(
        String.format(
            "  the node's CPU: %s while creating; %s from the first creation until all were"
                + " applied",
            nodeCpuText(burst.creation(), underTest), nodeCpuText(burst.sync(), underTest)));
    report.note("");
    report.note(
        "In the table: 'change -> busy (one by one)' counts the changes and those busy in time,"
            + " its latencies are change -> busy and its time the whole phase; 'burst: create at"
            + " Google' the creations, their latencies (the provider's answers) and the time to"
            + " create them all; 'burst: change -> busy (all)' the changes created and those"
            + " applied, over the time from the first creation until the last was applied (changes"
            + " counted, not timed one by one: no latencies). The counters are the node's own:"
            + " against a cluster, point --url at the node that holds the connections.");
    http.samplesText().forEach(report::note);
    LoadReport.publish(
        report.render(
            Machine.describe(),
            options.describe() + " " + options.describeTwoWay() + "\n  " + http.clientsText()),
        REPORT);
  }

  /** Each account connected to an account of its own at the provider, one at a time. */
  private static List<Connected> connect(HttpLoad http, List<Account> accounts) throws Exception {
    List<Connected> connected = new ArrayList<>();
    for (int n = 0; n < accounts.size(); n++) {
      Account user = accounts.get(n);
      String account = "bench-" + http.runId() + "-" + n + "@example.com";
      ObjectNode ask = HttpLoad.JSON.createObjectNode();
      ask.put("account", account);
      ask.put("redirectUri", REDIRECT_URI);
      HttpResponse<String> code;
      try {
        code = call(http, provider(http, "/dev/codes").POST(body(ask)));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof ConnectException) {
          throw new IllegalStateException(
              "no Google provider at " + http.options().google() + " (bin/calendar dev runs one)",
              e);
        }
        throw e;
      }
      if (code.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "set-up: POST /dev/codes at Google answered " + code.statusCode() + ": " + code.body());
      }
      ObjectNode connection = HttpLoad.JSON.createObjectNode();
      connection.put("provider", "google");
      connection.put("code", HttpLoad.parse(code.body()).path("code").asText());
      connection.put("redirectUri", REDIRECT_URI);
      String path = "/users/" + user.id() + "/connections";
      HttpResponse<String> created = call(http, http.authorized(path, user).POST(body(connection)));
      if (created.statusCode() != 201) {
        throw new IllegalStateException(
            "set-up: POST " + path + " answered " + created.statusCode() + ": " + created.body());
      }
      awaitActive(http, user, path + "/" + HttpLoad.parse(created.body()).path("id").asText());
      connected.add(new Connected(user, account));
    }
    return connected;
  }

  private static void awaitActive(HttpLoad http, Account user, String path) throws Exception {
    long deadline = System.nanoTime() + ACTIVE_DEADLINE.toNanos();
    String last = "";
    while (System.nanoTime() - deadline < 0) {
      HttpResponse<String> r = call(http, http.authorized(path, user).GET());
      last = r.statusCode() + " " + r.body();
      if (r.statusCode() == 200
          && "active".equals(HttpLoad.parse(r.body()).path("status").asText())) {
        return;
      }
      Thread.sleep(ACTIVE_POLL_MILLIS);
    }
    throw new IllegalStateException(
        "set-up: "
            + path
            + " not active within "
            + ACTIVE_DEADLINE.toSeconds()
            + " s, last answer: "
            + last);
  }

  /** {@code --changes} changes, one at a time, each timed until it is busy. */
  private static PhaseResult oneByOne(HttpLoad http, List<Connected> users, Slots slots)
      throws InterruptedException {
    int changes = http.options().changes();
    Latencies latencies = new Latencies();
    var errors = new TreeMap<String, Long>();
    long busy = 0;
    CpuUse cpuStart = CpuUse.sample();
    ProcessCpu processesStart = ProcessCpu.sample();
    long began = System.nanoTime();
    for (int k = 0; k < changes; k++) {
      String failure = changeToBusy(http, users.get(slots.user(k)), slots, k, latencies);
      if (failure == null) {
        busy++;
      } else {
        errors.merge(failure, 1L, Long::sum);
      }
    }
    long ended = System.nanoTime();
    CpuUse cpuEnd = CpuUse.sample();
    ProcessCpu processesEnd = ProcessCpu.sample();
    CpuUse.Share cpu = CpuUse.between(cpuStart, cpuEnd);
    return new PhaseResult(
        "change -> busy (one by one)",
        changes,
        busy,
        errors,
        Duration.ofNanos(ended - began),
        latencies,
        cpu,
        new ProcessCpu.Window(processesStart, processesEnd, cpu.machine()),
        true,
        Map.of(),
        Map.of());
  }

  /**
   * Change {@code k}, timed from just before its creation in Google until availability over its
   * slot shows it busy: null, or why it failed.
   */
  private static String changeToBusy(
      HttpLoad http, Connected c, Slots slots, int k, Latencies latencies)
      throws InterruptedException {
    Instant start = slots.start(k);
    Instant end = slots.end(k);
    String event = event(k, slots);
    String path = "/users/" + c.user().id() + "/availability?start=" + start + "&end=" + end;
    long began = System.nanoTime();
    try {
      HttpResponse<String> created = call(http, create(http, c.account(), event));
      if (created.statusCode() != 201) {
        http.sample("POST Google events", event, created);
        return String.valueOf(created.statusCode());
      }
      long deadline = began + BUSY_DEADLINE.toNanos();
      while (true) {
        HttpResponse<String> r = call(http, http.authorized(path, c.user()).GET());
        if (r.statusCode() == 200 && covers(HttpLoad.parse(r.body()), start, end)) {
          latencies.recordNanos(System.nanoTime() - began);
          return null;
        }
        if (r.statusCode() != 200) {
          http.sample("GET " + path, "", r);
        }
        if (System.nanoTime() - deadline >= 0) {
          return NOT_BUSY;
        }
        Thread.sleep(BUSY_POLL_MILLIS);
      }
    } catch (ExecutionException | TimeoutException e) {
      return Outcome.of(e).label();
    }
  }

  /**
   * {@code --burst} changes created by {@code --concurrency} creators at once, then counted until
   * the node's counter of added busy blocks has risen by as many as were created.
   */
  private static Burst burst(HttpLoad http, List<Connected> users, Slots slots, Counters before)
      throws Exception {
    Options options = http.options();
    int burst = options.burst();
    int first = options.changes(); // the slots after the one-by-one phase's
    int workers = Math.min(options.concurrency(), burst);
    Latencies creations = new Latencies();
    Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    LongAdder created = new LongAdder();
    LongAdder answered = new LongAdder();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(workers);
    Runnable[] createNext = new Runnable[1];
    createNext[0] =
        () -> {
          int n = next.getAndIncrement();
          if (n >= burst) {
            finished.countDown();
            return;
          }
          int k = first + n;
          String event = event(k, slots);
          long began = System.nanoTime();
          http.send(create(http, users.get(slots.user(k)).account(), event))
              .whenCompleteAsync(
                  (r, error) -> {
                    creations.recordNanos(System.nanoTime() - began);
                    answered.increment();
                    if (error != null) {
                      failures
                          .computeIfAbsent(Outcome.of(error).label(), l -> new LongAdder())
                          .increment();
                    } else if (r.statusCode() == 201) {
                      created.increment();
                    } else {
                      failures
                          .computeIfAbsent(String.valueOf(r.statusCode()), l -> new LongAdder())
                          .increment();
                      http.sample("POST Google events", event, r);
                    }
                    createNext[0].run();
                  },
                  http.executor());
        };
    CpuUse cpuStart = CpuUse.sample();
    ProcessCpu processesStart = ProcessCpu.sample();
    long began = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      http.executor().execute(createNext[0]);
    }
    if (!finished.await(CREATIONS_DEADLINE.toMinutes(), TimeUnit.MINUTES)) {
      throw new IllegalStateException(
          "the burst's creations took more than " + CREATIONS_DEADLINE.toMinutes() + " minutes");
    }
    long createdAt = System.nanoTime();
    CpuUse cpuCreated = CpuUse.sample();
    ProcessCpu processesCreated = ProcessCpu.sample();

    long target = created.sum();
    long deadline = createdAt + APPLIED_DEADLINE.toNanos();
    Counters now = counters(http);
    while (now.added() - before.added() < target && System.nanoTime() - deadline < 0) {
      Thread.sleep(METRICS_POLL_MILLIS);
      now = counters(http);
    }
    long appliedAt = System.nanoTime();
    CpuUse cpuApplied = CpuUse.sample();
    ProcessCpu processesApplied = ProcessCpu.sample();
    long applied = Math.min(target, now.added() - before.added());

    var creationErrors = new TreeMap<String, Long>();
    failures.forEach((label, n) -> creationErrors.put(label, n.sum()));
    CpuUse.Share creationCpu = CpuUse.between(cpuStart, cpuCreated);
    PhaseResult creation =
        new PhaseResult(
            "burst: create at Google",
            answered.sum(),
            target,
            creationErrors,
            Duration.ofNanos(createdAt - began),
            creations,
            creationCpu,
            new ProcessCpu.Window(processesStart, processesCreated, creationCpu.machine()),
            false,
            Map.of(),
            Map.of());
    var syncErrors = new TreeMap<String, Long>();
    if (applied < target) {
      syncErrors.put(NOT_APPLIED, target - applied);
    }
    CpuUse.Share syncCpu = CpuUse.between(cpuStart, cpuApplied);
    PhaseResult sync =
        new PhaseResult(
            "burst: change -> busy (all)",
            target,
            applied,
            syncErrors,
            Duration.ofNanos(appliedAt - began),
            new Latencies(),
            syncCpu,
            new ProcessCpu.Window(processesStart, processesApplied, syncCpu.machine()),
            true,
            Map.of(),
            Map.of());
    return new Burst(creation, sync, target, applied, now.syncs() - before.syncs(), workers);
  }

  /** The event of change {@code k} as Google's API takes it. */
  static String event(int k, Slots slots) {
    ObjectNode event = HttpLoad.JSON.createObjectNode();
    event.put("summary", "bench " + k);
    event.putObject("start").put("dateTime", slots.start(k).toString());
    event.putObject("end").put("dateTime", slots.end(k).toString());
    return event.toString();
  }

  /**
   * Whether an availability answer has a busy block from {@code start} or before to {@code end} or
   * after.
   */
  static boolean covers(JsonNode availability, Instant start, Instant end) {
    for (JsonNode b : availability.path("busy")) {
      if (!Instant.parse(b.path("start").asText()).isAfter(start)
          && !Instant.parse(b.path("end").asText()).isBefore(end)) {
        return true;
      }
    }
    return false;
  }

  /** The value of the sample named exactly {@code name} in a Prometheus text page. */
  static double sample(String page, String name) {
    return page.lines()
        .filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(name + " is not in the node's /metrics"));
  }

  /** The node's CPU time in a row's window, and per success; "not measured" elsewhere. */
  private static String nodeCpuText(PhaseResult phase, UnderTest underTest) {
    double percent = phase.window().attribute(underTest).nodePercent();
    if (Double.isNaN(percent)) {
      return "not measured (the node is not on this machine)";
    }
    double seconds = percent / 100 * phase.seconds();
    return phase.successes() == 0
        ? String.format("%.2f s", seconds)
        : String.format(
            "%.2f s, %s ms a change",
            seconds, LoadReport.millis(seconds * 1000 / phase.successes()));
  }

  private static Counters counters(HttpLoad http) throws Exception {
    HttpResponse<String> r = call(http, http.request("/metrics").GET());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET /metrics answered " + r.statusCode() + ": " + r.body());
    }
    return Counters.of(r.body());
  }

  private static HttpRequest.Builder create(HttpLoad http, String account, String event) {
    return provider(http, "/dev/accounts/" + account + "/events").POST(body(event));
  }

  private static HttpRequest.Builder provider(HttpLoad http, String path) {
    return HttpRequest.newBuilder(URI.create(http.options().google() + path))
        .timeout(HttpLoad.HTTP_TIMEOUT)
        .header("Content-Type", "application/json");
  }

  private static HttpRequest.BodyPublisher body(Object json) {
    return HttpRequest.BodyPublishers.ofString(json.toString());
  }

  /** One request, waited for. */
  private static HttpResponse<String> call(HttpLoad http, HttpRequest.Builder request)
      throws InterruptedException, ExecutionException, TimeoutException {
    return http.send(request)
        .get(HttpLoad.HTTP_TIMEOUT.plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
  }
}
