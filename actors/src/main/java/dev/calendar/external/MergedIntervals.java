package dev.calendar.external;

import dev.calendar.schedule.Interval;
import java.time.Instant;
import java.util.List;

/**
 * Busy time merged into disjoint intervals sorted by start, so their ends are sorted too: the ones
 * overlapping a window are found by one binary search and copied out, already merged. What an
 * availability read needs; which source an interval came from is not kept.
 */
final class MergedIntervals {
  private final Interval[] merged;

  MergedIntervals(List<Interval> intervals) {
    this.merged = Interval.merge(intervals).toArray(Interval[]::new);
  }

  /** Adds every interval overlapping {@code window} (not clipped), by start. */
  void overlapping(Interval window, List<Interval> into) {
    for (int i = firstEndingAfter(window.start());
        i < merged.length && merged[i].start().isBefore(window.end());
        i++) {
      into.add(merged[i]);
    }
  }

  private int firstEndingAfter(Instant instant) {
    int low = 0;
    int high = merged.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (merged[mid].end().isAfter(instant)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
