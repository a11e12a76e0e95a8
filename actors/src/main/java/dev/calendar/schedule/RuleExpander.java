package dev.calendar.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashSet;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Set;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * The bridge to lib-recur: parses RRULE text strictly, and expands a rule in floating (local) time
 * from the local wall-clock time of a schedule's start, turning each local date-time into an
 * instant with the RFC 5545 gap/overlap rule.
 *
 * <p>What lib-recur does not do on its own, and is done here:
 *
 * <ul>
 *   <li>DTSTART is always the first instance, even when it does not match the rule; lib-recur's
 *       iterator leaves such a start out, and its COUNT counts only matching instances, so the rule
 *       is re-run with COUNT-1 (RFC 5545: DTSTART counts as the first occurrence).
 *   <li>A UTC UNTIL cannot be used with a floating start in lib-recur; it is turned into local time
 *       in the zone (inclusive; in the second half of a DST overlap with slack, the exact instant
 *       check being done here); a date-only UNTIL becomes 23:59:59 local of that date (inclusive);
 *       a floating UNTIL is taken as local time in the zone.
 *   <li>Two local times that map to the same instant (a DST gap moves 02:30 onto 03:30) give one
 *       instance ("only one recurrence is considered").
 *   <li>lib-recur gives up (IllegalArgumentException) on rules that match nothing for thousands of
 *       consecutive periods (e.g. 30 February); that ends the expansion here and is remembered, so
 *       that validation can refuse such a rule.
 * </ul>
 *
 * <p>Instances are not thread-safe (nor is lib-recur's RecurrenceRule): one per expansion.
 */
final class RuleExpander {
  private RuleExpander() {}

  /** The RFC 5545 rule parts (no RFC 7529 RSCALE/SKIP, no X- parts). */
  private static final Set<String> PARTS =
      Set.of(
          "FREQ",
          "UNTIL",
          "COUNT",
          "INTERVAL",
          "BYSECOND",
          "BYMINUTE",
          "BYHOUR",
          "BYDAY",
          "BYMONTHDAY",
          "BYYEARDAY",
          "BYWEEKNO",
          "BYMONTH",
          "BYSETPOS",
          "WKST");

  /**
   * Parses rule text (optionally prefixed "RRULE:") in lib-recur's strict RFC 5545 mode, with the
   * checks lib-recur leaves out (repeated parts) and friendlier messages for the common mistakes.
   */
  static RecurrenceRule parse(String text) {
    if (text == null) {
      throw new InvalidRecurrence("recurrence rule is missing");
    }
    String rule = text.strip();
    if (rule.regionMatches(true, 0, "RRULE:", 0, 6)) {
      rule = rule.substring(6).strip();
    }
    if (rule.isEmpty()) {
      throw new InvalidRecurrence("recurrence rule is empty");
    }
    Set<String> seen = new HashSet<>();
    for (String part : rule.split(";", -1)) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new InvalidRecurrence(
            "recurrence rule part '" + part + "' is not of the form NAME=VALUE");
      }
      String name = part.substring(0, eq).strip().toUpperCase(Locale.ROOT);
      String value = part.substring(eq + 1).strip();
      if (!PARTS.contains(name)) {
        throw new InvalidRecurrence(
            "unknown or unsupported recurrence rule part "
                + name
                + " (supported: "
                + order()
                + ")");
      }
      if (!seen.add(name)) {
        throw new InvalidRecurrence("recurrence rule part " + name + " appears more than once");
      }
      if (name.equals("COUNT")) {
        long count;
        try {
          count = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new InvalidRecurrence("COUNT must be a positive integer, not '" + value + "'");
        }
        if (count < 1) {
          throw new InvalidRecurrence("COUNT must be at least 1, not " + value);
        }
      }
    }
    if (!seen.contains("FREQ")) {
      throw new InvalidRecurrence("recurrence rule has no FREQ part");
    }
    if (seen.contains("COUNT") && seen.contains("UNTIL")) {
      throw new InvalidRecurrence("recurrence rule must not have both COUNT and UNTIL");
    }
    try {
      return new RecurrenceRule(rule, RecurrenceRule.RfcMode.RFC5545_STRICT);
    } catch (InvalidRecurrenceRuleException | RuntimeException e) {
      throw new InvalidRecurrence("invalid recurrence rule '" + rule + "': " + e.getMessage());
    }
  }

  private static String order() {
    return "FREQ, UNTIL, COUNT, INTERVAL, BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY,"
        + " BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS, WKST";
  }

  /** The instance starts of a schedule: just {@code start} when {@code rrule} is null. */
  static Instances instances(String rrule, Instant start, ZoneId zone) {
    return new Instances(rrule == null ? null : parse(rrule), start, zone);
  }

  /**
   * Instance starts in increasing order, the first one always {@code start}. Peekable, and able to
   * skip ahead with lib-recur's fast-forward.
   */
  static final class Instances {
    private final Instant start;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final int startNano;
    private final boolean unbounded;
    private final Integer count;

    /** Null, or a UTC UNTIL for which lib-recur was given slack: later instances are dropped. */
    private final Instant untilInstant;

    private RecurrenceRuleIterator iterator;
    private boolean startPending = true;
    private Instant last;
    private Instant peeked;
    private String failure;

    private Instances(RecurrenceRule rule, Instant start, ZoneId zone) {
      this.start = start;
      this.zone = zone;
      this.rules = zone.getRules();
      LocalDateTime startLocal = LocalDateTime.ofInstant(start, zone);
      this.startNano = startLocal.getNano();
      this.last = start;
      if (rule == null) {
        this.unbounded = false;
        this.count = null;
        this.untilInstant = null;
        return;
      }
      this.unbounded = rule.isInfinite();
      this.count = rule.getCount();
      this.untilInstant = adjustUntil(rule, zone);
      DateTime dtstart = floating(startLocal);
      try {
        RecurrenceRuleIterator it = rule.iterator(dtstart);
        Integer count = rule.getCount();
        long dtstartMillis = startLocal.withNano(0).toEpochSecond(ZoneOffset.UTC) * 1000;
        if (count != null && it.hasNext() && it.peekMillis() != dtstartMillis) {
          // DTSTART does not match the rule but is an instance and counts as the first one.
          if (count == 1) {
            it = null;
          } else {
            rule.setCount(count - 1);
            it = rule.iterator(dtstart);
          }
        }
        this.iterator = it;
      } catch (IllegalArgumentException e) {
        fail(e);
      }
    }

    /**
     * Makes UNTIL floating (local in the zone). Returns the exact UTC limit when lib-recur was
     * given slack: a UTC UNTIL in the second half of a DST overlap is earlier in local time than
     * instances (at the earlier offset) that are still before it.
     */
    private static Instant adjustUntil(RecurrenceRule rule, ZoneId zone) {
      DateTime until = rule.getUntil();
      if (until == null || (until.isFloating() && !until.isAllDay())) {
        return null;
      }
      if (until.isAllDay()) {
        rule.setUntil(
            new DateTime(until.getYear(), until.getMonth(), until.getDayOfMonth(), 23, 59, 59));
        return null;
      }
      Instant exact = Instant.ofEpochMilli(until.getTimestamp());
      LocalDateTime local = LocalDateTime.ofInstant(exact, zone);
      ZoneRules rules = zone.getRules();
      ZoneOffsetTransition overlap = rules.getTransition(local);
      if (overlap != null
          && overlap.isOverlap()
          && rules.getOffset(exact).equals(overlap.getOffsetAfter())) {
        rule.setUntil(floating(local.plus(overlap.getDuration().abs()).plusSeconds(1)));
        return exact;
      }
      rule.setUntil(floating(local));
      return null;
    }

    private static DateTime floating(LocalDateTime t) {
      return new DateTime(
          t.getYear(),
          t.getMonthValue() - 1,
          t.getDayOfMonth(),
          t.getHour(),
          t.getMinute(),
          t.getSecond());
    }

    /** Whether the rule has neither COUNT nor UNTIL. */
    boolean unbounded() {
      return unbounded;
    }

    /** Why lib-recur stopped early, or null. */
    String failure() {
      return failure;
    }

    boolean hasNext() {
      return peek() != null;
    }

    /** The next instance start without consuming it, or null when there are no more. */
    Instant peek() {
      if (peeked == null) {
        peeked = compute();
      }
      return peeked;
    }

    Instant next() {
      Instant p = peek();
      if (p == null) {
        throw new NoSuchElementException();
      }
      peeked = null;
      return p;
    }

    /** Skips every instance starting before {@code t}. */
    void skipTo(Instant t) {
      if (peeked != null) {
        if (!peeked.isBefore(t)) {
          return;
        }
        peeked = null;
      }
      if (startPending) {
        if (!start.isBefore(t)) {
          return;
        }
        startPending = false;
      }
      if (iterator != null) {
        // The earliest local time whose instant can be at or after t: a local time in a DST gap
        // before t maps forward by the gap, so use the smaller of the offsets around t.
        ZoneOffset now = rules.getOffset(t);
        ZoneOffset before = rules.getOffset(t.minus(1, ChronoUnit.DAYS));
        ZoneOffset offset = now.getTotalSeconds() <= before.getTotalSeconds() ? now : before;
        LocalDateTime local = LocalDateTime.ofInstant(t, offset).minusSeconds(1);
        try {
          iterator.fastForward(local.toEpochSecond(ZoneOffset.UTC) * 1000);
        } catch (IllegalArgumentException e) {
          fail(e);
        }
      }
      while (peek() != null && peeked.isBefore(t)) {
        peeked = null;
      }
    }

    /**
     * The last instance start, or null when the rule has more than {@code limit} instances; only
     * for a bounded rule, on a fresh expansion.
     */
    Instant lastStart(int limit) {
      if (unbounded) {
        throw new IllegalStateException("unbounded rule has no last instance");
      }
      Instant result = next(); // DTSTART
      // lib-recur skips to the last instance faster than iterating, but walks the whole COUNT;
      // with slack in UNTIL (rare) the last lib-recur instance may be too late: iterate them all
      if (iterator != null && count != null && count <= limit && untilInstant == null) {
        try {
          if (iterator.hasNext()) {
            iterator.skipAllButLast();
          }
        } catch (IllegalArgumentException e) {
          fail(e);
        }
      }
      int seen = 1;
      while (hasNext()) {
        if (++seen > limit) {
          return null;
        }
        result = next();
      }
      return result;
    }

    private Instant compute() {
      if (startPending) {
        startPending = false;
        last = start;
        return start;
      }
      while (iterator != null && iterator.hasNext()) {
        long millis;
        try {
          millis = iterator.nextMillis();
        } catch (IllegalArgumentException e) {
          fail(e);
          break;
        }
        LocalDateTime local =
            LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), startNano, ZoneOffset.UTC);
        Instant instant = ZonedDateTime.ofLocal(local, zone, null).toInstant();
        if (untilInstant != null && instant.isAfter(untilInstant)) {
          iterator = null;
          break;
        }
        if (instant.isAfter(last)) {
          last = instant;
          return instant;
        }
        // the same instant again (DST gap), or DTSTART itself: skip
      }
      iterator = null;
      return null;
    }

    private void fail(IllegalArgumentException e) {
      failure = e.getMessage();
      iterator = null;
    }
  }
}
