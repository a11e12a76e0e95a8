package dev.calendar.schedule;

import dev.calendar.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When an event happens: its first occurrence [start, end), and for a series an RFC 5545 RRULE with
 * EXDATEs and per-instance overrides. Occurrences keep the local wall-clock time of {@code start}
 * in {@code zone} across DST changes; a local time that falls in a DST gap moves forward by the
 * gap's length and one in an overlap takes the earlier offset (RFC 5545 section 3.3.5). The series
 * is never materialized: occurrences are computed for the window asked.
 *
 * @param rrule null for a single event; otherwise a valid rule (see {@link #validate})
 * @param exdates original starts of cancelled instances
 * @param overrides moved or retitled instances
 */
public record Schedule(
    Instant start,
    Instant end,
    ZoneId zone,
    String rrule,
    List<Instant> exdates,
    List<OccurrenceOverride> overrides)
    implements CborSerializable {

  /**
   * A new unbounded series is checked for conflicts this far ahead of its start, and may have at
   * most {@link #MAX_OCCURRENCES} instances in that span. Existing series are expanded over any
   * window asked, however far from their start.
   */
  public static final Duration HORIZON = Duration.ofDays(366);

  /** An event, or one occurrence of a series, can last at most this long. */
  public static final Duration MAX_DURATION = Duration.ofDays(31);

  /**
   * A series may have at most this many instances: in all when it has COUNT or UNTIL, within {@link
   * #HORIZON} when it is open-ended (FREQ=MINUTELY without COUNT is refused, say).
   */
  public static final int MAX_OCCURRENCES = 10_000;

  /** The most instances any one pass over a rule walks to find its end (see {@link #lastEnd}). */
  static final int LONGEST_EXPANSION = 10 * MAX_OCCURRENCES;

  public static Schedule single(Instant start, Instant end, ZoneId zone) {
    return new Schedule(start, end, zone, null, List.of(), List.of());
  }

  public Schedule {
    exdates = List.copyOf(exdates);
    overrides = List.copyOf(overrides);
  }

  /** The same series with these EXDATEs and overrides. */
  public Schedule withChanges(List<Instant> exdates, List<OccurrenceOverride> overrides) {
    return new Schedule(start, end, zone, rrule, exdates, overrides);
  }

  public boolean recurring() {
    return rrule != null;
  }

  public Duration duration() {
    return Duration.between(start, end);
  }

  /**
   * Parses and checks a rule for use with a first occurrence at {@code start} in {@code zone}
   * lasting {@code duration}: accepts a leading "RRULE:", rejects syntax errors and unknown parts,
   * a series with more than {@link #MAX_OCCURRENCES} instances in all (bounded) or within {@link
   * #HORIZON} (unbounded), one that runs past {@link TimeRange#LAST_YEAR}, and one whose
   * occurrences would overlap each other. Returns the normalized rule text. The work is bounded by
   * {@link #MAX_OCCURRENCES} instances, whatever COUNT or UNTIL say.
   */
  public static String validate(String rrule, Instant start, Duration duration, ZoneId zone) {
    var rule = RuleExpander.parse(rrule);
    String normalized = rule.toString();
    Integer count = rule.getCount();
    if (count != null && count > MAX_OCCURRENCES) {
      throw new InvalidRecurrence(
          "COUNT may be at most " + MAX_OCCURRENCES + " (an open-ended rule has no COUNT)");
    }
    RuleExpander.Instances instances = RuleExpander.instances(normalized, start, zone);
    boolean bounded = !instances.unbounded();
    Instant limit = bounded ? TimeRange.END : start.plus(HORIZON);
    int seen = 0;
    Instant previous = null;
    while (instances.hasNext()) {
      Instant s = instances.next();
      if (s.isAfter(limit)) {
        if (bounded) {
          throw new InvalidRecurrence(
              "the series runs past the year "
                  + TimeRange.LAST_YEAR
                  + "; end it earlier with UNTIL or COUNT");
        }
        break;
      }
      if (++seen > MAX_OCCURRENCES) {
        throw new InvalidRecurrence(
            "recurrence rule '"
                + normalized
                + "' has more than "
                + MAX_OCCURRENCES
                + " occurrences"
                + (bounded ? "" : " within " + HORIZON.toDays() + " days of the start"));
      }
      if (previous != null && s.isBefore(previous.plus(duration))) {
        throw new InvalidRecurrence(
            "occurrences of this series would overlap each other: the one at "
                + previous
                + " lasts "
                + duration
                + " but the next starts at "
                + s);
      }
      previous = s;
    }
    if (instances.failure() != null) {
      throw new InvalidRecurrence(
          "recurrence rule '"
              + normalized
              + "' cannot be expanded: it matches no date for too long ("
              + instances.failure()
              + "); check for impossible dates such as BYMONTH=2;BYMONTHDAY=30");
    }
    return normalized;
  }

  /**
   * A cursor over this schedule's occurrences for a forward sweep, paying its work from {@code
   * budget}.
   */
  public OccurrenceCursor cursor(CheckBudget budget) {
    return new OccurrenceCursor(this, budget);
  }

  /** Every occurrence overlapping [from, to), sorted by start, after EXDATEs and overrides. */
  public List<Occurrence> occurrences(Instant from, Instant to) {
    if (!from.isBefore(to)) {
      return List.of();
    }
    Duration duration = duration();
    Instant earliest = from.minus(duration); // an original start must be after this to overlap
    RuleExpander.Instances instances = instances();
    Set<Instant> cancelled = cancelled();
    Map<Instant, OccurrenceOverride> changed = changed();
    List<Occurrence> out = new ArrayList<>();
    instances.skipTo(earliest);
    while (instances.hasNext()) {
      Instant s = instances.next();
      if (!s.isBefore(to)) {
        break;
      }
      if (!s.isAfter(earliest) || cancelled.contains(s)) {
        continue;
      }
      Occurrence occurrence = occurrence(s, duration, changed.get(s));
      if (overlaps(occurrence, from, to)) {
        out.add(occurrence);
      }
    }
    // instances moved into the window from outside it
    List<OccurrenceOverride> movedIn = new ArrayList<>();
    for (OccurrenceOverride o : changed.values()) {
      Instant s = o.originalStart();
      boolean seen = s.isAfter(earliest) && s.isBefore(to);
      if (!seen && !cancelled.contains(s) && overlaps(occurrence(s, duration, o), from, to)) {
        movedIn.add(o);
      }
    }
    for (OccurrenceOverride o : existing(movedIn)) {
      out.add(occurrence(o.originalStart(), duration, o));
    }
    if (!changed.isEmpty()) {
      out.sort(BY_START); // a moved instance can be anywhere
    }
    return out;
  }

  /**
   * The end of the last occurrence, or empty when the series is unbounded. A bounded series with
   * more than {@link #LONGEST_EXPANSION} instances (possible only in data stored before {@link
   * #validate} limited them) counts as unbounded here, so this never walks a rule's whole COUNT.
   */
  public Optional<Instant> lastEnd() {
    if (rrule == null) {
      return Optional.of(lastEndOfSingle());
    }
    RuleExpander.Instances instances = instances();
    if (instances.unbounded()) {
      return Optional.empty();
    }
    Duration duration = duration();
    if (exdates.isEmpty() && overrides.isEmpty()) {
      return Optional.ofNullable(instances.lastStart(LONGEST_EXPANSION)).map(s -> s.plus(duration));
    }
    Set<Instant> cancelled = cancelled();
    Map<Instant, OccurrenceOverride> changed = changed();
    Instant last = null;
    int seen = 0;
    while (instances.hasNext()) {
      if (++seen > LONGEST_EXPANSION) {
        return Optional.empty();
      }
      Instant s = instances.next();
      if (!cancelled.contains(s)) {
        Instant e = occurrence(s, duration, changed.get(s)).end();
        if (last == null || e.isAfter(last)) {
          last = e;
        }
      }
    }
    return Optional.of(last != null ? last : end);
  }

  /** Whether the rule (before EXDATEs) produces an instance starting at {@code originalStart}. */
  public boolean hasInstanceAt(Instant originalStart) {
    if (originalStart.equals(start)) {
      return true;
    }
    if (rrule == null || originalStart.isBefore(start)) {
      return false;
    }
    RuleExpander.Instances instances = instances();
    instances.skipTo(originalStart);
    return originalStart.equals(instances.peek());
  }

  /** The span in which this schedule can conflict: first start to last end, or HORIZON ahead. */
  public Interval checkedSpan() {
    Duration duration = duration();
    List<OccurrenceOverride> valid = existing(activeOverrides());
    Instant first = start;
    for (OccurrenceOverride o : valid) {
      Instant s = occurrence(o.originalStart(), duration, o).start();
      if (s.isBefore(first)) {
        first = s;
      }
    }
    Instant last = lastEnd().orElse(null);
    if (last == null) {
      last = start.plus(HORIZON).plus(duration);
      for (OccurrenceOverride o : valid) {
        Instant e = occurrence(o.originalStart(), duration, o).end();
        if (e.isAfter(last)) {
          last = e;
        }
      }
    }
    if (!last.isAfter(first)) {
      last = first.plusNanos(1); // a zero-length event still has a (minimal) span
    }
    return new Interval(first, last);
  }

  private static final Comparator<Occurrence> BY_START =
      Comparator.comparing(Occurrence::start).thenComparing(Occurrence::originalStart);

  private RuleExpander.Instances instances() {
    return RuleExpander.instances(rrule, start, zone);
  }

  /**
   * Where this schedule has occurrences at all: from its first start to its last end, or on without
   * end for an unbounded series (which keeps blocking time long after its first year).
   */
  public Interval extent() {
    if (lastEnd().isPresent()) {
      return checkedSpan();
    }
    return new Interval(checkedSpan().start(), FOREVER);
  }

  private static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");

  private Instant lastEndOfSingle() {
    if (cancelled().contains(start)) {
      return end;
    }
    return occurrence(start, duration(), changed().get(start)).end();
  }

  Set<Instant> cancelled() {
    return exdates.isEmpty() ? Set.of() : new HashSet<>(exdates);
  }

  /** Overrides by original start (the last one wins if there are several). */
  private Map<Instant, OccurrenceOverride> changed() {
    if (overrides.isEmpty()) {
      return Map.of();
    }
    Map<Instant, OccurrenceOverride> map = new HashMap<>();
    for (OccurrenceOverride o : overrides) {
      map.put(o.originalStart(), o);
    }
    return map;
  }

  /** The earliest start of any instance: a moved instance can start before the series does. */
  public Instant earliestStart() {
    Instant earliest = start;
    for (OccurrenceOverride o : overrides) {
      if (o.start() != null && o.start().isBefore(earliest)) {
        earliest = o.start();
      }
    }
    return earliest;
  }

  /**
   * The instances changed by an override (and not cancelled), where they are now, by original
   * start; the last override of an instance wins. Title null: not retitled.
   */
  public List<Occurrence> overriddenOccurrences() {
    Duration duration = duration();
    List<Occurrence> out = new ArrayList<>();
    for (OccurrenceOverride o : existing(activeOverrides())) {
      out.add(occurrence(o.originalStart(), duration, o));
    }
    return out;
  }

  /** Overrides of instances that are not cancelled. */
  private List<OccurrenceOverride> activeOverrides() {
    if (overrides.isEmpty()) {
      return List.of();
    }
    Set<Instant> cancelled = cancelled();
    List<OccurrenceOverride> out = new ArrayList<>();
    for (OccurrenceOverride o : changed().values()) {
      if (!cancelled.contains(o.originalStart())) {
        out.add(o);
      }
    }
    return out;
  }

  /** Those of {@code candidates} whose original start is an instance: one pass of the rule. */
  private List<OccurrenceOverride> existing(List<OccurrenceOverride> candidates) {
    if (candidates.isEmpty()) {
      return candidates;
    }
    List<OccurrenceOverride> sorted = new ArrayList<>(candidates);
    sorted.sort(Comparator.comparing(OccurrenceOverride::originalStart));
    RuleExpander.Instances instances = instances();
    List<OccurrenceOverride> out = new ArrayList<>();
    for (OccurrenceOverride o : sorted) {
      Instant s = o.originalStart();
      if (s.isBefore(start)) {
        continue;
      }
      instances.skipTo(s);
      if (s.equals(instances.peek())) {
        out.add(o);
      }
    }
    return out;
  }

  /** The instance at original start {@code s}, moved and/or retitled by {@code o} if not null. */
  private static Occurrence occurrence(Instant s, Duration duration, OccurrenceOverride o) {
    if (o == null) {
      return new Occurrence(s, s, s.plus(duration), null);
    }
    Instant newStart = o.start() != null ? o.start() : s;
    Instant newEnd = o.end() != null ? o.end() : newStart.plus(duration);
    return new Occurrence(s, newStart, newEnd, o.title());
  }

  private static boolean overlaps(Occurrence o, Instant from, Instant to) {
    return o.start().isBefore(to) && o.end().isAfter(from);
  }
}
