package dev.calendar.schedule;

import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** A half-open time interval [start, end), start strictly before end. */
public record Interval(Instant start, Instant end) implements CborSerializable {
  public Interval {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("interval start must be before end: " + start + " " + end);
    }
  }

  public boolean overlaps(Interval other) {
    return start.isBefore(other.end) && other.start.isBefore(end);
  }

  /** Sorted by start, overlapping or touching intervals coalesced. */
  public static List<Interval> merge(List<Interval> intervals) {
    if (intervals.isEmpty()) {
      return List.of();
    }
    List<Interval> sorted = intervals;
    if (!sortedByStart(intervals)) {
      sorted = new ArrayList<>(intervals);
      sorted.sort(Comparator.comparing(Interval::start));
    }
    // Sized for the most it can hold: growing it copied more than the merging did.
    List<Interval> out = new ArrayList<>(sorted.size());
    Interval current = sorted.get(0);
    for (int i = 1; i < sorted.size(); i++) {
      Interval next = sorted.get(i);
      if (next.start.isAfter(current.end)) {
        out.add(current);
        current = next;
      } else if (next.end.isAfter(current.end)) {
        current = new Interval(current.start, next.end);
      }
    }
    out.add(current);
    return Collections.unmodifiableList(out);
  }

  /** Whether every interval starts at or after the one before (what a merge leaves). */
  private static boolean sortedByStart(List<Interval> intervals) {
    for (int i = 1; i < intervals.size(); i++) {
      if (intervals.get(i).start.isBefore(intervals.get(i - 1).start)) {
        return false;
      }
    }
    return true;
  }

  /** {@code from} minus {@code minus}; both inputs any order, result merged and sorted. */
  public static List<Interval> subtract(List<Interval> from, List<Interval> minus) {
    List<Interval> a = merge(from);
    List<Interval> b = merge(minus);
    if (b.isEmpty()) {
      return a;
    }
    List<Interval> out = new ArrayList<>(a.size() + b.size());
    int j = 0; // every b before j ends at or before the start of the current a
    for (Interval x : a) {
      while (j < b.size() && !b.get(j).end.isAfter(x.start)) {
        j++;
      }
      Instant cur = x.start;
      for (int k = j; k < b.size() && cur.isBefore(x.end); k++) {
        Interval y = b.get(k);
        if (!y.start.isBefore(x.end)) {
          break;
        }
        if (y.start.isAfter(cur)) {
          out.add(new Interval(cur, y.start));
        }
        if (y.end.isAfter(cur)) {
          cur = y.end;
        }
      }
      if (cur.isBefore(x.end)) {
        out.add(new Interval(cur, x.end));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The parts of merged {@code intervals} that lie inside {@code window}. */
  public static List<Interval> clip(List<Interval> intervals, Interval window) {
    List<Interval> merged = merge(intervals);
    List<Interval> out = new ArrayList<>(merged.size());
    for (Interval x : merged) {
      Instant s = x.start.isAfter(window.start) ? x.start : window.start;
      Instant e = x.end.isBefore(window.end) ? x.end : window.end;
      if (s.isBefore(e)) {
        out.add(s == x.start && e == x.end ? x : new Interval(s, e));
      }
    }
    return Collections.unmodifiableList(out);
  }
}
