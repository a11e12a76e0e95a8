package dev.calendar.stream.reminder;

import dev.calendar.reminder.DueReminder;
import dev.calendar.store.reminder.ReminderIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The reminder index in maps, for tests of what uses it. */
final class InMemoryReminderIndex implements ReminderIndex {
  private final int partitions;
  private final Map<String, DueReminder> rows = new LinkedHashMap<>();
  private final Map<Integer, Instant> watermarks = new HashMap<>();
  final List<DueReminder> dead = new ArrayList<>();

  InMemoryReminderIndex(int partitions) {
    this.partitions = partitions;
  }

  synchronized List<DueReminder> rows() {
    return List.copyOf(rows.values());
  }

  synchronized Optional<Instant> savedWatermark(int partition) {
    return Optional.ofNullable(watermarks.get(partition));
  }

  @Override
  public int partitions() {
    return partitions;
  }

  @Override
  public synchronized CompletionStage<Void> put(DueReminder reminder) {
    rows.put(reminder.key(), reminder);
    return done();
  }

  @Override
  public synchronized CompletionStage<Void> replace(UUID eventId, List<DueReminder> reminders) {
    rows.values().removeIf(r -> r.eventId().equals(eventId));
    reminders.forEach(r -> rows.put(r.key(), r));
    return done();
  }

  @Override
  public synchronized CompletionStage<List<DueReminder>> due(
      int partition, Instant after, Instant upTo) {
    return CompletableFuture.completedFuture(
        rows.values().stream()
            .filter(r -> partitionOf(r.eventId()) == partition)
            .filter(r -> r.dueAt().isAfter(after) && !r.dueAt().isAfter(upTo))
            .sorted(Comparator.comparing(DueReminder::dueAt))
            .toList());
  }

  @Override
  public synchronized CompletionStage<Optional<Instant>> watermark(int partition) {
    return CompletableFuture.completedFuture(savedWatermark(partition));
  }

  @Override
  public synchronized CompletionStage<Void> saveWatermark(int partition, Instant watermark) {
    watermarks.put(partition, watermark);
    return done();
  }

  @Override
  public synchronized CompletionStage<Void> recordDead(DueReminder reminder, String error) {
    dead.add(reminder);
    return done();
  }

  private static CompletionStage<Void> done() {
    return CompletableFuture.completedFuture(null);
  }
}
