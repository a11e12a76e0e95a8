package dev.calendar.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.Participant;
import dev.calendar.schedule.OccurrenceOverride;
import dev.calendar.schedule.Schedule;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyContainer;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Test;

class InvitationsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final UUID ORGANIZER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final UUID EVENT = UUID.fromString("11111111-2222-3333-4444-555555555555");
  private static final Map<UUID, String> EMAILS = Map.of(BOB, "bob@example.com");
  private static final Instant NOW = Instant.parse("2026-01-10T08:00:00Z");

  /** Mondays 09:00 Berlin from 2 March 2026 (CET) across the DST change of 29 March. */
  private static final Instant FIRST = berlin(2026, 3, 2, 9, 0);

  private static Instant berlin(int y, int mo, int d, int h, int mi) {
    return LocalDateTime.of(y, mo, d, h, mi).atZone(BERLIN).toInstant();
  }

  private static Meeting meeting(Schedule schedule, long version, boolean cancelled) {
    var details =
        new MeetingDetails(
            "Weekly sync",
            "Agenda: everything, with a long enough description to need folding at seventy-five octets",
            "Room 1",
            schedule,
            List.of(
                new Participant(BOB, null, "Bob"),
                new Participant(null, "carol@external.example", "Carol Ext")),
            List.of());
    return new Meeting(EVENT, ORGANIZER, details, cancelled, NOW, NOW, version, UUID.randomUUID());
  }

  private static Schedule series() {
    return new Schedule(
        FIRST,
        FIRST.plusSeconds(3600),
        BERLIN,
        "FREQ=WEEKLY;BYDAY=MO;COUNT=10",
        List.of(berlin(2026, 3, 16, 9, 0)),
        List.of(
            new OccurrenceOverride(
                berlin(2026, 4, 6, 9, 0),
                berlin(2026, 4, 7, 14, 0),
                berlin(2026, 4, 7, 15, 30),
                "Weekly sync (moved)")));
  }

  private static String ics(Meeting m) {
    return Invitations.ics(m, "ada@example.com", EMAILS, NOW);
  }

  private static Calendar parse(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics)); // strict: no relaxed hints set
  }

  private static List<VEvent> events(Calendar c) {
    return c.getComponents(Component.VEVENT);
  }

  private static String prop(PropertyContainer c, String name) {
    return c.getProperty(name).map(Property::getValue).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static ZonedDateTime date(Component c, String name) {
    Optional<DateProperty<Temporal>> p = c.getProperty(name);
    return (ZonedDateTime) p.orElseThrow().getDate();
  }

  @Test
  void requestForANewSingleEventParsesBackStrictlyAndValidates() throws Exception {
    Instant start = berlin(2026, 7, 1, 15, 30);
    Meeting m = meeting(Schedule.single(start, start.plusSeconds(1800), BERLIN), 1, false);
    String text = ics(m);

    Calendar c = parse(text);
    String unfolded = text.replace("\r\n ", "");
    c.validate();
    assertThat(prop(c, "METHOD")).isEqualTo("REQUEST");
    assertThat(prop(c, "VERSION")).isEqualTo("2.0");
    assertThat(prop(c, "PRODID")).isEqualTo(Invitations.PRODID);
    VEvent e = events(c).get(0);
    assertThat(events(c)).hasSize(1);
    assertThat(prop(e, "UID")).isEqualTo(EVENT + "@calendar");
    assertThat(prop(e, "SEQUENCE")).isEqualTo("0");
    assertThat(prop(e, "SUMMARY")).isEqualTo("Weekly sync");
    assertThat(prop(e, "LOCATION")).isEqualTo("Room 1");
    assertThat(prop(e, "ORGANIZER")).isEqualTo("mailto:ada@example.com");
    assertThat(prop(e, "RRULE")).isNull();
    assertThat(unfolded)
        .contains("\r\nDTSTART;TZID=Europe/Berlin:20260701T153000\r\n")
        .contains("\r\nDTEND;TZID=Europe/Berlin:20260701T160000\r\n")
        .contains("DTSTAMP:20260110T080000Z")
        .contains(
            "ATTENDEE;CN=Bob;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.com")
        .contains("mailto:carol@external.example");
    assertThat(date(e, "DTSTART").toInstant()).isEqualTo(start);
  }

  @Test
  void linesEndInCrlfAndAreFoldedAt75Octets() {
    String text = ics(meeting(series(), 1, false));
    assertThat(text).endsWith("END:VCALENDAR\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    for (String line : text.split("\r\n")) {
      assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
          .as(line)
          .isLessThanOrEqualTo(75);
    }
    assertThat(text).contains("\r\n "); // the description was folded
  }

  @Test
  void uidStaysAndSequenceIncreasesWithEachVersion() throws Exception {
    VEvent v1 = events(parse(ics(meeting(series(), 1, false)))).get(0);
    VEvent v2 = events(parse(ics(meeting(series(), 2, false)))).get(0);
    VEvent v5 = events(parse(ics(meeting(series(), 5, true)))).get(0);
    assertThat(prop(v2, "UID")).isEqualTo(prop(v1, "UID")).isEqualTo(prop(v5, "UID"));
    assertThat(List.of(prop(v1, "SEQUENCE"), prop(v2, "SEQUENCE"), prop(v5, "SEQUENCE")))
        .containsExactly("0", "1", "4");
  }

  @Test
  void seriesInBerlinHasRruleExdateAndVtimezoneWithLocalTimes() throws Exception {
    String text = ics(meeting(series(), 3, false));
    Calendar c = parse(text);
    c.validate();

    VTimeZone tz = c.<VTimeZone>getComponent(Component.VTIMEZONE).orElseThrow();
    assertThat(prop(tz, "TZID")).isEqualTo("Europe/Berlin");
    assertThat(text)
        .contains("BEGIN:DAYLIGHT")
        .contains("BEGIN:STANDARD")
        .contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")
        .contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");

    VEvent master =
        events(c).stream().filter(e -> prop(e, "RECURRENCE-ID") == null).findFirst().orElseThrow();
    assertThat(prop(master, "RRULE").split(";"))
        .containsExactlyInAnyOrder("FREQ=WEEKLY", "BYDAY=MO", "COUNT=10");
    assertThat(text)
        .contains("\r\nDTSTART;TZID=Europe/Berlin:20260302T090000\r\n")
        .contains("\r\nDTEND;TZID=Europe/Berlin:20260302T100000\r\n")
        .contains("\r\nEXDATE;TZID=Europe/Berlin:20260316T090000\r\n");
    // The VTIMEZONE we wrote gives back the instants we started from, in winter and in summer.
    assertThat(date(master, "DTSTART").toInstant()).isEqualTo(FIRST);
    assertThat(date(master, "DTSTART").getOffset().getTotalSeconds()).isEqualTo(3600);
  }

  @Test
  void anOverriddenInstanceIsItsOwnVeventWithRecurrenceId() throws Exception {
    String text = ics(meeting(series(), 2, false));
    Calendar c = parse(text);
    List<VEvent> events = events(c);
    assertThat(events).hasSize(2);
    VEvent moved =
        events.stream().filter(e -> prop(e, "RECURRENCE-ID") != null).findFirst().orElseThrow();
    assertThat(prop(moved, "UID")).isEqualTo(EVENT + "@calendar");
    assertThat(prop(moved, "SEQUENCE")).isEqualTo("1");
    assertThat(prop(moved, "SUMMARY")).isEqualTo("Weekly sync (moved)");
    assertThat(prop(moved, "RRULE")).isNull();
    assertThat(text)
        .contains("\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260406T090000\r\n")
        .contains("\r\nDTSTART;TZID=Europe/Berlin:20260407T140000\r\n")
        .contains("\r\nDTEND;TZID=Europe/Berlin:20260407T153000\r\n");
    // After the change to summer time: 14:00 CEST is 12:00 UTC.
    assertThat(date(moved, "DTSTART").toInstant()).isEqualTo(Instant.parse("2026-04-07T12:00:00Z"));
    assertThat(date(moved, "RECURRENCE-ID").toInstant()).isEqualTo(berlin(2026, 4, 6, 9, 0));
  }

  @Test
  void cancellationHasMethodCancelAndStatusCancelled() throws Exception {
    Meeting cancelled = meeting(series(), 4, true);
    String text = ics(cancelled);
    Calendar c = parse(text);
    c.validate();
    assertThat(Invitations.method(cancelled)).isEqualTo("CANCEL");
    assertThat(prop(c, "METHOD")).isEqualTo("CANCEL");
    assertThat(events(c)).hasSize(1);
    VEvent e = events(c).get(0);
    assertThat(prop(e, "STATUS")).isEqualTo("CANCELLED");
    assertThat(prop(e, "SEQUENCE")).isEqualTo("3");
    assertThat(prop(e, "UID")).isEqualTo(EVENT + "@calendar");
  }

  @Test
  void zonesWithoutDstAndSouthernHemisphereZonesRoundTrip() throws Exception {
    for (String id : List.of("Asia/Tokyo", "UTC", "Australia/Sydney", "America/New_York")) {
      ZoneId zone = ZoneId.of(id);
      Instant start = LocalDateTime.of(2026, 1, 15, 10, 0).atZone(zone).toInstant();
      Instant summer = LocalDateTime.of(2026, 7, 15, 10, 0).atZone(zone).toInstant();
      Schedule s =
          new Schedule(
              start,
              start.plusSeconds(3600),
              zone,
              "FREQ=MONTHLY;COUNT=12",
              List.of(),
              List.of(new OccurrenceOverride(summer, summer.plusSeconds(7200), null, null)));
      Calendar c = parse(ics(meeting(s, 1, false)));
      c.validate();
      VEvent moved =
          events(c).stream()
              .filter(e -> prop(e, "RECURRENCE-ID") != null)
              .findFirst()
              .orElseThrow();
      assertThat(date(moved, "DTSTART").toInstant()).as(id).isEqualTo(summer.plusSeconds(7200));
      assertThat(date(moved, "RECURRENCE-ID").toInstant()).as(id).isEqualTo(summer);
    }
  }

  @Test
  void refusesAnInternalParticipantWithoutAddress() {
    Meeting m = meeting(series(), 1, false);
    assertThatThrownBy(() -> Invitations.ics(m, "ada@example.com", Map.of(), NOW))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(BOB.toString());
  }

  @Test
  void removalIsACancelForThatAttendeeWithTheSameUidAndAHigherSequence() throws Exception {
    Meeting before = meeting(series(), 2, false);
    Meeting after = meeting(series(), 3, false); // Carol removed in version 3
    String lastSent = prop(events(parse(ics(before))).get(0), "SEQUENCE");

    String text =
        Invitations.removal(after, "ada@example.com", "carol@external.example", "Carol Ext", NOW);
    Calendar c = parse(text);
    c.validate();
    assertThat(prop(c, "METHOD")).isEqualTo("CANCEL");
    assertThat(events(c)).hasSize(1); // the series as a whole, no instances
    VEvent e = events(c).get(0);
    assertThat(prop(e, "UID")).isEqualTo(EVENT + "@calendar");
    assertThat(Integer.parseInt(prop(e, "SEQUENCE"))).isGreaterThan(Integer.parseInt(lastSent));
    // Only the removed attendee, and no STATUS:CANCELLED: the meeting goes on for the others.
    assertThat(e.getProperties("ATTENDEE"))
        .extracting(p -> ((Property) p).getValue())
        .containsExactly("mailto:carol@external.example");
    assertThat(prop(e, "STATUS")).isNull();
    assertThat(prop(e, "ORGANIZER")).isEqualTo("mailto:ada@example.com");
  }
}
