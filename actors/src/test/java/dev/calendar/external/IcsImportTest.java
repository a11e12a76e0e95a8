package dev.calendar.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.calendar.external.IcsImport.Parsed;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.OccurrenceOverride;
import dev.calendar.schedule.Schedule;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcsImportTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final Instant YEAR_2027 = Instant.parse("2027-01-01T00:00:00Z");
  private static final Instant YEAR_2028 = Instant.parse("2028-01-01T00:00:00Z");

  private static Instant at(String localDateTime, ZoneId zone) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  private static String calendar(String body) {
    return "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + body + "END:VCALENDAR\n";
  }

  private static Parsed parse(String body, ZoneId user) {
    return IcsImport.parse(calendar(body), user);
  }

  private static ExternalBusy only(Parsed parsed) {
    assertThat(parsed.busy()).hasSize(1);
    return parsed.busy().get(0);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = IcsImportTest.class.getResourceAsStream("/ics/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The 1-based physical line of {@code text} that contains {@code marker}. */
  private static int lineOf(String text, String marker) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(marker)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line with " + marker);
  }

  private static void assertProblemAt(String text, String marker, String detail) {
    int line = lineOf(text, marker);
    assertThatThrownBy(() -> IcsImport.parse(text, BERLIN))
        .isInstanceOfSatisfying(
            IcsProblem.class,
            p -> {
              assertThat(p.line()).isEqualTo(line);
              assertThat(p.detail()).contains(detail);
              assertThat(p.getMessage()).startsWith("line " + line + ": ");
            });
  }

  private static List<LocalDateTime> localStarts(Schedule s, ZoneId zone) {
    return s.occurrences(YEAR_2027, YEAR_2028).stream()
        .map(o -> LocalDateTime.ofInstant(o.start(), zone))
        .toList();
  }

  private static String weekly(String uid, String extra) {
    return "BEGIN:VEVENT\nUID:"
        + uid
        + "\nDTSTAMP:20261203T120000Z\n"
        + "DTSTART;TZID=Europe/Berlin:20270301T090000\n"
        + "DTEND;TZID=Europe/Berlin:20270301T100000\n"
        + "RRULE:FREQ=WEEKLY;COUNT=40\n"
        + extra
        + "END:VEVENT\n";
  }

  @Test
  void weeklyBerlinSeriesStaysARuleAtNineLocalAcrossBothDstChanges() {
    ExternalBusy busy = only(parse(weekly("sync@example.com", ""), NEW_YORK));

    assertThat(busy.externalId()).isEqualTo("sync@example.com");
    assertThat(busy.recurrenceId()).isNull();
    Schedule s = busy.schedule();
    assertThat(s.zone()).isEqualTo(BERLIN);
    assertThat(s.rrule()).isEqualTo("FREQ=WEEKLY;COUNT=40");
    assertThat(s.duration()).isEqualTo(Duration.ofHours(1));
    List<LocalDateTime> starts = localStarts(s, BERLIN);
    assertThat(starts).hasSize(40);
    assertThat(starts).allSatisfy(t -> assertThat(t.toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
    // before and after 28 March and 31 October 2027
    assertThat(starts)
        .contains(
            LocalDateTime.parse("2027-03-22T09:00"),
            LocalDateTime.parse("2027-03-29T09:00"),
            LocalDateTime.parse("2027-10-25T09:00"),
            LocalDateTime.parse("2027-11-01T09:00"));
    assertThat(s.occurrences(YEAR_2027, YEAR_2028).get(4).start())
        .isEqualTo(Instant.parse("2027-03-29T07:00:00Z"));
  }

  @Test
  void exdatesOfEveryFormCancelTheirInstancesAndInstancesMergeUnderTheUid() throws IOException {
    Parsed parsed = IcsImport.parse(resource("google-series.ics"), NEW_YORK);

    ExternalBusy busy = only(parsed);
    assertThat(parsed.skipped()).isZero();
    assertThat(busy.key()).isEqualTo(new ExternalBusy.Key("weekly-sync@google.com", null));
    Schedule s = busy.schedule();
    assertThat(s.rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=MO");
    assertThat(s.exdates())
        .containsExactlyInAnyOrder(
            at("2027-03-15T09:00", BERLIN), // TZID, a list
            at("2027-03-22T09:00", BERLIN),
            Instant.parse("2027-04-05T07:00:00Z"), // UTC
            at("2027-04-12T09:00", BERLIN), // a date in a series of date-times
            at("2027-05-17T09:00", BERLIN), // a cancelled instance
            at("2027-05-24T09:00", BERLIN)); // a transparent instance
    assertThat(s.overrides())
        .containsExactly(
            new OccurrenceOverride(
                at("2027-05-10T09:00", BERLIN),
                at("2027-05-10T15:00", BERLIN),
                at("2027-05-10T16:30", BERLIN),
                null));
    List<LocalDateTime> starts = localStarts(s, BERLIN);
    assertThat(starts)
        .contains(
            LocalDateTime.parse("2027-03-08T09:00"),
            LocalDateTime.parse("2027-05-10T15:00"),
            LocalDateTime.parse("2027-05-31T09:00"))
        .doesNotContain(
            LocalDateTime.parse("2027-03-15T09:00"),
            LocalDateTime.parse("2027-04-05T09:00"),
            LocalDateTime.parse("2027-04-12T09:00"),
            LocalDateTime.parse("2027-05-10T09:00"),
            LocalDateTime.parse("2027-05-17T09:00"),
            LocalDateTime.parse("2027-05-24T09:00"));
  }

  @Test
  void anRdateIsAnInstanceOfItsOwnAndAMovedOneReplacesIt() {
    Parsed parsed =
        parse(
            weekly("s", "RDATE;TZID=Europe/Berlin:20270303T180000,20270304T180000\n")
                + "BEGIN:VEVENT\nUID:s\nRECURRENCE-ID;TZID=Europe/Berlin:20270304T180000\n"
                + "DTSTART;TZID=Europe/Berlin:20270304T200000\n"
                + "DTEND;TZID=Europe/Berlin:20270304T210000\nEND:VEVENT\n",
            NEW_YORK);

    assertThat(parsed.busy())
        .extracting(ExternalBusy::key, b -> b.schedule().start())
        .containsExactly(
            tuple(new ExternalBusy.Key("s", null), at("2027-03-01T09:00", BERLIN)),
            tuple(
                new ExternalBusy.Key("s", at("2027-03-04T18:00", BERLIN)),
                at("2027-03-04T20:00", BERLIN)),
            tuple(
                new ExternalBusy.Key("s", at("2027-03-03T18:00", BERLIN)),
                at("2027-03-03T18:00", BERLIN)));
    assertThat(parsed.busy().get(2).schedule().duration()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void transparentAndCancelledEventsAreNotBusy() {
    Parsed parsed =
        parse(
            "BEGIN:VEVENT\nUID:free\nDTSTART:20270601T100000Z\nDTEND:20270601T110000Z\n"
                + "TRANSP:TRANSPARENT\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:off\nDTSTART:20270601T100000Z\nDTEND:20270601T110000Z\n"
                + "STATUS:CANCELLED\nRRULE:FREQ=DAILY\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:off\nRECURRENCE-ID:20270602T100000Z\n"
                + "DTSTART:20270602T120000Z\nDTEND:20270602T130000Z\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:busy\nDTSTART:20270601T100000Z\nDTEND:20270601T110000Z\n"
                + "TRANSP:OPAQUE\nSTATUS:CONFIRMED\nEND:VEVENT\n",
            BERLIN);

    assertThat(parsed.busy()).extracting(ExternalBusy::externalId).containsExactly("busy");
    // the transparent event, the cancelled series and its moved instance
    assertThat(parsed.skipped()).isEqualTo(3);
  }

  @Test
  void anAllDayEventBlocksExactlyThatDayWhereTheUserIs() {
    Parsed parsed =
        parse(
            "BEGIN:VEVENT\nUID:day\nDTSTART;VALUE=DATE:20270615\nDTEND;VALUE=DATE:20270616\n"
                + "END:VEVENT\n"
                + "BEGIN:VEVENT\nUID:no-end\nDTSTART;VALUE=DATE:20270620\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:two-days\nDTSTART;VALUE=DATE:20270701\nDURATION:P2D\n"
                + "END:VEVENT\n",
            NEW_YORK);

    assertThat(parsed.busy())
        .extracting(ExternalBusy::schedule)
        .containsExactly(
            Schedule.single(
                at("2027-06-15T00:00", NEW_YORK), at("2027-06-16T00:00", NEW_YORK), NEW_YORK),
            Schedule.single(
                at("2027-06-20T00:00", NEW_YORK), at("2027-06-21T00:00", NEW_YORK), NEW_YORK),
            Schedule.single(
                at("2027-07-01T00:00", NEW_YORK), at("2027-07-03T00:00", NEW_YORK), NEW_YORK));
  }

  @Test
  void anAllDaySeriesRepeatsAtTheUsersLocalMidnight() {
    Schedule s =
        only(parse(
                "BEGIN:VEVENT\nUID:gym\nDTSTART;VALUE=DATE:20271001\nDTEND;VALUE=DATE:20271002\n"
                    + "RRULE:FREQ=WEEKLY;COUNT=10\nEXDATE;VALUE=DATE:20271015\nEND:VEVENT\n",
                NEW_YORK))
            .schedule();

    assertThat(s.zone()).isEqualTo(NEW_YORK);
    assertThat(s.duration()).isEqualTo(Duration.ofDays(1));
    assertThat(s.exdates()).containsExactly(at("2027-10-15T00:00", NEW_YORK));
    List<LocalDateTime> starts = localStarts(s, NEW_YORK);
    assertThat(starts).hasSize(9); // 7 November 2027 is the DST change in New York
    assertThat(starts).allSatisfy(t -> assertThat(t.toLocalTime()).isEqualTo(LocalTime.MIDNIGHT));
    assertThat(starts).contains(LocalDateTime.parse("2027-11-12T00:00"));
  }

  @Test
  void floatingTimesAreTheUsersAndUtcTimesStayAsTheyAre() {
    Parsed parsed =
        parse(
            "BEGIN:VEVENT\nUID:floating\nDTSTART:20270615T090000\nDTEND:20270615T100000\n"
                + "END:VEVENT\n"
                + "BEGIN:VEVENT\nUID:utc\nDTSTART:20270615T090000Z\nDTEND:20270615T100000Z\n"
                + "END:VEVENT\n",
            TOKYO);

    assertThat(parsed.busy().get(0).schedule())
        .isEqualTo(
            Schedule.single(at("2027-06-15T09:00", TOKYO), at("2027-06-15T10:00", TOKYO), TOKYO));
    assertThat(parsed.busy().get(1).schedule().start())
        .isEqualTo(Instant.parse("2027-06-15T09:00:00Z"));
    assertThat(parsed.busy().get(1).schedule().zone().getRules().isFixedOffset()).isTrue();
  }

  @Test
  void durationStandsForDtendAndAnEventWithNeitherTakesNoTime() {
    Parsed parsed =
        parse(
            "BEGIN:VEVENT\nUID:call\nDTSTART;TZID=Europe/Berlin:20270615T090000\n"
                + "DURATION:PT1H30M\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:day\nDTSTART;TZID=Europe/Berlin:20270327T120000\n"
                + "DURATION:P1D\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:reminder\nDTSTART;TZID=Europe/Berlin:20270615T090000\n"
                + "END:VEVENT\n",
            NEW_YORK);

    assertThat(parsed.busy()).hasSize(2);
    assertThat(parsed.busy().get(0).schedule().end()).isEqualTo(at("2027-06-15T10:30", BERLIN));
    // a day is a local day: 23 hours across the change to summer time
    assertThat(parsed.busy().get(1).schedule().end()).isEqualTo(at("2027-03-28T12:00", BERLIN));
    assertThat(parsed.skipped()).isEqualTo(1);
  }

  @Test
  void anInstanceWithoutItsSeriesIsBusyOnItsOwn() {
    Parsed parsed =
        parse(
            "BEGIN:VEVENT\nUID:series\nRECURRENCE-ID;TZID=Europe/Berlin:20270607T090000\n"
                + "DTSTART;TZID=Europe/Berlin:20270608T090000\n"
                + "DTEND;TZID=Europe/Berlin:20270608T100000\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:series\nRECURRENCE-ID;TZID=Europe/Berlin:20270614T090000\n"
                + "DTSTART;TZID=Europe/Berlin:20270614T090000\n"
                + "DTEND;TZID=Europe/Berlin:20270614T100000\nSTATUS:CANCELLED\nEND:VEVENT\n",
            NEW_YORK);

    ExternalBusy busy = only(parsed);
    assertThat(busy.key())
        .isEqualTo(new ExternalBusy.Key("series", at("2027-06-07T09:00", BERLIN)));
    assertThat(busy.schedule())
        .isEqualTo(
            Schedule.single(
                at("2027-06-08T09:00", BERLIN), at("2027-06-08T10:00", BERLIN), BERLIN));
    assertThat(parsed.skipped()).isEqualTo(1);
  }

  @Test
  void anOutlookZoneBecomesAnIanaZoneWithTheSameOffsets() throws IOException {
    Schedule s = only(IcsImport.parse(resource("outlook-w-europe.ics"), NEW_YORK)).schedule();

    assertThat(ZoneId.getAvailableZoneIds()).contains(s.zone().getId());
    assertThat(s.zone()).isEqualTo(BERLIN); // of all that agree, the usual one for the name
    assertThat(s.start()).isEqualTo(at("2027-03-01T09:00", BERLIN));
    assertThat(localStarts(s, BERLIN))
        .hasSize(40)
        .allSatisfy(t -> assertThat(t.toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
  }

  private static final String US_EASTERN_RULES =
      "BEGIN:STANDARD\nDTSTART:16011104T020000\nRRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11\n"
          + "TZOFFSETFROM:-0400\nTZOFFSETTO:-0500\nEND:STANDARD\n"
          + "BEGIN:DAYLIGHT\nDTSTART:16010311T020000\nRRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3\n"
          + "TZOFFSETFROM:-0500\nTZOFFSETTO:-0400\nEND:DAYLIGHT\n";

  @Test
  void aZoneIsMatchedByItsOffsetsNotByItsName() {
    // a name the table maps to Berlin, with the offsets and changes of US Eastern time
    Schedule s =
        only(parse(
                "BEGIN:VTIMEZONE\nTZID:W. Europe Standard Time\n"
                    + US_EASTERN_RULES
                    + "END:VTIMEZONE\n"
                    + "BEGIN:VEVENT\nUID:a\nDTSTART;TZID=W. Europe Standard Time:20270310T090000\n"
                    + "DTEND;TZID=W. Europe Standard Time:20270310T100000\n"
                    + "RRULE:FREQ=DAILY;COUNT=10\nEND:VEVENT\n",
                TOKYO))
            .schedule();

    assertThat(ZoneId.getAvailableZoneIds()).contains(s.zone().getId());
    assertThat(s.start()).isEqualTo(at("2027-03-10T09:00", NEW_YORK));
    for (Instant t = YEAR_2027; t.isBefore(YEAR_2028); t = t.plus(Duration.ofHours(6))) {
      assertThat(s.zone().getRules().getOffset(t)).isEqualTo(NEW_YORK.getRules().getOffset(t));
    }
    assertThat(localStarts(s, NEW_YORK))
        .hasSize(10)
        .allSatisfy(t -> assertThat(t.toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
  }

  @Test
  void aZoneNoIanaZoneAgreesWithIsAProblemWhereItIsUsed() {
    String text =
        calendar(
            "BEGIN:VTIMEZONE\nTZID:Lunar Standard Time\nBEGIN:STANDARD\nDTSTART:16010101T000000\n"
                + "TZOFFSETFROM:+0017\nTZOFFSETTO:+0017\nEND:STANDARD\nEND:VTIMEZONE\n"
                + "BEGIN:VEVENT\nUID:a\nDTSTART:20270310T090000Z\n"
                + "DTEND;TZID=Lunar Standard Time:20270310T100000\nEND:VEVENT\n");

    assertProblemAt(text, "DTEND;TZID=Lunar", "no IANA time zone agrees");
  }

  @Test
  void prefixedIanaTzidsAreTheirIanaZone() {
    Parsed parsed =
        parse(
            "BEGIN:VEVENT\nUID:a\nDTSTART;TZID=/mozilla.org/20070129_1/Europe/Berlin:"
                + "20270310T090000\nDURATION:PT1H\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:b\nDTSTART;TZID=/America/New_York:20270310T090000\n"
                + "DURATION:PT1H\nEND:VEVENT\n",
            TOKYO);

    assertThat(parsed.busy())
        .extracting(b -> b.schedule().zone(), b -> b.schedule().start())
        .containsExactly(
            tuple(BERLIN, at("2027-03-10T09:00", BERLIN)),
            tuple(NEW_YORK, at("2027-03-10T09:00", NEW_YORK)));
  }

  @Test
  void anUnknownTzidIsAProblemAtTheLineThatUsesIt() {
    String text =
        calendar(
            "BEGIN:VEVENT\nUID:a\nDTSTART;TZID=Europe/Berlin:20270310T090000\n"
                + "SUMMARY:Field trip\n"
                + "DTEND;TZID=Mars/Olympus:20270310T100000\nEND:VEVENT\n");

    assertProblemAt(text, "Mars/Olympus", "unknown TZID \"Mars/Olympus\"");
    assertThatThrownBy(() -> IcsImport.parse(text, BERLIN))
        .hasMessage("line 8: unknown TZID \"Mars/Olympus\"");
  }

  @Test
  void aFoldedPropertyIsNamedByItsFirstLine() {
    String text =
        calendar(
            "BEGIN:VEVENT\nUID:a\nSUMMARY:A summary long enough to be folded onto a second\n"
                + "  line\nDTSTART;TZID=Europe/Berlin:20270310T090000\nDTEND;TZID=Mars/\n"
                + " Olympus:20270310T100000\nEND:VEVENT\n");

    assertProblemAt(text, "DTEND;TZID=Mars/", "unknown TZID \"Mars/Olympus\"");
  }

  @Test
  void aBadRruleIsAProblemAtItsLine() {
    String garbage = calendar(weekly("a", "").replace("FREQ=WEEKLY;COUNT=40", "FREQ=SOMETIMES"));
    assertProblemAt(garbage, "RRULE:", "FREQ=SOMETIMES");

    String refused = calendar(weekly("a", "").replace("COUNT=40", "COUNT=20000"));
    assertProblemAt(refused, "RRULE:", "COUNT may be at most " + Schedule.MAX_OCCURRENCES);
  }

  @Test
  void malformedTextIsAProblemAtTheLineIcal4jReports() {
    String unclosed =
        calendar("BEGIN:VEVENT\nUID:a\nDTSTART:20270310T090000Z\nEND:VTODO\nEND:VEVENT\n");
    assertProblemAt(unclosed, "END:VTODO", "not a valid iCalendar file");

    String notCalendar = "BEGIN:VCARD\nVERSION:4.0\nFN:Ann\nEND:VCARD\n";
    assertProblemAt(notCalendar, "BEGIN:VCARD", "VCALENDAR");

    String brokenLine =
        calendar(
            "BEGIN:VEVENT\nUID:a\nDTSTART:20270310T090000Z\nthis is no property\nEND:VEVENT\n");
    assertProblemAt(brokenLine, "this is no property", "not a content line");

    String badDate = calendar("BEGIN:VEVENT\nUID:a\nDTSTART:20270230T090000Z\nEND:VEVENT\n");
    assertProblemAt(badDate, "DTSTART", "invalid date");
  }

  @Test
  void atMostMaxEventsVevents() {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < IcsImport.MAX_EVENTS; i++) {
      body.append("BEGIN:VEVENT\nUID:e")
          .append(i)
          .append("\nDTSTART:20270310T090000Z\nDURATION:PT1H\nEND:VEVENT\n");
    }
    assertThat(parse(body.toString(), BERLIN).busy()).hasSize(IcsImport.MAX_EVENTS);

    String tooMany =
        calendar(body + "BEGIN:VEVENT\nUID:last\nDTSTART:20270310T090000Z\nEND:VEVENT\n");
    int line = lineOf(tooMany, "UID:last") - 1;
    assertThatThrownBy(() -> IcsImport.parse(tooMany, BERLIN))
        .isInstanceOf(IcsProblem.class)
        .hasMessage("line " + line + ": more than " + IcsImport.MAX_EVENTS + " events (VEVENT)");
  }

  @Test
  void anEventWithoutUidHasTheSameKeyAtEveryImport() {
    String event =
        "BEGIN:VEVENT\nDTSTAMP:%s\nDTSTART:20270310T090000Z\nDTEND:20270310T100000Z\n"
            + "SUMMARY:%s\nEND:VEVENT\n";
    String first =
        parse(event.formatted("20261201T100000Z", "Dentist"), BERLIN).busy().get(0).externalId();
    String again =
        parse(event.formatted("20261203T080000Z", "Dentist"), BERLIN).busy().get(0).externalId();
    String other =
        parse(event.formatted("20261201T100000Z", "Barber"), BERLIN).busy().get(0).externalId();

    assertThat(first).startsWith("no-uid-").isEqualTo(again).isNotEqualTo(other);
  }

  @Test
  void ofTwoEventsWithOneUidTheLaterWins() {
    Parsed parsed =
        parse(
            "BEGIN:VEVENT\nUID:a\nDTSTART:20270310T090000Z\nDTEND:20270310T100000Z\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:a\nDTSTART:20270311T090000Z\nDTEND:20270311T100000Z\n"
                + "END:VEVENT\n",
            BERLIN);

    assertThat(only(parsed).schedule().start()).isEqualTo(Instant.parse("2027-03-11T09:00:00Z"));
    assertThat(parsed.skipped()).isEqualTo(1);
  }

  @Test
  void aSixWeekVacationIsBusyButNotAYearAndMore() {
    Parsed parsed =
        parse(
            "BEGIN:VEVENT\nUID:vacation\nDTSTART;VALUE=DATE:20270701\nDTEND;VALUE=DATE:20270812\n"
                + "END:VEVENT\n"
                + "BEGIN:VEVENT\nUID:sabbatical\nDTSTART;VALUE=DATE:20270101\n"
                + "DTEND;VALUE=DATE:20280201\nEND:VEVENT\n",
            BERLIN);

    Schedule vacation = only(parsed).schedule();
    assertThat(vacation.duration())
        .isEqualTo(Duration.ofDays(42))
        .isGreaterThan(Schedule.MAX_DURATION);
    assertThat(vacation.end())
        .isEqualTo(LocalDate.of(2027, 8, 12).atStartOfDay(BERLIN).toInstant());
    assertThat(vacation.occurrences(YEAR_2027, YEAR_2028))
        .extracting(Occurrence::end)
        .containsExactly(vacation.end());
    assertThat(parsed.skipped()).isEqualTo(1);
  }

  @Test
  void eventsOutsideTheServicesYearsAreSkipped() {
    Parsed parsed =
        parse(
            "BEGIN:VEVENT\nUID:old\nDTSTART;VALUE=DATE:18500101\nRRULE:FREQ=YEARLY\nEND:VEVENT\n"
                + "BEGIN:VEVENT\nUID:far\nDTSTART:24000101T000000Z\nDURATION:PT1H\nEND:VEVENT\n",
            BERLIN);

    assertThat(parsed.busy()).isEmpty();
    assertThat(parsed.skipped()).isEqualTo(2);
  }

  @Test
  void otherComponentsThanEventsAreIgnored() {
    Parsed parsed =
        parse(
            "BEGIN:VTODO\nUID:todo\nDTSTART:20270310T090000Z\nDUE:20270310T100000Z\nEND:VTODO\n"
                + "BEGIN:VJOURNAL\nUID:j\nDTSTART;VALUE=DATE:20270310\nEND:VJOURNAL\n"
                + "BEGIN:VFREEBUSY\nUID:fb\nFREEBUSY:20270310T090000Z/PT1H\nEND:VFREEBUSY\n"
                + "BEGIN:VEVENT\nUID:e\nDTSTART:20270310T090000Z\nDURATION:PT1H\n"
                + "BEGIN:VALARM\nTRIGGER:-PT15M\nACTION:DISPLAY\nDESCRIPTION:x\nEND:VALARM\n"
                + "END:VEVENT\n",
            BERLIN);

    assertThat(only(parsed).externalId()).isEqualTo("e");
    assertThat(parsed.skipped()).isZero();
  }
}
