package dev.calendar.bench;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How one operation ended. {@code label} groups the failures in the report: an HTTP status, or the
 * exception's class name.
 */
record Outcome(boolean ok, String label) {
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

  static Outcome of(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return failure(cause.getClass().getSimpleName());
  }
}
