package dev.calendar.stream.invitation;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.store.invitation.CassandraToldStore;
import dev.calendar.stream.kafka.KafkaProducers;
import dev.calendar.stream.projection.MeetingJournalProjections;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

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
  public static void init(ActorSystem<?> system, CqlSession cql, ManageLinks manageLinks) {
    Config root = system.settings().config();
    Config config = root.getConfig("calendar.meeting-notifications");
    if (!config.getBoolean("enabled")) {
      return;
    }
    var executor = system.executionContext();
    var producer = KafkaProducers.ofNode(system);
    var handler =
        new MeetingNotificationsHandler(
            config.getString("topic"),
            new CassandraToldStore(cql, root.getString("calendar.cassandra.keyspace"), executor),
            new ShardedDirectory(
                ClusterSharding.get(system), root.getDuration("calendar.ask-timeout"), executor),
            producer::send,
            executor,
            manageLinks);

    MeetingJournalProjections.start(system, NAME, config, handler);
  }
}
