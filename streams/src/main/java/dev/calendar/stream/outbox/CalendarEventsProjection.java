package dev.calendar.stream.outbox;

import com.typesafe.config.Config;
import dev.calendar.stream.kafka.KafkaProducers;
import dev.calendar.stream.projection.MeetingJournalProjections;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The outbox: publishes every meeting change to {@code calendar-events}, at least once and in order
 * per meeting. One projection per meeting tag, each a sharded daemon process instance, so exactly
 * one node runs each tag; its offset is kept in Cassandra.
 */
public final class CalendarEventsProjection {
  public static final String NAME = "calendar-events";

  private CalendarEventsProjection() {}

  public static void init(ActorSystem<?> system) {
    Config config = system.settings().config().getConfig("calendar.outbox");
    var producer = KafkaProducers.ofNode(system);
    var handler = new CalendarEventsHandler(config.getString("topic"), producer::send);
    MeetingJournalProjections.start(system, NAME, config, handler);
  }
}
