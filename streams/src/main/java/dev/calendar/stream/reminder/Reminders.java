package dev.calendar.stream.reminder;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.calendar.reminder.DueReminder;
import dev.calendar.store.reminder.CassandraReminderIndex;
import dev.calendar.store.reminder.ReminderIndex;
import dev.calendar.stream.kafka.KafkaProducers;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.kafka.javadsl.SendProducer;

/**
 * Starts reminders on a node: the index projection and the scheduler, sharing one Kafka producer
 * and one Cassandra index.
 */
public final class Reminders {
  private Reminders() {}

  /** Returns the index, e.g. for a benchmark that fills it directly. */
  public static ReminderIndex init(
      ActorSystem<?> system, CqlSession cql, String keyspace, Duration askTimeout) {
    var settings = ReminderSettings.of(system.settings().config());
    Clock clock = Clock.systemUTC();
    Executor executor = system.executionContext();
    var index = new CassandraReminderIndex(cql, keyspace, settings.partitions(), clock, executor);
    var planner =
        new ReminderPlanner(new EntityLookups(ClusterSharding.get(system), askTimeout), executor);
    SendProducer<String, String> producer = KafkaProducers.ofNode(system);
    Function<DueReminder, java.util.concurrent.CompletionStage<?>> send =
        r -> producer.send(ReminderNotifications.record(settings.topic(), r));

    ReminderIndexProjection.init(
        system,
        new ReminderIndexHandler(index, planner, send, clock, settings.lateMargin(), executor));
    var metrics = ReminderMetrics.get(system);
    ReminderScheduler.init(
        system,
        settings.partitions(),
        settings.tickInterval(),
        new PartitionTick(
            index,
            send,
            planner,
            clock,
            settings.staleAfter(),
            settings.maxCatchUpPerTick(),
            settings.quietSaveEvery(),
            metrics::recordStale,
            executor));
    return index;
  }
}
