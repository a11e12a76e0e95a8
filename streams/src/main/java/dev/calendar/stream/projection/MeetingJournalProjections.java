package dev.calendar.stream.projection;

import com.typesafe.config.Config;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.meeting.MeetingSettings;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.projection.ProjectionBehavior;
import org.apache.pekko.projection.ProjectionId;
import org.apache.pekko.projection.cassandra.javadsl.CassandraProjection;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.eventsourced.javadsl.EventSourcedProvider;
import org.apache.pekko.projection.javadsl.AtLeastOnceProjection;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Every projection over the meeting journal is set up the same way: one at-least-once projection
 * per meeting tag, each a sharded daemon process instance so exactly one node runs each tag, its
 * offset in Cassandra under the projection id {@code name} / tag. Only the handler and the config
 * block differ.
 */
public final class MeetingJournalProjections {
  private MeetingJournalProjections() {}

  /**
   * Starts projection {@code name} on this node, tuned by {@code config}'s {@code
   * save-offset-after-envelopes}, {@code save-offset-after-duration} and {@code restart-backoff
   * {min, max, random-factor}}. All tags share {@code handler}.
   */
  public static void start(
      ActorSystem<?> system,
      String name,
      Config config,
      Handler<EventEnvelope<MeetingEntity.Event>> handler) {
    var tuning = Tuning.of(config);
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            name,
            MeetingSettings.of(system.settings().config()).tagCount(),
            i ->
                ProjectionBehavior.create(
                    projection(system, name, MeetingEntity.tag(i), tuning, handler)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  private static AtLeastOnceProjection<?, EventEnvelope<MeetingEntity.Event>> projection(
      ActorSystem<?> system,
      String name,
      String tag,
      Tuning tuning,
      Handler<EventEnvelope<MeetingEntity.Event>> handler) {
    return CassandraProjection.atLeastOnce(
            ProjectionId.of(name, tag),
            EventSourcedProvider.<MeetingEntity.Event>eventsByTag(
                system, CassandraReadJournal.Identifier(), tag),
            () -> handler)
        .withSaveOffset(tuning.saveOffsetAfterEnvelopes(), tuning.saveOffsetAfterDuration())
        .withRestartBackoff(tuning.backoffMin(), tuning.backoffMax(), tuning.randomFactor());
  }

  /** Read once at start, so a missing key fails the node's start rather than a later restart. */
  private record Tuning(
      int saveOffsetAfterEnvelopes,
      Duration saveOffsetAfterDuration,
      Duration backoffMin,
      Duration backoffMax,
      double randomFactor) {
    static Tuning of(Config config) {
      Config backoff = config.getConfig("restart-backoff");
      return new Tuning(
          config.getInt("save-offset-after-envelopes"),
          config.getDuration("save-offset-after-duration"),
          backoff.getDuration("min"),
          backoff.getDuration("max"),
          backoff.getDouble("random-factor"));
    }
  }
}
