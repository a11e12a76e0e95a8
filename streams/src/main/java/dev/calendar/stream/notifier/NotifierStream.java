package dev.calendar.stream.notifier;

import dev.calendar.stream.kafka.CommittingConsumer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.kafka.CommitterSettings;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running notifier consumer: committable source → {@code mapAsync(parallelism)} (ordered, so
 * offsets are committed in order) → {@link Deliveries} → committer, restarted with backoff when it
 * fails (Cassandra or Kafka unreachable; the uncommitted messages come again and the delivery log
 * makes the settled ones no-ops). An offset is committed only after its message was settled.
 */
public final class NotifierStream {
  private static final Logger log = LoggerFactory.getLogger(NotifierStream.class);

  private final NotifierSettings settings;
  private final Deliveries deliveries;
  private final AtomicReference<Consumer.Control> control;
  private final UniqueKillSwitch killSwitch;
  private final CompletionStage<Done> completion;
  private final ActorSystem<?> system;

  private NotifierStream(
      NotifierSettings settings,
      Deliveries deliveries,
      AtomicReference<Consumer.Control> control,
      UniqueKillSwitch killSwitch,
      CompletionStage<Done> completion,
      ActorSystem<?> system) {
    this.settings = settings;
    this.deliveries = deliveries;
    this.control = control;
    this.killSwitch = killSwitch;
    this.completion = completion;
    this.system = system;
  }

  /** Starts consuming {@code settings.topic()} as {@code settings.groupId()}. */
  public static NotifierStream run(
      ActorSystem<?> system, NotifierSettings settings, Deliveries deliveries) {
    ConsumerSettings<String, String> consumer =
        ConsumerSettings.create(system, new StringDeserializer(), new StringDeserializer())
            .withBootstrapServers(settings.bootstrapServers())
            .withGroupId(settings.groupId())
            .withProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
            // The stream's own drain replaces the consumer's stop timeout.
            .withStopTimeout(java.time.Duration.ZERO);
    CommitterSettings committer =
        CommitterSettings.create(system)
            .withMaxBatch(settings.commitMaxBatch())
            .withMaxInterval(settings.commitMaxInterval());
    Backoff restart = settings.restart();
    RestartSettings restartSettings =
        RestartSettings.create(restart.min(), restart.max(), restart.randomFactor());

    AtomicReference<Consumer.Control> control = new AtomicReference<>(Consumer.createNoopControl());
    Pair<UniqueKillSwitch, CompletionStage<Done>> running =
        CommittingConsumer.source(
                consumer,
                settings.topic(),
                committer,
                restartSettings,
                settings.parallelism(),
                control,
                deliveries::process)
            .viaMat(KillSwitches.single(), Keep.right())
            .toMat(Sink.ignore(), Keep.both())
            .run(system);
    log.info(
        "Notifier consuming topic={} group={} parallelism={}",
        settings.topic(),
        settings.groupId(),
        settings.parallelism());
    return new NotifierStream(
        settings, deliveries, control, running.first(), running.second(), system);
  }

  /**
   * Stops taking new messages, lets those in delivery settle, commits their offsets, then closes
   * the consumer. Completes when all of that is done.
   */
  public CompletionStage<Done> drainAndShutdown() {
    return control.get().drainAndShutdown(completion, system.executionContext());
  }

  /**
   * Fails the stream at once, committing nothing more: what a crash looks like to Kafka, whose
   * uncommitted messages go to the group's next consumer. Deliveries already under way still run to
   * their end (watch {@link Deliveries.Stats#inFlight()}). For tests.
   */
  public void abort() {
    killSwitch.abort(new IllegalStateException("notifier stream aborted"));
  }

  /** Completes when the stream has stopped. */
  public CompletionStage<Done> completion() {
    return completion;
  }

  public Deliveries.Stats stats() {
    return deliveries.stats();
  }

  public NotifierSettings settings() {
    return settings;
  }
}
