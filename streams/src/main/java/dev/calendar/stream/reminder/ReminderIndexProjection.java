package dev.calendar.stream.reminder;

import dev.calendar.stream.projection.MeetingJournalProjections;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * The reminder index projection: one per meeting tag, each a sharded daemon process instance, at
 * least once, offsets in Cassandra (projection id {@code reminder-index} / tag), tuned by the
 * {@code calendar.reminders} block.
 */
final class ReminderIndexProjection {
  static final String NAME = "reminder-index";

  private ReminderIndexProjection() {}

  static void init(ActorSystem<?> system, ReminderIndexHandler handler) {
    MeetingJournalProjections.start(
        system, NAME, system.settings().config().getConfig(ReminderSettings.PATH), handler);
  }
}
