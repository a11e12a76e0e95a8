package dev.calendar.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random simple DAILY/WEEKLY series and their occurrences computed by hand (stepping local dates,
 * no lib-recur), for checking {@link Schedule} and {@link Overlaps} against brute force.
 */
record ReferenceSeries(
    Instant start,
    Duration duration,
    ZoneId zone,
    boolean weekly,
    int interval,
    SortedSet<DayOfWeek> days,
    Integer count,
    List<Integer> cancelled,
    Integer movedIndex,
    Duration moveBy) {

  static final List<ZoneId> ZONES =
      List.of(
          ZoneId.of("Europe/Berlin"), ZoneId.of("America/New_York"), ZoneId.of("Australia/Sydney"));
  static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");

  static Arbitrary<ReferenceSeries> arbitrary() {
    Arbitrary<Instant> start =
        Arbitraries.longs().between(0, 500L * 24 * 4).map(q -> BASE.plusSeconds(q * 15 * 60));
    Arbitrary<Duration> duration =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                8, Arbitraries.integers().between(1, 16).map(q -> Duration.ofMinutes(15L * q))),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.integers().between(1, 60).map(h -> Duration.ofHours(h))));
    Arbitrary<SortedSet<DayOfWeek>> days =
        Arbitraries.of(DayOfWeek.values()).set().ofMinSize(1).ofMaxSize(4).map(TreeSet::new);
    Arbitrary<Integer> count = Arbitraries.integers().between(1, 60).injectNull(0.5);
    Arbitrary<List<Integer>> cancelled =
        Arbitraries.integers().between(0, MAX_EDITED_INDEX).list().ofMaxSize(3);
    Arbitrary<Integer> moved = Arbitraries.integers().between(0, MAX_EDITED_INDEX).injectNull(0.5);
    Arbitrary<Duration> moveBy =
        Arbitraries.longs()
            .between(-MAX_MOVE.toMinutes() / 15, MAX_MOVE.toMinutes() / 15)
            .map(q -> Duration.ofMinutes(15 * q));
    return Combinators.combine(
            start,
            duration,
            Arbitraries.of(ZONES),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(1, 3),
            days,
            count,
            Combinators.combine(cancelled, moved, moveBy).as(Edits::new))
        .as(
            (s, d, z, w, i, ds, c, e) ->
                new ReferenceSeries(s, d, z, w, i, ds, c, e.cancelled(), e.moved(), e.moveBy()));
  }

  /** The same series, starting {@code by} earlier. */
  ReferenceSeries startedEarlier(Duration by) {
    return new ReferenceSeries(
        start.minus(by),
        duration,
        zone,
        weekly,
        interval,
        days,
        count,
        cancelled,
        movedIndex,
        moveBy);
  }

  private record Edits(List<Integer> cancelled, Integer moved, Duration moveBy) {}

  String rule() {
    StringBuilder b = new StringBuilder(weekly ? "FREQ=WEEKLY" : "FREQ=DAILY");
    if (interval > 1) {
      b.append(";INTERVAL=").append(interval);
    }
    if (weekly) {
      b.append(";BYDAY=")
          .append(
              days.stream().map(d -> d.name().substring(0, 2)).collect(Collectors.joining(",")));
    }
    if (count != null) {
      b.append(";COUNT=").append(count);
    }
    return b.toString();
  }

  /**
   * Instance starts by hand, every one before {@code until}: DTSTART, then the local date-times the
   * rule gives after it. No horizon: an unbounded series goes on as far as it is asked.
   */
  List<Instant> instanceStarts(Instant until) {
    LocalDateTime first = LocalDateTime.ofInstant(start, zone);
    int wanted = count == null ? Integer.MAX_VALUE : count - 1; // DTSTART is one of COUNT
    List<Instant> out = new ArrayList<>();
    if (!start.isBefore(until)) {
      return out;
    }
    out.add(start);
    int added = 0;
    LocalDate week = first.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    for (long step = weekly ? 0 : 1; added < wanted; step++) {
      List<LocalDateTime> locals = new ArrayList<>();
      if (weekly) {
        for (DayOfWeek d : days) {
          locals.add(
              week.plusWeeks(step * interval).plusDays(d.ordinal()).atTime(first.toLocalTime()));
        }
      } else {
        locals.add(first.plusDays(step * interval));
      }
      for (LocalDateTime t : locals) {
        if (!t.isAfter(first) || added >= wanted) {
          continue;
        }
        added++;
        Instant instant = ZonedDateTime.ofLocal(t, zone, null).toInstant();
        if (!instant.isBefore(until)) {
          return out;
        }
        if (instant.isAfter(out.get(out.size() - 1))) {
          out.add(instant);
        }
      }
    }
    return out;
  }

  /** The first {@code n} instance starts (fewer if the series has fewer). */
  private List<Instant> firstStarts(int n) {
    // at most 3 weeks (or 3 days) between two instances: n of them start within 3n weeks
    List<Instant> starts = instanceStarts(start.plus(Duration.ofDays(21L * (n + 1))));
    return starts.subList(0, Math.min(n, starts.size()));
  }

  Schedule schedule() {
    List<Instant> starts = firstStarts(MAX_EDITED_INDEX + 1);
    List<Instant> exdates = new ArrayList<>();
    for (int i : cancelled) {
      if (i < starts.size()) {
        exdates.add(starts.get(i));
      }
    }
    List<OccurrenceOverride> overrides = new ArrayList<>();
    if (movedIndex != null && movedIndex < starts.size()) {
      Instant original = starts.get(movedIndex);
      Instant to = original.plus(moveBy);
      overrides.add(new OccurrenceOverride(original, to, to.plus(duration), "moved"));
    }
    return new Schedule(
        start,
        start.plus(duration),
        zone,
        Schedule.validate(rule(), start, Duration.ZERO, zone),
        exdates,
        overrides);
  }

  /** The most an instance is moved by, either way. */
  static final Duration MAX_MOVE = Duration.ofDays(60);

  /** Cancelled and moved instances are among the first this many plus one. */
  static final int MAX_EDITED_INDEX = 40;

  /**
   * Every occurrence overlapping [from, to), by hand, sorted as {@link Schedule#occurrences} sorts
   * them: the instances that start before {@code to} plus {@link #MAX_MOVE} (a later one cannot be
   * moved into the window), cancelled ones left out and the moved one where it is now.
   */
  List<Occurrence> occurrences(Instant from, Instant to) {
    return occurrences(instanceStarts(to.plus(MAX_MOVE))).stream()
        .filter(o -> o.start().isBefore(to) && o.end().isAfter(from))
        .toList();
  }

  /** Every occurrence of a bounded (COUNT) series, by hand. */
  List<Occurrence> occurrences() {
    if (count == null) {
      throw new IllegalStateException("an unbounded series has no end: ask for a window");
    }
    return occurrences(instanceStarts(Instant.MAX));
  }

  private List<Occurrence> occurrences(List<Instant> starts) {
    Schedule schedule = schedule();
    Set<Instant> cancelledStarts = new HashSet<>(schedule.exdates());
    Map<Instant, OccurrenceOverride> moved = new HashMap<>();
    schedule.overrides().forEach(o -> moved.put(o.originalStart(), o));
    List<Occurrence> out = new ArrayList<>();
    for (Instant s : starts) {
      if (cancelledStarts.contains(s)) {
        continue;
      }
      OccurrenceOverride o = moved.get(s);
      out.add(
          o == null
              ? new Occurrence(s, s, s.plus(duration), null)
              : new Occurrence(s, o.start(), o.end(), o.title()));
    }
    out.sort(Comparator.comparing(Occurrence::start).thenComparing(Occurrence::originalStart));
    return out;
  }

  /**
   * The span a new schedule is checked over, by hand: from the earliest of its start and the moved
   * instance, to the end of its last occurrence (or its own end if all are cancelled), or for an
   * unbounded series to the later of start + {@link Schedule#HORIZON} + duration and the moved
   * instance's end.
   */
  Interval checkedSpan() {
    Schedule schedule = schedule();
    Optional<OccurrenceOverride> moved =
        schedule.overrides().stream()
            .filter(o -> !schedule.exdates().contains(o.originalStart()))
            .findFirst();
    Instant first = start;
    if (moved.isPresent() && moved.get().start().isBefore(first)) {
      first = moved.get().start();
    }
    Instant last;
    if (count != null) {
      last =
          occurrences().stream()
              .map(Occurrence::end)
              .max(Instant::compareTo)
              .orElse(start.plus(duration));
    } else {
      last = start.plus(Schedule.HORIZON).plus(duration);
      if (moved.isPresent() && moved.get().end().isAfter(last)) {
        last = moved.get().end();
      }
    }
    return new Interval(first, last);
  }
}
