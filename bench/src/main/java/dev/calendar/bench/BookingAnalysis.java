package dev.calendar.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What {@code bench booking} measured, worked out: rates, percentiles, ratios, the CPU per request
 * and a verdict, from the phases' results only (no I/O, no printing). Figures that a phase did not
 * measure are absent (or NaN) rather than guessed: no ratio is judged against its target, and no
 * verdict given, when a side of it ran no phase or counted nothing.
 */
record BookingAnalysis(
    Ratio bookingsPerTaggedPersist,
    Ratio readsPerBooking,
    double readsPerTaggedPersist,
    Optional<Mixed> mixed,
    Bookings bookings,
    List<CpuRow> cpu,
    List<PhaseCpu.ThreadCost> bookingThreads,
    List<PhaseCpu.ThreadCost> readThreads,
    Optional<Budget> budget,
    Optional<Verdict> verdict) {

  static final double RATIO_TARGET = 0.5;
  static final double READS_TARGET = 10;

  /** Machine busy share (%) from which the booking phase counts as CPU-bound. */
  static final double CPU_BOUND_PERCENT = 90;

  private static final int THREAD_KINDS = 5;

  /** One phase's counts and latencies with the CPU of its window. */
  record Phase(PhaseResult result, PhaseCpu cpu) {
    double rate() {
      return result.rate();
    }
  }

  /** {@code numerator ÷ denominator} against a target; judged only when both were measured. */
  record Ratio(double numerator, double denominator, double target) {
    double value() {
      return numerator / denominator;
    }

    /** Empty unless both sides are positive, finite figures. */
    Optional<Boolean> met() {
      return measured(numerator) && measured(denominator)
          ? Optional.of(value() >= target)
          : Optional.empty();
    }
  }

  /** The mixed phase: bookings and reads per second together, and their p99 latencies. */
  record Mixed(double bookingRate, double readRate, double p99BookingMillis, double p99ReadMillis) {
    double readsPerBooking() {
      return readRate / bookingRate;
    }
  }

  /** A row of latencies: how many outcomes, and their p50/p95/p99 in ms. */
  record LatencyRow(String name, long count, double p50, double p95, double p99) {
    static LatencyRow of(String name, PhaseResult p, Predicate<Outcome> which) {
      Latencies l = p.latencies(which);
      return new LatencyRow(name, p.count(which), l.millisAt(50), l.millisAt(95), l.millisAt(99));
    }
  }

  /**
   * The booking phase: booked (201) and answered (201 + 409) per second, the share of 409s among
   * the answers, the other answers by label, the mean calendars per 201 and latencies by the number
   * of calendars booked (2 to 4) and of the 409s.
   */
  record Bookings(
      double bookedRate,
      double answeredRate,
      double conflictPercent,
      long others,
      SortedMap<String, Long> otherLabels,
      double meanCalendars,
      List<LatencyRow> byCalendars,
      LatencyRow conflicts) {}

  /**
   * A phase's CPU per unit of work: the machine's busy share (%), and ms per unit of the node, its
   * Cassandra and the bench. {@code benchWrites}: a journal baseline, where the bench is the
   * writer.
   */
  record CpuRow(
      String name,
      double machinePercent,
      String unit,
      boolean benchWrites,
      double nodeMillis,
      double cassandraMillis,
      double benchMillis) {}

  /**
   * A booking's CPU: the node and its Cassandra together, the whole machine, and the HTTP/auth path
   * as an availability read costs it; with the memory phase's pieces, a model built from them.
   */
  record Budget(
      double measuredMillis, double machineMillis, double readMillis, Optional<Model> model) {
    double readPercent() {
      return 100 * readMillis / measuredMillis;
    }
  }

  /**
   * A booking as pieces measured in the bench JVM: the HTTP/auth path, a new event-sourced entity
   * (the meeting) and a hold + confirm on each of its {@code calendars} calendars.
   */
  record Model(
      double readMillis, double newEntityMillis, double holdConfirmMillis, double calendars) {
    double sumMillis() {
      return readMillis + newEntityMillis + calendars * holdConfirmMillis;
    }
  }

  /**
   * What bounds the booking rate: CPU when the machine was at least {@link #CPU_BOUND_PERCENT}%
   * busy (with each process's share, % of one core, NaN where unknown, and the biggest known one),
   * else the latency of the callers' requests.
   */
  record Verdict(
      boolean cpuBound,
      double machinePercent,
      double node,
      double cassandra,
      double bench,
      double all,
      Optional<String> biggest,
      int callers) {}

  /**
   * @param mixed the mixed phase, null when it did not run
   * @param memory the heap-per-calendar sets, empty when that phase did not run
   */
  static BookingAnalysis of(
      Phase untagged,
      Phase tagged,
      Phase bookings,
      Phase reads,
      Phase mixed,
      List<CalendarMemory.Result> memory,
      int callers) {
    PhaseResult b = bookings.result();
    double seconds = b.seconds();
    long booked = b.count(o -> o instanceof BookingOutcome.Booked);
    long conflicts = b.count(o -> o instanceof BookingOutcome.Conflicted);
    long answered = booked + conflicts;
    double bookingRate = booked / seconds;
    long calendars =
        b.outcomes().entrySet().stream()
            .filter(e -> e.getKey() instanceof BookingOutcome.Booked)
            .mapToLong(e -> ((BookingOutcome.Booked) e.getKey()).calendars() * e.getValue())
            .sum();
    double meanCalendars = booked == 0 ? Double.NaN : (double) calendars / booked;
    SortedMap<String, Long> otherLabels = new TreeMap<>();
    b.outcomes()
        .forEach(
            (o, n) -> {
              if (!(o instanceof BookingOutcome.Booked || o instanceof BookingOutcome.Conflicted)) {
                otherLabels.merge(o.label(), n, Long::sum);
              }
            });
    List<LatencyRow> byCalendars = new ArrayList<>();
    for (int n = 2; n <= 4; n++) {
      int k = n;
      byCalendars.add(
          LatencyRow.of(
              "201 on " + n + " calendars",
              b,
              o -> o instanceof BookingOutcome.Booked x && x.calendars() == k));
    }
    var detail =
        new Bookings(
            bookingRate,
            answered / seconds,
            answered == 0 ? 0 : 100.0 * conflicts / answered,
            b.requests() - answered,
            otherLabels,
            meanCalendars,
            byCalendars,
            LatencyRow.of("409", b, o -> o instanceof BookingOutcome.Conflicted));

    List<CpuRow> cpu =
        List.of(
            cpuRow("journal, untagged", untagged, untagged.rate(), "event", true),
            cpuRow("journal, tagged", tagged, tagged.rate(), "event", true),
            cpuRow("bookings", bookings, bookingRate, "booking", false),
            cpuRow("availability", reads, reads.rate(), "read", false));

    return new BookingAnalysis(
        new Ratio(bookingRate, tagged.rate(), RATIO_TARGET),
        new Ratio(reads.rate(), bookingRate, READS_TARGET),
        reads.rate() / tagged.rate(),
        Optional.ofNullable(mixed).map(BookingAnalysis::mixed),
        detail,
        cpu,
        bookings.cpu().threadCosts(bookingRate, THREAD_KINDS),
        reads.cpu().threadCosts(reads.rate(), THREAD_KINDS),
        budget(bookings, reads, bookingRate, meanCalendars, memory),
        verdict(bookings.cpu(), bookingRate, callers));
  }

  private static Mixed mixed(Phase phase) {
    PhaseResult m = phase.result();
    Predicate<Outcome> booked = o -> o instanceof BookingOutcome.Booked;
    Predicate<Outcome> read = o -> o instanceof BookingOutcome.Read r && r.ok();
    return new Mixed(
        m.count(booked) / m.seconds(),
        m.count(read) / m.seconds(),
        m.latencies(booked).millisAt(99),
        m.latencies(read).millisAt(99));
  }

  static CpuRow cpuRow(String name, Phase phase, double rate, String unit, boolean benchWrites) {
    PhaseCpu c = phase.cpu();
    return new CpuRow(
        name,
        100 * c.machineShare(),
        unit,
        benchWrites,
        PhaseCpu.millisPerUnit(c.nodePercent(), rate),
        PhaseCpu.millisPerUnit(c.cassandraPercent(), rate),
        PhaseCpu.millisPerUnit(c.benchPercent(), rate));
  }

  /** CPU of the node and its Cassandra per unit of work, in ms (NaN parts count as 0). */
  static double serviceMillis(PhaseCpu cpu, double rate) {
    return PhaseCpu.millisPerUnit(
        zeroIfNaN(cpu.nodePercent()) + zeroIfNaN(cpu.cassandraPercent()), rate);
  }

  private static Optional<Budget> budget(
      Phase bookings,
      Phase reads,
      double bookingRate,
      double meanCalendars,
      List<CalendarMemory.Result> memory) {
    double measured = serviceMillis(bookings.cpu(), bookingRate);
    if (!measured(bookingRate) || !measured(measured)) {
      return Optional.empty();
    }
    double machine = PhaseCpu.millisPerUnit(bookings.cpu().machinePercent(), bookingRate);
    double read = measured(reads.rate()) ? serviceMillis(reads.cpu(), reads.rate()) : Double.NaN;
    CalendarMemory.Result fresh = null;
    CalendarMemory.Result filled = null;
    for (var r : memory) {
      if (r.bookings() == 0) {
        fresh = r;
      } else if (filled == null) {
        filled = r;
      }
    }
    Optional<Model> model =
        fresh == null || filled == null || Double.isNaN(read)
            ? Optional.empty()
            : Optional.of(
                new Model(
                    read, fresh.cpuMillisPerUnit(), filled.cpuMillisPerUnit(), meanCalendars));
    return Optional.of(new Budget(measured, machine, read, model));
  }

  private static Optional<Verdict> verdict(PhaseCpu cpu, double bookingRate, int callers) {
    double machine = 100 * cpu.machineShare();
    if (!measured(bookingRate) || Double.isNaN(machine)) {
      return Optional.empty();
    }
    Map<String, Double> known = new LinkedHashMap<>();
    known.put("the node", cpu.nodePercent());
    known.put("Cassandra", cpu.cassandraPercent());
    known.put("the bench (load generator)", cpu.benchPercent());
    Optional<String> biggest =
        known.entrySet().stream()
            .filter(e -> !Double.isNaN(e.getValue()))
            .reduce((x, y) -> y.getValue() > x.getValue() ? y : x)
            .map(Map.Entry::getKey);
    return Optional.of(
        new Verdict(
            machine >= CPU_BOUND_PERCENT,
            machine,
            cpu.nodePercent(),
            cpu.cassandraPercent(),
            cpu.benchPercent(),
            cpu.machinePercent(),
            biggest,
            callers));
  }

  private static boolean measured(double v) {
    return v > 0 && Double.isFinite(v);
  }

  private static double zeroIfNaN(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
