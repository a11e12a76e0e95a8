package dev.calendar.bench;

import dev.calendar.meeting.MeetingSettings;
import java.nio.file.Path;

/**
 * {@code bench booking-pages}: how fast a running node answers the public booking pages, next to
 * the raw journal persist rate measured in the same run. Phases, one after the other: the journal
 * baseline tagged as the meetings are (the node idle), the set-up (hosts with realistic weeks and
 * their event types, not measured), 31-day slot lists of one-host pages (the current hour's window,
 * as most guests ask, then a new window each time, so none is served from the node's kept lists),
 * of 3-host pages, and public bookings of listed starts. The set-up is {@link BookingPagesSetUp}'s,
 * the requests {@link BookingPagesLoad}'s, the figures and targets {@link BookingPagesAnalysis}'s
 * and the text {@link BookingPagesReport}'s.
 */
final class BookingPagesBench {
  private static final Path REPORT = Path.of("bench", "target", "booking-pages-report.txt");

  private BookingPagesBench() {}

  static void run(Options options) throws Exception {
    HttpLoad.run("booking-pages", options, BookingPagesBench::run);
  }

  private static void run(HttpLoad http) throws Exception {
    Options options = http.options();
    int tags = options.tagsOr(MeetingSettings.DEFAULTS.tagCount());
    UnderTest underTest = http.underTest();
    var report = new LoadReport("calendar bench booking-pages against " + options.url(), underTest);

    var journalSettings = JournalBaseline.Settings.of(options).withTags(tags);
    http.step("journal baseline, " + tags + " tags");
    PhaseResult journal = report.add(JournalBaseline.run(journalSettings, http.executor()));

    http.step("set-up: " + options.users() + " hosts, their weeks and event types");
    var setUp = BookingPagesSetUp.run(http);
    if (setUp.limited() > 0) {
      // Said now as well as in the report: the phases to come would mostly measure the limiter.
      System.err.println(BookingPagesReport.warning(setUp.limited()));
    }
    var load = new BookingPagesLoad(http, setUp.listed());

    http.step("GET slots, one-host pages");
    PhaseResult oneHost =
        report.add(http.phase("slots, 1 host, 31 days", () -> load.list(setUp.oneHost())));
    http.step("GET slots, one-host pages, every window new");
    PhaseResult computed =
        report.add(
            http.phase("slots, 1 host, new windows", () -> load.listNewWindow(setUp.oneHost())));
    PhaseResult teams = null;
    if (!setUp.teams().isEmpty()) {
      http.step("GET slots, 3-host pages");
      teams = report.add(http.phase("slots, 3 hosts, 31 days", () -> load.list(setUp.teams())));
    }
    http.step("POST /book, listed starts");
    PhaseResult bookings = report.add(http.phase("POST /book (public booking)", load::book));

    var analysis =
        BookingPagesAnalysis.of(
            phase(journal, underTest),
            phase(oneHost, underTest),
            phase(computed, underTest),
            teams == null ? null : phase(teams, underTest),
            phase(bookings, underTest));
    BookingPagesReport.write(report, setUp, analysis, load.unbookedLeft(), http.samplesText());
    LoadReport.publish(
        report.render(Machine.describe(), BookingPagesReport.parameters(options, tags, http)),
        REPORT);
  }

  private static BookingAnalysis.Phase phase(PhaseResult result, UnderTest underTest) {
    return new BookingAnalysis.Phase(result, PhaseCpu.of(result, underTest));
  }
}
