package dev.calendar.bench;

import org.HdrHistogram.ConcurrentHistogram;

/** Latencies of one phase, recorded from many threads, in microseconds (3 significant digits). */
final class Latencies {
  // Auto-resizing: no upper bound to guess, a timed-out request still lands in the tail.
  private final ConcurrentHistogram micros = new ConcurrentHistogram(3);

  void recordNanos(long nanos) {
    micros.recordValue(Math.max(1, nanos / 1_000));
  }

  /** Adds another phase's (or label's) latencies to these. */
  void add(Latencies other) {
    micros.add(other.micros);
  }

  long count() {
    return micros.getTotalCount();
  }

  /** The latency at {@code percentile} (0..100) in milliseconds, NaN when nothing was recorded. */
  double millisAt(double percentile) {
    return count() == 0 ? Double.NaN : micros.getValueAtPercentile(percentile) / 1_000.0;
  }
}
