package dev.calendar.external;

import dev.calendar.external.IcsTree.Component;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an ICS file (RFC 5545) as external busy time: one {@link ExternalBusy} per UID, a series
 * kept as its rule with EXDATEs and moved instances. Pure: no clock, no network (TZIDs are resolved
 * from the JDK's zones and the file's own VTIMEZONEs, never by ical4j's registry).
 *
 * <p>What is not busy is left out and counted in {@link Parsed#skipped}: a VEVENT that is cancelled
 * or transparent, one that takes no time (a DATE-TIME DTSTART with neither DTEND nor DURATION), one
 * outside the years the service keeps ({@link dev.calendar.schedule.TimeRange}: an import should
 * not fail over a birthday series from 1850), one longer than {@link #LONGEST}, and one replaced by
 * a later VEVENT with the same UID (and RECURRENCE-ID). A moved instance that is not busy cancels
 * its occurrence instead (an EXDATE). What cannot be read is an {@link IcsProblem} naming its line:
 * malformed text, a bad date or DURATION, an unknown TZID, an RRULE the service refuses ({@link
 * dev.calendar.schedule.Schedule#validate}), too many events.
 */
public final class IcsImport {

  /** At most this many VEVENTs in one file. */
  public static final int MAX_EVENTS = 10_000;

  /**
   * Busy time can last at most this long, a year, where an event of the service's own can last
   * {@link dev.calendar.schedule.Schedule#MAX_DURATION}: that limit is the service's rule for
   * meetings (checked by ScheduleRules, not by Schedule itself), while a six-week vacation is
   * ordinary in another calendar. Longer spans are markers (a semester), not busy time.
   */
  public static final Duration LONGEST = Duration.ofDays(366);

  private IcsImport() {}

  /**
   * @param busy in the order of the file
   * @param skipped VEVENTs left out as not busy (see {@link IcsImport})
   */
  public record Parsed(List<ExternalBusy> busy, int skipped) {
    public Parsed {
      busy = List.copyOf(busy);
    }
  }

  /**
   * @param userZone where floating times and all-day events are: a date blocks that local day
   * @throws IcsProblem when the text cannot be imported
   */
  public static Parsed parse(String text, ZoneId userZone) {
    List<Component> calendars = IcsTree.read(text, MAX_EVENTS);
    Map<String, Component> vtimezones = new LinkedHashMap<>();
    List<String> hints = new ArrayList<>();
    List<Component> vevents = new ArrayList<>();
    for (Component calendar : calendars) {
      String hint = calendar.value("X-WR-TIMEZONE");
      if (hint != null) {
        hints.add(hint.strip());
      }
      for (Component c : calendar.components()) {
        switch (c.name()) {
          case "VTIMEZONE" -> {
            String tzid = c.value("TZID");
            if (tzid != null) {
              vtimezones.putIfAbsent(tzid.strip(), c);
            }
          }
          case "VEVENT" -> vevents.add(c);
          default -> {} // VTODO, VJOURNAL, VFREEBUSY: not events
        }
      }
    }
    IcsZones zones = new IcsZones(vtimezones, hints, userZone);
    List<IcsEvent> events = new ArrayList<>(vevents.size());
    for (Component c : vevents) {
      events.add(IcsEvent.read(c, zones));
    }
    return IcsMerge.merge(events);
  }
}
