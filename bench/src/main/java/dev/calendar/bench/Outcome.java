package dev.calendar.bench;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * How one operation ended. {@link #label} is what the report shows for it (an HTTP status, or the
 * exception's class name); a phase counts outcomes and their latencies by the outcome itself, so a
 * program with outcomes of its own (records implementing this) reads them back by type, never by
 * decoding labels.
 */
interface Outcome {
  boolean ok();

  String label();

  /** An outcome that is only its label. */
  record Plain(boolean ok, String label) implements Outcome {}

  static Outcome success(String label) {
    return new Plain(true, label);
  }

  /** An HTTP answer: only {@code expected} counts as a success. */
  static Outcome status(int status, int expected) {
    return new Plain(status == expected, String.valueOf(status));
  }

  static Outcome of(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return new Plain(false, cause.getClass().getSimpleName());
  }
}
