package dev.calendar.bench;

import java.time.Duration;
import java.util.SortedMap;

/**
 * What one measured phase counted: operations that completed inside the measured window (after
 * warm-up), successes among them, failures by label, their latencies and CPU use. {@code
 * loadsNode}: the phase sends its load to the node (so the node's CPU per success means something).
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
    boolean loadsNode) {

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
        name, requests, successes, errors, measured, latencies, cpu, window, true);
  }
}
