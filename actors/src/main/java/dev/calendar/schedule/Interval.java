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
    List<Interval> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing(Interval::start));
    List<Interval> out = new ArrayList<>();
    Instant curStart = sorted.get(0).start;
    Instant curEnd = sorted.get(0).end;
    for (int i = 1; i < sorted.size(); i++) {
      Interval next = sorted.get(i);
      if (next.start.isAfter(curEnd)) {
        out.add(new Interval(curStart, curEnd));
        curStart = next.start;
        curEnd = next.end;
      } else if (next.end.isAfter(curEnd)) {
        curEnd = next.end;
      }
    }
    out.add(new Interval(curStart, curEnd));
    return Collections.unmodifiableList(out);
  }

  /** {@code from} minus {@code minus}; both inputs any order, result merged and sorted. */
  public static List<Interval> subtract(List<Interval> from, List<Interval> minus) {
    List<Interval> a = merge(from);
    List<Interval> b = merge(minus);
    if (b.isEmpty()) {
      return a;
    }
    List<Interval> out = new ArrayList<>();
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
    List<Interval> out = new ArrayList<>();
    for (Interval x : merge(intervals)) {
      Instant s = x.start.isAfter(window.start) ? x.start : window.start;
      Instant e = x.end.isBefore(window.end) ? x.end : window.end;
      if (s.isBefore(e)) {
        out.add(s == x.start && e == x.end ? x : new Interval(s, e));
      }
    }
    return Collections.unmodifiableList(out);
  }
}
