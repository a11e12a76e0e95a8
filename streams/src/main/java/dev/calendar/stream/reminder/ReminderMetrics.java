package dev.calendar.stream.reminder;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/** Reminders counted on this node, for {@code GET /metrics}. */
public final class ReminderMetrics implements Extension {
  private static final ExtensionId<ReminderMetrics> ID =
      new ExtensionId<>() {
        @Override
        public ReminderMetrics createExtension(ActorSystem<?> system) {
          return new ReminderMetrics();
        }
      };

  private final AtomicLong stale = new AtomicLong();

  public static ReminderMetrics get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  void recordStale() {
    stale.incrementAndGet();
  }

  /** Reminders not sent because they were found too late (stale cut-off). */
  public long stale() {
    return stale.get();
  }
}
