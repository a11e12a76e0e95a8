package dev.calendar.bench;

import static dev.calendar.bench.Phases.cpu;
import static dev.calendar.bench.Phases.ofRate;
import static dev.calendar.bench.Phases.phase;
import static dev.calendar.bench.Phases.times;
import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.bench.BookingAnalysis.Phase;
import dev.calendar.bench.PageOutcome.Booked;
import dev.calendar.bench.PageOutcome.Limited;
import dev.calendar.bench.PageOutcome.Listed;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BookingPagesReportTest {
  private static final Phase JOURNAL = new Phase(ofRate("journal", 1000), cpu(0.5, 0, 60, 40));

  private static String render(Phase oneHost, long setUpLimited) {
    var teams = new Phase(phase("teams", 10, times(new Listed(), 9000, 45)), cpu(0.9, 100, 10, 60));
    var bookings =
        new Phase(phase("bookings", 10, times(new Booked(), 500, 40)), cpu(0.9, 120, 30, 20));
    var computed =
        new Phase(phase("computed", 10, times(new Listed(), 5000, 30)), cpu(0.9, 100, 10, 60));
    var analysis = BookingPagesAnalysis.of(JOURNAL, oneHost, computed, teams, bookings);
    var setUp =
        new BookingPagesSetUp.Result(
            new HttpLoad.SignUps(List.of(), 1.0, 8, new TreeMap<>()),
            List.of(),
            List.of(),
            0,
            1.0,
            300,
            120,
            List.of(),
            setUpLimited);
    var report = new LoadReport("test", new UnderTest(OptionalLong.empty(), OptionalLong.empty()));
    BookingPagesReport.write(report, setUp, analysis, 1234, List.of());
    return report.render(new Machine(2, "cpu", "os", "java"), "");
  }

  @Test
  void targetsArePrintedWithTheirNumbers() {
    String text =
        render(
            new Phase(phase("lists", 10, times(new Listed(), 15_000, 12)), cpu(0.9, 100, 10, 60)),
            0);

    assertThat(text)
        .contains("31-day slot list, one host: p95")
        .containsPattern("12\\.0 ms < 20 ms: met")
        .containsPattern("45\\.0 ms < 60 ms: met")
        .containsPattern("1500 /s ≥ 2000 /s: NOT met")
        .contains("1234 listed starts left unbooked")
        .contains("  every window new:   500.0 lists/s (200), p50/p95/p99 of the 200s 30.0")
        .doesNotContain("WARNING");
  }

  @Test
  void a429AnywhereGetsTheWarningWithTheWayToRunTheNode() {
    String text =
        render(
            new Phase(
                phase("lists", 10, times(new Listed(), 30, 12), times(new Limited(), 40_000, 1)),
                cpu(0.9, 100, 10, 60)),
            5);

    assertThat(text)
        .contains("WARNING: the node answered 40005 requests with 429")
        .contains("-Dcalendar.booking-pages.rate-limits.reads.per-minute=")
        .contains("not judged (429s");
  }
}
