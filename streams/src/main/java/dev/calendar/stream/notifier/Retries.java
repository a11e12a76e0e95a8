package dev.calendar.stream.notifier;

import dev.calendar.notification.Notification;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Attempts one delivery target until it is sent, fails permanently or runs out of attempts. Waits
 * between attempts ({@link Backoff}) on the actor system's scheduler, never on a sleeping thread;
 * each failed attempt is recorded before the wait, so the log shows a target that is retrying.
 */
final class Retries {
  // Logged under Deliveries, like the rest of the delivery path, so one logger name covers it.
  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
  private static final int MAX_ERROR_LENGTH = 500;

  private final NotifierSettings settings;
  private final DeliveryRecords records;
  private final ActorSystem<?> system;
  private final Executor executor;
  private final DeliveryCounters counters;

  Retries(
      NotifierSettings settings,
      DeliveryRecords records,
      ActorSystem<?> system,
      DeliveryCounters counters) {
    this.settings = settings;
    this.records = records;
    this.system = system;
    this.executor = system.executionContext();
    this.counters = counters;
  }

  /** One delivery target's attempts; {@code recipient}: the address the last attempt used. */
  static final class Attempts {
    final Notification notification;
    final String target;
    final boolean history;
    volatile String recipient;

    Attempts(Notification notification, String target, boolean history) {
      this.notification = notification;
      this.target = target;
      this.history = history;
    }
  }

  /** How a target's attempts ended: {@code error} null when sent. */
  record Outcome(int attempts, String error) {}

  /** The first attempt's number for a target that already made {@code done} attempts. */
  int firstAttempt(int done) {
    return Math.min(done + 1, settings.maxAttempts());
  }

  /** Runs {@code action} as attempt {@code attempt}, and again after each retryable failure. */
  CompletionStage<Outcome> retry(Attempts a, int attempt, Supplier<CompletionStage<Void>> action) {
    CompletionStage<Void> tried;
    try {
      tried = action.get();
    } catch (RuntimeException e) {
      tried = CompletableFuture.failedFuture(e);
    }
    return tried
        .handle((v, error) -> error)
        .thenComposeAsync(
            error -> {
              if (error == null) {
                return CompletableFuture.completedFuture(new Outcome(attempt, null));
              }
              DeliveryFailure failure = asFailure(error);
              if (failure.isPermanent() || attempt >= settings.maxAttempts()) {
                return CompletableFuture.completedFuture(
                    new Outcome(attempt, failure.getMessage()));
              }
              counters.retries.incrementAndGet();
              Duration wait =
                  settings.retry().delay(attempt, ThreadLocalRandom.current().nextDouble());
              log.info(
                  "delivery attempt {} failed target={} retryIn={}ms: {}",
                  attempt,
                  a.target,
                  wait.toMillis(),
                  failure.getMessage());
              return records
                  .failed(a, attempt, failure.getMessage())
                  .thenCompose(
                      v ->
                          Patterns.after(
                              wait,
                              system.classicSystem().scheduler(),
                              system.executionContext(),
                              () -> retry(a, attempt + 1, action)));
            },
            executor);
  }

  private static DeliveryFailure asFailure(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof DeliveryFailure f) {
      return f;
    }
    String message;
    if (e instanceof TimeoutException) {
      message = "timed out: " + firstLine(e.getMessage());
    } else if (e instanceof jakarta.mail.MessagingException) {
      message = "SMTP: " + firstLine(e.getMessage());
    } else {
      message = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
    }
    return DeliveryFailure.retryable(message);
  }

  /** An exception's first line, short enough for the log and a dead letter. */
  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.lines().findFirst().orElse("");
    return line.length() > MAX_ERROR_LENGTH ? line.substring(0, MAX_ERROR_LENGTH) : line;
  }
}
