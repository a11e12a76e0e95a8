package dev.calendar.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The occurrences of one schedule that overlap a sequence of windows moving forward in time, as a
 * sweep asks for them. The rule is expanded lazily and what lies between two windows is skipped
 * with lib-recur's fast-forward, so the cost follows the windows asked, never the rule's COUNT or
 * how far the windows are from the series' start. Every occurrence drawn is paid from a {@link
 * CheckBudget}.
 */
public final class OccurrenceCursor {
  private static final Comparator<Occurrence> BY_START =
      Comparator.comparing(Occurrence::start).thenComparing(Occurrence::originalStart);

  private final Duration duration;
  private final RuleExpander.Instances instances;
  private final Set<Instant> cancelled;
  private final Set<Instant> overridden;

  /** Instances moved by an override, by start (they can be anywhere, and of any length). */
  private final List<Occurrence> moved;

  private final Duration longestMoved;

  /** Drawn instances at their rule times, by start, that a later window may still overlap. */
  private final ArrayDeque<Occurrence> drawn = new ArrayDeque<>();

  private final CheckBudget budget;
  private Instant lastFrom;

  OccurrenceCursor(Schedule schedule, CheckBudget budget) {
    this.budget = budget;
    this.duration = schedule.duration();
    this.instances = RuleExpander.instances(schedule.rrule(), schedule.start(), schedule.zone());
    this.cancelled = schedule.cancelled();
    List<Occurrence> overrides = schedule.overriddenOccurrences();
    budget.spend(overrides.size());
    List<Occurrence> sorted = new ArrayList<>(overrides);
    sorted.sort(BY_START);
    this.moved = Collections.unmodifiableList(sorted);
    this.overridden = Set.copyOf(overrides.stream().map(Occurrence::originalStart).toList());
    Duration longest = Duration.ZERO;
    for (Occurrence o : moved) {
      Duration d = Duration.between(o.start(), o.end());
      if (d.compareTo(longest) > 0) {
        longest = d;
      }
    }
    this.longestMoved = longest;
  }

  /**
   * Occurrences overlapping [from, to), sorted by start. {@code from} must not be earlier than in
   * the previous call; {@code to} may be anything after {@code from}.
   */
  public List<Occurrence> overlapping(Instant from, Instant to) {
    if (lastFrom != null && from.isBefore(lastFrom)) {
      throw new IllegalArgumentException("a cursor only moves forward: " + from + " < " + lastFrom);
    }
    lastFrom = from;
    budget.spend(1);
    // Rule instances all have the same length, so they end in start order: the ones at the front
    // that end by now can overlap no later window either.
    while (!drawn.isEmpty() && !drawn.peekFirst().end().isAfter(from)) {
      drawn.pollFirst();
    }
    Instant earliest = from.minus(duration); // a start must be after this to overlap
    instances.skipTo(earliest);
    while (instances.hasNext() && instances.peek().isBefore(to)) {
      Instant s = instances.next();
      budget.spend(1);
      if (s.isAfter(earliest) && !cancelled.contains(s) && !overridden.contains(s)) {
        drawn.addLast(new Occurrence(s, s, s.plus(duration), null));
      }
    }
    List<Occurrence> out = new ArrayList<>();
    for (Occurrence o : drawn) {
      if (!o.start().isBefore(to)) {
        break;
      }
      if (o.end().isAfter(from)) {
        out.add(o);
      }
    }
    if (!moved.isEmpty()) {
      int i = firstMovedStartingAfter(from.minus(longestMoved));
      for (; i < moved.size() && moved.get(i).start().isBefore(to); i++) {
        budget.spend(1);
        Occurrence o = moved.get(i);
        if (o.end().isAfter(from)) {
          out.add(o);
        }
      }
      out.sort(BY_START);
    }
    return out;
  }

  /** Index of the first moved occurrence starting after {@code t} (binary search). */
  private int firstMovedStartingAfter(Instant t) {
    int lo = 0;
    int hi = moved.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (moved.get(mid).start().isAfter(t)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
