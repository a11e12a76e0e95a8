package dev.calendar.schedule;

import java.util.ArrayList;
import java.util.List;

/** Where two schedules collide, found by a sweep over both, never by materializing a series. */
public final class Overlaps {
  private Overlaps() {}

  /** An instance of the candidate that overlaps an instance of an existing schedule. */
  public record Clash(Occurrence candidate, Occurrence existing) {}

  /**
   * Instances of {@code existing} overlapping instances of {@code candidate}, within the
   * candidate's {@link Schedule#checkedSpan()}, in candidate order; at most {@code max}.
   */
  public static List<Clash> between(Schedule candidate, Schedule existing, int max) {
    if (max <= 0) {
      return List.of();
    }
    Interval span = candidate.checkedSpan();
    List<Occurrence> mine = candidate.occurrences(span.start(), span.end());
    if (mine.isEmpty()) {
      return List.of();
    }
    List<Occurrence> theirs = existing.occurrences(span.start(), span.end());
    List<Clash> clashes = new ArrayList<>();
    int from = 0; // every one of theirs before this ends at or before the current start
    for (Occurrence a : mine) {
      while (from < theirs.size() && !theirs.get(from).end().isAfter(a.start())) {
        from++;
      }
      for (int k = from; k < theirs.size(); k++) {
        Occurrence b = theirs.get(k);
        if (!b.start().isBefore(a.end())) {
          break; // sorted by start: no later one can overlap a
        }
        if (b.end().isAfter(a.start())) {
          clashes.add(new Clash(a, b));
          if (clashes.size() >= max) {
            return clashes;
          }
        }
      }
    }
    return clashes;
  }
}
