package dev.calendar.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.Subscriptions;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.kafka.javadsl.Producer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Raw Kafka through pekko-connectors-kafka, the ceiling the notification pipeline is compared with:
 * {@code messages} records of the given body produced to a fresh topic as fast as the producer goes
 * (idempotent, acks=all, as the service's producers), then consumed from the start.
 */
final class KafkaBaseline {
  record Rates(long messages, double producedPerSecond, double consumedPerSecond) {}

  private KafkaBaseline() {}

  static Rates run(ActorSystem<?> system, String bootstrap, int messages, String body)
      throws Exception {
    String topic = "bench-baseline-" + UUID.randomUUID();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      // As many partitions as the notifications topic.
      admin
          .createTopics(List.of(new NewTopic(topic, 12, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
    }
    var producerSettings =
        ProducerSettings.create(system, new StringSerializer(), new StringSerializer())
            .withBootstrapServers(bootstrap)
            .withProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
            .withProperty(ProducerConfig.ACKS_CONFIG, "all");
    long t0 = System.nanoTime();
    Source.range(1, messages)
        .map(i -> new ProducerRecord<>(topic, "key-" + i, body))
        .runWith(Producer.plainSink(producerSettings), system)
        .toCompletableFuture()
        .get(10, TimeUnit.MINUTES);
    double produceSeconds = (System.nanoTime() - t0) / 1e9;

    var consumerSettings =
        ConsumerSettings.create(system, new StringDeserializer(), new StringDeserializer())
            .withBootstrapServers(bootstrap)
            .withGroupId("bench-baseline-" + UUID.randomUUID())
            .withProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    long t1 = System.nanoTime();
    Consumer.plainSource(consumerSettings, Subscriptions.topics(topic))
        .take(messages)
        .runWith(Sink.ignore(), system)
        .toCompletableFuture()
        .get(10, TimeUnit.MINUTES);
    // Includes joining the group and the first fetch, as a restarted notifier would pay.
    double consumeSeconds = (System.nanoTime() - t1) / 1e9;
    return new Rates(messages, messages / produceSeconds, messages / consumeSeconds);
  }
}
