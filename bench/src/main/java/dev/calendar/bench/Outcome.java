package dev.calendar.bench;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How one operation ended. {@code label} groups the outcomes in the report (failures by label, and
 * latencies by label): an HTTP status, or the exception's class name. {@code units}: work the
 * operation caused that the phase sums up (journal events a request persisted, say); 0 when nobody
 * counts.
 */
record Outcome(boolean ok, String label, long units) {
  Outcome(boolean ok, String label) {
    this(ok, label, 0);
  }

  static Outcome success(String label) {
    return new Outcome(true, label);
  }

  static Outcome failure(String label) {
    return new Outcome(false, label);
  }

  /** An HTTP answer: only {@code expected} counts as a success. */
  static Outcome status(int status, int expected) {
    return new Outcome(status == expected, String.valueOf(status));
  }

  Outcome withUnits(long n) {
    return new Outcome(ok, label, n);
  }

  static Outcome of(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return failure(cause.getClass().getSimpleName());
  }
}
