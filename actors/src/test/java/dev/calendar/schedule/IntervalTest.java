package dev.calendar.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class IntervalTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  static Instant s(int seconds) {
    return T0.plusSeconds(seconds);
  }

  static Interval iv(int from, int to) {
    return new Interval(s(from), s(to));
  }

  @Test
  void startMustBeBeforeEnd() {
    assertThatThrownBy(() -> iv(5, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> iv(6, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mergeSortsAndCoalescesOverlappingAndTouching() {
    assertThat(Interval.merge(List.of(iv(20, 30), iv(0, 10), iv(10, 15), iv(25, 40), iv(50, 60))))
        .containsExactly(iv(0, 15), iv(20, 40), iv(50, 60));
    assertThat(Interval.merge(List.of(iv(0, 100), iv(10, 20)))).containsExactly(iv(0, 100));
    assertThat(Interval.merge(List.of())).isEmpty();
  }

  @Test
  void subtract() {
    assertThat(Interval.subtract(List.of(iv(0, 100)), List.of(iv(10, 20), iv(20, 30), iv(90, 120))))
        .containsExactly(iv(0, 10), iv(30, 90));
    assertThat(Interval.subtract(List.of(iv(0, 10), iv(20, 30)), List.of(iv(5, 25))))
        .containsExactly(iv(0, 5), iv(25, 30));
    assertThat(Interval.subtract(List.of(iv(0, 10)), List.of(iv(0, 10)))).isEmpty();
    assertThat(Interval.subtract(List.of(iv(0, 10)), List.of(iv(10, 20))))
        .containsExactly(iv(0, 10));
    assertThat(Interval.subtract(List.of(iv(10, 20), iv(0, 5)), List.of()))
        .containsExactly(iv(0, 5), iv(10, 20));
  }

  @Test
  void clip() {
    assertThat(Interval.clip(List.of(iv(0, 10), iv(15, 30), iv(40, 50), iv(28, 35)), iv(5, 40)))
        .containsExactly(iv(5, 10), iv(15, 35));
  }

  // --- properties, on a grid of whole seconds 0..100: cell k is [k, k+1) ---

  @Provide
  Arbitrary<List<Interval>> intervals() {
    Arbitrary<Interval> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 99), Arbitraries.integers().between(1, 25))
            .as((from, length) -> iv(from, Math.min(100, from + length)));
    return one.list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<Interval> window() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 99), Arbitraries.integers().between(1, 100))
        .as((from, length) -> iv(from, Math.min(100, from + length)));
  }

  static boolean covers(List<Interval> intervals, int cell) {
    Instant middle = s(cell).plusMillis(500);
    return intervals.stream().anyMatch(i -> !i.start().isAfter(middle) && i.end().isAfter(middle));
  }

  static void assertCanonical(List<Interval> intervals) {
    for (int i = 1; i < intervals.size(); i++) {
      assertThat(intervals.get(i - 1).end()).isBefore(intervals.get(i).start());
    }
  }

  static List<Interval> intersections(List<Interval> a, List<Interval> b) {
    List<Interval> out = new ArrayList<>();
    for (Interval x : a) {
      for (Interval y : b) {
        if (x.overlaps(y)) {
          Instant from = x.start().isAfter(y.start()) ? x.start() : y.start();
          Instant to = x.end().isBefore(y.end()) ? x.end() : y.end();
          out.add(new Interval(from, to));
        }
      }
    }
    return out;
  }

  @Property
  void mergeIsSortedDisjointNotTouchingAndCoversTheSamePoints(
      @ForAll("intervals") List<Interval> input) {
    List<Interval> merged = Interval.merge(input);
    assertCanonical(merged);
    for (int cell = 0; cell < 100; cell++) {
      assertThat(covers(merged, cell)).as("cell %d", cell).isEqualTo(covers(input, cell));
    }
    assertThat(Interval.merge(merged)).isEqualTo(merged);
  }

  @Property
  void subtractLeavesWhatIsNotRemoved(
      @ForAll("intervals") List<Interval> a, @ForAll("intervals") List<Interval> b) {
    List<Interval> difference = Interval.subtract(a, b);
    assertCanonical(difference);
    for (int cell = 0; cell < 100; cell++) {
      assertThat(covers(difference, cell))
          .as("cell %d", cell)
          .isEqualTo(covers(a, cell) && !covers(b, cell));
    }
    // (A - B) and B do not meet; (A - B) with A ∩ B is A again
    assertThat(intersections(difference, b)).isEmpty();
    List<Interval> rebuilt = new ArrayList<>(difference);
    rebuilt.addAll(intersections(a, b));
    assertThat(Interval.merge(rebuilt)).isEqualTo(Interval.merge(a));
  }

  @Property
  void clipKeepsWhatIsInsideTheWindow(
      @ForAll("intervals") List<Interval> a, @ForAll("window") Interval window) {
    List<Interval> clipped = Interval.clip(a, window);
    assertCanonical(clipped);
    for (Interval i : clipped) {
      assertThat(i.start()).isAfterOrEqualTo(window.start());
      assertThat(i.end()).isBeforeOrEqualTo(window.end());
    }
    for (int cell = 0; cell < 100; cell++) {
      assertThat(covers(clipped, cell)).isEqualTo(covers(a, cell) && covers(List.of(window), cell));
    }
  }
}
