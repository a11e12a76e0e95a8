package dev.calendar.meetingnotifications;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import dev.calendar.meeting.MeetingEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.kafka.ProducerSettings;
import org.apache.pekko.kafka.javadsl.SendProducer;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;

/**
 * Invitations, updates, cancellations and {@code event.*} webhooks for every meeting change,
 * produced to {@code notifications} at least once. One projection per meeting tag, each a sharded
 * daemon process instance (exactly one node runs each tag); offsets in Cassandra under the
 * projection id {@value #NAME}.
 */
public final class MeetingNotificationsProjection {
  public static final String NAME = "meeting-notifications";

  private MeetingNotificationsProjection() {}

  /** Does nothing when {@code calendar.meeting-notifications.enabled} is off. */
  public static void init(ActorSystem<?> system, CqlSession cql) {
    Config root = system.settings().config();
    Config config = root.getConfig("calendar.meeting-notifications");
    if (!config.getBoolean("enabled")) {
      return;
    }
    var executor = system.executionContext();
    var producer = producer(system);
    var handler =
        new MeetingNotificationsHandler(
            config.getString("topic"),
            new CassandraToldStore(cql, root.getString("calendar.cassandra.keyspace"), executor),
            new ShardedDirectory(
                ClusterSharding.get(system), root.getDuration("calendar.ask-timeout"), executor),
            producer::send,
            executor);

    List<String> tags = new ArrayList<>();
    for (int i = 0; i < MeetingEntity.TAG_COUNT; i++) {
      tags.add(MeetingEntity.tag(i));
    }
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            tags.size(),
            i -> ProjectionBehavior.create(projection(system, config, tags.get(i), handler)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  private static AtLeastOnceProjection<?, EventEnvelope<MeetingEntity.Event>> projection(
      ActorSystem<?> system, Config config, String tag, MeetingNotificationsHandler handler) {
    Config backoff = config.getConfig("restart-backoff");
    return CassandraProjection.atLeastOnce(
            ProjectionId.of(NAME, tag),
            EventSourcedProvider.<MeetingEntity.Event>eventsByTag(
                system, CassandraReadJournal.Identifier(), tag),
            () -> handler)
        .withSaveOffset(
            config.getInt("save-offset-after-envelopes"),
            config.getDuration("save-offset-after-duration"))
        .withRestartBackoff(
            backoff.getDuration("min"),
            backoff.getDuration("max"),
            backoff.getDouble("random-factor"));
  }

  /** One producer per node, shared by the projections on it; closed when the node stops. */
  private static SendProducer<String, String> producer(ActorSystem<?> system) {
    var settings =
        ProducerSettings.create(system, new StringSerializer(), new StringSerializer())
            .withBootstrapServers(
                system.settings().config().getString("calendar.kafka.bootstrap-servers"))
            // No duplicates or reordering from the producer's own retries; a record counts as
            // sent only when every in-sync replica has it.
            .withProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true")
            .withProperty(ProducerConfig.ACKS_CONFIG, "all");
    var producer = new SendProducer<>(settings, system);
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "close-meeting-notifications-producer",
            () -> producer.close().thenApply(done -> Done.getInstance()));
    return producer;
  }
}
