package dev.calendar.stream.notifier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.calendar.notification.Channel;
import dev.calendar.notification.Notification;
import dev.calendar.store.notification.DeliveryLog;
import dev.calendar.wire.Json;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one consumed notification, completing when it is settled: sent and recorded, or
 * dead-lettered and recorded, or found already settled in the delivery log (a redelivery, a no-op).
 * Only then may its offset be committed. This class reads the message and checks the log; {@link
 * DirectDeliveries} and {@link WebhookDeliveries} send, {@link Retries} retries, {@link
 * DeliveryRecords} writes the outcome.
 */
public final class Deliveries {
  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
  private static final ObjectReader READER =
      Json.MAPPER
          .readerFor(Notification.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final DeliveryLog deliveryLog;
  private final Executor executor;
  private final DeliveryCounters counters = new DeliveryCounters();
  private final DeliveryRecords records;
  private final Retries retries;
  private final DirectDeliveries direct;
  private final WebhookDeliveries webhooks;

  /** Counters since start; {@code alreadySettled} counts redelivered messages found in the log. */
  public record Stats(long sent, long dead, long alreadySettled, long retries, int inFlight) {}

  public Deliveries(
      NotifierSettings settings,
      DeliveryLog deliveryLog,
      Recipients recipients,
      Channels channels,
      DeadLetters deadLetters,
      ActorSystem<?> system,
      Clock clock) {
    this.deliveryLog = deliveryLog;
    this.executor = system.executionContext();
    this.records = new DeliveryRecords(deliveryLog, deadLetters, clock, counters);
    this.retries = new Retries(settings, records, system, counters);
    this.direct = new DirectDeliveries(recipients, channels, retries, records, executor);
    this.webhooks =
        new WebhookDeliveries(
            deliveryLog, recipients, channels, retries, records, counters, executor);
  }

  public Stats stats() {
    return counters.snapshot();
  }

  /** {@code msg_} and 32 hex digits of SHA-256 of the target: the same on every retry. */
  public static String webhookId(String target) {
    return WebhookDeliveries.webhookId(target);
  }

  /** Settles the record with this key and value; fails only when the log or Kafka failed. */
  public CompletionStage<Done> process(String recordKey, String value) {
    counters.inFlight.incrementAndGet();
    CompletionStage<Done> result;
    try {
      result = settle(recordKey, value);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((d, e) -> counters.inFlight.decrementAndGet());
  }

  private CompletionStage<Done> settle(String recordKey, String value) {
    JsonNode original;
    Notification n;
    try {
      original = Json.MAPPER.readTree(value);
      n = READER.readValue(original);
    } catch (Exception e) {
      return records.unreadable(
          recordKey, value, "unreadable notification: " + Retries.firstLine(e.getMessage()));
    }
    if (n.key() == null || n.kind() == null || n.channel() == null) {
      return records.unreadable(recordKey, value, "notification without key, kind or channel");
    }
    return deliveryLog
        .find(n.key())
        .thenComposeAsync(
            recorded -> {
              if (recorded.isPresent() && recorded.get().status().isFinal()) {
                counters.alreadySettled.incrementAndGet();
                log.debug("already {} key={}", recorded.get().status().wireName(), n.key());
                return CompletableFuture.completedFuture(Done.getInstance());
              }
              int first =
                  retries.firstAttempt(recorded.map(DeliveryLog.Recorded::attempts).orElse(0));
              if (recorded.isEmpty()) {
                records.pending(n);
              }
              return n.channel() == Channel.WEBHOOK
                  ? webhooks.deliver(n, original, first)
                  : direct.deliver(n, original, first);
            },
            executor);
  }
}
