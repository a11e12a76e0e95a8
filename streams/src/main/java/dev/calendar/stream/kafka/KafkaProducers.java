package dev.calendar.stream.kafka;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.javadsl.SendProducer;

/**
 * The one kind of producer the service uses: string keys and values, idempotent, acks from every
 * in-sync replica. So neither the producer's own retries nor a broker failover duplicate, reorder
 * or lose a record that was reported sent.
 */
public final class KafkaProducers {
  private KafkaProducers() {}

  private static final ExtensionId<NodeProducer> NODE_PRODUCER =
      new ExtensionId<>() {
        @Override
        public NodeProducer createExtension(ActorSystem<?> system) {
          var producer =
              idempotentTo(
                  system, system.settings().config().getString("calendar.kafka.bootstrap-servers"));
          CoordinatedShutdown.get(system)
              .addTask(
                  CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
                  "close-node-kafka-producer",
                  () -> producer.close().thenApply(done -> Done.getInstance()));
          return new NodeProducer(producer);
        }
      };

  /** The node's producer, held as an actor-system extension so there is exactly one. */
  private record NodeProducer(SendProducer<String, String> producer) implements Extension {}

  /**
   * The node's one producer to {@code calendar.kafka.bootstrap-servers}, shared by the outbox, the
   * reminders and the meeting notifications (one connection set and one batching buffer instead of
   * one each); closed on coordinated shutdown.
   */
  public static SendProducer<String, String> ofNode(ActorSystem<?> system) {
    return NODE_PRODUCER.apply(system).producer();
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
