package dev.calendar.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a candidate schedule collides with existing ones, found by one forward sweep over the
 * candidate's occurrences: each existing schedule is consulted only while its extent is in play,
 * through a lazy {@link OccurrenceCursor}, so no series is ever materialized and the work is paid
 * from a {@link CheckBudget}.
 */
public final class Overlaps {
  /** The candidate is walked in slices this long, so only one slice's occurrences are in memory. */
  private static final Duration SLICE = Duration.ofDays(28);

  private Overlaps() {}

  /** An instance of the candidate that overlaps an instance of an existing schedule. */
  public record Clash(Occurrence candidate, Occurrence existing) {}

  /**
   * An existing schedule, named by {@code key}, with its extent (where it has occurrences at all;
   * callers cache it, as working it out can take a pass over the rule).
   */
  public record Existing<K>(K key, Schedule schedule, Interval extent) {
    public static <K> Existing<K> of(K key, Schedule schedule) {
      return new Existing<>(key, schedule, schedule.extent());
    }
  }

  /** A clash with the existing schedule named {@code key}. */
  public record Found<K>(K key, Occurrence candidate, Occurrence existing) {}

  /**
   * Instances of {@code existing} overlapping instances of {@code candidate}, within the
   * candidate's {@link Schedule#checkedSpan()}, in candidate order; at most {@code max}.
   */
  public static List<Clash> between(Schedule candidate, Schedule existing, int max) {
    return find(candidate, List.of(Existing.of(0, existing)), max, CheckBudget.unlimited()).stream()
        .map(f -> new Clash(f.candidate(), f.existing()))
        .toList();
  }

  /**
   * Clashes of {@code candidate}'s instances (within its {@link Schedule#checkedSpan()}) with any
   * of {@code existing}, in candidate order; at most {@code max}.
   *
   * @throws CheckBudget.Exhausted when the sweep needs more work than {@code budget} allows
   */
  public static <K> List<Found<K>> find(
      Schedule candidate, List<Existing<K>> existing, int max, CheckBudget budget) {
    if (max <= 0) {
      return List.of();
    }
    Interval span = candidate.checkedSpan();
    List<Existing<K>> inPlay = new ArrayList<>();
    for (Existing<K> e : existing) {
      if (e.extent().overlaps(span)) {
        inPlay.add(e);
      }
    }
    budget.spend(existing.size());
    if (inPlay.isEmpty()) {
      return List.of();
    }
    inPlay.sort(Comparator.comparing((Existing<K> e) -> e.extent().start()));

    List<Found<K>> found = new ArrayList<>();
    List<Active<K>> active = new ArrayList<>();
    int next = 0;
    OccurrenceCursor mine = candidate.cursor(budget);
    for (Instant from = span.start(); from.isBefore(span.end()); ) {
      Instant to = min(from.plus(SLICE), span.end());
      for (Occurrence a : mine.overlapping(from, to)) {
        if (a.start().isBefore(from)) {
          continue; // started in an earlier slice: already swept
        }
        while (next < inPlay.size() && inPlay.get(next).extent().start().isBefore(a.end())) {
          active.add(new Active<>(inPlay.get(next++), budget));
        }
        active.removeIf(x -> !x.existing().extent().end().isAfter(a.start()));
        budget.spend(active.size());
        Instant until = min(a.end(), span.end()); // an open-ended series is checked to its horizon
        for (Active<K> x : active) {
          for (Occurrence b : x.cursor().overlapping(a.start(), until)) {
            found.add(new Found<>(x.existing().key(), a, b));
            if (found.size() >= max) {
              return found;
            }
          }
        }
      }
      from = to;
    }
    return found;
  }

  /** An existing schedule whose extent the sweep has reached, with its cursor. */
  private record Active<K>(Existing<K> existing, OccurrenceCursor cursor) {
    Active(Existing<K> existing, CheckBudget budget) {
      this(existing, existing.schedule().cursor(budget));
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
