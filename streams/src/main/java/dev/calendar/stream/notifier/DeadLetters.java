package dev.calendar.stream.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.wire.Json;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The dead-letter topic ({@code notifications.dlq}): one record per notification that could not be
 * delivered, keyed by its idempotency key, {@code {notification, error, attempts, failedAt}}. The
 * notifier commits the original's offset only after this send is acknowledged.
 */
public final class DeadLetters {

  /** The record's value; {@code notification} is the original message as it was consumed. */
  public record DeadLetter(JsonNode notification, String error, int attempts, Instant failedAt) {}

  private final String topic;
  private final Function<ProducerRecord<String, String>, CompletionStage<?>> send;

  /** {@code send}: a Kafka producer's send, completing when acknowledged. */
  public DeadLetters(
      String topic, Function<ProducerRecord<String, String>, CompletionStage<?>> send) {
    this.topic = topic;
    this.send = send;
  }

  public CompletionStage<Void> publish(String key, DeadLetter letter) {
    return send.apply(new ProducerRecord<>(topic, key, Json.write(letter))).thenApply(m -> null);
  }
}
