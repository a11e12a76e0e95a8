package dev.calendar.external;

import dev.calendar.external.IcsTree.Property;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads DATE, DATE-TIME and DURATION values (RFC 5545 sections 3.3.4, 3.3.5, 3.3.6). */
final class IcsValues {
  private static final Pattern DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})");
  private static final Pattern DATE_TIME =
      Pattern.compile("(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})(Z?)");
  private static final Pattern DURATION =
      Pattern.compile(
          "([+-]?)P(?:(\\d{1,6})W)?(?:(\\d{1,6})D)?"
              + "(?:T(?:(\\d{1,7})H)?(?:(\\d{1,9})M)?(?:(\\d{1,9})S)?)?");

  private IcsValues() {}

  /** A duration: whole days (and weeks) count in local time, the rest exactly. */
  record Length(long days, long seconds) {
    ZonedDateTime after(ZonedDateTime start) {
      return start.plusDays(days).plusSeconds(seconds);
    }
  }

  /** The single value of {@code p}. */
  static IcsTime time(Property p, Zones zones) {
    if (p.value().indexOf(',') >= 0) {
      throw new IcsProblem(p.line(), p.name() + " must have a single value");
    }
    return one(p.value().strip(), p, zones);
  }

  /** The values of a list property (EXDATE, RDATE); of a PERIOD, its start. */
  static List<IcsTime> times(Property p, Zones zones) {
    List<IcsTime> out = new ArrayList<>();
    for (String v : p.value().split(",")) {
      if (!v.isBlank()) {
        int slash = v.indexOf('/');
        out.add(one((slash < 0 ? v : v.substring(0, slash)).strip(), p, zones));
      }
    }
    return out;
  }

  private static IcsTime one(String v, Property p, Zones zones) {
    String type = p.param("VALUE");
    boolean dateType = "DATE".equalsIgnoreCase(type);
    try {
      Matcher d = DATE.matcher(v);
      if (d.matches()) {
        LocalDate date = date(d);
        return new IcsTime(date.atStartOfDay(), zones.user(), true, true);
      }
      Matcher t = DATE_TIME.matcher(v);
      if (t.matches() && !dateType) {
        LocalDateTime local =
            LocalDateTime.of(date(t), LocalTime.of(num(t, 4), num(t, 5), Math.min(num(t, 6), 59)));
        if (!t.group(7).isEmpty()) {
          return new IcsTime(local, Zones.UTC, false, false);
        }
        String tzid = p.param("TZID");
        if (tzid == null) {
          return new IcsTime(local, zones.user(), false, true);
        }
        return new IcsTime(local, zones.zone(tzid, local.getYear(), p.line()), false, false);
      }
    } catch (DateTimeException e) {
      throw new IcsProblem(p.line(), p.name() + " has an invalid date or time \"" + v + "\"");
    }
    throw new IcsProblem(
        p.line(),
        p.name()
            + " value \""
            + v
            + "\" is not a "
            + (dateType ? "DATE (YYYYMMDD)" : "DATE-TIME (YYYYMMDDTHHMMSS) or DATE"));
  }

  private static LocalDate date(Matcher m) {
    return LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }

  /** A DURATION value; refuses a negative one, which no event can last. */
  static Length length(Property p) {
    String v = p.value().strip();
    Matcher m = DURATION.matcher(v);
    if (!m.matches() || v.endsWith("P") || v.endsWith("T")) {
      throw new IcsProblem(p.line(), "DURATION \"" + v + "\" is not an RFC 5545 duration");
    }
    if (m.group(1).equals("-")) {
      throw new IcsProblem(p.line(), "DURATION \"" + v + "\" is negative");
    }
    long days = 7 * count(m, 2) + count(m, 3);
    long seconds = 3600 * count(m, 4) + 60 * count(m, 5) + count(m, 6);
    return new Length(days, seconds);
  }

  private static long count(Matcher m, int group) {
    return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
  }

  /** How TZIDs become zones; see {@link IcsZones}. */
  interface Zones {
    ZoneId UTC = ZoneId.of("UTC");

    /** The user's zone: for floating times and dates. */
    ZoneId user();

    /** The IANA zone of {@code tzid} as used by a value in {@code year} on {@code line}. */
    ZoneId zone(String tzid, int year, int line);
  }
}
