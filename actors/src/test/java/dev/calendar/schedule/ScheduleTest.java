package dev.calendar.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
  static final Duration HOUR = Duration.ofHours(1);
  static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");

  static Instant at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  static Instant utc(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  // Validated for its syntax only (zero length): some cases need long, self-overlapping series.
  static Schedule series(Instant start, Duration duration, ZoneId zone, String rule) {
    return new Schedule(
        start,
        start.plus(duration),
        zone,
        Schedule.validate(rule, start, Duration.ZERO, zone),
        List.of(),
        List.of());
  }

  static Schedule withExdates(Schedule s, Instant... exdates) {
    return new Schedule(s.start(), s.end(), s.zone(), s.rrule(), List.of(exdates), s.overrides());
  }

  static Schedule withOverrides(Schedule s, OccurrenceOverride... overrides) {
    return new Schedule(s.start(), s.end(), s.zone(), s.rrule(), s.exdates(), List.of(overrides));
  }

  static List<Instant> starts(Schedule s, Instant from, Instant to) {
    return s.occurrences(from, to).stream().map(Occurrence::start).toList();
  }

  static List<Instant> allStarts(Schedule s) {
    return starts(s, s.start().minus(Duration.ofDays(3650)), s.start().plus(Duration.ofDays(3650)));
  }

  @Nested
  class DaylightSaving {
    static Stream<Arguments> weeklyAcrossBothChanges() {
      return Stream.of(
          // zone, before spring change, after it, before autumn change, after it (09:00 local)
          Arguments.of(
              BERLIN,
              "2024-03-29T08:00Z",
              "2024-04-05T07:00Z",
              "2024-10-25T07:00Z",
              "2024-11-01T08:00Z"),
          Arguments.of(
              NEW_YORK,
              "2024-03-08T14:00Z",
              "2024-03-15T13:00Z",
              "2024-11-01T13:00Z",
              "2024-11-08T14:00Z"),
          // southern hemisphere: summer time ends in April and starts in October
          Arguments.of(
              SYDNEY,
              "2024-04-04T22:00Z",
              "2024-04-11T23:00Z",
              "2024-10-03T23:00Z",
              "2024-10-10T22:00Z"));
    }

    @ParameterizedTest
    @MethodSource("weeklyAcrossBothChanges")
    void weeklyAt9StaysAt9LocalAndShiftsInUtc(
        ZoneId zone,
        String beforeFirst,
        String afterFirst,
        String beforeSecond,
        String afterSecond) {
      Instant start = at("2024-03-01T09:00", zone); // a Friday
      Schedule s = series(start, HOUR, zone, "FREQ=WEEKLY");
      List<Occurrence> all = s.occurrences(start, at("2024-12-31T00:00", zone));
      assertThat(all).hasSizeGreaterThan(40);
      for (Occurrence o : all) {
        ZonedDateTime local = o.start().atZone(zone);
        assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(local.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(Duration.between(o.start(), o.end())).isEqualTo(HOUR);
      }
      List<Instant> starts = all.stream().map(Occurrence::start).toList();
      assertThat(starts)
          .contains(utc(beforeFirst), utc(afterFirst), utc(beforeSecond), utc(afterSecond));
      assertThat(Duration.between(utc(beforeFirst), utc(afterFirst)))
          .isNotEqualTo(Duration.ofDays(7));
      assertThat(Duration.between(utc(beforeSecond), utc(afterSecond)))
          .isNotEqualTo(Duration.ofDays(7));
    }

    @Test
    void dailyAt0230InTheSpringGapMovesForwardByTheGapThatDayOnly() {
      Instant start = at("2024-03-08T02:30", NEW_YORK);
      Schedule s = series(start, HOUR, NEW_YORK, "FREQ=DAILY;COUNT=4");
      assertThat(allStarts(s))
          .containsExactly(
              utc("2024-03-08T07:30Z"), // 02:30 EST
              utc("2024-03-09T07:30Z"), // 02:30 EST
              utc("2024-03-10T07:30Z"), // 02:30 does not exist: 03:30 EDT
              utc("2024-03-11T06:30Z")); // 02:30 EDT
      assertThat(utc("2024-03-10T07:30Z").atZone(NEW_YORK).toLocalTime())
          .isEqualTo(LocalTime.of(3, 30));
    }

    @Test
    void dailyAt0230InBerlinsGap() {
      Instant start = at("2024-03-30T02:30", BERLIN);
      Schedule s = series(start, HOUR, BERLIN, "FREQ=DAILY;COUNT=3");
      assertThat(allStarts(s))
          .extracting(i -> i.atZone(BERLIN).toLocalDateTime())
          .containsExactly(
              LocalDateTime.parse("2024-03-30T02:30"),
              LocalDateTime.parse("2024-03-31T03:30"),
              LocalDateTime.parse("2024-04-01T02:30"));
    }

    @Test
    void windowJustAfterTheGapFindsTheInstanceMovedOutOfIt() {
      // the 02:30 instance of 10 March is 03:30 EDT; a window from 03:10 EDT must still see it,
      // although 02:30 local is before 03:10 local (fast-forwarding must allow for the gap)
      Schedule s = series(at("2024-03-01T02:30", NEW_YORK), HOUR, NEW_YORK, "FREQ=DAILY");
      Instant from = utc("2024-03-10T07:10Z");
      assertThat(starts(s, from, from.plus(Duration.ofMinutes(30))))
          .containsExactly(utc("2024-03-10T07:30Z"));
      assertThat(s.hasInstanceAt(utc("2024-03-10T07:30Z"))).isTrue();
    }

    @Test
    void dailyAt0130InTheAutumnOverlapTakesTheEarlierOffset() {
      Instant start = at("2024-11-02T01:30", NEW_YORK);
      Schedule s = series(start, HOUR, NEW_YORK, "FREQ=DAILY;COUNT=3");
      assertThat(allStarts(s))
          .containsExactly(
              utc("2024-11-02T05:30Z"), // 01:30 EDT
              utc("2024-11-03T05:30Z"), // 01:30 twice: the first, EDT
              utc("2024-11-04T06:30Z")); // 01:30 EST
    }

    @Test
    void hourlyThroughTheGapHasNoDuplicateInstant() {
      Instant start = at("2024-03-10T00:30", NEW_YORK);
      Schedule s = series(start, Duration.ofMinutes(10), NEW_YORK, "FREQ=HOURLY;COUNT=4");
      // 00:30 EST, 01:30 EST, 02:30 (gap, = 03:30 EDT), 03:30 EDT: the last two are one instant
      assertThat(allStarts(s))
          .containsExactly(
              utc("2024-03-10T05:30Z"), utc("2024-03-10T06:30Z"), utc("2024-03-10T07:30Z"));
    }

    @Test
    void durationIsAbsoluteAcrossTheChange() {
      Instant start = at("2024-03-09T22:00", NEW_YORK);
      Schedule s = series(start, Duration.ofHours(8), NEW_YORK, "FREQ=DAILY;COUNT=2");
      List<Occurrence> both = s.occurrences(start, start.plus(Duration.ofDays(3)));
      // the first spans the change: 8 hours from 22:00 EST end at 07:00 EDT
      assertThat(both.get(0).end()).isEqualTo(utc("2024-03-10T11:00Z"));
      assertThat(both.get(0).end().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(7, 0));
      assertThat(both.get(1).start()).isEqualTo(utc("2024-03-11T02:00Z")); // 22:00 EDT
      assertThat(both.get(1).end()).isEqualTo(utc("2024-03-11T10:00Z"));
    }

    @Test
    void utcUntilInTheSecondHalfOfAnOverlapKeepsAnInstanceAtTheEarlierOffset() {
      Instant start = at("2024-11-03T00:30", NEW_YORK); // 04:30Z
      // UNTIL 06:15Z is 01:15 EST; the 01:30 instance is 01:30 EDT = 05:30Z, before UNTIL
      Schedule s =
          series(start, Duration.ofMinutes(15), NEW_YORK, "FREQ=HOURLY;UNTIL=20241103T061500Z");
      assertThat(allStarts(s)).containsExactly(utc("2024-11-03T04:30Z"), utc("2024-11-03T05:30Z"));
      assertThat(s.lastEnd()).contains(utc("2024-11-03T05:45Z"));
    }
  }

  @Nested
  class Expansion {
    @Test
    void startNotMatchingTheRuleIsTheFirstInstanceAndCounts() {
      Instant tuesday = at("2024-01-02T10:00", BERLIN);
      Schedule s = series(tuesday, HOUR, BERLIN, "FREQ=WEEKLY;BYDAY=MO;COUNT=3");
      assertThat(allStarts(s))
          .containsExactly(tuesday, at("2024-01-08T10:00", BERLIN), at("2024-01-15T10:00", BERLIN));
      assertThat(s.lastEnd()).contains(at("2024-01-15T11:00", BERLIN));
      assertThat(s.hasInstanceAt(tuesday)).isTrue();
    }

    @Test
    void countOfOneWithAStartNotMatchingTheRuleIsJustTheStart() {
      Instant tuesday = at("2024-01-02T10:00", BERLIN);
      Schedule s = series(tuesday, HOUR, BERLIN, "FREQ=WEEKLY;BYDAY=MO;COUNT=1");
      assertThat(allStarts(s)).containsExactly(tuesday);
      assertThat(s.lastEnd()).contains(tuesday.plus(HOUR));
    }

    @Test
    void unboundedSeriesIsExpandedFarBeyondTheHorizon() {
      Instant start = at("2024-01-01T09:00", BERLIN);
      Schedule s = series(start, HOUR, BERLIN, "FREQ=DAILY");
      // three years on, across the spring change of 2027 (28 March)
      Instant from = at("2027-03-20T00:00", BERLIN);
      List<Occurrence> spring = s.occurrences(from, at("2027-04-05T00:00", BERLIN));
      assertThat(spring).hasSize(16);
      for (int i = 0; i < spring.size(); i++) {
        Occurrence o = spring.get(i);
        ZonedDateTime local = o.start().atZone(BERLIN);
        assertThat(local.toLocalDate()).isEqualTo(LocalDate.parse("2027-03-20").plusDays(i));
        assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
        assertThat(o.originalStart()).isEqualTo(o.start());
        assertThat(Duration.between(o.start(), o.end())).isEqualTo(HOUR);
      }
      assertThat(starts(s, utc("2027-03-27T00:00Z"), utc("2027-03-29T00:00Z")))
          .containsExactly(utc("2027-03-27T08:00Z"), utc("2027-03-28T07:00Z"));
      // and across the autumn change (31 October 2027)
      assertThat(starts(s, utc("2027-10-30T00:00Z"), utc("2027-11-01T00:00Z")))
          .containsExactly(utc("2027-10-30T07:00Z"), utc("2027-10-31T08:00Z"));
      assertThat(s.hasInstanceAt(utc("2027-03-28T07:00Z"))).isTrue();
      // only a new series' conflict check stops at the horizon; the series itself goes on
      assertThat(s.checkedSpan())
          .isEqualTo(new Interval(start, start.plus(Schedule.HORIZON).plus(HOUR)));
      assertThat(s.extent()).isEqualTo(new Interval(start, FOREVER));
    }

    @Test
    void untilIsInclusive() {
      Instant start = at("2024-01-01T09:00", BERLIN);
      Instant third = at("2024-01-03T09:00", BERLIN);
      String until = third.toString().replace("-", "").replace(":", "");
      Schedule s = series(start, HOUR, BERLIN, "FREQ=DAILY;UNTIL=" + until);
      assertThat(allStarts(s)).hasSize(3).endsWith(third);
    }

    @Test
    void dateOnlyUntilIncludesThatLocalDate() {
      // 23:30 in New York is already the next day in UTC
      Instant start = at("2024-01-01T23:30", NEW_YORK);
      Schedule s = series(start, HOUR, NEW_YORK, "FREQ=DAILY;UNTIL=20240105");
      assertThat(allStarts(s)).hasSize(5).endsWith(at("2024-01-05T23:30", NEW_YORK));
    }

    @Test
    void windowIsHalfOpenAndFindsLongOccurrencesStartingBeforeIt() {
      Instant start = at("2024-01-01T09:00", BERLIN);
      Schedule s = series(start, Duration.ofHours(50), BERLIN, "FREQ=DAILY");
      // 50-hour occurrences: the hour 2024-02-10 10:00 is covered by those of the 8th, 9th and 10th
      Instant from = at("2024-02-10T10:00", BERLIN);
      assertThat(starts(s, from, from.plus(HOUR)))
          .containsExactly(
              at("2024-02-08T09:00", BERLIN),
              at("2024-02-09T09:00", BERLIN),
              at("2024-02-10T09:00", BERLIN));
      // one ending exactly at `from` and one starting exactly at `to` are out
      Instant end8th = at("2024-02-10T11:00", BERLIN);
      assertThat(starts(s, end8th, at("2024-02-11T09:00", BERLIN)))
          .containsExactly(at("2024-02-09T09:00", BERLIN), at("2024-02-10T09:00", BERLIN));
    }

    @Test
    void singleEvent() {
      Instant start = at("2024-05-05T10:00", SYDNEY);
      Schedule s = Schedule.single(start, start.plus(HOUR), SYDNEY);
      assertThat(s.recurring()).isFalse();
      assertThat(s.occurrences(start.minus(HOUR), start.plus(Duration.ofMinutes(1))))
          .containsExactly(new Occurrence(start, start, start.plus(HOUR), null));
      assertThat(s.occurrences(start.plus(HOUR), start.plus(Duration.ofDays(1)))).isEmpty();
      assertThat(s.occurrences(start.minus(HOUR), start)).isEmpty();
      assertThat(s.lastEnd()).contains(start.plus(HOUR));
      assertThat(s.hasInstanceAt(start)).isTrue();
      assertThat(s.hasInstanceAt(start.plus(HOUR))).isFalse();
      assertThat(s.checkedSpan()).isEqualTo(new Interval(start, start.plus(HOUR)));
    }

    @Test
    void startWithSubSecondPrecisionKeepsIt() {
      Instant start = at("2024-01-01T09:00:00.250", BERLIN);
      Schedule s = series(start, HOUR, BERLIN, "FREQ=DAILY;COUNT=2");
      assertThat(allStarts(s)).containsExactly(start, start.plus(Duration.ofDays(1)));
    }
  }

  @Nested
  class ExdatesAndOverrides {
    final Instant start = at("2024-04-02T09:00", BERLIN); // Tuesday
    final Schedule weekly = series(start, HOUR, BERLIN, "FREQ=WEEKLY;COUNT=10");
    final Instant third = at("2024-04-16T09:00", BERLIN);

    @Test
    void exdateRemovesExactlyThatInstance() {
      Schedule s = withExdates(weekly, third, third.plusSeconds(60)); // the second matches nothing
      List<Instant> all = allStarts(s);
      assertThat(all).hasSize(9).doesNotContain(third);
      assertThat(all)
          .containsAll(allStarts(weekly).stream().filter(i -> !i.equals(third)).toList());
      assertThat(s.hasInstanceAt(third)).isTrue(); // EXDATEs are not applied there
    }

    @Test
    void overrideMovesAndRetitlesOneInstance() {
      Instant friday = at("2024-04-05T14:00", BERLIN); // before the instance of the 9th
      Schedule s =
          withOverrides(weekly, new OccurrenceOverride(third, friday, friday.plus(HOUR), "moved"));
      List<Occurrence> all = s.occurrences(start, start.plus(Duration.ofDays(100)));
      assertThat(all).hasSize(10);
      assertThat(all)
          .filteredOn(o -> o.originalStart().equals(third))
          .containsExactly(new Occurrence(third, friday, friday.plus(HOUR), "moved"));
      assertThat(all).filteredOn(o -> o.title() != null).hasSize(1);
      assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(Occurrence::start));
    }

    @Test
    void overrideWithOnlyATitleKeepsTheTime() {
      Schedule s = withOverrides(weekly, new OccurrenceOverride(third, null, null, "retitled"));
      assertThat(s.occurrences(third, third.plusSeconds(1)))
          .containsExactly(new Occurrence(third, third, third.plus(HOUR), "retitled"));
    }

    @Test
    void instanceMovedIntoAWindowIsSeenAndMovedOutIsNot() {
      Instant last = at("2024-06-04T09:00", BERLIN); // the 10th instance
      Instant movedTo = at("2024-08-01T12:00", BERLIN); // after the series ended
      Schedule s =
          withOverrides(weekly, new OccurrenceOverride(last, movedTo, movedTo.plus(HOUR), null));
      Instant august = at("2024-08-01T00:00", BERLIN);
      assertThat(s.occurrences(august, august.plus(Duration.ofDays(1))))
          .containsExactly(new Occurrence(last, movedTo, movedTo.plus(HOUR), null));
      Instant june4 = at("2024-06-04T00:00", BERLIN);
      assertThat(s.occurrences(june4, june4.plus(Duration.ofDays(1)))).isEmpty();
      assertThat(s.lastEnd()).contains(movedTo.plus(HOUR));
      assertThat(s.checkedSpan().end()).isEqualTo(movedTo.plus(HOUR));
    }

    @Test
    void instanceMovedBeforeTheStartWidensTheCheckedSpan() {
      Instant earlier = start.minus(Duration.ofDays(3));
      Schedule s =
          withOverrides(weekly, new OccurrenceOverride(third, earlier, earlier.plus(HOUR), null));
      assertThat(s.checkedSpan().start()).isEqualTo(earlier);
      assertThat(starts(s, earlier, earlier.plus(HOUR))).containsExactly(earlier);
    }

    @Test
    void overrideOfSomethingThatIsNotAnInstanceIsIgnored() {
      Instant notAnInstance = third.plusSeconds(1);
      Instant movedTo = at("2024-08-01T12:00", BERLIN);
      Schedule s =
          withOverrides(
              weekly, new OccurrenceOverride(notAnInstance, movedTo, movedTo.plus(HOUR), "x"));
      assertThat(s.occurrences(movedTo, movedTo.plus(HOUR))).isEmpty();
      assertThat(allStarts(s)).isEqualTo(allStarts(weekly));
      assertThat(s.checkedSpan()).isEqualTo(weekly.checkedSpan());
    }

    @Test
    void overriddenButCancelledInstanceStaysCancelled() {
      Instant movedTo = at("2024-08-01T12:00", BERLIN);
      Schedule s =
          withExdates(
              withOverrides(
                  weekly, new OccurrenceOverride(third, movedTo, movedTo.plus(HOUR), "x")),
              third);
      assertThat(s.occurrences(movedTo, movedTo.plus(HOUR))).isEmpty();
      assertThat(allStarts(s)).hasSize(9);
    }

    @Test
    void lastEndSkipsACancelledLastInstance() {
      Instant last = at("2024-06-04T09:00", BERLIN);
      assertThat(weekly.lastEnd()).contains(last.plus(HOUR));
      assertThat(withExdates(weekly, last).lastEnd())
          .contains(last.minus(Duration.ofDays(7)).plus(HOUR));
    }
  }

  @Nested
  class LastEndInstanceAndSpan {
    final Instant start = at("2024-01-01T09:00", NEW_YORK);

    @Test
    void unboundedHasNoLastEndAndSpansTheHorizon() {
      Schedule s = series(start, HOUR, NEW_YORK, "FREQ=WEEKLY;BYDAY=MO,WE");
      assertThat(s.lastEnd()).isEmpty();
      assertThat(s.checkedSpan())
          .isEqualTo(new Interval(start, start.plus(Schedule.HORIZON).plus(HOUR)));
    }

    @Test
    void countAndUntilSeriesEndWithTheirLastInstance() {
      assertThat(series(start, HOUR, NEW_YORK, "FREQ=MONTHLY;COUNT=3").lastEnd())
          .contains(at("2024-03-01T10:00", NEW_YORK));
      Schedule until = series(start, HOUR, NEW_YORK, "FREQ=WEEKLY;UNTIL=20240201T000000Z");
      assertThat(until.lastEnd()).contains(at("2024-01-29T10:00", NEW_YORK));
      assertThat(until.checkedSpan())
          .isEqualTo(new Interval(start, at("2024-01-29T10:00", NEW_YORK)));
    }

    @Test
    void extentIsTheCheckedSpanWhenBoundedAndOpenEndedOtherwise() {
      Schedule single = Schedule.single(start, start.plus(HOUR), NEW_YORK);
      assertThat(single.extent()).isEqualTo(new Interval(start, start.plus(HOUR)));
      Schedule counted = series(start, HOUR, NEW_YORK, "FREQ=WEEKLY;COUNT=3");
      assertThat(counted.extent())
          .isEqualTo(new Interval(start, at("2024-01-15T10:00", NEW_YORK)))
          .isEqualTo(counted.checkedSpan());
      // an instance moved after the last one stretches it
      Instant movedTo = at("2024-03-01T12:00", NEW_YORK);
      Schedule moved =
          withOverrides(
              counted,
              new OccurrenceOverride(
                  at("2024-01-08T09:00", NEW_YORK), movedTo, movedTo.plus(HOUR), null));
      assertThat(moved.extent()).isEqualTo(new Interval(start, movedTo.plus(HOUR)));
      Schedule unbounded = series(start, HOUR, NEW_YORK, "FREQ=WEEKLY;BYDAY=MO,WE");
      assertThat(unbounded.extent()).isEqualTo(new Interval(start, FOREVER));
      assertThat(unbounded.checkedSpan().end()).isBefore(FOREVER);
      // an instance moved before the start stretches it back, even one of the third year
      Instant earlier = start.minus(Duration.ofDays(2));
      Schedule movedBack =
          withOverrides(
              unbounded,
              new OccurrenceOverride(
                  at("2026-12-30T09:00", NEW_YORK), earlier, earlier.plus(HOUR), null));
      assertThat(movedBack.extent()).isEqualTo(new Interval(earlier, FOREVER));
      // three years on the unbounded series still has occurrences and the bounded one none
      Interval later =
          new Interval(at("2027-01-01T00:00", NEW_YORK), at("2027-01-08T00:00", NEW_YORK));
      assertThat(unbounded.extent().overlaps(later)).isTrue();
      assertThat(unbounded.occurrences(later.start(), later.end())).hasSize(2);
      assertThat(counted.extent().overlaps(later)).isFalse();
      assertThat(counted.occurrences(later.start(), later.end())).isEmpty();
    }

    @Test
    void longCountSeriesLastEnd() {
      Schedule s = series(start, HOUR, NEW_YORK, "FREQ=DAILY;COUNT=5000");
      assertThat(s.lastEnd())
          .contains(
              LocalDateTime.parse("2024-01-01T10:00").plusDays(4999).atZone(NEW_YORK).toInstant());
    }

    @Test
    void hasInstanceAt() {
      Schedule s = series(start, HOUR, NEW_YORK, "FREQ=WEEKLY;BYDAY=MO,WE");
      assertThat(s.hasInstanceAt(start)).isTrue();
      assertThat(s.hasInstanceAt(at("2024-01-03T09:00", NEW_YORK))).isTrue();
      assertThat(s.hasInstanceAt(at("2024-07-01T09:00", NEW_YORK))).isTrue(); // EDT now
      assertThat(s.hasInstanceAt(at("2024-07-01T09:00", NEW_YORK).plus(HOUR))).isFalse();
      assertThat(s.hasInstanceAt(at("2024-01-04T09:00", NEW_YORK))).isFalse();
      assertThat(s.hasInstanceAt(at("2023-12-27T09:00", NEW_YORK))).isFalse();
      // no horizon here: a Monday a year and a half on, and one three years on
      assertThat(s.hasInstanceAt(at("2025-06-02T09:00", NEW_YORK))).isTrue();
      assertThat(s.hasInstanceAt(at("2027-01-04T09:00", NEW_YORK))).isTrue(); // EST
      assertThat(s.hasInstanceAt(at("2027-01-04T09:00", NEW_YORK).plus(HOUR))).isFalse();
      assertThat(s.hasInstanceAt(at("2027-01-05T09:00", NEW_YORK))).isFalse(); // a Tuesday
      Schedule counted = series(start, HOUR, NEW_YORK, "FREQ=WEEKLY;COUNT=2");
      assertThat(counted.hasInstanceAt(at("2024-01-08T09:00", NEW_YORK))).isTrue();
      assertThat(counted.hasInstanceAt(at("2024-01-15T09:00", NEW_YORK))).isFalse();
    }
  }

  @Nested
  class Validate {
    final Instant start = at("2024-01-01T09:00", BERLIN);

    @Test
    void acceptsAPrefixAndNormalizes() {
      assertThat(
              Schedule.validate(
                  "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", start, Duration.ofMinutes(1), BERLIN))
          .isEqualTo("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4");
      assertThat(
              Schedule.validate(
                  "rrule:freq=daily;interval=2", start, Duration.ofMinutes(1), BERLIN))
          .isEqualTo("FREQ=DAILY;INTERVAL=2");
      assertThat(
              Schedule.validate(
                  "FREQ=DAILY;UNTIL=20240301T000000Z", start, Duration.ofMinutes(1), BERLIN))
          .isEqualTo("FREQ=DAILY;UNTIL=20240301T000000Z");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "RRULE:",
          "FREQ=DAILY;COUNT", // no value
          "FREQ=FORTNIGHTLY",
          "INTERVAL=2", // no FREQ
          "FREQ=DAILY;FOO=1", // unknown part
          "FREQ=DAILY;X-NAME=1", // extension part
          "FREQ=DAILY;RSCALE=GREGORIAN", // RFC 7529 not supported
          "FREQ=DAILY;COUNT=0",
          "FREQ=DAILY;COUNT=-1",
          "FREQ=DAILY;COUNT=many",
          "FREQ=DAILY;COUNT=3;UNTIL=20240301T000000Z", // both
          "FREQ=DAILY;INTERVAL=1;INTERVAL=2", // repeated part
          "FREQ=DAILY;BYHOUR=24",
          "FREQ=DAILY;BYDAY=XX",
          "FREQ=WEEKLY;BYDAY=2MO", // ordinal only in MONTHLY/YEARLY
          "FREQ=MONTHLY;BYWEEKNO=3", // BYWEEKNO only in YEARLY
          "FREQ=DAILY;UNTIL=2024", // bad date
          "FREQ=MINUTELY", // too many occurrences within the horizon
          "FREQ=SECONDLY;COUNT=20000",
          "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", // no such date ever
        })
    void rejects(String rule) {
      assertThatThrownBy(() -> Schedule.validate(rule, start, Duration.ofMinutes(1), BERLIN))
          .isInstanceOf(InvalidRecurrence.class)
          .hasMessageNotContaining("null")
          .message()
          .isNotBlank();
    }

    @Test
    void rejectsNull() {
      assertThatThrownBy(() -> Schedule.validate(null, start, Duration.ofMinutes(1), BERLIN))
          .isInstanceOf(InvalidRecurrence.class);
    }

    @Test
    void messagesSayWhy() {
      assertThatThrownBy(
              () -> Schedule.validate("FREQ=DAILY;COUNT=0", start, Duration.ofMinutes(1), BERLIN))
          .hasMessageContaining("COUNT");
      assertThatThrownBy(
              () -> Schedule.validate("FREQ=DAILY;FOO=1", start, Duration.ofMinutes(1), BERLIN))
          .hasMessageContaining("FOO");
      assertThatThrownBy(
              () ->
                  Schedule.validate(
                      "FREQ=DAILY;COUNT=2;UNTIL=20240301T000000Z",
                      start,
                      Duration.ofMinutes(1),
                      BERLIN))
          .hasMessageContaining("COUNT")
          .hasMessageContaining("UNTIL");
      assertThatThrownBy(
              () -> Schedule.validate("FREQ=MINUTELY", start, Duration.ofMinutes(1), BERLIN))
          .hasMessageContaining(String.valueOf(Schedule.MAX_OCCURRENCES));
    }

    @Test
    void theLimitIsExact() {
      // DTSTART is one of the COUNT
      assertThat(
              Schedule.validate("FREQ=MINUTELY;COUNT=10000", start, Duration.ofMinutes(1), BERLIN))
          .isNotNull();
      assertThatThrownBy(
              () ->
                  Schedule.validate(
                      "FREQ=MINUTELY;COUNT=10001", start, Duration.ofMinutes(1), BERLIN))
          .isInstanceOf(InvalidRecurrence.class);
      // hourly for a year is 8785 instances: fine; only those within the horizon count
      assertThat(Schedule.validate("FREQ=HOURLY", start, Duration.ofMinutes(1), BERLIN))
          .isEqualTo("FREQ=HOURLY");
      // a bounded series is limited in all, not only within the horizon
      assertThatThrownBy(
              () ->
                  Schedule.validate(
                      "FREQ=HOURLY;INTERVAL=1;COUNT=20000", start, Duration.ofMinutes(1), BERLIN))
          .isInstanceOf(InvalidRecurrence.class)
          .hasMessageContaining("COUNT may be at most 10000");
    }

    @Test
    void acceptsEveryFrequencyAndByPart() {
      for (String rule :
          List.of(
              "FREQ=SECONDLY;INTERVAL=3600;BYSECOND=0",
              "FREQ=MINUTELY;INTERVAL=90;COUNT=4",
              "FREQ=HOURLY;BYHOUR=9,17;BYMINUTE=0,30",
              "FREQ=DAILY;BYMONTH=1,7",
              "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU",
              "FREQ=MONTHLY;BYDAY=-1FR",
              "FREQ=MONTHLY;BYMONTHDAY=-1,1",
              "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
              "FREQ=YEARLY;BYYEARDAY=1,-1",
              "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
              "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")) {
        String normalized = Schedule.validate(rule, start, Duration.ofMinutes(1), BERLIN);
        assertThat(normalized.split(";")).containsExactlyInAnyOrder(rule.split(";"));
        assertThat(Schedule.validate(normalized, start, Duration.ofMinutes(1), BERLIN))
            .isEqualTo(normalized);
      }
    }
  }
}
