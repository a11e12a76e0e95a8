package dev.calendar.bench;

import dev.calendar.meeting.MeetingSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bench booking}: how many bookings ({@code POST /events}) and availability reads a running
 * node takes, next to the raw journal persist rate measured in the same run, and how much heap a
 * live calendar takes. Phases, one after the other: the journal baseline untagged and tagged (the
 * node idle), sign-ups (set-up, not measured), bookings, availability reads, a mix of both, the
 * double-booking audit, and the heap per calendar in the bench JVM. The requests are {@link
 * BookingLoad}'s, the audit {@link BookingAudit}'s, the figures {@link BookingAnalysis}'s and the
 * text {@link BookingReport}'s.
 */
final class BookingBench {
  private static final Path REPORT = Path.of("bench", "target", "booking-report.txt");
  private static final List<Integer> MEMORY_SETS = List.of(0, 10, 100);

  /** An organizer and up to 3 others. */
  private static final int MIN_USERS = 4;

  private BookingBench() {}

  static void run(Options options) throws Exception {
    HttpLoad.run("booking", options, BookingBench::run);
  }

  private static void run(HttpLoad http) throws Exception {
    Options options = http.options();
    int tags = options.tagsOr(MeetingSettings.DEFAULTS.tagCount());
    UnderTest underTest = http.underTest();
    var report = new LoadReport("calendar bench booking against " + options.url(), underTest);

    var journalSettings = JournalBaseline.Settings.of(options);
    http.step("journal baseline, untagged");
    PhaseResult untagged =
        report.add(JournalBaseline.run(journalSettings.withTags(0), http.executor()));
    PhaseResult tagged = untagged;
    if (tags > 0) {
      http.step("journal baseline, " + tags + " tags");
      tagged = report.add(JournalBaseline.run(journalSettings.withTags(tags), http.executor()));
    }

    http.step("set-up: signing up " + options.users() + " users");
    var setUp =
        http.signUp(options.users(), options.signUpConcurrency(), "booking", "Bench User", "UTC");
    if (setUp.accounts().size() < MIN_USERS) {
      throw new IllegalStateException(
          "set-up: only " + setUp.accounts().size() + " sign-ups succeeded");
    }
    var load = new BookingLoad(http, setUp.accounts());

    http.step("POST /events");
    PhaseResult bookings = report.add(http.phase("POST /events (booking)", () -> load.book(false)));
    http.step("GET /users/{id}/availability");
    PhaseResult reads = report.add(http.phase("GET availability (7 days)", () -> load.read(false)));
    PhaseResult mixed = null;
    if (options.readRatio() > 0) {
      http.step("mixed, 1 booking : " + options.readRatio() + " reads");
      mixed =
          report.add(
              http.phase(
                  "mixed 1 booking : " + options.readRatio() + " reads",
                  () -> load.mixed(options.readRatio())));
    }

    http.step("checking every calendar for double bookings");
    BookingAudit.Result audit = BookingAudit.run(http, setUp.accounts(), load);

    List<CalendarMemory.Result> memory = List.of();
    if (options.calendars() > 0) {
      http.step("heap per calendar in the bench JVM");
      memory =
          CalendarMemory.run(
              options.cassandra(),
              underTest.cassandra(),
              options.calendars(),
              MEMORY_SETS,
              http.executor());
    }

    var analysis =
        BookingAnalysis.of(
            phase(untagged, underTest),
            phase(tagged, underTest),
            phase(bookings, underTest),
            phase(reads, underTest),
            mixed == null ? null : phase(mixed, underTest),
            memory,
            options.concurrency());
    BookingReport.write(report, setUp, analysis, audit, memory, http.samplesText());
    LoadReport.publish(
        report.render(
            Machine.describe(),
            BookingReport.parameters(options, MeetingSettings.DEFAULTS.tagCount(), http)),
        REPORT);
    if (!audit.passed()) {
      throw new IllegalStateException("the double-booking audit failed: " + audit.text());
    }
  }

  private static BookingAnalysis.Phase phase(PhaseResult result, UnderTest underTest) {
    return new BookingAnalysis.Phase(result, PhaseCpu.of(result, underTest));
  }
}
