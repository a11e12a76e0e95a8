package dev.calendar.external;

import dev.calendar.external.IcsTree.Component;
import dev.calendar.external.IcsTree.Property;
import dev.calendar.schedule.InvalidRecurrence;
import dev.calendar.schedule.Schedule;
import dev.calendar.schedule.TimeRange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** One VEVENT as busy time: its key, when it is busy, and its rule and exceptions as written. */
final class IcsEvent {

  /** Why an event is not busy; see {@link IcsImport}. */
  enum Idle {
    CANCELLED,
    TRANSPARENT,
    NO_TIME,
    OUT_OF_RANGE,
    TOO_LONG
  }

  /** A value of an EXDATE or RDATE with the line it is on. */
  record Dated(IcsTime time, int line) {}

  final int line;
  final String uid;
  final IcsTime recurrenceId;
  final IcsTime start;
  final Instant end;
  final Property rrule;
  final List<Dated> exdates;
  final List<Dated> rdates;
  final Idle idle;

  private IcsEvent(
      Component c,
      String uid,
      IcsTime recurrenceId,
      IcsTime start,
      Instant end,
      List<Dated> exdates,
      List<Dated> rdates) {
    this.line = c.line();
    this.uid = uid;
    this.recurrenceId = recurrenceId;
    this.start = start;
    this.end = end;
    this.rrule = c.first("RRULE");
    this.exdates = exdates;
    this.rdates = rdates;
    this.idle = idle(c, start.instant(), end);
  }

  boolean busy() {
    return idle == null;
  }

  /** The zone its series is expanded in: its TZID's, UTC, or the user's (dates, floating). */
  ZoneId zone() {
    return start.zone();
  }

  static IcsEvent read(Component c, IcsValues.Zones zones) {
    List<Property> rrules = c.all("RRULE");
    if (rrules.size() > 1) {
      throw new IcsProblem(rrules.get(1).line(), "a VEVENT may have one RRULE only");
    }
    Property dtstart = c.first("DTSTART");
    if (dtstart == null) {
      throw new IcsProblem(c.line(), "VEVENT has no DTSTART");
    }
    IcsTime start = IcsValues.time(dtstart, zones);
    Property rid = c.first("RECURRENCE-ID");
    IcsTime recurrenceId = rid == null ? null : IcsValues.time(rid, zones);
    Instant end = end(c, start, zones, !rrules.isEmpty());
    return new IcsEvent(
        c, uid(c), recurrenceId, start, end, dated(c, "EXDATE", zones), dated(c, "RDATE", zones));
  }

  /**
   * DTEND, else DTSTART plus DURATION, else a day for a date and no time at all for a date-time
   * (RFC 5545 section 3.6.1). A date stands for the user's local midnight, so a one-day event
   * blocks that local day. In a series every occurrence lasts as long as the first one (see {@link
   * Schedule}), so an all-day series lasts whole 24-hour days, not the first day's 23 or 25 hours.
   */
  private static Instant end(Component c, IcsTime start, IcsValues.Zones zones, boolean series) {
    Property dtend = c.first("DTEND");
    Property duration = c.first("DURATION");
    // DTEND wins when a file has both
    Property used = dtend != null ? dtend : duration != null ? duration : c.first("DTSTART");
    LocalDateTime local;
    Instant end;
    try {
      if (dtend != null) {
        IcsTime e = IcsValues.time(dtend, zones);
        if (e.date() != start.date()) {
          throw new IcsProblem(
              dtend.line(), "DTEND must be a " + (start.date() ? "DATE" : "DATE-TIME") + " too");
        }
        local = e.local();
        end = e.instant();
        if (start.date() && local.isEqual(start.local())) {
          local = start.local().plusDays(1); // DTEND = DTSTART is one day for some writers
          end = local.atZone(start.zone()).toInstant();
        }
      } else if (duration != null) {
        IcsValues.Length length = IcsValues.length(duration);
        var zoned = length.after(start.local().atZone(start.zone()));
        local = zoned.toLocalDateTime();
        end = zoned.toInstant();
      } else {
        local = start.date() ? start.local().plusDays(1) : start.local();
        end = local.atZone(start.zone()).toInstant();
      }
    } catch (DateTimeException | ArithmeticException e) {
      throw new IcsProblem(used.line(), used.name() + " is beyond any date");
    }
    if (end.isBefore(start.instant())) {
      throw new IcsProblem(used.line(), "the event ends before it starts");
    }
    if (start.date() && series) {
      return start.instant().plus(Duration.between(start.local(), local));
    }
    return end;
  }

  private static Idle idle(Component c, Instant start, Instant end) {
    if ("CANCELLED".equalsIgnoreCase(strip(c.value("STATUS")))) {
      return Idle.CANCELLED;
    }
    if ("TRANSPARENT".equalsIgnoreCase(strip(c.value("TRANSP")))) {
      return Idle.TRANSPARENT;
    }
    if (!end.isAfter(start)) {
      return Idle.NO_TIME;
    }
    if (!TimeRange.contains(start) || end.isAfter(TimeRange.END)) {
      return Idle.OUT_OF_RANGE;
    }
    if (Duration.between(start, end).compareTo(IcsImport.LONGEST) > 0) {
      return Idle.TOO_LONG;
    }
    return null;
  }

  private static String strip(String s) {
    return s == null ? null : s.strip();
  }

  private static List<Dated> dated(Component c, String name, IcsValues.Zones zones) {
    List<Dated> out = new ArrayList<>();
    for (Property p : c.all(name)) {
      for (IcsTime t : IcsValues.times(p, zones)) {
        out.add(new Dated(t, p.line()));
      }
    }
    return out;
  }

  /**
   * The schedule of this event as a single event or series, its rule checked as the service checks
   * its own; without EXDATEs and overrides.
   */
  Schedule schedule() {
    String rule = null;
    if (rrule != null) {
      try {
        rule = Schedule.validate(rrule.value(), start.instant(), duration(), zone());
      } catch (InvalidRecurrence e) {
        throw new IcsProblem(rrule.line(), e.getMessage());
      }
    }
    return new Schedule(start.instant(), end, zone(), rule, List.of(), List.of());
  }

  Duration duration() {
    return Duration.between(start.instant(), end);
  }

  /**
   * The original start an EXDATE or RECURRENCE-ID value names in this series: a date in a series of
   * date-times names the instance on that day (some writers do that), and a floating time is local
   * to the series' zone.
   */
  Instant originalStart(IcsTime t) {
    if (t.date() && !start.date()) {
      return t.local().toLocalDate().atTime(start.local().toLocalTime()).atZone(zone()).toInstant();
    }
    if (t.floating()) {
      return t.local().atZone(zone()).toInstant();
    }
    return t.instant();
  }

  /**
   * The UID, or for a VEVENT without one a key from its content without DTSTAMP, which changes with
   * every export: the same event gets the same key each time the file is imported.
   */
  private static String uid(Component c) {
    String uid = c.value("UID");
    if (uid != null && !uid.isBlank()) {
      return uid.strip();
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    StringBuilder content = new StringBuilder();
    for (Property p : c.properties()) {
      if (p.name().equals("DTSTAMP") || p.name().equals("UID")) {
        continue;
      }
      content.append(p.name());
      for (Map.Entry<String, String> param : p.params().entrySet()) {
        content.append(';').append(param.getKey()).append('=').append(param.getValue());
      }
      content.append(':').append(p.value()).append('\n');
    }
    byte[] digest = sha.digest(content.toString().getBytes(StandardCharsets.UTF_8));
    return "no-uid-" + HexFormat.of().formatHex(digest, 0, 16);
  }
}
