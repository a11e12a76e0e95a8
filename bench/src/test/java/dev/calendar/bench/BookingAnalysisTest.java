package dev.calendar.bench;

import static dev.calendar.bench.Phases.cpu;
import static dev.calendar.bench.Phases.ofRate;
import static dev.calendar.bench.Phases.phase;
import static dev.calendar.bench.Phases.times;
import static dev.calendar.bench.Phases.unknownCpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.calendar.bench.BookingAnalysis.Phase;
import dev.calendar.bench.BookingOutcome.Booked;
import dev.calendar.bench.BookingOutcome.Conflicted;
import dev.calendar.bench.BookingOutcome.Read;
import dev.calendar.bench.BookingOutcome.Unexpected;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingAnalysisTest {
  private static final Phase UNTAGGED = new Phase(ofRate("untagged", 2000), cpu(0.5, 0, 60, 40));
  private static final Phase TAGGED = new Phase(ofRate("tagged", 1000), cpu(0.5, 0, 60, 40));

  /** 10 s: 100 booked on 2 calendars, 50 on 3, 50 conflicts, 5 answers 503. */
  private static PhaseResult bookingPhase() {
    return phase(
        "bookings",
        10,
        times(new Booked(2, false), 100, 20),
        times(new Booked(3, false), 50, 30),
        times(new Conflicted(false), 50, 10),
        times(new Unexpected(503, false), 5, 100));
  }

  private static Phase reads(long rate) {
    return new Phase(
        phase("reads", 10, times(new Read(200, false), rate * 10, 5)), cpu(0.6, 50, 10, 30));
  }

  private static BookingAnalysis analyse(Phase bookings, Phase reads, Phase mixed) {
    return BookingAnalysis.of(UNTAGGED, TAGGED, bookings, reads, mixed, List.of(), 32);
  }

  @Test
  void ratesCountsAndPercentilesComeFromTheTypedOutcomes() {
    var a = analyse(new Phase(bookingPhase(), cpu(0.5, 60, 20, 10)), reads(300), null);

    var b = a.bookings();
    assertThat(b.bookedRate()).isEqualTo(15.0);
    assertThat(b.answeredRate()).isEqualTo(20.0);
    assertThat(b.conflictPercent()).isEqualTo(25.0);
    assertThat(b.others()).isEqualTo(5);
    assertThat(b.otherLabels()).isEqualTo(Map.of("503", 5L));
    assertThat(b.meanCalendars()).isCloseTo(350.0 / 150, within(1e-9));
    assertThat(b.byCalendars())
        .extracting(BookingAnalysis.LatencyRow::count)
        .containsExactly(100L, 50L, 0L);
    assertThat(b.byCalendars().get(0).p99()).isCloseTo(20, within(0.1));
    assertThat(b.byCalendars().get(2).p50()).isNaN();
    assertThat(b.conflicts().count()).isEqualTo(50);
    assertThat(b.conflicts().p50()).isCloseTo(10, within(0.1));
  }

  @Test
  void ratiosAreJudgedAgainstTheirTargets() {
    var a = analyse(new Phase(bookingPhase(), cpu(0.5, 60, 20, 10)), reads(300), null);

    assertThat(a.bookingsPerTaggedPersist().value()).isCloseTo(0.015, within(1e-9));
    assertThat(a.bookingsPerTaggedPersist().met()).contains(false);
    assertThat(a.readsPerBooking().value()).isCloseTo(20, within(1e-9));
    assertThat(a.readsPerBooking().met()).contains(true);
    assertThat(a.readsPerTaggedPersist()).isCloseTo(0.3, within(1e-9));
  }

  @Test
  void noRatioIsJudgedAndNoVerdictOrBudgetGivenWhenNoBookingSucceeded() {
    var nothing =
        new Phase(
            phase("bookings", 10, times(new Unexpected(500, false), 10, 5)),
            cpu(0.95, 100, 50, 20));

    var a = analyse(nothing, reads(300), null);

    assertThat(a.bookingsPerTaggedPersist().met()).isEmpty();
    assertThat(a.readsPerBooking().met()).isEmpty();
    assertThat(a.verdict()).isEmpty();
    assertThat(a.budget()).isEmpty();
    assertThat(a.bookings().meanCalendars()).isNaN();
  }

  @Test
  void noVerdictWhenTheMachinesCpuWasNotMeasured() {
    var a = analyse(new Phase(bookingPhase(), unknownCpu()), reads(300), null);

    assertThat(a.verdict()).isEmpty();
  }

  @Test
  void cpuBoundVerdictNamesTheBiggestMeasuredShare() {
    var a = analyse(new Phase(bookingPhase(), cpu(0.95, Double.NaN, 120, 40)), reads(300), null);

    var v = a.verdict().orElseThrow();
    assertThat(v.cpuBound()).isTrue();
    assertThat(v.biggest()).contains("Cassandra");
  }

  @Test
  void belowTheThresholdTheVerdictIsLatencyBound() {
    var a = analyse(new Phase(bookingPhase(), cpu(0.4, 50, 20, 10)), reads(300), null);

    var v = a.verdict().orElseThrow();
    assertThat(v.cpuBound()).isFalse();
    assertThat(v.callers()).isEqualTo(32);
  }

  @Test
  void theMixedPhaseIsAbsentWhenItDidNotRun() {
    var a = analyse(new Phase(bookingPhase(), cpu(0.5, 60, 20, 10)), reads(300), null);

    assertThat(a.mixed()).isEmpty();
  }

  @Test
  void theMixedPhaseSeparatesBookingsFromReadsByType() {
    var mixed =
        new Phase(
            phase(
                "mixed",
                10,
                times(new Booked(2, true), 20, 40),
                times(new Conflicted(true), 5, 10),
                times(new Read(200, true), 200, 4),
                times(new Read(404, true), 3, 4)),
            cpu(0.5, 60, 20, 10));

    var m =
        analyse(new Phase(bookingPhase(), cpu(0.5, 60, 20, 10)), reads(300), mixed)
            .mixed()
            .orElseThrow();

    assertThat(m.bookingRate()).isEqualTo(2.0);
    assertThat(m.readRate()).isEqualTo(20.0);
    assertThat(m.readsPerBooking()).isEqualTo(10.0);
    assertThat(m.p99BookingMillis()).isCloseTo(40, within(0.1));
    assertThat(m.p99ReadMillis()).isCloseTo(4, within(0.01));
  }

  @Test
  void cpuPerBookingAndItsModelFromTheMemoryPhase() {
    var memory =
        List.of(
            new CalendarMemory.Result(
                0, 1000, 0, 1, Duration.ofSeconds(1), 0, 0, 0, 1000, 1000), // 2 ms per calendar
            new CalendarMemory.Result(
                10, 100, 0, 1, Duration.ofSeconds(1), 2000, 0, 0, 500, 500)); // 1 ms per booking
    // Bookings: 15/s; node 60% + Cassandra 30% of a core = 60 ms per booking.
    var bookings = new Phase(bookingPhase(), cpu(0.5, 60, 30, 10));
    // Reads: 300/s; node 50% + Cassandra 10% = 2 ms per read.
    var a = BookingAnalysis.of(UNTAGGED, TAGGED, bookings, reads(300), null, memory, 32);

    var budget = a.budget().orElseThrow();
    assertThat(budget.measuredMillis()).isCloseTo(60, within(1e-9));
    assertThat(budget.readMillis()).isCloseTo(2, within(1e-9));
    var model = budget.model().orElseThrow();
    assertThat(model.newEntityMillis()).isCloseTo(2, within(1e-9));
    assertThat(model.holdConfirmMillis()).isCloseTo(1, within(1e-9));
    assertThat(model.sumMillis()).isCloseTo(2 + 2 + 350.0 / 150, within(1e-9));
  }

  @Test
  void noModelWithoutTheMemoryPhase() {
    var a = analyse(new Phase(bookingPhase(), cpu(0.5, 60, 30, 10)), reads(300), null);

    assertThat(a.budget().orElseThrow().model()).isEmpty();
  }

  @Test
  void cpuRowsArePerUnitOfEachPhase() {
    var a = analyse(new Phase(bookingPhase(), cpu(0.5, 60, 30, 15)), reads(300), null);

    var bookings = a.cpu().get(2);
    assertThat(bookings.name()).isEqualTo("bookings");
    assertThat(bookings.machinePercent()).isEqualTo(50);
    assertThat(bookings.nodeMillis()).isCloseTo(40, within(1e-9));
    assertThat(bookings.cassandraMillis()).isCloseTo(20, within(1e-9));
    assertThat(bookings.benchMillis()).isCloseTo(10, within(1e-9));
    assertThat(a.cpu().get(0).benchWrites()).isTrue();
    assertThat(bookings.benchWrites()).isFalse();
  }
}
