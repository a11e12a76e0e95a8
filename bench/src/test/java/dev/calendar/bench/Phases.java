package dev.calendar.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Phase results and CPU figures made up for the analyses' tests. */
final class Phases {
  private Phases() {}

  /** An outcome with how many times it happened and the latency (ms) of each. */
  record Counted(Outcome outcome, long times, long millis) {}

  static Counted times(Outcome outcome, long times, long millis) {
    return new Counted(outcome, times, millis);
  }

  static PhaseResult phase(String name, long seconds, Counted... counted) {
    Map<Outcome, Long> outcomes = new HashMap<>();
    Map<Outcome, Latencies> latencies = new HashMap<>();
    var all = new Latencies();
    var errors = new TreeMap<String, Long>();
    long requests = 0;
    long successes = 0;
    for (Counted c : counted) {
      outcomes.merge(c.outcome(), c.times(), Long::sum);
      Latencies l = latencies.computeIfAbsent(c.outcome(), o -> new Latencies());
      for (long i = 0; i < c.times(); i++) {
        l.recordNanos(c.millis() * 1_000_000);
        all.recordNanos(c.millis() * 1_000_000);
      }
      requests += c.times();
      if (c.outcome().ok()) {
        successes += c.times();
      } else {
        errors.merge(c.outcome().label(), c.times(), Long::sum);
      }
    }
    return new PhaseResult(
        name,
        requests,
        successes,
        errors,
        Duration.ofSeconds(seconds),
        all,
        new CpuUse.Share(Double.NaN, Double.NaN),
        null,
        true,
        outcomes,
        latencies);
  }

  /** A phase whose successes are {@code rate} per second over 10 s. */
  static PhaseResult ofRate(String name, long rate) {
    return phase(name, 10, times(Outcome.success("ok"), rate * 10, 1));
  }

  static PhaseCpu cpu(double machineShare, double node, double cassandra, double bench) {
    return new PhaseCpu(machineShare, 100 * machineShare * 2, node, cassandra, bench, List.of());
  }

  static PhaseCpu unknownCpu() {
    return new PhaseCpu(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of());
  }
}
