package dev.calendar.reminder;

import dev.calendar.meeting.MeetingEntity;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The reminder index projection: one per meeting tag, each a sharded daemon process instance, at
 * least once, offsets in Cassandra (projection id {@code reminder-index} / tag).
 */
final class ReminderIndexProjection {
  static final String NAME = "reminder-index";

  private ReminderIndexProjection() {}

  static void init(ActorSystem<?> system, ReminderSettings settings, ReminderIndexHandler handler) {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < MeetingEntity.TAG_COUNT; i++) {
      tags.add(MeetingEntity.tag(i));
    }
    ShardedDaemonProcess.get(system)
        .init(
            ProjectionBehavior.Command.class,
            NAME,
            tags.size(),
            i -> ProjectionBehavior.create(projection(system, settings, tags.get(i), handler)),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(ProjectionBehavior.stopMessage()));
  }

  private static AtLeastOnceProjection<?, EventEnvelope<MeetingEntity.Event>> projection(
      ActorSystem<?> system, ReminderSettings settings, String tag, ReminderIndexHandler handler) {
    return CassandraProjection.atLeastOnce(
            ProjectionId.of(NAME, tag),
            EventSourcedProvider.<MeetingEntity.Event>eventsByTag(
                system, CassandraReadJournal.Identifier(), tag),
            () -> handler)
        .withSaveOffset(settings.saveOffsetAfterEnvelopes(), settings.saveOffsetAfterDuration())
        .withRestartBackoff(
            settings.restartBackoffMin(),
            settings.restartBackoffMax(),
            settings.restartBackoffRandomFactor());
  }
}
