package dev.calendar.external;

import dev.calendar.schedule.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Intervals with their sources, sorted by start, with the latest end so far: the intervals that
 * overlap a window are found by binary search however many there are.
 */
final class SortedIntervals {
  /** One interval of a source, to be indexed. */
  record Entry(String source, Interval interval) {}

  private final Entry[] entries;
  // reach[i]: the latest end among entries[0..i]; never decreases, so it can be searched.
  private final Instant[] reach;

  SortedIntervals(List<Entry> unsorted) {
    List<Entry> sorted = new ArrayList<>(unsorted);
    sorted.sort(Comparator.comparing((Entry e) -> e.interval().start()));
    entries = sorted.toArray(Entry[]::new);
    reach = new Instant[entries.length];
    Instant latest = Instant.MIN;
    for (int i = 0; i < entries.length; i++) {
      Instant end = entries[i].interval().end();
      latest = end.isAfter(latest) ? end : latest;
      reach[i] = latest;
    }
  }

  int size() {
    return entries.length;
  }

  /** Adds every entry overlapping {@code window}, by start. */
  void overlapping(Interval window, List<Entry> into) {
    for (int i = firstReachingPast(window.start());
        i < entries.length && entries[i].interval().start().isBefore(window.end());
        i++) {
      if (entries[i].interval().end().isAfter(window.start())) {
        into.add(entries[i]);
      }
    }
  }

  /** The first index whose running latest end is after {@code instant}: none before overlaps. */
  private int firstReachingPast(Instant instant) {
    int low = 0;
    int high = reach.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (reach[mid].isAfter(instant)) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
