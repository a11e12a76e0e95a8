package dev.calendar.app;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the service's topics if they are missing ({@code calendar.kafka.topics}). */
final class KafkaTopics {
  private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

  private KafkaTopics() {}

  static void ensure(Admin admin, Config config) throws InterruptedException, TimeoutException {
    short replication = (short) config.getInt("calendar.kafka.replication-factor");
    List<NewTopic> topics =
        config.getConfigList("calendar.kafka.topics").stream()
            .map(t -> new NewTopic(t.getString("name"), t.getInt("partitions"), replication))
            .toList();
    var result = admin.createTopics(topics);
    for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> entry :
        result.values().entrySet()) {
      try {
        entry.getValue().get(60, TimeUnit.SECONDS);
        log.info("Created Kafka topic {}", entry.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
        }
      }
    }
  }
}
