package dev.calendar.store.reminder;

import dev.calendar.reminder.DueReminder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The reminders waiting to be sent, by scheduler partition and due time, and each partition's
 * watermark. Writes are idempotent upserts, so a replayed projection or a retried tick converges on
 * the same rows.
 */
public interface ReminderIndex {
  /** How many scheduler partitions the rows are spread over. */
  int partitions();

  /** The partition of an event's reminders: all of an event's rows share one. */
  default int partitionOf(UUID eventId) {
    return partitionOf(eventId, partitions());
  }

  static int partitionOf(UUID eventId, int partitions) {
    return Math.floorMod(eventId.hashCode(), partitions);
  }

  /** Adds (or overwrites) one reminder. */
  CompletionStage<Void> put(DueReminder reminder);

  /**
   * Makes {@code reminders} the event's indexed reminders: those it had that are not among them are
   * removed, the others upserted. An empty list withdraws them all.
   */
  CompletionStage<Void> replace(UUID eventId, List<DueReminder> reminders);

  /** The reminders of {@code partition} due in ({@code after}, {@code upTo}], by due time. */
  CompletionStage<List<DueReminder>> due(int partition, Instant after, Instant upTo);

  /** The partition's watermark, if it was ever saved. */
  CompletionStage<Optional<Instant>> watermark(int partition);

  CompletionStage<Void> saveWatermark(int partition, Instant watermark);

  /**
   * Records a reminder that was not sent in its recipient's notification history, with status
   * {@code dead} and this error.
   */
  CompletionStage<Void> recordDead(DueReminder reminder, String error);
}
