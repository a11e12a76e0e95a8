package dev.calendar.bench;

import static dev.calendar.bench.Phases.cpu;
import static dev.calendar.bench.Phases.ofRate;
import static dev.calendar.bench.Phases.phase;
import static dev.calendar.bench.Phases.times;
import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.bench.BookingAnalysis.Phase;
import dev.calendar.bench.BookingOutcome.Booked;
import dev.calendar.bench.BookingOutcome.Read;
import dev.calendar.bench.BookingOutcome.Unexpected;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BookingReportTest {
  private static final Phase JOURNAL = new Phase(ofRate("journal", 1000), cpu(0.5, 0, 60, 40));
  private static final Phase READS =
      new Phase(phase("reads", 10, times(new Read(200, false), 3000, 5)), cpu(0.6, 50, 10, 30));

  private static String render(Phase bookings) {
    var analysis = BookingAnalysis.of(JOURNAL, JOURNAL, bookings, READS, null, List.of(), 32);
    var audit = BookingAudit.check(4, 1.0, Map.of(), List.of(), 0, new TreeMap<String, Long>());
    var report = new LoadReport("test", new UnderTest(OptionalLong.empty(), OptionalLong.empty()));
    BookingReport.write(
        report,
        new HttpLoad.SignUps(List.of(), 1.0, 1, new TreeMap<>()),
        analysis,
        audit,
        List.of(),
        List.of());
    return report.render(new Machine(2, "cpu", "os", "java"), "");
  }

  @Test
  void aBookingPhaseThatBookedNothingGetsNoVerdictAndNoJudgedRatio() {
    String text =
        render(
            new Phase(
                phase("bookings", 10, times(new Unexpected(500, false), 10, 5)),
                cpu(0.95, 100, 50, 20)));

    assertThat(text).doesNotContain("=>").doesNotContain("CPU per booking:");
    assertThat(text).contains("(target ≥ 0.5: not measured)");
    assertThat(text).contains("other answers 10 (500:10)");
  }

  @Test
  void aMeasuredBookingPhaseGetsItsVerdict() {
    String text =
        render(
            new Phase(
                phase("bookings", 10, times(new Booked(2, false), 100, 20)),
                cpu(0.95, 100, 50, 20)));

    assertThat(text).contains("=> CPU-bound").contains("the largest share went to the node");
    assertThat(text).contains("(target ≥ 0.5: NOT met)");
  }
}
