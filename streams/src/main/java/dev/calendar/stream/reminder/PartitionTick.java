package dev.calendar.stream.reminder;

import dev.calendar.reminder.DueReminder;
import dev.calendar.store.reminder.ReminderIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler tick for one partition, without the actor: read what fell due since the watermark,
 * send it (or record it as stale), index each series' next reminder, and only then move the
 * watermark. A failure anywhere leaves the watermark where it was, so the next tick sends the same
 * reminders again (the notifier drops the duplicates by key).
 */
public final class PartitionTick {
  private static final Logger log = LoggerFactory.getLogger(PartitionTick.class);

  /**
   * The new watermark, the one now stored (behind it after quiet ticks, see {@link #run(int,
   * Instant, Instant)}), and what the tick did.
   */
  public record Outcome(Instant watermark, Instant saved, int sent, int stale, int indexedNext) {}

  private final ReminderIndex index;
  private final Function<DueReminder, CompletionStage<?>> send;
  private final ReminderPlanner planner;
  private final Clock clock;
  private final Duration staleAfter;
  private final Duration maxCatchUp;
  private final Duration quietSaveEvery;
  private final Runnable onStale;
  private final Executor executor;

  /**
   * @param send produces the reminder's notification; completes when Kafka acknowledged it
   * @param quietSaveEvery how far the watermark may run ahead of the stored one while ticks find
   *     nothing: a restart then reads that span again, which found nothing (or what the index
   *     projection indexed late and sent itself; the notifier drops the duplicate). It spares the
   *     store a write per partition per tick on a quiet night.
   * @param onStale counts a reminder given up as stale
   */
  public PartitionTick(
      ReminderIndex index,
      Function<DueReminder, CompletionStage<?>> send,
      ReminderPlanner planner,
      Clock clock,
      Duration staleAfter,
      Duration maxCatchUp,
      Duration quietSaveEvery,
      Runnable onStale,
      Executor executor) {
    this.index = index;
    this.send = send;
    this.planner = planner;
    this.clock = clock;
    this.staleAfter = staleAfter;
    this.maxCatchUp = maxCatchUp;
    this.quietSaveEvery = quietSaveEvery;
    this.onStale = onStale;
    this.executor = executor;
  }

  /**
   * Runs one tick. {@code knownWatermark} is the one the previous tick saved, or null to load it
   * (first tick: now minus stale-after, as anything older would be stale anyway).
   */
  public CompletionStage<Outcome> run(int partition, Instant knownWatermark) {
    return run(partition, knownWatermark, null);
  }

  /**
   * Runs one tick, knowing which watermark is stored ({@code savedWatermark}; null: unknown, so
   * this tick saves). A tick that found nothing saves only when the watermark is {@code
   * quietSaveEvery} past the stored one.
   */
  public CompletionStage<Outcome> run(
      int partition, Instant knownWatermark, Instant savedWatermark) {
    // Cassandra keeps milliseconds; a finer watermark could skip a row stored at its millisecond.
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (knownWatermark == null) {
      return index
          .watermark(partition)
          .thenComposeAsync(
              saved -> fire(partition, saved.orElse(now.minus(staleAfter)), null, now), executor);
    }
    return fire(partition, knownWatermark, savedWatermark, now);
  }

  private CompletionStage<Outcome> fire(
      int partition, Instant from, Instant savedWatermark, Instant now) {
    Instant upTo = from.plus(maxCatchUp).isBefore(now) ? from.plus(maxCatchUp) : now;
    if (!upTo.isAfter(from)) {
      return CompletableFuture.completedFuture(new Outcome(from, savedWatermark, 0, 0, 0));
    }
    return index
        .due(partition, from, upTo)
        .thenComposeAsync(
            rows -> {
              List<CompletionStage<?>> done = new ArrayList<>();
              int stale = 0;
              for (DueReminder r : rows) {
                if (isStale(r, now)) {
                  stale++;
                  onStale.run();
                  log.warn(
                      "Stale reminder not sent: key={} dueAt={} occurrenceEnd={} eventId={}",
                      r.key(),
                      r.dueAt(),
                      r.end(),
                      r.eventId());
                  done.add(index.recordDead(r, "stale"));
                } else {
                  done.add(send.apply(r));
                }
              }
              int sent = rows.size() - stale;
              int staleCount = stale;
              return all(done)
                  .thenComposeAsync(acked -> indexNext(rows), executor)
                  .thenComposeAsync(
                      next -> {
                        Instant watermark = watermarkAfter(upTo, next);
                        if (rows.isEmpty()
                            && savedWatermark != null
                            && watermark.isBefore(savedWatermark.plus(quietSaveEvery))) {
                          return CompletableFuture.completedFuture(
                              new Outcome(watermark, savedWatermark, 0, 0, 0));
                        }
                        return index
                            .saveWatermark(partition, watermark)
                            .thenApply(
                                saved ->
                                    new Outcome(
                                        watermark, watermark, sent, staleCount, next.size()));
                      },
                      executor);
            },
            executor);
  }

  /**
   * Not sent: more than stale-after late (a scheduler that was down that long should not flood
   * users with old reminders), or for an occurrence that is already over.
   */
  private boolean isStale(DueReminder r, Instant now) {
    return r.dueAt().isBefore(now.minus(staleAfter)) || !r.end().isAfter(now);
  }

  /**
   * Indexes the next reminder of each fired series before the watermark moves past it, so a crash
   * in between cannot end a series' reminders.
   */
  private CompletionStage<List<DueReminder>> indexNext(List<DueReminder> rows) {
    List<CompletableFuture<Optional<DueReminder>>> nexts = new ArrayList<>();
    for (DueReminder r : rows) {
      if (r.recurring()) {
        nexts.add(
            planner
                .nextAfter(r)
                .thenComposeAsync(
                    next ->
                        next.isEmpty()
                            ? CompletableFuture.completedFuture(next)
                            : index.put(next.get()).thenApply(put -> next),
                    executor)
                .toCompletableFuture());
      }
    }
    return CompletableFuture.allOf(nexts.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> nexts.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
  }

  /**
   * Normally {@code upTo}; but a next reminder that is itself already due (a dense series, or a
   * catch-up) was indexed behind the read, so the watermark stops just before it.
   */
  private static Instant watermarkAfter(Instant upTo, List<DueReminder> next) {
    Instant watermark = upTo;
    for (DueReminder r : next) {
      Instant before = r.dueAt().minusMillis(1);
      if (!r.dueAt().isAfter(upTo) && before.isBefore(watermark)) {
        watermark = before;
      }
    }
    return watermark;
  }

  private static CompletionStage<Void> all(List<CompletionStage<?>> stages) {
    return CompletableFuture.allOf(
        stages.stream()
            .map(CompletionStage::toCompletableFuture)
            .toArray(CompletableFuture[]::new));
  }
}
