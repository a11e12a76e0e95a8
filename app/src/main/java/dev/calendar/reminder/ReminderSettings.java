package dev.calendar.reminder;

import com.typesafe.config.Config;
import java.time.Duration;

/** The {@code calendar.reminders} block (calendar-notifications.conf). */
public record ReminderSettings(
    String topic,
    int partitions,
    Duration tickInterval,
    Duration staleAfter,
    Duration maxCatchUpPerTick,
    Duration lateMargin,
    int saveOffsetAfterEnvelopes,
    Duration saveOffsetAfterDuration,
    Duration restartBackoffMin,
    Duration restartBackoffMax,
    double restartBackoffRandomFactor) {

  public static ReminderSettings of(Config root) {
    Config c = root.getConfig("calendar.reminders");
    Config backoff = c.getConfig("restart-backoff");
    return new ReminderSettings(
        c.getString("topic"),
        c.getInt("partitions"),
        c.getDuration("tick-interval"),
        c.getDuration("stale-after"),
        c.getDuration("max-catch-up-per-tick"),
        c.getDuration("late-margin"),
        c.getInt("save-offset-after-envelopes"),
        c.getDuration("save-offset-after-duration"),
        backoff.getDuration("min"),
        backoff.getDuration("max"),
        backoff.getDouble("random-factor"));
  }
}
