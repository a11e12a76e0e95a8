package dev.calendar.stream.reminder;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The {@code calendar.reminders} block (calendar-notifications.conf); its projection tuning is read
 * by {@link dev.calendar.stream.projection.MeetingJournalProjections}.
 */
public record ReminderSettings(
    String topic,
    int partitions,
    Duration tickInterval,
    Duration staleAfter,
    Duration maxCatchUpPerTick,
    Duration quietSaveEvery,
    Duration lateMargin) {
  public static final String PATH = "calendar.reminders";

  public static ReminderSettings of(Config root) {
    Config c = root.getConfig(PATH);
    return new ReminderSettings(
        c.getString("topic"),
        c.getInt("partitions"),
        c.getDuration("tick-interval"),
        c.getDuration("stale-after"),
        c.getDuration("max-catch-up-per-tick"),
        c.getDuration("quiet-watermark-save-every"),
        c.getDuration("late-margin"));
  }
}
