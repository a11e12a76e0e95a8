package dev.calendar.bench;

import java.time.Duration;
import java.util.SortedMap;

/**
 * What one measured phase counted: operations that completed inside the measured window (after
 * warm-up), successes among them, failures by label, their latencies and the machine's CPU use.
 */
record PhaseResult(
    String name,
    long requests,
    long successes,
    SortedMap<String, Long> errors,
    Duration measured,
    Latencies latencies,
    double cpuBusy) {

  /** Successes per second of measured time. */
  double rate() {
    return successes / (measured.toNanos() / 1e9);
  }
}
