package dev.calendar.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The RRULE examples of RFC 5545 section 3.8.5.3, with DTSTART in America/New_York as in the RFC.
 * Expected values are written with the RFC's EDT (-04:00) / EST (-05:00) labels, so they check the
 * DST handling as well as the rule. A bounded rule (COUNT or UNTIL) is expanded in full; an
 * unbounded one ("forever") is expanded over a window that ends just after the dates the RFC lists,
 * which must be exactly the instances in that window (the series itself has no horizon).
 */
class Rfc5545ExamplesTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final String EDT = "-04:00";
  private static final String EST = "-05:00";
  private static final Duration HOUR = Duration.ofHours(1);
  private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  // --- daily ---

  @Test
  void dailyFor10Occurrences() {
    assertThat(all("19970902T090000", "FREQ=DAILY;COUNT=10"))
        .containsExactlyElementsOf(nine(EDT, "1997-09", range(2, 11)));
  }

  @Test
  void dailyUntilDecember24() {
    // UNTIL=19971224T000000Z is 19:00 EST on the 23rd: the 23rd is the last
    assertThat(all("19970902T090000", "FREQ=DAILY;UNTIL=19971224T000000Z"))
        .hasSize(113)
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", range(2, 30)),
                nine(EDT, "1997-10", range(1, 25)),
                nine(EST, "1997-10", range(26, 31)),
                nine(EST, "1997-11", range(1, 30)),
                nine(EST, "1997-12", range(1, 23))));
  }

  @Test
  void everyOtherDayForever() {
    List<Instant> expected =
        concat(
            nine(EDT, "1997-09", step(2, 30, 2)),
            nine(EDT, "1997-10", step(2, 24, 2)),
            nine(EST, "1997-10", 26, 28, 30),
            nine(EST, "1997-11", step(1, 29, 2)),
            nine(EST, "1997-12", 1, 3));
    assertThat(within("19970902T090000", "FREQ=DAILY;INTERVAL=2", "19971204T000000"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void every10Days5Occurrences() {
    assertThat(all("19970902T090000", "FREQ=DAILY;INTERVAL=10;COUNT=5"))
        .containsExactlyElementsOf(
            concat(nine(EDT, "1997-09", 2, 12, 22), nine(EDT, "1997-10", 2, 12)));
  }

  @Test
  void everyDayInJanuaryFor3Years() {
    // UNTIL=20000131T140000Z is 09:00 EST on 31 January 2000: UNTIL is inclusive
    List<Instant> expected =
        concat(
            nine(EST, "1998-01", range(1, 31)),
            nine(EST, "1999-01", range(1, 31)),
            nine(EST, "2000-01", range(1, 31)));
    assertThat(
            all(
                "19980101T090000",
                "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA"))
        .containsExactlyElementsOf(expected);
    assertThat(all("19980101T090000", "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1"))
        .containsExactlyElementsOf(expected);
  }

  // --- weekly ---

  @Test
  void weeklyFor10Occurrences() {
    assertThat(all("19970902T090000", "FREQ=WEEKLY;COUNT=10"))
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", 2, 9, 16, 23, 30),
                nine(EDT, "1997-10", 7, 14, 21),
                nine(EST, "1997-10", 28),
                nine(EST, "1997-11", 4)));
  }

  @Test
  void weeklyUntilDecember24() {
    assertThat(all("19970902T090000", "FREQ=WEEKLY;UNTIL=19971224T000000Z"))
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", 2, 9, 16, 23, 30),
                nine(EDT, "1997-10", 7, 14, 21),
                nine(EST, "1997-10", 28),
                nine(EST, "1997-11", 4, 11, 18, 25),
                nine(EST, "1997-12", 2, 9, 16, 23)));
  }

  @Test
  void everyOtherWeekForever() {
    List<Instant> expected =
        concat(
            nine(EDT, "1997-09", 2, 16, 30),
            nine(EDT, "1997-10", 14),
            nine(EST, "1997-10", 28),
            nine(EST, "1997-11", 11, 25),
            nine(EST, "1997-12", 9, 23),
            nine(EST, "1998-01", 6, 20),
            nine(EST, "1998-02", 3, 17));
    assertThat(within("19970902T090000", "FREQ=WEEKLY;INTERVAL=2;WKST=SU", "19980218T000000"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void weeklyOnTuesdayAndThursdayForFiveWeeks() {
    List<Instant> expected =
        concat(nine(EDT, "1997-09", 2, 4, 9, 11, 16, 18, 23, 25, 30), nine(EDT, "1997-10", 2));
    assertThat(all("19970902T090000", "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH"))
        .containsExactlyElementsOf(expected);
    assertThat(all("19970902T090000", "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyOtherWeekOnMondayWednesdayFridayUntilDecember24() {
    assertThat(
            all(
                "19970901T090000",
                "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR"))
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", 1, 3, 5, 15, 17, 19, 29),
                nine(EDT, "1997-10", 1, 3, 13, 15, 17),
                nine(EST, "1997-10", 27, 29, 31),
                nine(EST, "1997-11", 10, 12, 14, 24, 26, 28),
                nine(EST, "1997-12", 8, 10, 12, 22)));
  }

  @Test
  void everyOtherWeekOnTuesdayAndThursdayFor8Occurrences() {
    assertThat(all("19970902T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH"))
        .containsExactlyElementsOf(
            concat(nine(EDT, "1997-09", 2, 4, 16, 18, 30), nine(EDT, "1997-10", 2, 14, 16)));
  }

  // --- monthly ---

  @Test
  void monthlyOnTheFirstFridayFor10Occurrences() {
    assertThat(all("19970905T090000", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR"))
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", 5),
                nine(EDT, "1997-10", 3),
                nine(EST, "1997-11", 7),
                nine(EST, "1997-12", 5),
                nine(EST, "1998-01", 2),
                nine(EST, "1998-02", 6),
                nine(EST, "1998-03", 6),
                nine(EST, "1998-04", 3),
                nine(EDT, "1998-05", 1),
                nine(EDT, "1998-06", 5)));
  }

  @Test
  void monthlyOnTheFirstFridayUntilDecember24() {
    assertThat(all("19970905T090000", "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR"))
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", 5),
                nine(EDT, "1997-10", 3),
                nine(EST, "1997-11", 7),
                nine(EST, "1997-12", 5)));
  }

  @Test
  void everyOtherMonthOnTheFirstAndLastSundayFor10Occurrences() {
    assertThat(all("19970907T090000", "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU"))
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", 7, 28),
                nine(EST, "1997-11", 2, 30),
                nine(EST, "1998-01", 4, 25),
                nine(EST, "1998-03", 1, 29),
                nine(EDT, "1998-05", 3, 31)));
  }

  @Test
  void monthlyOnTheSecondToLastMondayFor6Months() {
    assertThat(all("19970922T090000", "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO"))
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", 22),
                nine(EDT, "1997-10", 20),
                nine(EST, "1997-11", 17),
                nine(EST, "1997-12", 22),
                nine(EST, "1998-01", 19),
                nine(EST, "1998-02", 16)));
  }

  @Test
  void monthlyOnTheThirdToTheLastDayForever() {
    List<Instant> expected =
        concat(
            nine(EDT, "1997-09", 28),
            nine(EST, "1997-10", 29),
            nine(EST, "1997-11", 28),
            nine(EST, "1997-12", 29),
            nine(EST, "1998-01", 29),
            nine(EST, "1998-02", 26));
    assertThat(within("19970928T090000", "FREQ=MONTHLY;BYMONTHDAY=-3", "19980227T000000"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void monthlyOnThe2ndAnd15thFor10Occurrences() {
    assertThat(all("19970902T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15"))
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", 2, 15),
                nine(EDT, "1997-10", 2, 15),
                nine(EST, "1997-11", 2, 15),
                nine(EST, "1997-12", 2, 15),
                nine(EST, "1998-01", 2, 15)));
  }

  @Test
  void monthlyOnTheFirstAndLastDayFor10Occurrences() {
    assertThat(all("19970930T090000", "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1"))
        .containsExactlyElementsOf(
            concat(
                nine(EDT, "1997-09", 30),
                nine(EDT, "1997-10", 1),
                nine(EST, "1997-10", 31),
                nine(EST, "1997-11", 1, 30),
                nine(EST, "1997-12", 1, 31),
                nine(EST, "1998-01", 1, 31),
                nine(EST, "1998-02", 1)));
  }

  @Test
  void every18MonthsOnThe10thThru15thFor10Occurrences() {
    assertThat(
            all(
                "19970910T090000",
                "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15"))
        .containsExactlyElementsOf(
            concat(nine(EDT, "1997-09", range(10, 15)), nine(EST, "1999-03", 10, 11, 12, 13)));
  }

  @Test
  void everyTuesdayEveryOtherMonth() {
    List<Instant> expected =
        concat(
            nine(EDT, "1997-09", 2, 9, 16, 23, 30),
            nine(EST, "1997-11", 4, 11, 18, 25),
            nine(EST, "1998-01", 6, 13, 20, 27),
            nine(EST, "1998-03", 3, 10, 17, 24, 31));
    assertThat(within("19970902T090000", "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU", "19980401T000000"))
        .containsExactlyElementsOf(expected);
  }

  // --- yearly ---

  @Test
  void yearlyInJuneAndJulyFor10Occurrences() {
    List<Instant> expected = new ArrayList<>();
    for (int year = 1997; year <= 2001; year++) {
      expected.addAll(nine(EDT, year + "-06", 10));
      expected.addAll(nine(EDT, year + "-07", 10));
    }
    assertThat(all("19970610T090000", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyOtherYearOnJanuaryFebruaryAndMarchFor10Occurrences() {
    List<Instant> expected = new ArrayList<>(nine(EST, "1997-03", 10));
    for (int year = 1999; year <= 2003; year += 2) {
      expected.addAll(nine(EST, year + "-01", 10));
      expected.addAll(nine(EST, year + "-02", 10));
      expected.addAll(nine(EST, year + "-03", 10));
    }
    assertThat(all("19970310T090000", "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyThirdYearOnThe1st100thAnd200thDayFor10Occurrences() {
    assertThat(all("19970101T090000", "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200"))
        .containsExactlyElementsOf(
            concat(
                nine(EST, "1997-01", 1),
                nine(EDT, "1997-04", 10),
                nine(EDT, "1997-07", 19),
                nine(EST, "2000-01", 1),
                nine(EDT, "2000-04", 9),
                nine(EDT, "2000-07", 18),
                nine(EST, "2003-01", 1),
                nine(EDT, "2003-04", 10),
                nine(EDT, "2003-07", 19),
                nine(EST, "2006-01", 1)));
  }

  @Test
  void every20thMondayOfTheYear() {
    List<Instant> expected =
        concat(nine(EDT, "1997-05", 19), nine(EDT, "1998-05", 18), nine(EDT, "1999-05", 17));
    assertThat(all("19970519T090000", "FREQ=YEARLY;BYDAY=20MO;COUNT=3"))
        .containsExactlyElementsOf(expected);
    // forever: the years the RFC lists, 1999 more than a horizon after the start
    assertThat(within("19970519T090000", "FREQ=YEARLY;BYDAY=20MO", "20000101T000000"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void mondayOfWeekNumber20() {
    List<Instant> expected =
        concat(nine(EDT, "1997-05", 12), nine(EDT, "1998-05", 11), nine(EDT, "1999-05", 17));
    assertThat(all("19970512T090000", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3"))
        .containsExactlyElementsOf(expected);
    assertThat(within("19970512T090000", "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "20000101T000000"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyThursdayInMarch() {
    List<Instant> expected =
        concat(
            nine(EST, "1997-03", 13, 20, 27),
            nine(EST, "1998-03", 5, 12, 19, 26),
            nine(EST, "1999-03", 4, 11, 18, 25));
    assertThat(all("19970313T090000", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH;COUNT=11"))
        .containsExactlyElementsOf(expected);
    assertThat(within("19970313T090000", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH", "20000101T000000"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyThursdayButOnlyDuringJuneJulyAndAugust() {
    List<Instant> expected =
        concat(
            nine(EDT, "1997-06", 5, 12, 19, 26),
            nine(EDT, "1997-07", 3, 10, 17, 24, 31),
            nine(EDT, "1997-08", 7, 14, 21, 28),
            nine(EDT, "1998-06", 4, 11, 18, 25),
            nine(EDT, "1998-07", 2, 9, 16, 23, 30),
            nine(EDT, "1998-08", 6, 13, 20, 27),
            nine(EDT, "1999-06", 3, 10, 17, 24),
            nine(EDT, "1999-07", 1, 8, 15, 22, 29),
            nine(EDT, "1999-08", 5, 12, 19, 26));
    assertThat(all("19970605T090000", "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8;COUNT=39"))
        .containsExactlyElementsOf(expected);
    assertThat(within("19970605T090000", "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8", "20000101T000000"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyFridayThe13th() {
    // the RFC's DTSTART (a Tuesday, not a Friday the 13th) is an instance, removed by an EXDATE
    Instant dtstart = local("19970902T090000");
    List<Instant> expected =
        concat(
            nine(EST, "1998-02", 13),
            nine(EST, "1998-03", 13),
            nine(EST, "1998-11", 13),
            nine(EDT, "1999-08", 13),
            nine(EDT, "2000-10", 13));
    // DTSTART counts as the first of the COUNT
    assertThat(all(series(dtstart, "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=6", dtstart)))
        .containsExactlyElementsOf(expected);
    // forever: the years the RFC lists, up to October 2000
    Schedule forever = series(dtstart, "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", dtstart);
    assertThat(starts(forever, local("20010101T000000"))).containsExactlyElementsOf(expected);
    // without the EXDATE the unsynchronized DTSTART is the first instance
    assertThat(within("19970902T090000", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13", "19980214T000000"))
        .containsExactly(dtstart, expected.get(0));
  }

  @Test
  void theFirstSaturdayThatFollowsTheFirstSundayOfTheMonth() {
    List<Instant> expected =
        concat(
            nine(EDT, "1997-09", 13),
            nine(EDT, "1997-10", 11),
            nine(EST, "1997-11", 8),
            nine(EST, "1997-12", 13),
            nine(EST, "1998-01", 10),
            nine(EST, "1998-02", 7),
            nine(EST, "1998-03", 7),
            nine(EDT, "1998-04", 11),
            nine(EDT, "1998-05", 9),
            nine(EDT, "1998-06", 13));
    assertThat(
            within(
                "19970913T090000",
                "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
                "19980614T000000"))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void usPresidentialElectionDay() {
    assertThat(
            all(
                "19961105T090000",
                "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8;COUNT=3"))
        .containsExactlyElementsOf(
            concat(nine(EST, "1996-11", 5), nine(EST, "2000-11", 7), nine(EST, "2004-11", 2)));
  }

  @Test
  void theThirdInstanceIntoTheMonthOfOneOfTuesdayWednesdayOrThursday() {
    assertThat(all("19970904T090000", "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3"))
        .containsExactlyElementsOf(
            concat(nine(EDT, "1997-09", 4), nine(EDT, "1997-10", 7), nine(EST, "1997-11", 6)));
  }

  @Test
  void theSecondToLastWeekdayOfTheMonth() {
    List<Instant> expected =
        concat(
            nine(EDT, "1997-09", 29),
            nine(EST, "1997-10", 30),
            nine(EST, "1997-11", 27),
            nine(EST, "1997-12", 30),
            nine(EST, "1998-01", 29),
            nine(EST, "1998-02", 26),
            nine(EST, "1998-03", 30));
    assertThat(
            within(
                "19970929T090000",
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
                "19980331T000000"))
        .containsExactlyElementsOf(expected);
  }

  // --- hourly, minutely ---

  @Test
  void every3HoursFrom9To5OnASpecificDay() {
    // The RFC lists 09:00, 12:00 and 15:00, but its UNTIL=19970902T170000Z is 13:00 EDT, and UNTIL
    // is the last allowed start: 15:00 EDT (19:00Z) is after it. With UNTIL at 17:00 EDT all three.
    assertThat(all("19970902T090000", "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z"))
        .containsExactlyElementsOf(times(EDT, "1997-09-02", "09:00", "12:00"));
    assertThat(all("19970902T090000", "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z"))
        .containsExactlyElementsOf(times(EDT, "1997-09-02", "09:00", "12:00", "15:00"));
  }

  @Test
  void every15MinutesFor6Occurrences() {
    assertThat(all("19970902T090000", "FREQ=MINUTELY;INTERVAL=15;COUNT=6"))
        .containsExactlyElementsOf(
            times(EDT, "1997-09-02", "09:00", "09:15", "09:30", "09:45", "10:00", "10:15"));
  }

  @Test
  void everyHourAndAHalfFor4Occurrences() {
    assertThat(all("19970902T090000", "FREQ=MINUTELY;INTERVAL=90;COUNT=4"))
        .containsExactlyElementsOf(times(EDT, "1997-09-02", "09:00", "10:30", "12:00", "13:30"));
  }

  @Test
  void every20MinutesFrom9To1640EveryDay() {
    List<Instant> expected = new ArrayList<>();
    for (String day : List.of("1997-09-02", "1997-09-03")) {
      for (int hour = 9; hour <= 16; hour++) {
        for (int minute = 0; minute < 60; minute += 20) {
          expected.addAll(times(EDT, day, String.format("%02d:%02d", hour, minute)));
        }
      }
    }
    assertThat(expected).hasSize(48);
    assertThat(
            within(
                "19970902T090000",
                "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
                "19970904T000000"))
        .containsExactlyElementsOf(expected);
    assertThat(
            within(
                "19970902T090000",
                "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
                "19970904T000000"))
        .containsExactlyElementsOf(expected);
  }

  // --- WKST, invalid dates ---

  @Test
  void weekStartMonday() {
    assertThat(all("19970805T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO"))
        .containsExactlyElementsOf(nine(EDT, "1997-08", 5, 10, 19, 24));
  }

  @Test
  void weekStartSundayGivesDifferentDays() {
    assertThat(all("19970805T090000", "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU"))
        .containsExactlyElementsOf(nine(EDT, "1997-08", 5, 17, 19, 31));
  }

  @Test
  void invalidDateFebruary30IsSkipped() {
    assertThat(all("20070115T090000", "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5"))
        .containsExactlyElementsOf(
            concat(
                nine(EST, "2007-01", 15, 30),
                nine(EST, "2007-02", 15),
                nine(EDT, "2007-03", 15, 30)));
  }

  // --- helpers ---

  private static Instant local(String basic) {
    return LocalDateTime.parse(basic, BASIC).atZone(NEW_YORK).toInstant();
  }

  private static Schedule series(Instant start, String rule, Instant... exdates) {
    String normalized = Schedule.validate(rule, start, Duration.ZERO, NEW_YORK);
    return new Schedule(start, start.plus(HOUR), NEW_YORK, normalized, List.of(exdates), List.of());
  }

  /** The instance starts from DTSTART up to (not including) {@code end}. */
  private static List<Instant> starts(Schedule schedule, Instant end) {
    return schedule.occurrences(schedule.start(), end).stream().map(Occurrence::start).toList();
  }

  /** Every instance of a bounded rule (COUNT or UNTIL); the last one ends the series. */
  private static List<Instant> all(Schedule schedule) {
    assertThat(schedule.lastEnd()).as("a bounded rule").isPresent();
    List<Instant> starts =
        starts(schedule, schedule.start().plus(Duration.ofDays(20 * 366))); // ample
    assertThat(starts).isNotEmpty();
    assertThat(schedule.lastEnd()).contains(starts.get(starts.size() - 1).plus(HOUR));
    return starts;
  }

  private static List<Instant> all(String dtstart, String rule) {
    return all(series(local(dtstart), rule));
  }

  /** The instances of an unbounded rule from DTSTART up to (not including) local {@code end}. */
  private static List<Instant> within(String dtstart, String rule, String end) {
    Schedule schedule = series(local(dtstart), rule);
    assertThat(schedule.lastEnd()).as("an unbounded rule").isEmpty();
    return starts(schedule, local(end));
  }

  /** 09:00 at the given offset on the given days of a month ("1997-09"). */
  private static List<Instant> nine(String offset, String yearMonth, int... days) {
    return IntStream.of(days)
        .mapToObj(d -> instant(String.format("%s-%02dT09:00:00%s", yearMonth, d, offset)))
        .toList();
  }

  private static List<Instant> times(String offset, String date, String... hhmm) {
    return java.util.Arrays.stream(hhmm)
        .map(t -> instant(date + "T" + t + ":00" + offset))
        .toList();
  }

  private static Instant instant(String iso) {
    return OffsetDateTime.parse(iso).toInstant();
  }

  private static int[] range(int from, int to) {
    return IntStream.rangeClosed(from, to).toArray();
  }

  private static int[] step(int from, int to, int step) {
    return IntStream.iterate(from, d -> d <= to, d -> d + step).toArray();
  }

  @SafeVarargs
  private static List<Instant> concat(List<Instant>... lists) {
    List<Instant> out = new ArrayList<>();
    for (List<Instant> list : lists) {
      out.addAll(list);
    }
    return out;
  }
}
