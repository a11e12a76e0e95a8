package dev.calendar.stream.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.calendar.notification.Notification;
import dev.calendar.store.notification.DeliveryLog;
import dev.calendar.store.notification.DeliveryStatus;
import dev.calendar.wire.Json;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a delivery leaves behind: rows in the delivery log (the per-target row and the user's
 * history) and, for a dead delivery, a dead letter. Kept apart from sending so the order that makes
 * redelivery safe (dead letter before the log says dead) lives in one place.
 */
final class DeliveryRecords {
  // Logged under Deliveries, like the rest of the delivery path, so one logger name covers it.
  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

  private final DeliveryLog deliveryLog;
  private final DeadLetters deadLetters;
  private final Clock clock;
  private final DeliveryCounters counters;

  DeliveryRecords(
      DeliveryLog deliveryLog, DeadLetters deadLetters, Clock clock, DeliveryCounters counters) {
    this.deliveryLog = deliveryLog;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.counters = counters;
  }

  /**
   * Not waited for: the driver stamps each write when it is sent, so a later {@code failed} or
   * {@code sent} write of the same row wins whatever order they arrive in, and the delivery need
   * not wait two round trips first. A lost {@code pending} only delays when the row shows up.
   */
  void pending(Notification n) {
    var now = clock.instant();
    both(
            deliveryLog.recordTarget(n.key(), DeliveryStatus.PENDING, 0, null, now),
            deliveryLog.recordHistory(n, null, DeliveryStatus.PENDING, 0, null, now))
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                log.warn("pending not recorded key={}: {}", n.key(), e.toString());
              }
            });
  }

  /** A failed attempt that will be retried. */
  CompletionStage<Void> failed(Retries.Attempts a, int attempt, String error) {
    CompletionStage<Void> target =
        deliveryLog.recordTarget(a.target, DeliveryStatus.FAILED, attempt, error, clock.instant());
    if (!a.history) {
      return target;
    }
    return both(
        target,
        deliveryLog.recordHistory(
            a.notification, a.recipient, DeliveryStatus.FAILED, attempt, error, clock.instant()));
  }

  /** The final state of one webhook URL's target ({@code key#webhookId}); no history row. */
  CompletionStage<Void> target(String target, Retries.Outcome outcome) {
    var status = outcome.error() == null ? DeliveryStatus.SENT : DeliveryStatus.DEAD;
    return deliveryLog.recordTarget(
        target, status, outcome.attempts(), outcome.error(), clock.instant());
  }

  CompletionStage<Done> sent(Notification n, String recipient, int attempts) {
    var now = clock.instant();
    return both(
            deliveryLog.recordTarget(n.key(), DeliveryStatus.SENT, attempts, null, now),
            deliveryLog.recordHistory(n, recipient, DeliveryStatus.SENT, attempts, null, now))
        .thenApply(
            v -> {
              counters.sent.incrementAndGet();
              return Done.getInstance();
            });
  }

  /** Dead-letters first: the log says dead only once the dead letter is safely in Kafka. */
  CompletionStage<Done> dead(
      Notification n, JsonNode original, String recipient, Retries.Outcome outcome) {
    var now = clock.instant();
    log.warn(
        "delivery dead key={} channel={} attempts={}: {}",
        n.key(),
        n.channel().wireName(),
        outcome.attempts(),
        outcome.error());
    return deadLetters
        .publish(
            n.key(), new DeadLetters.DeadLetter(original, outcome.error(), outcome.attempts(), now))
        .thenCompose(
            v ->
                both(
                    deliveryLog.recordTarget(
                        n.key(), DeliveryStatus.DEAD, outcome.attempts(), outcome.error(), now),
                    deliveryLog.recordHistory(
                        n,
                        recipient,
                        DeliveryStatus.DEAD,
                        outcome.attempts(),
                        outcome.error(),
                        now)))
        .thenApply(
            v -> {
              counters.dead.incrementAndGet();
              return Done.getInstance();
            });
  }

  /** A message that is not a notification: dead-lettered as text, nothing else to record. */
  CompletionStage<Done> unreadable(String recordKey, String value, String error) {
    log.warn("unreadable notification key={}: {}", recordKey, error);
    JsonNode original;
    try {
      original = value == null ? TextNode.valueOf("") : Json.MAPPER.readTree(value);
    } catch (Exception e) {
      original = TextNode.valueOf(value);
    }
    return deadLetters
        .publish(
            recordKey == null ? UUID.randomUUID().toString() : recordKey,
            new DeadLetters.DeadLetter(original, error, 0, clock.instant()))
        .thenApply(
            v -> {
              counters.dead.incrementAndGet();
              return Done.getInstance();
            });
  }

  private static CompletionStage<Void> both(CompletionStage<Void> a, CompletionStage<Void> b) {
    return a.thenCombine(b, (x, y) -> (Void) null);
  }
}
