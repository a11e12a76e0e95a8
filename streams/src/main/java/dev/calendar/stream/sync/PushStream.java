package dev.calendar.stream.sync;

import dev.calendar.connection.ConnectionEntity;
import dev.calendar.connection.PushTargets;
import dev.calendar.stream.kafka.CommittingConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.kafka.CommitterSettings;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local changes out to Google and Outlook: a consumer of {@code calendar-events} (one per node, one
 * consumer group, so each partition is read by one node) that hands each changed event to the
 * connections of its users that push ({@link PushTargets}, in memory: most users have none, and for
 * them nothing is sent). An offset is committed only after every such connection has written the
 * change down in its outbox; the connection then writes it out, retrying on its own, with an id
 * derived from the event's, so a message read twice makes no second copy.
 */
public final class PushStream {
  private static final Logger log = LoggerFactory.getLogger(PushStream.class);

  /** Topic, consumer group, how many messages are handed over at once, the wait for each. */
  public record Settings(
      String bootstrapServers,
      String topic,
      String groupId,
      int parallelism,
      Duration askTimeout) {}

  private final AtomicReference<Consumer.Control> control;
  private final CompletionStage<Done> completion;
  private final ActorSystem<?> system;

  private PushStream(
      AtomicReference<Consumer.Control> control,
      CompletionStage<Done> completion,
      ActorSystem<?> system) {
    this.control = control;
    this.completion = completion;
    this.system = system;
  }

  public static PushStream run(ActorSystem<?> system, Settings settings) {
    ConsumerSettings<String, String> consumer =
        ConsumerSettings.create(system, new StringDeserializer(), new StringDeserializer())
            .withBootstrapServers(settings.bootstrapServers())
            .withGroupId(settings.groupId())
            // A new group reads the topic from its start: only users who push are looked at, and an
            // event older than what a connection holds is dropped by its version.
            .withProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
            .withStopTimeout(Duration.ZERO);
    CommitterSettings committer = CommitterSettings.create(system);
    PushTargets targets = PushTargets.get(system);
    ClusterSharding sharding = ClusterSharding.get(system);
    AtomicReference<Consumer.Control> control = new AtomicReference<>(Consumer.createNoopControl());
    CompletionStage<Done> completion =
        CommittingConsumer.source(
                consumer,
                settings.topic(),
                committer,
                RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2),
                settings.parallelism(),
                control,
                (key, value) -> handOver(value, targets, sharding, settings.askTimeout()))
            .runWith(Sink.ignore(), system);
    log.info("Two-way push consuming topic={} group={}", settings.topic(), settings.groupId());
    return new PushStream(control, completion, system);
  }

  /** Gives the change to each pushing connection of its users; done when all have it. */
  static CompletionStage<Done> handOver(
      String value, PushTargets targets, ClusterSharding sharding, Duration timeout) {
    if (targets.none()) {
      return CompletableFuture.completedFuture(Done.getInstance()); // not even worth parsing
    }
    List<CompletableFuture<Done>> handed = new ArrayList<>();
    LocalChanges change = LocalChanges.of(value);
    if (change == null) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    for (UUID user : change.users()) {
      for (String connectionId : targets.of(user)) {
        var event = change.event();
        handed.add(
            sharding
                .entityRefFor(ConnectionEntity.TYPE_KEY, connectionId)
                .<Done>ask(reply -> new ConnectionEntity.Push(user, event, reply), timeout)
                .toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(handed.toArray(CompletableFuture[]::new))
        .thenApply(done -> Done.getInstance());
  }

  public CompletionStage<Done> drainAndShutdown() {
    return control.get().drainAndShutdown(completion, system.executionContext());
  }
}
