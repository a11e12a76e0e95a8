package dev.calendar.bench;

import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;

/**
 * What one measured phase counted: operations that completed inside the measured window (after
 * warm-up), successes among them, failures by label, their latencies and CPU use. {@code
 * loadsNode}: the phase sends its load to the node (so the node's CPU per success means something).
 * {@code outcomes} and {@code latenciesByLabel}: every outcome (successes too) by its label; {@code
 * units}: the sum of the outcomes' units (see {@link Outcome}).
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
    SortedMap<String, Long> outcomes,
    Map<String, Latencies> latenciesByLabel,
    long units) {

  /** Successes per second of measured time. */
  double rate() {
    return successes / (measured.toNanos() / 1e9);
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
        latenciesByLabel,
        units);
  }

  /** Seconds of measured time. */
  double seconds() {
    return measured.toNanos() / 1e9;
  }

  /** Outcomes labelled {@code label} per second of measured time. */
  double rateOf(String label) {
    return outcomes.getOrDefault(label, 0L) / seconds();
  }

  /** How many outcomes carried {@code label}. */
  long count(String label) {
    return outcomes.getOrDefault(label, 0L);
  }

  /** The latencies of the outcomes labelled {@code label} (empty when there were none). */
  Latencies latenciesOf(String label) {
    return latenciesByLabel.getOrDefault(label, new Latencies());
  }
}
