package dev.calendar.external;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Overlaps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The busy time of every source that checks conflicts, indexed for windows: single events sorted by
 * start with the latest end so far (so a window finds its events by binary search, however many
 * thousands a file brought), series with their extents. Built anew when a source changes; never
 * persisted.
 */
public final class ExternalTimes {
  public static final ExternalTimes EMPTY = new ExternalTimes(List.of());

  /** One block with its source. */
  private record Block(String source, ExternalBusy busy, Interval extent) {}

  private final Block[] singles;
  // reach[i]: the latest end among singles[0..i]; never decreases, so it can be searched.
  private final Instant[] reach;
  private final List<Block> series;

  public ExternalTimes(Collection<ExternalSource> sources) {
    List<Block> single = new ArrayList<>();
    List<Block> recurring = new ArrayList<>();
    for (ExternalSource source : sources) {
      if (!source.checkConflicts()) {
        continue;
      }
      for (ExternalBusy b : source.busy()) {
        var block = new Block(source.id(), b, b.schedule().extent());
        (b.schedule().recurring() ? recurring : single).add(block);
      }
    }
    single.sort(Comparator.comparing((Block b) -> b.extent().start()));
    this.singles = single.toArray(Block[]::new);
    this.reach = new Instant[singles.length];
    Instant latest = Instant.MIN;
    for (int i = 0; i < singles.length; i++) {
      Instant end = singles[i].extent().end();
      latest = end.isAfter(latest) ? end : latest;
      reach[i] = latest;
    }
    this.series = List.copyOf(recurring);
  }

  public boolean isEmpty() {
    return singles.length == 0 && series.isEmpty();
  }

  /** A busy interval and the source it comes from. */
  public record Busy(String source, Interval interval) {}

  /** Every busy interval overlapping {@code window} (not clipped), singles by start first. */
  public List<Busy> overlapping(Interval window) {
    List<Busy> found = new ArrayList<>();
    for (int i = firstReaching(window.start());
        i < singles.length && singles[i].extent().start().isBefore(window.end());
        i++) {
      if (singles[i].extent().overlaps(window)) {
        found.add(new Busy(singles[i].source(), singles[i].extent()));
      }
    }
    for (Block s : series) {
      if (s.extent().overlaps(window)) {
        for (Occurrence o : s.busy().schedule().occurrences(window.start(), window.end())) {
          found.add(new Busy(s.source(), o.interval()));
        }
      }
    }
    return found;
  }

  /**
   * The blocks whose extent overlaps {@code span}, as the conflict sweep takes them, keyed by
   * {@code key} of their source.
   */
  public <K> List<Overlaps.Existing<K>> existing(
      Interval span, java.util.function.Function<String, K> key) {
    List<Overlaps.Existing<K>> found = new ArrayList<>();
    for (int i = firstReaching(span.start());
        i < singles.length && singles[i].extent().start().isBefore(span.end());
        i++) {
      Block b = singles[i];
      if (b.extent().overlaps(span)) {
        found.add(new Overlaps.Existing<>(key.apply(b.source()), b.busy().schedule(), b.extent()));
      }
    }
    for (Block s : series) {
      if (s.extent().overlaps(span)) {
        found.add(new Overlaps.Existing<>(key.apply(s.source()), s.busy().schedule(), s.extent()));
      }
    }
    return found;
  }

  /** The first single whose running latest end is after {@code instant}. */
  private int firstReaching(Instant instant) {
    int i = Arrays.binarySearch(reach, instant);
    if (i < 0) {
      return -i - 1;
    }
    // Equal ends do not reach past the instant (intervals are half-open): skip them.
    while (i < reach.length && !reach[i].isAfter(instant)) {
      i++;
    }
    return i;
  }
}
