package dev.calendar.devservers.fakeapi;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * Expands an RRULE into local start times with lib-recur, bounded as the providers bound stored
 * series: COUNT or UNTIL, else two years from the start, and never more than 730 instances.
 *
 * <p>The rule runs in floating (wall-clock) time from the local start so that a 09:00 series stays
 * at 09:00 across DST; callers turn each local time into an instant in the event's zone. A UTC
 * UNTIL is turned into local time first, since lib-recur refuses it with a floating start.
 */
public final class Recurrences {
  public static final int MAX_INSTANCES = 730;

  private Recurrences() {}

  /** The rule text is not a valid RRULE. */
  public static final class InvalidRule extends RuntimeException {
    InvalidRule(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Local start times of the series, in order.
   *
   * @param rrule the rule, with or without the {@code RRULE:} prefix
   * @param start the local start (midnight for a date-only series)
   * @param allDay whether the series is of dates rather than date-times
   * @param zone the zone a UTC UNTIL is read in
   * @param startIsFirst Google and RFC 5545 always count the start as the first instance even when
   *     the rule does not match it; Microsoft's patterns start at the first matching day instead
   */
  public static List<LocalDateTime> expand(
      String rrule, LocalDateTime start, boolean allDay, ZoneId zone, boolean startIsFirst) {
    String text = rrule.strip();
    if (text.regionMatches(true, 0, "RRULE:", 0, 6)) {
      text = text.substring(6);
    }
    RecurrenceRule rule;
    try {
      rule = new RecurrenceRule(text, RecurrenceRule.RfcMode.RFC5545_LAX);
    } catch (InvalidRecurrenceRuleException | RuntimeException e) {
      throw new InvalidRule("invalid recurrence rule '" + rrule + "': " + e.getMessage());
    }
    Integer count = rule.getCount();
    boolean bounded = count != null || rule.getUntil() != null;
    floatUntil(rule, allDay, zone);
    LocalDateTime horizon = start.plusYears(2);
    List<LocalDateTime> out = new ArrayList<>();
    try {
      RecurrenceRuleIterator it = rule.iterator(floating(start, allDay));
      while (it.hasNext() && out.size() <= MAX_INSTANCES) {
        long millis = it.nextMillis();
        LocalDateTime local =
            LocalDateTime.ofEpochSecond(
                Math.floorDiv(millis, 1000), start.getNano(), ZoneOffset.UTC);
        if (!bounded && local.isAfter(horizon)) {
          break;
        }
        out.add(local);
      }
    } catch (IllegalArgumentException e) {
      // lib-recur gives up on rules matching nothing for thousands of periods: no more instances
    }
    if (startIsFirst && (out.isEmpty() || !out.get(0).equals(start))) {
      out.add(0, start);
      if (count != null && out.size() > count) {
        out.remove(out.size() - 1);
      }
    }
    return out.size() > MAX_INSTANCES ? out.subList(0, MAX_INSTANCES) : out;
  }

  private static void floatUntil(RecurrenceRule rule, boolean allDay, ZoneId zone) {
    DateTime until = rule.getUntil();
    if (until == null) {
      return;
    }
    if (allDay) {
      rule.setUntil(new DateTime(until.getYear(), until.getMonth(), until.getDayOfMonth()));
    } else if (until.isAllDay()) {
      rule.setUntil(
          new DateTime(until.getYear(), until.getMonth(), until.getDayOfMonth(), 23, 59, 59));
    } else if (!until.isFloating()) {
      LocalDateTime local =
          LocalDateTime.ofInstant(Instant.ofEpochMilli(until.getTimestamp()), zone);
      rule.setUntil(floating(local, false));
    }
  }

  private static DateTime floating(LocalDateTime t, boolean allDay) {
    return allDay
        ? new DateTime(t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth())
        : new DateTime(
            t.getYear(),
            t.getMonthValue() - 1,
            t.getDayOfMonth(),
            t.getHour(),
            t.getMinute(),
            t.getSecond());
  }
}
