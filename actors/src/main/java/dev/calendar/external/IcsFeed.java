package dev.calendar.external;

import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Schedule;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ExDate;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * A user's events as a published calendar (RFC 5545, {@code METHOD:PUBLISH}) that calendar apps
 * subscribe to. Each event is a VEVENT with its UID and SEQUENCE (as its invitations carry them),
 * times local to its zone, a series with its RRULE and EXDATEs, and each moved or retitled instance
 * a VEVENT of its own with a RECURRENCE-ID; every zone used has one VTIMEZONE.
 *
 * <p>The text depends only on what it is given, never on a clock or the order of the entries: zones
 * by id, events by UID, instances by original start, DTSTAMP the event's last change. So the same
 * events give the same bytes, and a hash of them serves as the feed's ETag. Pure: no I/O.
 */
public final class IcsFeed {
  public static final String PRODID = "-//calendar//calendar 1.0//EN";

  /** How often subscribers are asked to fetch the feed again. */
  public static final Duration REFRESH = Duration.ofMinutes(15);

  /** DTSTAMP of an event whose last change is unknown (written before bookings carried it). */
  static final Instant UNKNOWN_CHANGE = Instant.EPOCH;

  /** An empty feed's VTIMEZONE starts late enough to hold only the zone's current rules. */
  private static final Instant ONLY_CURRENT_RULES = Instant.parse("2200-01-01T00:00:00Z");

  private IcsFeed() {}

  /**
   * One event of the feed.
   *
   * @param uid its iCalendar UID (the one its invitations carry)
   * @param sequence its SEQUENCE
   * @param changedAt its last change (DTSTAMP); null when unknown
   * @param title its SUMMARY
   * @param schedule when it happens: a single event or a series with EXDATEs and overrides
   * @param organizer the organizer's calendar address (a URI, such as {@code mailto:...})
   * @param organizerName the organizer's name (CN), or null
   */
  public record Entry(
      String uid,
      long sequence,
      Instant changedAt,
      String title,
      Schedule schedule,
      URI organizer,
      String organizerName) {}

  /**
   * The VCALENDAR text (CRLF line endings, folded at 75 octets).
   *
   * @param ownZone the user's zone: a feed without events carries its VTIMEZONE, as a calendar
   *     needs at least one component
   */
  public static String write(String calendarName, ZoneId ownZone, List<Entry> entries) {
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(false).output(calendar(calendarName, ownZone, entries), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  static Calendar calendar(String calendarName, ZoneId ownZone, List<Entry> entries) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PRODID));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(ImmutableMethod.PUBLISH);
    calendar.add(new XProperty("X-WR-CALNAME", calendarName));
    calendar.add(new Name(calendarName));
    calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), REFRESH));
    calendar.add(new XProperty("X-PUBLISHED-TTL", REFRESH.toString()));

    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(Entry::uid));

    // Each zone's VTIMEZONE starts in effect at the earliest time any of its events starts.
    Map<String, Instant> zones = new TreeMap<>();
    for (Entry e : sorted) {
      zones.merge(e.schedule().zone().getId(), e.schedule().earliestStart(), IcsFeed::earlier);
    }
    if (zones.isEmpty()) {
      zones.put(ownZone.getId(), ONLY_CURRENT_RULES);
    }
    zones.forEach((zone, from) -> calendar.add(TimeZones.vtimezone(ZoneId.of(zone), from)));

    for (Entry e : sorted) {
      calendar.add(master(e));
      for (VEvent instance : instances(e)) {
        calendar.add(instance);
      }
    }
    return calendar;
  }

  /** The series' (or single event's) VEVENT: times, RRULE and EXDATEs. */
  private static VEvent master(Entry e) {
    Schedule schedule = e.schedule();
    ZoneId zone = schedule.zone();
    VEvent master = event(e, e.title());
    master.add(new DtStart<>(schedule.start().atZone(zone)));
    master.add(new DtEnd<>(schedule.end().atZone(zone)));
    if (schedule.recurring()) {
      master.add(new RRule<>(schedule.rrule()));
      if (!schedule.exdates().isEmpty()) {
        List<ZonedDateTime> exdates = new ArrayList<>();
        schedule.exdates().stream().sorted().distinct().forEach(x -> exdates.add(x.atZone(zone)));
        // ical4j adds TZID to DTSTART by itself but not to a list of dates.
        master.add(
            new ExDate<>(
                new ParameterList(List.of(new TzId(zone.getId()))), new DateList<>(exdates)));
      }
    }
    return master;
  }

  /**
   * The moved or retitled instances, by original start: the last override of an instance wins (as
   * {@link Schedule} reads them); one of a cancelled or non-existent instance is left out.
   */
  private static List<VEvent> instances(Entry e) {
    Schedule schedule = e.schedule();
    List<VEvent> out = new ArrayList<>();
    if (!schedule.recurring()) {
      return out;
    }
    ZoneId zone = schedule.zone();
    for (Occurrence o : schedule.overriddenOccurrences()) {
      VEvent instance = event(e, o.title() != null ? o.title() : e.title());
      instance.add(new RecurrenceId<>(o.originalStart().atZone(zone)));
      instance.add(new DtStart<>(o.start().atZone(zone)));
      instance.add(new DtEnd<>(o.end().atZone(zone)));
      out.add(instance);
    }
    return out;
  }

  /** What every VEVENT of one event shares; DTSTART and DTEND are the caller's. */
  private static VEvent event(Entry e, String title) {
    VEvent event = new VEvent(false);
    event.add(new DtStamp(e.changedAt() != null ? e.changedAt() : UNKNOWN_CHANGE));
    event.add(new Uid(e.uid()));
    event.add(new Sequence((int) Math.min(Integer.MAX_VALUE, e.sequence())));
    event.add(new Summary(title != null ? title : ""));
    if (e.organizer() != null) {
      Organizer organizer = new Organizer(e.organizer());
      if (e.organizerName() != null && !e.organizerName().isBlank()) {
        organizer.add(new Cn(e.organizerName()));
      }
      event.add(organizer);
    }
    return event;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
