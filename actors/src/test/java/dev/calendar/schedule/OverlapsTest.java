package dev.calendar.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.schedule.Overlaps.Clash;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OverlapsTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Duration HOUR = Duration.ofHours(1);

  static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
  }

  // Validated for its syntax only (zero length): some cases need a series that overlaps itself,
  // as data stored before such series were refused may.
  static Schedule series(String start, Duration duration, String rule) {
    Instant s = at(start);
    return new Schedule(
        s,
        s.plus(duration),
        BERLIN,
        Schedule.validate(rule, s, Duration.ZERO, BERLIN),
        List.of(),
        List.of());
  }

  @Test
  void singleAgainstSingle() {
    Schedule a = Schedule.single(at("2024-05-06T10:00"), at("2024-05-06T11:00"), BERLIN);
    Schedule b = Schedule.single(at("2024-05-06T10:30"), at("2024-05-06T12:00"), BERLIN);
    Schedule touching = Schedule.single(at("2024-05-06T11:00"), at("2024-05-06T12:00"), BERLIN);
    assertThat(Overlaps.between(a, b, 10)).hasSize(1);
    assertThat(Overlaps.between(a, touching, 10)).isEmpty();
  }

  @Test
  void dailyCandidateAgainstWeeklySeriesInCandidateOrder() {
    Schedule daily = series("2024-05-06T09:30", HOUR, "FREQ=DAILY;COUNT=15"); // Mon 6th to Mon 20th
    Schedule weekly = series("2024-01-03T09:00", HOUR, "FREQ=WEEKLY;BYDAY=WE,FR");
    List<Clash> clashes = Overlaps.between(daily, weekly, 100);
    assertThat(clashes)
        .extracting(c -> c.candidate().start())
        .containsExactly(
            at("2024-05-08T09:30"),
            at("2024-05-10T09:30"),
            at("2024-05-15T09:30"),
            at("2024-05-17T09:30"));
    assertThat(clashes)
        .extracting(c -> c.existing().start())
        .containsExactly(
            at("2024-05-08T09:00"),
            at("2024-05-10T09:00"),
            at("2024-05-15T09:00"),
            at("2024-05-17T09:00"));
    assertThat(Overlaps.between(daily, weekly, 2)).isEqualTo(clashes.subList(0, 2));
    assertThat(Overlaps.between(daily, weekly, 0)).isEmpty();
  }

  @Test
  void aLongExistingOccurrenceClashesWithSeveralCandidates() {
    Schedule daily = series("2024-05-06T09:00", HOUR, "FREQ=DAILY;COUNT=5");
    Schedule trip = Schedule.single(at("2024-05-06T20:00"), at("2024-05-09T08:00"), BERLIN);
    assertThat(Overlaps.between(daily, trip, 10))
        .extracting(c -> c.candidate().start())
        .containsExactly(at("2024-05-07T09:00"), at("2024-05-08T09:00"));
  }

  @Test
  void unboundedSeriesStartedTwoYearsBeforeStillClashes() {
    Schedule weekly = series("2024-01-01T09:00", HOUR, "FREQ=WEEKLY"); // Mondays
    Schedule ended = series("2024-01-01T09:00", HOUR, "FREQ=WEEKLY;COUNT=52");
    // two years on, well past start + HORIZON (2025-01-01), and in summer time (09:00 is 07:00Z)
    Schedule today = Schedule.single(at("2026-06-01T09:30"), at("2026-06-01T10:30"), BERLIN);
    assertThat(Overlaps.between(today, weekly, 5))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.candidate().start()).isEqualTo(today.start());
              assertThat(c.existing())
                  .isEqualTo(
                      new Occurrence(
                          at("2026-06-01T09:00"),
                          at("2026-06-01T09:00"),
                          at("2026-06-01T10:00"),
                          null));
            });
    assertThat(Overlaps.between(weekly, today, 5)).isEmpty(); // checked over its first year only
    assertThat(Overlaps.between(today, ended, 5)).isEmpty(); // its last Monday is 2024-12-23
    Schedule tuesday = Schedule.single(at("2026-06-02T09:00"), at("2026-06-02T10:00"), BERLIN);
    assertThat(Overlaps.between(tuesday, weekly, 5)).isEmpty();
  }

  @Test
  void movedInstancesClashWhereTheyAreNow() {
    Schedule weekly = series("2024-05-06T09:00", HOUR, "FREQ=WEEKLY;COUNT=4");
    Instant original = at("2024-05-13T09:00");
    Instant moved = at("2024-05-14T15:00");
    Schedule changed =
        new Schedule(
            weekly.start(),
            weekly.end(),
            BERLIN,
            weekly.rrule(),
            List.of(),
            List.of(new OccurrenceOverride(original, moved, moved.plus(HOUR), null)));
    Schedule atOriginal = Schedule.single(original, original.plus(HOUR), BERLIN);
    Schedule atMoved = Schedule.single(moved, moved.plus(HOUR), BERLIN);
    assertThat(Overlaps.between(atOriginal, changed, 5)).isEmpty();
    assertThat(Overlaps.between(atMoved, changed, 5))
        .singleElement()
        .satisfies(c -> assertThat(c.existing().originalStart()).isEqualTo(original));
    assertThat(Overlaps.between(changed, atMoved, 5)).hasSize(1);
  }

  // --- property: the sweep agrees with brute force over hand-computed occurrences ---

  @Provide
  Arbitrary<ReferenceSeries> series() {
    return ReferenceSeries.arbitrary();
  }

  @Provide
  Arbitrary<Integer> max() {
    return Arbitraries.oneOf(Arbitraries.integers().between(1, 30), Arbitraries.just(100_000));
  }

  /** Half the time the existing series started one to three years earlier than drawn. */
  @Provide
  Arbitrary<Integer> age() {
    return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(366, 3 * 366));
  }

  @Property(tries = 400)
  void agreesWithBruteForce(
      @ForAll("series") ReferenceSeries candidate,
      @ForAll("series") ReferenceSeries existingAsDrawn,
      @ForAll("age") int existingAgeDays,
      @ForAll("max") int max) {
    ReferenceSeries existing = existingAsDrawn.startedEarlier(Duration.ofDays(existingAgeDays));
    // both expanded by hand over the candidate's span, however long ago the existing one started
    Interval span = candidate.checkedSpan();
    List<Occurrence> theirs = existing.occurrences(span.start(), span.end());
    List<Clash> expected = new ArrayList<>();
    outer:
    for (Occurrence a : candidate.occurrences(span.start(), span.end())) {
      for (Occurrence b : theirs) {
        if (a.start().isBefore(b.end()) && b.start().isBefore(a.end())) {
          expected.add(new Clash(a, b));
          if (expected.size() == max) {
            break outer;
          }
        }
      }
    }
    assertThat(Overlaps.between(candidate.schedule(), existing.schedule(), max))
        .containsExactlyElementsOf(expected);
  }

  @Property(tries = 400)
  void occurrencesInAWindowAreTheOverlappingOnes(
      @ForAll("series") ReferenceSeries series,
      @ForAll("offset") long fromMinutes,
      @ForAll("length") long lengthMinutes) {
    Instant from = series.start().plus(Duration.ofMinutes(fromMinutes));
    Instant to = from.plus(Duration.ofMinutes(lengthMinutes));
    Schedule schedule = series.schedule();
    assertThat(schedule.occurrences(from, to))
        .containsExactlyElementsOf(series.occurrences(from, to));
    Interval span = series.checkedSpan();
    assertThat(schedule.checkedSpan()).isEqualTo(span);
    if (series.count() != null) {
      List<Occurrence> all = series.occurrences();
      Instant lastEnd =
          all.stream().map(Occurrence::end).max(Instant::compareTo).orElse(schedule.end());
      assertThat(schedule.lastEnd()).contains(lastEnd);
      assertThat(schedule.extent()).isEqualTo(span);
      for (Occurrence o : all) {
        assertThat(o.start()).isAfterOrEqualTo(span.start());
        assertThat(o.end()).isBeforeOrEqualTo(span.end());
      }
    } else {
      assertThat(schedule.lastEnd()).isEmpty();
      assertThat(schedule.extent())
          .isEqualTo(new Interval(span.start(), Instant.parse("9999-12-31T00:00:00Z")));
    }
    // EXDATEs do not count here: every instance the rule gives near the window, however far out
    for (Instant s : series.instanceStarts(to)) {
      if (s.isAfter(from.minus(series.duration()))) {
        assertThat(schedule.hasInstanceAt(s)).isTrue();
        assertThat(schedule.hasInstanceAt(s.plusSeconds(60))).isFalse();
      }
    }
  }

  @Provide
  Arbitrary<Long> offset() {
    // up to three years after the start: unbounded series are expanded far beyond the horizon
    return Arbitraries.longs().between(-3L * 24 * 60, 3L * 366 * 24 * 60);
  }

  @Provide
  Arbitrary<Long> length() {
    return Arbitraries.longs().between(1, 20L * 24 * 60);
  }
}
