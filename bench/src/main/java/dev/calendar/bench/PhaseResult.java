package dev.calendar.bench;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Predicate;

/**
 * What one measured phase counted: operations that completed inside the measured window (after
 * warm-up), successes among them, failures by label, their latencies and CPU use. {@code
 * loadsNode}: the phase sends its load to the node (so the node's CPU per success means something).
 * {@code outcomes} and {@code latenciesByOutcome}: every outcome (successes too), keyed by the
 * outcome itself.
 */
record PhaseResult(
    String name,
    long requests,
    long successes,
    SortedMap<String, Long> errors,
    Duration measured,
    Latencies latencies,
    CpuUse.Share cpu,
    ProcessCpu.Window window,
    boolean loadsNode,
    Map<Outcome, Long> outcomes,
    Map<Outcome, Latencies> latenciesByOutcome) {

  /** Successes per second of measured time. */
  double rate() {
    return successes / seconds();
  }

  /** CPU the node spent per success, in ms; NaN when unknown or not a phase that loads it. */
  double nodeCpuMillisPerSuccess(UnderTest underTest) {
    if (!loadsNode) {
      return Double.NaN;
    }
    return window.attribute(underTest).nodePercent() / 100 / rate() * 1000;
  }

  PhaseResult loadingNode() {
    return new PhaseResult(
        name,
        requests,
        successes,
        errors,
        measured,
        latencies,
        cpu,
        window,
        true,
        outcomes,
        latenciesByOutcome);
  }

  /** Seconds of measured time. */
  double seconds() {
    return measured.toNanos() / 1e9;
  }

  /** How many outcomes matched {@code which}. */
  long count(Predicate<Outcome> which) {
    return outcomes.entrySet().stream()
        .filter(e -> which.test(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** The latencies of the outcomes that matched {@code which}, merged (empty when none did). */
  Latencies latencies(Predicate<Outcome> which) {
    var merged = new Latencies();
    latenciesByOutcome.forEach(
        (outcome, l) -> {
          if (which.test(outcome)) {
            merged.add(l);
          }
        });
    return merged;
  }
}
