package dev.calendar.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.schedule.WorkingHours.LocalRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class WorkingHoursTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
  static final List<ZoneId> ZONES = List.of(BERLIN, NEW_YORK, SYDNEY);

  static LocalRange range(String from, String to) {
    return new LocalRange(LocalTime.parse(from), LocalTime.parse(to));
  }

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  static Instant utc(String iso) {
    return OffsetDateTime.parse(iso).toInstant();
  }

  static WorkingHours nineToFive(ZoneId zone) {
    Map<DayOfWeek, List<LocalRange>> weekly = new EnumMap<>(DayOfWeek.class);
    for (DayOfWeek d :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      weekly.put(d, List.of(range("09:00", "12:00"), range("13:00", "17:00")));
    }
    return new WorkingHours(zone, weekly, Map.of());
  }

  @Test
  void weeklyRangesInLocalTimeClippedAndMerged() {
    WorkingHours hours = nineToFive(BERLIN);
    // Friday 2024-03-01 10:30 to Monday 2024-03-04 10:00
    Interval window = new Interval(at("2024-03-01T10:30", BERLIN), at("2024-03-04T10:00", BERLIN));
    assertThat(hours.intervals(window))
        .containsExactly(
            new Interval(at("2024-03-01T10:30", BERLIN), at("2024-03-01T12:00", BERLIN)),
            new Interval(at("2024-03-01T13:00", BERLIN), at("2024-03-01T17:00", BERLIN)),
            new Interval(at("2024-03-04T09:00", BERLIN), at("2024-03-04T10:00", BERLIN)));
  }

  @Test
  void overrideReplacesTheWeeklyRangesOfThatDate() {
    WorkingHours base = nineToFive(BERLIN);
    WorkingHours hours =
        new WorkingHours(
            BERLIN,
            base.weekly(),
            Map.of(
                LocalDate.parse("2024-03-04"), List.of(), // not working on Monday
                LocalDate.parse("2024-03-02"), List.of(range("10:00", "11:00")))); // Saturday
    Interval window = new Interval(at("2024-03-02T00:00", BERLIN), at("2024-03-06T00:00", BERLIN));
    assertThat(hours.intervals(window))
        .containsExactly(
            new Interval(at("2024-03-02T10:00", BERLIN), at("2024-03-02T11:00", BERLIN)),
            new Interval(at("2024-03-05T09:00", BERLIN), at("2024-03-05T12:00", BERLIN)),
            new Interval(at("2024-03-05T13:00", BERLIN), at("2024-03-05T17:00", BERLIN)));
  }

  @Test
  void midnightEndMeansTheEndOfTheDayAndTouchingDaysMerge() {
    WorkingHours hours =
        new WorkingHours(
            NEW_YORK,
            Map.of(
                DayOfWeek.FRIDAY, List.of(range("18:00", "00:00")),
                DayOfWeek.SATURDAY, List.of(range("00:00", "02:00"))),
            Map.of());
    Interval window =
        new Interval(at("2024-03-01T00:00", NEW_YORK), at("2024-03-03T00:00", NEW_YORK));
    assertThat(hours.intervals(window))
        .containsExactly(
            new Interval(at("2024-03-01T18:00", NEW_YORK), at("2024-03-02T02:00", NEW_YORK)));
  }

  @Test
  void nineToFiveStaysNineToFiveLocalAcrossDst() {
    WorkingHours hours =
        new WorkingHours(
            NEW_YORK, Map.of(DayOfWeek.FRIDAY, List.of(range("09:00", "17:00"))), Map.of());
    Interval window = new Interval(utc("2024-03-01T00:00Z"), utc("2024-03-16T00:00Z"));
    assertThat(hours.intervals(window))
        .containsExactly(
            new Interval(utc("2024-03-01T14:00Z"), utc("2024-03-01T22:00Z")), // EST
            new Interval(utc("2024-03-08T14:00Z"), utc("2024-03-08T22:00Z")), // EST
            new Interval(utc("2024-03-15T13:00Z"), utc("2024-03-15T21:00Z"))); // EDT
  }

  @Test
  void aRangeSpanningTheChangeIsShorterOrLongerInAbsoluteTime() {
    WorkingHours hours =
        new WorkingHours(
            BERLIN, Map.of(DayOfWeek.SUNDAY, List.of(range("01:00", "05:00"))), Map.of());
    Interval spring = new Interval(at("2024-03-31T00:00", BERLIN), at("2024-04-01T00:00", BERLIN));
    assertThat(hours.intervals(spring))
        .singleElement()
        .satisfies(i -> assertThat(Duration.between(i.start(), i.end())).hasHours(3));
    Interval autumn = new Interval(at("2024-10-27T00:00", BERLIN), at("2024-10-28T00:00", BERLIN));
    assertThat(hours.intervals(autumn))
        .singleElement()
        .satisfies(i -> assertThat(Duration.between(i.start(), i.end())).hasHours(5));
    // a range starting in the gap starts at the end of the gap
    WorkingHours inGap =
        new WorkingHours(
            BERLIN, Map.of(DayOfWeek.SUNDAY, List.of(range("02:30", "04:00"))), Map.of());
    assertThat(inGap.intervals(spring))
        .containsExactly(new Interval(utc("2024-03-31T01:30Z"), utc("2024-03-31T02:00Z")));
  }

  @Test
  void southernHemisphere() {
    WorkingHours hours =
        new WorkingHours(
            SYDNEY, Map.of(DayOfWeek.MONDAY, List.of(range("09:00", "17:00"))), Map.of());
    Interval window = new Interval(utc("2024-03-31T00:00Z"), utc("2024-04-09T00:00Z"));
    assertThat(hours.intervals(window))
        .containsExactly(
            new Interval(utc("2024-03-31T22:00Z"), utc("2024-04-01T06:00Z")), // AEDT
            new Interval(utc("2024-04-07T23:00Z"), utc("2024-04-08T07:00Z"))); // AEST
  }

  // --- properties ---

  @Provide
  Arbitrary<WorkingHours> workingHours() {
    Arbitrary<LocalRange> oneRange =
        Combinators.combine(
                Arbitraries.integers().between(0, 95), Arbitraries.integers().between(1, 40))
            .as(
                (from, length) -> {
                  int to = Math.min(96, from + length);
                  return new LocalRange(quarter(from), quarter(to % 96));
                });
    Arbitrary<List<LocalRange>> ranges = oneRange.list().ofMaxSize(3);
    Arbitrary<Map<DayOfWeek, List<LocalRange>>> weekly =
        ranges
            .list()
            .ofSize(7)
            .map(
                lists -> {
                  Map<DayOfWeek, List<LocalRange>> map = new EnumMap<>(DayOfWeek.class);
                  for (int i = 0; i < 7; i++) {
                    if (!lists.get(i).isEmpty() || i % 2 == 0) {
                      map.put(DayOfWeek.of(i + 1), lists.get(i));
                    }
                  }
                  return map;
                });
    Arbitrary<Map<LocalDate, List<LocalRange>>> overrides =
        Combinators.combine(Arbitraries.integers().between(0, 400), ranges)
            .as((day, r) -> Map.entry(BASE_DATE.plusDays(day), r))
            .list()
            .ofMaxSize(6)
            .map(
                entries -> {
                  Map<LocalDate, List<LocalRange>> map = new HashMap<>();
                  entries.forEach(e -> map.put(e.getKey(), e.getValue()));
                  return map;
                });
    return Combinators.combine(Arbitraries.of(ZONES), weekly, overrides).as(WorkingHours::new);
  }

  static final LocalDate BASE_DATE = LocalDate.parse("2024-01-01");
  static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

  static LocalTime quarter(int q) {
    return LocalTime.MIDNIGHT.plusMinutes(15L * q);
  }

  @Provide
  Arbitrary<Interval> window() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 390L * 24 * 60),
            Arbitraries.longs().between(1, 21L * 24 * 60))
        .as(
            (from, length) ->
                new Interval(BASE.plusSeconds(from * 60), BASE.plusSeconds((from + length) * 60)));
  }

  @Provide
  Arbitrary<List<Interval>> busy() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 410L * 24 * 60),
            Arbitraries.longs().between(1, 3L * 24 * 60))
        .as(
            (from, length) ->
                new Interval(BASE.plusSeconds(from * 60), BASE.plusSeconds((from + length) * 60)))
        .list()
        .ofMaxSize(40);
  }

  /** Point membership straight from the definition, day by day. */
  static boolean working(WorkingHours hours, Instant t) {
    LocalDate date = LocalDate.ofInstant(t, hours.zone());
    for (LocalDate day : List.of(date.minusDays(1), date)) {
      List<LocalRange> ranges =
          hours.overrides().containsKey(day)
              ? hours.overrides().get(day)
              : hours.weekly().getOrDefault(day.getDayOfWeek(), List.of());
      for (LocalRange r : ranges) {
        Instant from = ZonedDateTime.ofLocal(day.atTime(r.start()), hours.zone(), null).toInstant();
        LocalDateTime endLocal =
            r.end().equals(LocalTime.MIDNIGHT)
                ? day.plusDays(1).atStartOfDay()
                : day.atTime(r.end());
        Instant to = ZonedDateTime.ofLocal(endLocal, hours.zone(), null).toInstant();
        if (!t.isBefore(from) && t.isBefore(to)) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean in(List<Interval> intervals, Instant t) {
    return intervals.stream().anyMatch(i -> !t.isBefore(i.start()) && t.isBefore(i.end()));
  }

  @Property(tries = 300)
  void intervalsAreTheWorkingPointsOfTheWindow(
      @ForAll("workingHours") WorkingHours hours, @ForAll("window") Interval window) {
    List<Interval> intervals = hours.intervals(window);
    for (int i = 1; i < intervals.size(); i++) {
      assertThat(intervals.get(i - 1).end()).isBefore(intervals.get(i).start());
    }
    List<Instant> probes = new ArrayList<>();
    long length = Duration.between(window.start(), window.end()).getSeconds();
    for (int i = 0; i < 500; i++) {
      probes.add(window.start().plusSeconds(length * i / 500));
    }
    for (Interval i : intervals) {
      assertThat(i.start()).isAfterOrEqualTo(window.start());
      assertThat(i.end()).isBeforeOrEqualTo(window.end());
      probes.add(i.start());
      probes.add(i.start().minusSeconds(1));
      probes.add(i.end());
      probes.add(i.end().minusSeconds(1));
    }
    for (Instant t : probes) {
      boolean expected =
          working(hours, t) && !t.isBefore(window.start()) && t.isBefore(window.end());
      assertThat(in(intervals, t)).as("%s", t).isEqualTo(expected);
    }
  }

  @Property(tries = 300)
  void freeTimeIsWorkingTimeInTheWindowMinusBusyTime(
      @ForAll("workingHours") WorkingHours hours,
      @ForAll("window") Interval window,
      @ForAll("busy") List<Interval> busy) {
    List<Interval> working = hours.intervals(window);
    List<Interval> free = Interval.subtract(working, busy);
    for (Interval f : free) {
      assertThat(busy).noneMatch(f::overlaps);
      assertThat(working)
          .anyMatch(w -> !f.start().isBefore(w.start()) && !f.end().isAfter(w.end()));
      assertThat(f.start()).isAfterOrEqualTo(window.start());
      assertThat(f.end()).isBeforeOrEqualTo(window.end());
    }
    // free ∪ (working ∩ busy) = working
    List<Interval> rebuilt = new ArrayList<>(free);
    for (Interval w : working) {
      rebuilt.addAll(Interval.clip(busy, w));
    }
    assertThat(Interval.merge(rebuilt)).isEqualTo(working);
  }
}
