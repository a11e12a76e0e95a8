package dev.calendar.bench;

import static dev.calendar.bench.Phases.cpu;
import static dev.calendar.bench.Phases.ofRate;
import static dev.calendar.bench.Phases.phase;
import static dev.calendar.bench.Phases.times;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.calendar.bench.BookingAnalysis.Phase;
import dev.calendar.bench.BookingPagesAnalysis.Verdict;
import dev.calendar.bench.PageOutcome.Booked;
import dev.calendar.bench.PageOutcome.Limited;
import dev.calendar.bench.PageOutcome.Listed;
import dev.calendar.bench.PageOutcome.NoSlotLeft;
import dev.calendar.bench.PageOutcome.Taken;
import dev.calendar.bench.PageOutcome.Unexpected;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookingPagesAnalysisTest {
  private static final Phase JOURNAL = new Phase(ofRate("journal", 1000), cpu(0.5, 0, 60, 40));

  private static Phase lists(long perSecond, long millis, Phases.Counted... more) {
    Phases.Counted[] counted = new Phases.Counted[more.length + 1];
    counted[0] = times(new Listed(), perSecond * 10, millis);
    System.arraycopy(more, 0, counted, 1, more.length);
    return new Phase(phase("lists", 10, counted), cpu(0.9, 100, 10, 60));
  }

  private static final Phase BOOKINGS =
      new Phase(
          phase(
              "bookings",
              10,
              times(new Booked(), 500, 40),
              times(new Taken(), 3, 30),
              times(new Unexpected(503), 2, 100)),
          cpu(0.9, 120, 30, 20));

  @Test
  void fastListsMeetTheirTargetsAndCountsComeFromTheTypedOutcomes() {
    var a = BookingPagesAnalysis.of(JOURNAL, lists(2500, 8), null, lists(900, 45), BOOKINGS);

    assertThat(a.targets())
        .extracting(BookingPagesAnalysis.Target::verdict)
        .containsExactly(Verdict.MET, Verdict.MET, Verdict.MET);
    assertThat(a.oneHost().rate()).isEqualTo(2500);
    assertThat(a.targets().get(0).value()).isCloseTo(8, within(0.01));
    assertThat(a.bookings().bookedRate()).isEqualTo(50);
    assertThat(a.bookings().taken().count()).isEqualTo(3);
    assertThat(a.bookings().others()).isEqualTo(Map.of("503", 2L));
    assertThat(a.bookingsPerPersist()).isCloseTo(0.05, within(1e-9));
    assertThat(a.limited()).isZero();
    // 100% of a core at 2,500 lists/s: 0.4 ms of node CPU per list.
    assertThat(a.cpu().get(1).nodeMillis()).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void slowOrFewListsAreNotMet() {
    var a = BookingPagesAnalysis.of(JOURNAL, lists(1500, 25), null, lists(300, 70), BOOKINGS);

    assertThat(a.targets())
        .extracting(BookingPagesAnalysis.Target::verdict)
        .containsExactly(Verdict.NOT_MET, Verdict.NOT_MET, Verdict.NOT_MET);
  }

  @Test
  void aPhaseThatMetA429IsNotJudgedAndItsLatenciesAreThe200sOnly() {
    var a =
        BookingPagesAnalysis.of(
            JOURNAL, lists(3, 8, times(new Limited(), 50_000, 1)), null, lists(900, 45), BOOKINGS);

    assertThat(a.targets())
        .extracting(BookingPagesAnalysis.Target::verdict)
        .containsExactly(Verdict.RATE_LIMITED, Verdict.MET, Verdict.RATE_LIMITED);
    assertThat(a.oneHost().listed().p50()).isCloseTo(8, within(0.01));
    assertThat(a.oneHost().others()).isEmpty();
    assertThat(a.limited()).isEqualTo(50_000);
  }

  @Test
  void withoutA3HostPhaseItsTargetIsNotMeasured() {
    var bookings =
        new Phase(
            phase("bookings", 10, times(new Booked(), 10, 40), times(new NoSlotLeft(), 7, 100)),
            cpu(0.9, 120, 30, 20));
    var a = BookingPagesAnalysis.of(JOURNAL, lists(2500, 8), null, null, bookings);

    assertThat(a.teams()).isEmpty();
    assertThat(a.targets().get(1).verdict()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(a.bookings().noSlotLeft()).isEqualTo(7);
    assertThat(a.bookings().others()).isEmpty();
    assertThat(a.cpu()).hasSize(3);
  }
}
