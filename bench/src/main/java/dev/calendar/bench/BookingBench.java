package dev.calendar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.meeting.MeetingSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code bench booking}: how many bookings ({@code POST /events}) and availability reads a running
 * node takes, next to the raw journal persist rate measured in the same run, and how much heap a
 * live calendar takes. Phases, one after the other: the journal baseline untagged and tagged (the
 * node idle), sign-ups (set-up, not measured), bookings, availability reads, a mix of both, a check
 * that no calendar was double-booked, and the heap per calendar in the bench JVM.
 */
final class BookingBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "bench-password-1";
  private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
  private static final Path REPORT = Path.of("bench", "target", "booking-report.txt");
  private static final Duration SLOT = Duration.ofMinutes(30);
  private static final int QUARTERS_PER_YEAR = 365 * 24 * 4;
  private static final Duration READ_WINDOW = Duration.ofDays(7);
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  private static final List<Integer> MEMORY_SETS = List.of(0, 10, 100);
  private static final int MAX_SAMPLES = 5;
  private static final double RATIO_TARGET = 0.5;
  private static final double READS_TARGET = 10;

  /** A signed-up user with the session its 201 answer carried. */
  private record Account(UUID id, String token) {}

  private final Options options;
  private final Executor executor;
  private final List<HttpClient> clients;
  private final AtomicLong requestCount = new AtomicLong();
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  // Every slot lies in [slots, slots + 365 days + 30 minutes): on quarter hours, in the future.
  private final Instant slots =
      Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(2));
  private List<Account> accounts = List.of();
  // Over the whole run (warm-ups and drains too), for the double-booking check.
  private final LongAdder bookedCalendars = new LongAdder();
  private final LongAdder unknownOutcomes = new LongAdder();
  // Answers that are neither 201 nor 409 (or 200 for reads): kept for the report.
  private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
  private final AtomicInteger sampleCount = new AtomicInteger();

  private BookingBench(Options options, Executor executor) {
    this.options = options;
    this.executor = executor;
    this.clients = HttpClients.forCallers(options.concurrency());
  }

  static void run(Options options) throws Exception {
    ExecutorService executor = Bench.callbackExecutor();
    try {
      new BookingBench(options, executor).run();
    } finally {
      executor.shutdownNow();
    }
  }

  private int tags() {
    return options.tagsOr(MeetingSettings.DEFAULTS.tagCount());
  }

  private void run() throws Exception {
    HttpClients.checkReady(clients.get(0), options.url().toString());
    UnderTest underTest = UnderTest.find(options.url(), options.cassandra());
    var report = new LoadReport("calendar bench booking against " + options.url(), underTest);

    var journalSettings = JournalBaseline.Settings.of(options);
    step("journal baseline, untagged");
    PhaseResult untagged = report.add(JournalBaseline.run(journalSettings.withTags(0), executor));
    PhaseResult tagged = untagged;
    if (tags() > 0) {
      step("journal baseline, " + tags() + " tags");
      tagged = report.add(JournalBaseline.run(journalSettings.withTags(tags()), executor));
    }

    step("set-up: signing up " + options.users() + " users");
    String setUp = signUpAll();
    if (accounts.size() < 4) {
      throw new IllegalStateException("set-up: only " + accounts.size() + " sign-ups succeeded");
    }

    step("POST /events");
    PhaseResult bookings = report.add(http("POST /events (booking)", () -> book("")));
    step("GET /users/{id}/availability");
    PhaseResult reads = report.add(http("GET availability (7 days)", () -> read("")));
    PhaseResult mixed = null;
    if (options.readRatio() > 0) {
      step("mixed, 1 booking : " + options.readRatio() + " reads");
      int every = options.readRatio() + 1;
      mixed =
          report.add(
              http(
                  "mixed 1 booking : " + options.readRatio() + " reads",
                  () ->
                      ThreadLocalRandom.current().nextInt(every) == 0
                          ? book("POST ")
                          : read("GET ")));
    }

    step("checking every calendar for double bookings");
    String check = checkCalendars();

    List<CalendarMemory.Result> memory = List.of();
    if (options.calendars() > 0) {
      step("heap per calendar in the bench JVM");
      memory =
          CalendarMemory.run(
              options.cassandra(),
              underTest.cassandra(),
              options.calendars(),
              MEMORY_SETS,
              executor);
    }

    report.note(setUp);
    analyse(report, underTest, untagged, tagged, bookings, reads, mixed, memory);
    report.note(check);
    if (!memory.isEmpty()) {
      report.note(memoryTable(memory));
    }
    if (!samples.isEmpty()) {
      report.note("Unexpected answers (first " + MAX_SAMPLES + "):");
      samples.forEach(s -> report.note("  " + s));
    }
    LoadReport.publish(
        report.render(
            Machine.describe(),
            options.describe(MeetingSettings.DEFAULTS.tagCount())
                + " "
                + options.describeBooking()
                + String.format(
                    "%n  HTTP/1.1, %d java.net.http clients shared by the %d callers; bookings"
                        + " by a random organizer with 1-3 random other users, 30 min at a random"
                        + " quarter hour of the next 365 days, UTC, an Idempotency-Key each;"
                        + " reads: a random user's 7-day window, by another random user",
                    clients.size(), options.concurrency())),
        REPORT);
  }

  // ---- set-up ----

  /** Signs up the users with a few requests at a time; returns the report's line about it. */
  private String signUpAll() throws InterruptedException {
    List<Account> created = Collections.synchronizedList(new ArrayList<>());
    Map<String, LongAdder> failures = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(options.signUpConcurrency(), options.users());
    CountDownLatch finished = new CountDownLatch(workers);
    long start = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      executor.execute(() -> signUpNext(next, created, failures, finished));
    }
    if (!finished.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("sign-ups took more than 10 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    accounts = List.copyOf(created);
    return String.format(
        "Set-up (not measured): %d users signed up in %.1f s (%.1f/s, %d at a time)%s.",
        accounts.size(),
        seconds,
        accounts.size() / seconds,
        workers,
        failures.isEmpty()
            ? ""
            : ", failures "
                + failures.entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue().sum())
                    .collect(Collectors.joining(" ")));
  }

  private void signUpNext(
      AtomicInteger next,
      List<Account> created,
      Map<String, LongAdder> failures,
      CountDownLatch finished) {
    int n = next.getAndIncrement();
    if (n >= options.users()) {
      finished.countDown();
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("email", "booking-" + runId + "-" + n + "@example.com");
    body.put("name", "Bench User " + n);
    body.put("password", PASSWORD);
    body.put("timezone", "UTC");
    send(request("/users").POST(HttpRequest.BodyPublishers.ofString(body.toString())))
        .whenCompleteAsync(
            (r, error) -> {
              if (error != null) {
                failures
                    .computeIfAbsent(Outcome.of(error).label(), l -> new LongAdder())
                    .increment();
              } else if (r.statusCode() == 201) {
                JsonNode answer = parse(r.body());
                created.add(
                    new Account(
                        UUID.fromString(answer.path("id").asText()),
                        answer.path("token").asText()));
              } else {
                failures
                    .computeIfAbsent(String.valueOf(r.statusCode()), l -> new LongAdder())
                    .increment();
                sample("POST /users", body.toString(), r);
              }
              signUpNext(next, created, failures, finished);
            },
            executor);
  }

  // ---- the load ----

  private PhaseResult http(String name, Supplier<CompletionStage<Outcome>> op)
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

  /**
   * One booking: a random organizer and 1-3 random other users, 30 minutes at a random quarter
   * hour. Outcomes: {@code 201/n} (booked on n calendars), {@code 409}, or another status; their
   * units are the journal events the service persisted for the request (read from its code):
   *
   * <ul>
   *   <li>201 on n calendars: n HoldTaken + n HoldConfirmed (calendars, untagged) + 1
   *       MeetingScheduled (meeting, tagged) = 2n + 1;
   *   <li>409: 1 MeetingRejected (tagged), plus HoldTaken + HoldReleased on each calendar held
   *       before the first one that conflicted (calendars are held one by one in id order).
   * </ul>
   */
  private CompletionStage<Outcome> book(String prefix) {
    var random = ThreadLocalRandom.current();
    Account organizer = accounts.get(random.nextInt(accounts.size()));
    int others = 1 + random.nextInt(3);
    Set<UUID> chosen = new HashSet<>();
    chosen.add(organizer.id());
    List<UUID> participants = new ArrayList<>(others);
    while (participants.size() < others) {
      UUID id = accounts.get(random.nextInt(accounts.size())).id();
      if (chosen.add(id)) {
        participants.add(id);
      }
    }
    Instant start = slots.plus(Duration.ofMinutes(15L * random.nextInt(QUARTERS_PER_YEAR)));
    ObjectNode body = JSON.createObjectNode();
    body.put("title", "Bench booking");
    body.put("start", start.toString());
    body.put("end", start.plus(SLOT).toString());
    body.put("timezone", "UTC");
    ArrayNode list = body.putArray("participants");
    participants.forEach(p -> list.addObject().put("userId", p.toString()));
    String text = body.toString();
    return send(request("/events")
            .POST(HttpRequest.BodyPublishers.ofString(text))
            .header("Authorization", "Bearer " + organizer.token())
            .header("Idempotency-Key", UUID.randomUUID().toString()))
        .whenComplete(
            (r, error) -> {
              if (error != null) {
                unknownOutcomes.increment();
              }
            })
        .thenApply(
            r -> {
              int calendars = chosen.size();
              if (r.statusCode() == 201) {
                bookedCalendars.add(calendars);
                return new Outcome(true, prefix + "201/" + calendars, 2L * calendars + 1);
              }
              if (r.statusCode() == 409) {
                return new Outcome(false, prefix + "409", 1 + 2L * heldBefore(chosen, r.body()));
              }
              if (r.statusCode() >= 500) {
                unknownOutcomes.increment();
              }
              sample("POST /events", text, r);
              return Outcome.failure(prefix + r.statusCode());
            });
  }

  /**
   * How many calendars a rejected saga held (and released) before the first conflicting one: the
   * saga holds in {@link UUID#compareTo} order and stops at the first calendar with a conflict.
   */
  private static int heldBefore(Set<UUID> calendars, String body) {
    Set<UUID> conflicting = new HashSet<>();
    try {
      for (JsonNode c : JSON.readTree(body).path("conflicts")) {
        conflicting.add(UUID.fromString(c.path("userId").asText()));
      }
    } catch (IOException | IllegalArgumentException e) {
      return 0;
    }
    List<UUID> ordered = new ArrayList<>(calendars);
    Collections.sort(ordered);
    for (int i = 0; i < ordered.size(); i++) {
      if (conflicting.contains(ordered.get(i))) {
        return i;
      }
    }
    return 0;
  }

  /** One availability read: a random user's 7 days, asked by another random user. */
  private CompletionStage<Outcome> read(String prefix) {
    var random = ThreadLocalRandom.current();
    Account user = accounts.get(random.nextInt(accounts.size()));
    Account reader = accounts.get(random.nextInt(accounts.size()));
    Instant start =
        slots.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(random.nextInt(365 - 7 + 1)));
    String path =
        "/users/" + user.id() + "/availability?start=" + start + "&end=" + start.plus(READ_WINDOW);
    return send(request(path).GET().header("Authorization", "Bearer " + reader.token()))
        .thenApply(
            r -> {
              if (r.statusCode() != 200) {
                sample("GET " + path, "", r);
              }
              return new Outcome(r.statusCode() == 200, prefix + r.statusCode());
            });
  }

  // ---- the double-booking check ----

  /**
   * Lists every user's events over the whole range of slots: no two may overlap, and together they
   * must hold exactly one occurrence per calendar of every 201 (unless some outcome is unknown: a
   * timeout or a 5xx may have booked too).
   */
  private String checkCalendars() throws InterruptedException {
    LongAdder occurrences = new LongAdder();
    LongAdder overlaps = new LongAdder();
    Map<String, LongAdder> failures = new java.util.concurrent.ConcurrentHashMap<>();
    ConcurrentLinkedQueue<String> overlapSamples = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(8, accounts.size());
    CountDownLatch finished = new CountDownLatch(workers);
    long started = System.nanoTime();
    for (int w = 0; w < workers; w++) {
      executor.execute(
          () -> checkNext(next, occurrences, overlaps, overlapSamples, failures, finished));
    }
    if (!finished.await(5, TimeUnit.MINUTES)) {
      return "Double-booking check: did not finish within 5 minutes.";
    }
    long expected = bookedCalendars.sum();
    long found = occurrences.sum();
    String verdict;
    if (overlaps.sum() > 0) {
      verdict = "DOUBLE BOOKINGS FOUND: " + String.join("; ", overlapSamples);
    } else if (found == expected) {
      verdict = "no overlaps, and exactly one occurrence per calendar of every 201";
    } else if (unknownOutcomes.sum() > 0) {
      verdict =
          String.format(
              "no overlaps; %+d occurrences against the 201s, with %d requests of unknown"
                  + " outcome (timeouts, 5xx)",
              found - expected, unknownOutcomes.sum());
    } else {
      verdict =
          String.format(
              "no overlaps, but %d occurrences where the 201s booked %d: %s",
              found, expected, found > expected ? "bookings nobody was told of" : "LOST bookings");
    }
    return String.format(
        "Double-booking check (GET /users/{id}/events of all %d users over the year, %.1f s):"
            + " %d occurrences, %d booked by 201s in the run; %s%s.",
        accounts.size(),
        (System.nanoTime() - started) / 1e9,
        found,
        expected,
        verdict,
        failures.isEmpty()
            ? ""
            : "; failed reads "
                + failures.entrySet().stream()
                    .map(e -> e.getKey() + ":" + e.getValue().sum())
                    .collect(Collectors.joining(" ")));
  }

  private void checkNext(
      AtomicInteger next,
      LongAdder occurrences,
      LongAdder overlaps,
      ConcurrentLinkedQueue<String> overlapSamples,
      Map<String, LongAdder> failures,
      CountDownLatch finished) {
    int n = next.getAndIncrement();
    if (n >= accounts.size()) {
      finished.countDown();
      return;
    }
    Account account = accounts.get(n);
    String path =
        "/users/"
            + account.id()
            + "/events?start="
            + slots
            + "&end="
            + slots.plus(Duration.ofDays(366));
    send(request(path).GET().header("Authorization", "Bearer " + account.token()))
        .whenCompleteAsync(
            (r, error) -> {
              if (error != null || r.statusCode() != 200) {
                String label = error != null ? Outcome.of(error).label() : "" + r.statusCode();
                failures.computeIfAbsent(label, l -> new LongAdder()).increment();
              } else {
                Instant lastEnd = Instant.MIN;
                String lastId = null;
                for (JsonNode o : parse(r.body()).path("occurrences")) {
                  occurrences.increment();
                  Instant s = Instant.parse(o.path("start").asText());
                  Instant e = Instant.parse(o.path("end").asText());
                  if (s.isBefore(lastEnd)) {
                    overlaps.increment();
                    if (overlapSamples.size() < 3) {
                      overlapSamples.add(
                          "user "
                              + account.id()
                              + ": events "
                              + lastId
                              + " and "
                              + o.path("eventId").asText()
                              + " overlap at "
                              + s);
                    }
                  }
                  if (e.isAfter(lastEnd)) {
                    lastEnd = e;
                    lastId = o.path("eventId").asText();
                  }
                }
              }
              checkNext(next, occurrences, overlaps, overlapSamples, failures, finished);
            },
            executor);
  }

  // ---- analysis ----

  /** Counts of outcomes whose label starts with {@code prefix}. */
  private static long countOf(PhaseResult p, String prefix) {
    return p.outcomes().entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Σ n over the 201/n outcomes whose label starts with {@code prefix} + "201/". */
  private static long calendarsOf(PhaseResult p, String prefix) {
    return p.outcomes().entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix + "201/"))
        .mapToLong(
            e -> e.getValue() * Long.parseLong(e.getKey().substring((prefix + "201/").length())))
        .sum();
  }

  private void analyse(
      LoadReport report,
      UnderTest underTest,
      PhaseResult untagged,
      PhaseResult tagged,
      PhaseResult bookings,
      PhaseResult reads,
      PhaseResult mixed,
      List<CalendarMemory.Result> memory) {
    double seconds = bookings.seconds();
    long booked = countOf(bookings, "201/");
    long conflicts = bookings.count("409");
    long answered = booked + conflicts;
    long others = bookings.requests() - answered;
    double bookingRate = booked / seconds;
    double meanCalendars = booked == 0 ? Double.NaN : (double) calendarsOf(bookings, "") / booked;
    double eventsPerBooking = 2 * meanCalendars + 1;
    long conflictEvents = bookings.units() - (2 * calendarsOf(bookings, "") + booked);

    // ---- the ratios asked for ----
    double ratio = bookingRate / tagged.rate();
    report.note(
        String.format(
            "bookings/s ÷ raw tagged persist rate = %.1f ÷ %.1f = %.3f (target ≥ %.1f: %s)",
            bookingRate,
            tagged.rate(),
            ratio,
            RATIO_TARGET,
            ratio >= RATIO_TARGET ? "met" : "NOT met"));
    double readRatio = reads.rate() / bookingRate;
    report.note(
        String.format(
            "availability reads/s ÷ bookings/s = %.1f ÷ %.1f = %.1f (target ≥ %.0f: %s)",
            reads.rate(),
            bookingRate,
            readRatio,
            READS_TARGET,
            readRatio >= READS_TARGET ? "met" : "NOT met"));
    report.note(
        String.format(
            "  For scale: the cheapest authenticated request (an availability read, no write) ran"
                + " at %.2f x the tagged persist rate;%n  on this machine no booking path through"
                + " HTTP reaches %.1f while the load generator shares the cores.",
            reads.rate() / tagged.rate(), RATIO_TARGET));
    if (mixed != null) {
      double mixedBookings = countOf(mixed, "POST 201/") / mixed.seconds();
      double mixedReads = mixed.rateOf("GET 200");
      report.note(
          String.format(
              "  mixed phase: %.1f bookings/s and %.1f reads/s together (%.1f reads per booking);"
                  + " p99 booking %s ms, read %s ms",
              mixedBookings,
              mixedReads,
              mixedReads / mixedBookings,
              LoadReport.millis(latencyOfPrefix(mixed, "POST 201/").millisAt(99)),
              LoadReport.millis(mixed.latenciesOf("GET 200").millisAt(99))));
    }

    // ---- the booking phase in detail ----
    report.note("");
    report.note(
        String.format(
            "Bookings: %.1f booked/s (201), %.1f answered/s (201 + 409), 409 rate %.1f%%,"
                + " other answers %d%s.",
            bookingRate,
            answered / seconds,
            answered == 0 ? 0 : 100.0 * conflicts / answered,
            others,
            others == 0 ? "" : " (" + LoadReport.errorsText(otherOutcomes(bookings)) + ")"));
    StringBuilder byCalendars = new StringBuilder();
    for (int n = 2; n <= 4; n++) {
      String label = "201/" + n;
      byCalendars.append(
          String.format(
              "%n  201 on %d calendars: %6d, p50/p95/p99 %s / %s / %s ms",
              n,
              bookings.count(label),
              LoadReport.millis(bookings.latenciesOf(label).millisAt(50)),
              LoadReport.millis(bookings.latenciesOf(label).millisAt(95)),
              LoadReport.millis(bookings.latenciesOf(label).millisAt(99))));
    }
    byCalendars.append(
        String.format(
            "%n  409:                  %6d, p50/p95/p99 %s / %s / %s ms",
            conflicts,
            LoadReport.millis(bookings.latenciesOf("409").millisAt(50)),
            LoadReport.millis(bookings.latenciesOf("409").millisAt(95)),
            LoadReport.millis(bookings.latenciesOf("409").millisAt(99))));
    report.note(
        "  latency by calendars booked (each extra calendar is one more serial hold):"
            + byCalendars);

    // ---- persists per booking ----
    double untaggedRate = untagged.rate();
    double taggedRate = tagged.rate();
    // Journal time per booking if the journal were the only limit: 2n untagged + 1 tagged event.
    double journalBound = 1 / (2 * meanCalendars / untaggedRate + 1 / taggedRate);
    report.note("");
    report.note(
        String.format(
            "Persists per booking (from the code): 2n + 1 = n HoldTaken + n HoldConfirmed"
                + " (calendars, untagged) + 1 MeetingScheduled (tagged);%n"
                + "  n = %.2f calendars per booking on average here, so %.2f journal events per 201."
                + " A 409 persists 1 MeetingRejected (tagged) + HoldTaken/HoldReleased%n"
                + "  on calendars held before the conflicting one: %.2f events per 409 here."
                + "%n  Other Cassandra work per booking (pekko-persistence-cassandra 1.1.0's"
                + " code, defaults): the tagged event's tag_views row, an%n  all_persistence_ids"
                + " insert for the new meeting's first event, the new MeetingEntity's recovery"
                + " (snapshot metadata,%n  deleted_to and two highest-sequence-number reads; no"
                + " replay), and the session lookup (one read).",
            meanCalendars,
            eventsPerBooking,
            conflicts == 0 ? 0.0 : (double) conflictEvents / conflicts));
    report.note(
        String.format(
            "  The booking phase wrote %.0f journal events/s (%.0f%% of the untagged baseline"
                + " rate, %.0f%% of the tagged one).%n"
                + "  The journal alone (%.0f untagged + %.0f tagged events/s) would allow about"
                + " %.0f bookings/s at %.2f events each: measured %.0f%% of that.%n"
                + "  With 2n+1 events per booking the ratio bookings/s ÷ tagged rate cannot pass"
                + " about %.2f even if the journal were the only limit.",
            bookings.units() / seconds,
            100 * bookings.units() / seconds / untaggedRate,
            100 * bookings.units() / seconds / taggedRate,
            untaggedRate,
            taggedRate,
            journalBound,
            eventsPerBooking,
            100 * bookingRate / journalBound,
            journalBound / taggedRate));

    // ---- where the CPU went ----
    report.note("");
    report.note(cpuLine("journal, untagged", untagged, underTest, untagged.rate(), "event", false));
    report.note(cpuLine("journal, tagged", tagged, underTest, tagged.rate(), "event", false));
    report.note(cpuLine("bookings", bookings, underTest, bookingRate, "booking", true));
    report.note(cpuLine("availability", reads, underTest, reads.rate(), "read", true));
    report.note("  node CPU per booking by thread: " + byThread(bookings, underTest, bookingRate));
    report.note("  node CPU per read by thread:    " + byThread(reads, underTest, reads.rate()));
    double cassandraPerEvent =
        bookings.window().percentOf(underTest.cassandra())
            / 100
            / (bookings.units() / seconds)
            * 1000;
    double cassandraPerEventBaseline =
        tagged.window().percentOf(underTest.cassandra()) / 100 / tagged.rate() * 1000;
    report.note(
        String.format(
            "  Cassandra CPU per journal event written: %s ms in the booking phase, %s ms in the"
                + " tagged baseline%n  (the difference is Cassandra's other work per booking, listed"
                + " above: 5 reads and 1 insert besides the event rows).",
            LoadReport.millis(cassandraPerEvent), LoadReport.millis(cassandraPerEventBaseline)));
    report.note(
        budget(underTest, untagged, tagged, bookings, reads, memory, bookingRate, meanCalendars));
    report.note(verdict(bookings, underTest, bookingRate, journalBound, options.concurrency()));
  }

  /**
   * Where a booking's CPU goes, as a model built from this run's own pieces, next to what the node
   * and its Cassandra spent per booking: the journal writes at the baseline's cost per event, a new
   * entity's start and recovery and a hold + confirm pair as the memory phase measured them, and
   * the HTTP/auth path as an availability read costs it.
   */
  private static String budget(
      UnderTest underTest,
      PhaseResult untagged,
      PhaseResult tagged,
      PhaseResult bookings,
      PhaseResult reads,
      List<CalendarMemory.Result> memory,
      double bookingRate,
      double n) {
    double measured = serviceCpuMillis(bookings, underTest, bookingRate);
    double machine = bookings.window().machinePercent() / 100 / bookingRate * 1000;
    double perUntagged = writerCpuMillis(untagged, underTest);
    double perTagged = writerCpuMillis(tagged, underTest);
    double journal = 2 * n * perUntagged + perTagged;
    double read = serviceCpuMillis(reads, underTest, reads.rate());
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "  CPU per booking: node + its Cassandra %s ms (whole machine %s ms). The %.2f journal"
                + " writes alone, at the baselines' cost%n  (writer JVM + Cassandra: %s ms per"
                + " untagged, %s ms per tagged event), come to %s ms = %.0f%% of it; the HTTP/auth"
                + " path%n  (an availability read: %s ms) is %.0f%%.",
            LoadReport.millis(measured),
            LoadReport.millis(machine),
            2 * n + 1,
            LoadReport.millis(perUntagged),
            LoadReport.millis(perTagged),
            LoadReport.millis(journal),
            100 * journal / measured,
            LoadReport.millis(read),
            100 * read / measured));
    CalendarMemory.Result fresh = null;
    CalendarMemory.Result filled = null;
    for (var r : memory) {
      if (r.bookings() == 0) {
        fresh = r;
      } else if (filled == null) {
        filled = r;
      }
    }
    if (fresh != null && filled != null) {
      double start = fresh.cpuMillisPerUnit();
      double pair = filled.cpuMillisPerUnit();
      double model = read + start + n * pair + perTagged;
      b.append(
          String.format(
              "%n  Pieces measured in the bench JVM: a new event-sourced entity (spawn, recovery,"
                  + " one ask) %s ms, a hold + confirm%n  on a calendar (2 asks, 2 persists) %s"
                  + " ms. Sum for one booking: HTTP/auth %s + new MeetingEntity %s + %.2f x %s"
                  + "%n  + tagged decision %s = %s ms, against %s ms measured: the rest (%s ms,"
                  + " %.0f%%) is the saga's own work%n  (sharding, asks and replies, JSON of"
                  + " request and answer, participants' profile asks, tag writes' bookkeeping)"
                  + " and the JIT.",
              LoadReport.millis(start),
              LoadReport.millis(pair),
              LoadReport.millis(read),
              LoadReport.millis(start),
              n,
              LoadReport.millis(pair),
              LoadReport.millis(perTagged),
              LoadReport.millis(model),
              LoadReport.millis(measured),
              LoadReport.millis(measured - model),
              100 * (measured - model) / measured));
    }
    return b.toString();
  }

  /** CPU of the node and its Cassandra per unit of work, in ms. */
  private static double serviceCpuMillis(PhaseResult p, UnderTest underTest, double rate) {
    double node = p.window().percentOf(underTest.node());
    double cassandra = p.window().percentOf(underTest.cassandra());
    return (nanToZero(node) + nanToZero(cassandra)) / 100 / rate * 1000;
  }

  /** CPU of the writing JVM (the bench) and Cassandra per event of a journal baseline, in ms. */
  private static double writerCpuMillis(PhaseResult p, UnderTest underTest) {
    double cassandra = p.window().percentOf(underTest.cassandra());
    return (p.window().benchPercent() + nanToZero(cassandra)) / 100 / p.rate() * 1000;
  }

  private static double nanToZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  /** Outcomes other than 201/n and 409. */
  private static Map<String, Long> otherOutcomes(PhaseResult p) {
    var others = new java.util.TreeMap<String, Long>();
    p.outcomes()
        .forEach(
            (label, n) -> {
              if (!label.startsWith("201/") && !label.equals("409")) {
                others.put(label, n);
              }
            });
    return others;
  }

  /** The latencies of all outcomes whose label starts with {@code prefix}, merged. */
  private static Latencies latencyOfPrefix(PhaseResult p, String prefix) {
    var merged = new Latencies();
    p.latenciesByLabel()
        .forEach(
            (label, l) -> {
              if (label.startsWith(prefix)) {
                merged.add(l);
              }
            });
    return merged;
  }

  /**
   * One line: the machine's busy share and, per unit of work, the CPU of the node, its Cassandra,
   * the rest of the node's children (Kafka) and the bench.
   */
  private static String cpuLine(
      String name, PhaseResult p, UnderTest underTest, double rate, String unit, boolean node) {
    var w = p.window();
    double cassandra = w.percentOf(underTest.cassandra());
    double nodePercent = w.percentOf(underTest.node());
    double bench = w.benchPercent();
    return String.format(
        "  CPU in %-18s machine %3.0f%% of %d cores; per %s: %snode %s ms, Cassandra %s ms,"
            + " bench %s ms",
        name + ":",
        100 * p.cpu().machine(),
        CORES,
        unit,
        node ? "" : "(the bench JVM is the writer) ",
        LoadReport.millis(nodePercent / 100 / rate * 1000),
        LoadReport.millis(cassandra / 100 / rate * 1000),
        LoadReport.millis(bench / 100 / rate * 1000));
  }

  /** The node's CPU per unit of work by kind of thread, e.g. "1.2 ms Pekko dispatchers, ...". */
  private static String byThread(PhaseResult phase, UnderTest underTest, double rate) {
    var threads = phase.window().attribute(underTest).nodeThreads();
    if (threads.isEmpty()) {
      return "-";
    }
    return threads.stream()
        .limit(5)
        .map(u -> String.format("%.2f ms %s", u.percentOfCore() / 100 / rate * 1000, u.name()))
        .collect(Collectors.joining(", "));
  }

  /** What bounds the booking rate, from this run's own figures. */
  private static String verdict(
      PhaseResult bookings,
      UnderTest underTest,
      double bookingRate,
      double journalBound,
      int callers) {
    var w = bookings.window();
    double machine = 100 * bookings.cpu().machine();
    double node = w.percentOf(underTest.node());
    double cassandra = w.percentOf(underTest.cassandra());
    double bench = w.benchPercent();
    double all = w.machinePercent();
    String biggest =
        node >= cassandra && node >= bench
            ? "the node"
            : cassandra >= bench ? "Cassandra" : "the bench (load generator)";
    StringBuilder v = new StringBuilder("=> ");
    if (machine >= 90) {
      v.append(
          String.format(
              "CPU-bound: the machine was %.0f%% busy during the booking phase (node %.0f%%,"
                  + " Cassandra %.0f%%, bench %.0f%%, everything %.0f%% of one core);%n   the"
                  + " largest share went to %s.",
              machine, node, cassandra, bench, all, biggest));
    } else {
      v.append(
          String.format(
              "Not CPU-bound (machine %.0f%% busy): latency-bound; the %d callers wait on serial"
                  + " steps (the holds one by one, then the decision, then the confirmations).",
              machine, callers));
    }
    v.append(
        String.format(
            "%n   The journal's own limit for this mix is about %.0f bookings/s (measured %.0f%%"
                + " of it): %s",
            journalBound,
            100 * bookingRate / journalBound,
            bookingRate >= 0.7 * journalBound
                ? "the journal writes are the bound; fewer events per booking raise it."
                : "the journal is far from saturated. What bounds bookings is the CPU each one"
                    + " costs the node and Cassandra\n   beyond its journal writes (see the"
                    + " CPU per booking above): fewer persists help only with the asks,"
                    + " round trips\n   and entity starts that go with them."));
    return v.toString();
  }

  private static String memoryTable(List<CalendarMemory.Result> results) {
    StringBuilder t = new StringBuilder();
    t.append(
        "Heap per live calendar (bench JVM: CalendarEntity spawned directly on the service's"
            + " Cassandra journal,\nfilled with PlaceHold + ConfirmHold of single 30-minute"
            + " bookings; heap after full GCs, after - before):\n");
    String row = "  %8s %9s %10s %12s %11s %7s %13s %13s  %s%n";
    t.append(
        String.format(
            row,
            "bookings",
            "calendars",
            "heap delta",
            "per calendar",
            "per booking",
            "fill s",
            "fill events/s",
            "CPU ms/unit",
            "check"));
    double base = Double.NaN;
    for (var r : results) {
      if (r.bookings() == 0) {
        base = r.bytesPerCalendar();
      }
      double perBooking =
          r.bookings() == 0 || Double.isNaN(base)
              ? Double.NaN
              : (r.bytesPerCalendar() - base) / r.bookings();
      t.append(
          String.format(
              row,
              r.bookings(),
              r.calendars(),
              String.format("%.1f MB", (r.heapAfter() - r.heapBefore()) / 1e6),
              String.format("%.1f KB", r.bytesPerCalendar() / 1e3),
              Double.isNaN(perBooking) ? "-" : String.format("%.0f B", perBooking),
              String.format("%.1f", r.fill().toNanos() / 1e9),
              r.bookings() == 0 ? "-" : String.format("%.0f", r.eventsPerSecond()),
              String.format(
                  "%.2f/%s", r.cpuMillisPerUnit(), r.bookings() == 0 ? "calendar" : "booking"),
              r.failures() == 0 && r.wrongState() == 0
                  ? "ok"
                  : r.failures() + " failed bookings, " + r.wrongState() + " calendars wrong"));
    }
    t.append(
        "  Each set is measured on top of the previous ones, all kept alive. In the node the"
            + " calendars of one meeting\n  share its Booking object; here each calendar has"
            + " its own, as after a recovery.\n  CPU ms/unit: bench JVM + Cassandra CPU while"
            + " filling; per calendar for 0 bookings (spawn, recovery of an empty journal,\n"
            + "  one read: about what each new MeetingEntity costs), per booking otherwise"
            + " (PlaceHold + ConfirmHold: 2 asks, 2 persists).");
    return t.toString();
  }

  // ---- HTTP ----

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(options.url() + path))
        .timeout(HTTP_TIMEOUT)
        .header("Content-Type", "application/json");
  }

  private CompletableFuture<HttpResponse<String>> send(HttpRequest.Builder request) {
    HttpClient client = clients.get((int) (requestCount.getAndIncrement() % clients.size()));
    return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void sample(String request, String body, HttpResponse<String> r) {
    if (sampleCount.incrementAndGet() <= MAX_SAMPLES) {
      samples.add(
          String.format(
              "%s %s -> %d %s",
              request,
              body,
              r.statusCode(),
              r.body().length() > 500 ? r.body().substring(0, 500) + "..." : r.body()));
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
    System.err.println("bench booking: " + what + "...");
  }
}
