package dev.calendar.external;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.schedule.OccurrenceOverride;
import dev.calendar.schedule.Schedule;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyContainer;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.validate.ValidationEntry;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

/**
 * The feed as calendar apps read it: strict parsing and ical4j's validator (the calendar, and each
 * VEVENT under PUBLISH's rules), the series across both 2027 DST changes in Berlin, and the same
 * bytes for the same events.
 */
class IcsFeedTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Instant CHANGED = Instant.parse("2027-01-10T08:00:00Z");
  private static final URI ADA = URI.create("mailto:ada@example.com");

  /** Mondays 09:00 Berlin from 1 March 2027 (CET), past 28 March (CEST) and 31 October (CET). */
  private static final Instant FIRST = berlin(2027, 3, 1, 9, 0);

  private static final Instant SKIPPED = berlin(2027, 3, 15, 9, 0);
  private static final Instant MOVED_FROM = berlin(2027, 4, 5, 9, 0);
  private static final Instant MOVED_TO = berlin(2027, 4, 6, 14, 0);
  private static final Instant RETITLED = berlin(2027, 11, 8, 9, 0);

  private static Instant berlin(int y, int mo, int d, int h, int mi) {
    return LocalDateTime.of(y, mo, d, h, mi).atZone(BERLIN).toInstant();
  }

  private static IcsFeed.Entry series() {
    Schedule schedule =
        new Schedule(
            FIRST,
            FIRST.plusSeconds(3600),
            BERLIN,
            "FREQ=WEEKLY;BYDAY=MO;COUNT=40",
            List.of(SKIPPED),
            List.of(
                new OccurrenceOverride(
                    MOVED_FROM, MOVED_TO, MOVED_TO.plusSeconds(5400), "Weekly sync (moved)"),
                new OccurrenceOverride(RETITLED, null, null, "Weekly sync: planning")));
    return new IcsFeed.Entry(
        "series@calendar", 3, CHANGED, "Weekly sync", schedule, ADA, "Ada Lovelace");
  }

  private static IcsFeed.Entry single(String uid, ZoneId zone, LocalDateTime start) {
    Instant s = start.atZone(zone).toInstant();
    return new IcsFeed.Entry(
        uid,
        0,
        CHANGED,
        "Lunch, with a comma; and a semicolon",
        Schedule.single(s, s.plusSeconds(1800), zone),
        URI.create("mailto:bob@example.com"),
        null);
  }

  private static List<IcsFeed.Entry> entries() {
    return List.of(
        single("b-single@calendar", BERLIN, LocalDateTime.of(2027, 7, 1, 12, 0)),
        series(),
        single("a-single@calendar", NEW_YORK, LocalDateTime.of(2027, 6, 1, 10, 30)));
  }

  private static Calendar parse(String ics) throws Exception {
    return new CalendarBuilder().build(new StringReader(ics)); // strict: no relaxed hints set
  }

  private static String prop(PropertyContainer c, String name) {
    return c.getProperty(name).map(Property::getValue).orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Instant instant(Component c, String name) {
    Optional<DateProperty<Temporal>> p = c.getProperty(name);
    return ((ZonedDateTime) p.orElseThrow().getDate()).toInstant();
  }

  private static List<ValidationEntry> errors(ValidationResult result) {
    return result.getEntries().stream()
        .filter(e -> e.getSeverity() == ValidationEntry.Severity.ERROR)
        .toList();
  }

  @Test
  void theFeedParsesStrictlyAndValidatesAsAPublishedCalendar() throws Exception {
    String text = IcsFeed.write("Ada's calendar", BERLIN, entries());
    Calendar c = parse(text);

    assertThat(errors(c.validate())).as(text).isEmpty();
    List<VEvent> events = c.getComponents(Component.VEVENT);
    for (VEvent e : events) {
      assertThat(errors(e.validate(ImmutableMethod.PUBLISH))).as(e.toString()).isEmpty();
    }
    assertThat(prop(c, "METHOD")).isEqualTo("PUBLISH");
    assertThat(prop(c, "VERSION")).isEqualTo("2.0");
    assertThat(prop(c, "X-WR-CALNAME")).isEqualTo("Ada's calendar");
    assertThat(prop(c, "REFRESH-INTERVAL")).isEqualTo("PT15M");
    assertThat(prop(c, "X-PUBLISHED-TTL")).isEqualTo("PT15M");
    String unfolded = text.replace("\r\n ", "");
    assertThat(unfolded).contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n");
    // Three events, one of them a series with two changed instances.
    assertThat(events).hasSize(5);
    assertThat(events.stream().map(e -> prop(e, "UID")).distinct())
        .containsExactly("a-single@calendar", "b-single@calendar", "series@calendar");
  }

  @Test
  void everyZoneUsedHasOneVtimezone() throws Exception {
    Calendar c = parse(IcsFeed.write("Ada's calendar", BERLIN, entries()));
    List<VTimeZone> zones = c.getComponents(Component.VTIMEZONE);
    assertThat(zones)
        .extracting(z -> prop(z, "TZID"))
        .containsExactly("America/New_York", "Europe/Berlin");
  }

  @Test
  void aSeriesKeepsItsRuleExdateAndChangedInstancesAcrossBothDstChanges() throws Exception {
    String text = IcsFeed.write("Ada's calendar", BERLIN, List.of(series()));
    String unfolded = text.replace("\r\n ", "");
    Calendar c = parse(text);
    List<VEvent> events = c.getComponents(Component.VEVENT);
    assertThat(events).hasSize(3);

    VEvent master = events.get(0);
    assertThat(prop(master, "RRULE").split(";"))
        .containsExactlyInAnyOrder("FREQ=WEEKLY", "BYDAY=MO", "COUNT=40");
    assertThat(prop(master, "SEQUENCE")).isEqualTo("3");
    assertThat(prop(master, "DTSTAMP")).isEqualTo("20270110T080000Z");
    assertThat(master.getProperty("RECURRENCE-ID")).isEmpty();
    assertThat(instant(master, "DTSTART")).isEqualTo(FIRST);
    assertThat(unfolded)
        .contains("\r\nDTSTART;TZID=Europe/Berlin:20270301T090000\r\n")
        .contains("\r\nEXDATE;TZID=Europe/Berlin:20270315T090000\r\n");

    // Moved, after the change to summer time: its own VEVENT, same UID and SEQUENCE.
    VEvent moved = events.get(1);
    assertThat(prop(moved, "UID")).isEqualTo("series@calendar");
    assertThat(prop(moved, "SEQUENCE")).isEqualTo("3");
    assertThat(prop(moved, "SUMMARY")).isEqualTo("Weekly sync (moved)");
    assertThat(instant(moved, "RECURRENCE-ID")).isEqualTo(MOVED_FROM);
    assertThat(instant(moved, "DTSTART")).isEqualTo(Instant.parse("2027-04-06T12:00:00Z"));
    assertThat(instant(moved, "DTEND")).isEqualTo(Instant.parse("2027-04-06T13:30:00Z"));
    assertThat(unfolded).contains("\r\nRECURRENCE-ID;TZID=Europe/Berlin:20270405T090000\r\n");

    // Retitled, after the change back to winter time: still 09:00 local, now 08:00 UTC.
    VEvent retitled = events.get(2);
    assertThat(prop(retitled, "SUMMARY")).isEqualTo("Weekly sync: planning");
    assertThat(instant(retitled, "RECURRENCE-ID")).isEqualTo(Instant.parse("2027-11-08T08:00:00Z"));
    assertThat(instant(retitled, "DTSTART")).isEqualTo(Instant.parse("2027-11-08T08:00:00Z"));

    // The zone's yearly rules, both ways.
    VTimeZone berlin = (VTimeZone) c.getComponents(Component.VTIMEZONE).get(0);
    String zone = berlin.toString();
    assertThat(zone).contains("BEGIN:DAYLIGHT").contains("BEGIN:STANDARD");
    assertThat(zone).contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    assertThat(zone).contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
  }

  @Test
  void theSameEventsGiveTheSameBytesInAnyOrder() {
    List<IcsFeed.Entry> reversed = new ArrayList<>(entries());
    java.util.Collections.reverse(reversed);
    String first = IcsFeed.write("Ada's calendar", BERLIN, entries());
    String again = IcsFeed.write("Ada's calendar", BERLIN, reversed);
    assertThat(again.getBytes(StandardCharsets.UTF_8))
        .isEqualTo(first.getBytes(StandardCharsets.UTF_8));
    // And a change shows.
    List<IcsFeed.Entry> changed = new ArrayList<>(entries());
    IcsFeed.Entry s = series();
    changed.set(
        1,
        new IcsFeed.Entry(
            s.uid(),
            4,
            CHANGED.plusSeconds(60),
            "Weekly sync",
            s.schedule(),
            s.organizer(),
            s.organizerName()));
    assertThat(IcsFeed.write("Ada's calendar", BERLIN, changed)).isNotEqualTo(first);
  }

  @Test
  void anEmptyCalendarIsStillAValidFeed() throws Exception {
    String text = IcsFeed.write("Ada's calendar", NEW_YORK, List.of());
    Calendar c = parse(text);
    assertThat(errors(c.validate())).as(text).isEmpty();
    assertThat(prop(c, "METHOD")).isEqualTo("PUBLISH");
    // A calendar needs one component: the user's own zone.
    assertThat(c.getComponents()).hasSize(1);
    assertThat(prop(c.getComponents().get(0), "TZID")).isEqualTo("America/New_York");
    assertThat(text).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n");
  }

  @Test
  void linesEndInCrlfAndAreFoldedAt75Octets() {
    IcsFeed.Entry s = series();
    String text =
        IcsFeed.write(
            "Ada's calendar",
            BERLIN,
            List.of(
                new IcsFeed.Entry(
                    s.uid(),
                    s.sequence(),
                    s.changedAt(),
                    "A title long enough to need folding at seventy-five octets, with ümlauts",
                    s.schedule(),
                    s.organizer(),
                    s.organizerName())));
    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    for (String line : text.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
  }
}
