package dev.calendar.external;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Overlaps;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The busy time of every source that checks conflicts, indexed for windows, so a read costs what
 * its window holds rather than what the sources hold: single events sorted by start with the latest
 * end so far (found by binary search), and the instances of series within a span around now (the
 * span reads ask about) expanded once into the same kind of index. A window outside that span, and
 * series with too many instances in it, are expanded from their rules as asked. Built anew when a
 * source changes; never persisted.
 */
public final class ExternalTimes {

  /** The span around the time of building whose series instances are expanded ahead. */
  static final Duration EXPANDED_BEFORE = Duration.ofDays(62);

  static final Duration EXPANDED_AFTER = Duration.ofDays(400);

  /**
   * Series instances expanded ahead at most, per calendar: beyond, series are expanded as asked.
   */
  static final int MAX_EXPANDED = 50_000;

  // After the constants above, which building it reads.
  public static final ExternalTimes EMPTY = new ExternalTimes(List.of(), Instant.EPOCH);

  /** A series with its source and extent. */
  private record Series(String source, ExternalBusy busy, Interval extent) {}

  /** A busy interval and the source it comes from. */
  public record Busy(String source, Interval interval) {}

  private final SortedIntervals singles;
  private final SortedIntervals expanded;
  // The same busy time merged, for availability: singles alone, and singles with the instances.
  private final MergedIntervals mergedSingles;
  private final MergedIntervals mergedNear;
  private final Interval expandedSpan;
  // Series whose instances in expandedSpan are in `expanded`, and those that are not.
  private final List<Series> expandedSeries;
  private final List<Series> liveSeries;

  /**
   * @param now where the span of series instances expanded ahead is centred (only speed depends on
   *     it, never an answer)
   */
  public ExternalTimes(Collection<ExternalSource> sources, Instant now) {
    this.expandedSpan = new Interval(now.minus(EXPANDED_BEFORE), now.plus(EXPANDED_AFTER));
    List<SortedIntervals.Entry> single = new ArrayList<>();
    List<SortedIntervals.Entry> instances = new ArrayList<>();
    List<Series> ahead = new ArrayList<>();
    List<Series> live = new ArrayList<>();
    for (ExternalSource source : sources) {
      if (!source.checkConflicts()) {
        continue;
      }
      for (ExternalBusy b : source.busy()) {
        if (!b.schedule().recurring()) {
          single.add(new SortedIntervals.Entry(source.id(), b.schedule().extent()));
          continue;
        }
        var series = new Series(source.id(), b, b.schedule().extent());
        if (!series.extent().overlaps(expandedSpan)) {
          live.add(series); // nothing to expand ahead; asked about only outside the span
          continue;
        }
        List<Occurrence> occurrences =
            b.schedule().occurrences(expandedSpan.start(), expandedSpan.end());
        if (instances.size() + occurrences.size() > MAX_EXPANDED) {
          live.add(series);
          continue;
        }
        occurrences.forEach(
            o -> instances.add(new SortedIntervals.Entry(source.id(), o.interval())));
        ahead.add(series);
      }
    }
    this.singles = new SortedIntervals(single);
    this.expanded = new SortedIntervals(instances);
    List<Interval> singleIntervals = single.stream().map(SortedIntervals.Entry::interval).toList();
    this.mergedSingles = new MergedIntervals(singleIntervals);
    List<Interval> near = new ArrayList<>(singleIntervals);
    instances.forEach(e -> near.add(e.interval()));
    this.mergedNear = new MergedIntervals(near);
    this.expandedSeries = List.copyOf(ahead);
    this.liveSeries = List.copyOf(live);
  }

  public boolean isEmpty() {
    return singles.size() == 0 && expandedSeries.isEmpty() && liveSeries.isEmpty();
  }

  /** Every busy interval overlapping {@code window} (not clipped). */
  public List<Busy> overlapping(Interval window) {
    List<Busy> found = new ArrayList<>();
    for (SortedIntervals.Entry e : instancesAndSingles(window)) {
      found.add(new Busy(e.source(), e.interval()));
    }
    for (Series s : seriesAsRules(window)) {
      for (Occurrence o : s.busy().schedule().occurrences(window.start(), window.end())) {
        found.add(new Busy(s.source(), o.interval()));
      }
    }
    return found;
  }

  /**
   * Adds the busy time overlapping {@code window} (not clipped) to {@code into}: what was indexed
   * comes already merged (sources are not told apart), series outside the index as their
   * occurrences. The cheap form of {@link #overlapping} for availability.
   */
  public void addBusy(Interval window, List<Interval> into) {
    if (insideExpanded(window)) {
      mergedNear.overlapping(window, into);
    } else {
      mergedSingles.overlapping(window, into);
    }
    for (Series s : seriesAsRules(window)) {
      for (Occurrence o : s.busy().schedule().occurrences(window.start(), window.end())) {
        into.add(o.interval());
      }
    }
  }

  /**
   * What overlaps {@code span}, as the conflict sweep takes it, keyed by {@code key} of its source:
   * single events and expanded instances as single intervals, the other series as their rules.
   */
  public <K> List<Overlaps.Existing<K>> existing(Interval span, Function<String, K> key) {
    List<Overlaps.Existing<K>> existing = new ArrayList<>();
    for (SortedIntervals.Entry e : instancesAndSingles(span)) {
      Interval i = e.interval();
      existing.add(
          new Overlaps.Existing<>(
              key.apply(e.source()), Schedule.single(i.start(), i.end(), ZoneOffset.UTC), i));
    }
    for (Series s : seriesAsRules(span)) {
      existing.add(new Overlaps.Existing<>(key.apply(s.source()), s.busy().schedule(), s.extent()));
    }
    return existing;
  }

  /** Single events overlapping {@code window}, and the expanded instances when it is inside. */
  private List<SortedIntervals.Entry> instancesAndSingles(Interval window) {
    List<SortedIntervals.Entry> found = new ArrayList<>();
    singles.overlapping(window, found);
    if (insideExpanded(window)) {
      expanded.overlapping(window, found);
    }
    return found;
  }

  /** The series to expand from their rules for {@code window}. */
  private List<Series> seriesAsRules(Interval window) {
    List<Series> found = new ArrayList<>();
    for (Series s : liveSeries) {
      if (s.extent().overlaps(window)) {
        found.add(s);
      }
    }
    if (!insideExpanded(window)) {
      for (Series s : expandedSeries) {
        if (s.extent().overlaps(window)) {
          found.add(s);
        }
      }
    }
    return found;
  }

  private boolean insideExpanded(Interval window) {
    return !window.start().isBefore(expandedSpan.start())
        && !window.end().isAfter(expandedSpan.end());
  }
}
