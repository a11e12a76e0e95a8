package dev.calendar.notification;

import dev.calendar.serialization.CborSerializable;
import java.time.Duration;

/** "Remind {@code offset} before the start, by {@code channel}". */
public record ReminderRule(Duration offset, Channel channel) implements CborSerializable {
  /** Reminders further ahead than this make no sense for a calendar and are refused. */
  public static final Duration MAX_OFFSET = Duration.ofDays(28);

  public static final int MAX_PER_LIST = 10;
}
