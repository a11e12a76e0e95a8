package dev.calendar.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.javadsl.SendProducer;

/**
 * The one kind of producer the service uses: string keys and values, idempotent, acks from every
 * in-sync replica. So neither the producer's own retries nor a broker failover duplicate, reorder
 * or lose a record that was reported sent.
 */
public final class KafkaProducers {
  private KafkaProducers() {}

  /**
   * A producer to {@code calendar.kafka.bootstrap-servers}, one per node for its caller, closed on
   * coordinated shutdown by the task {@code closeTaskName} (unique per node).
   */
  public static SendProducer<String, String> idempotent(
      ActorSystem<?> system, String closeTaskName) {
    var producer =
        idempotentTo(
            system, system.settings().config().getString("calendar.kafka.bootstrap-servers"));
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            closeTaskName,
            () -> producer.close().thenApply(done -> Done.getInstance()));
    return producer;
  }

  /** A producer to these servers; the caller closes it. */
  public static SendProducer<String, String> idempotentTo(
      ActorSystem<?> system, String bootstrapServers) {
    var settings =
        ProducerSettings.create(system, new StringSerializer(), new StringSerializer())
            .withBootstrapServers(bootstrapServers)
            .withProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
            .withProperty(ProducerConfig.ACKS_CONFIG, "all");
    return new SendProducer<>(settings, system);
  }
}
