package dev.calendar.bench;

import dev.calendar.bench.BookingAnalysis.CpuRow;
import dev.calendar.bench.BookingAnalysis.LatencyRow;
import dev.calendar.bench.BookingAnalysis.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What {@code bench booking-pages} measured, worked out without I/O: lists and bookings per second,
 * latencies of the answers that did the work (200s and 201s; a 429 is the rate limiter's, fast and
 * cheap), CPU per operation and the targets judged. A target is judged only when its phase listed
 * something and met no 429: with the node's limits on, the figures are the limiter's.
 */
record BookingPagesAnalysis(
    Lists oneHost,
    Optional<Lists> computed,
    Optional<Lists> teams,
    Bookings bookings,
    double bookingsPerPersist,
    List<CpuRow> cpu,
    List<PhaseCpu.ThreadCost> listThreads,
    List<PhaseCpu.ThreadCost> bookingThreads,
    List<Target> targets) {

  static final double ONE_HOST_P95_MS = 20;
  static final double TEAM_P95_MS = 60;
  static final double LISTS_PER_SECOND = 2_000;

  private static final int THREAD_KINDS = 5;

  /** A slot-list phase: 200s per second and their latencies, 429s, and other answers by label. */
  record Lists(double rate, LatencyRow listed, long limited, SortedMap<String, Long> others) {}

  /**
   * The booking phase: 201s per second, latencies of the 201s and the 409s, 429s, bookings not sent
   * because every listed start was taken, and other answers by label.
   */
  record Bookings(
      double bookedRate,
      LatencyRow booked,
      LatencyRow taken,
      long limited,
      long noSlotLeft,
      SortedMap<String, Long> others) {}

  enum Verdict {
    MET,
    NOT_MET,
    /** The phase did not run or listed nothing. */
    NOT_MEASURED,
    /** The phase met 429s: the node's limits, not the page, set its figures. */
    RATE_LIMITED
  }

  /**
   * A target: {@code value} against {@code bound}, which it must stay under ({@code below}) or
   * reach.
   */
  record Target(
      String what, double value, double bound, boolean below, String unit, Verdict verdict) {}

  /**
   * @param computed the one-host phase whose every window is new (so every list is computed, none
   *     kept), null when it did not run; reported, not judged
   * @param teams the 3-host phase, null when it did not run
   */
  static BookingPagesAnalysis of(
      Phase journal, Phase oneHost, Phase computed, Phase teams, Phase bookings) {
    Lists one = lists(oneHost.result());
    Optional<Lists> fresh = Optional.ofNullable(computed).map(c -> lists(c.result()));
    Optional<Lists> three = Optional.ofNullable(teams).map(t -> lists(t.result()));
    Bookings b = bookings(bookings.result());

    List<CpuRow> cpu = new ArrayList<>();
    cpu.add(BookingAnalysis.cpuRow("journal", journal, journal.rate(), "event", true));
    cpu.add(BookingAnalysis.cpuRow("slots, 1 host", oneHost, one.rate(), "list", false));
    fresh.ifPresent(
        c -> cpu.add(BookingAnalysis.cpuRow("slots, computed", computed, c.rate(), "list", false)));
    three.ifPresent(
        t -> cpu.add(BookingAnalysis.cpuRow("slots, 3 hosts", teams, t.rate(), "list", false)));
    cpu.add(BookingAnalysis.cpuRow("public bookings", bookings, b.bookedRate(), "booking", false));

    List<Target> targets = new ArrayList<>();
    targets.add(p95("31-day slot list, one host: p95", one, ONE_HOST_P95_MS));
    targets.add(
        three
            .map(t -> p95("31-day slot list, 3 hosts: p95", t, TEAM_P95_MS))
            .orElse(
                new Target(
                    "31-day slot list, 3 hosts: p95",
                    Double.NaN,
                    TEAM_P95_MS,
                    true,
                    "ms",
                    Verdict.NOT_MEASURED)));
    targets.add(
        new Target(
            "slot lists per second, one host",
            one.rate(),
            LISTS_PER_SECOND,
            false,
            "/s",
            verdict(one, one.rate() >= LISTS_PER_SECOND)));

    return new BookingPagesAnalysis(
        one,
        fresh,
        three,
        b,
        b.bookedRate() / journal.rate(),
        List.copyOf(cpu),
        oneHost.cpu().threadCosts(one.rate(), THREAD_KINDS),
        bookings.cpu().threadCosts(b.bookedRate(), THREAD_KINDS),
        List.copyOf(targets));
  }

  /** 429s met in the measured phases. */
  long limited() {
    return oneHost.limited()
        + computed.map(Lists::limited).orElse(0L)
        + teams.map(Lists::limited).orElse(0L)
        + bookings.limited();
  }

  private static Lists lists(PhaseResult p) {
    var listed = LatencyRow.of("200", p, o -> o instanceof PageOutcome.Listed);
    return new Lists(
        listed.count() / p.seconds(),
        listed,
        p.count(o -> o instanceof PageOutcome.Limited),
        others(p, o -> !(o instanceof PageOutcome.Listed || o instanceof PageOutcome.Limited)));
  }

  private static Bookings bookings(PhaseResult p) {
    var booked = LatencyRow.of("201", p, o -> o instanceof PageOutcome.Booked);
    return new Bookings(
        booked.count() / p.seconds(),
        booked,
        LatencyRow.of("409", p, o -> o instanceof PageOutcome.Taken),
        p.count(o -> o instanceof PageOutcome.Limited),
        p.count(o -> o instanceof PageOutcome.NoSlotLeft),
        others(
            p,
            o ->
                !(o instanceof PageOutcome.Booked
                    || o instanceof PageOutcome.Taken
                    || o instanceof PageOutcome.Limited
                    || o instanceof PageOutcome.NoSlotLeft)));
  }

  private static SortedMap<String, Long> others(PhaseResult p, Predicate<Outcome> which) {
    SortedMap<String, Long> labels = new TreeMap<>();
    p.outcomes()
        .forEach(
            (o, n) -> {
              if (which.test(o)) {
                labels.merge(o.label(), n, Long::sum);
              }
            });
    return labels;
  }

  private static Target p95(String what, Lists lists, double bound) {
    double p95 = lists.listed().p95();
    return new Target(what, p95, bound, true, "ms", verdict(lists, p95 < bound));
  }

  private static Verdict verdict(Lists lists, boolean met) {
    if (lists.listed().count() == 0) {
      return Verdict.NOT_MEASURED;
    }
    if (lists.limited() > 0) {
      return Verdict.RATE_LIMITED;
    }
    return met ? Verdict.MET : Verdict.NOT_MET;
  }
}
