package dev.calendar.stream.reminder;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingChange;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.reminder.DueReminder;
import dev.calendar.store.reminder.ReminderIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the reminder index in step with the meeting journal: a scheduled or changed meeting gets
 * its next reminders indexed in place of the ones it had, a cancelled one loses them all. The
 * writes are upserts and deletes by key, so a replayed envelope gives the same rows.
 *
 * <p>Late rows: this projection runs 2–3 s behind the journal, so a reminder can be indexed after
 * the scheduler's watermark passed its due time. So once the write is acknowledged, a reminder due
 * within the late margin is also sent from here: at its due time if that is still ahead, at once if
 * it is past but its occurrence has not started, else not at all. The plan starts the late margin
 * back from now, which covers a change that lands just after a due time. The scheduler may send the
 * same reminder; the notifier drops the second by key.
 */
public final class ReminderIndexHandler extends Handler<EventEnvelope<MeetingEntity.Event>> {
  private static final Logger log = LoggerFactory.getLogger(ReminderIndexHandler.class);

  private final ReminderIndex index;
  private final ReminderPlanner planner;
  private final Function<DueReminder, CompletionStage<?>> send;
  private final Clock clock;
  private final Duration lateMargin;
  private final Executor executor;

  public ReminderIndexHandler(
      ReminderIndex index,
      ReminderPlanner planner,
      Function<DueReminder, CompletionStage<?>> send,
      Clock clock,
      Duration lateMargin,
      Executor executor) {
    this.index = index;
    this.planner = planner;
    this.send = send;
    this.clock = clock;
    this.lateMargin = lateMargin;
    this.executor = executor;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<MeetingEntity.Event> envelope) {
    UUID meetingId = MeetingEntity.meetingIdOf(envelope.persistenceId());
    Optional<MeetingChange> change = MeetingChange.of(meetingId, envelope.event());
    if (change.isEmpty()) {
      return CompletableFuture.completedFuture(done()); // a rejected create: nothing was booked
    }
    if (change.get() instanceof MeetingChange.Scheduled s) {
      return reindex(s.meeting());
    } else if (change.get() instanceof MeetingChange.Changed c) {
      return reindex(c.meeting());
    }
    return index.replace(meetingId, List.of()).thenApply(v -> done());
  }

  private CompletionStage<Done> reindex(Meeting meeting) {
    Instant now = clock.instant();
    return planner
        .plan(meeting, now.minus(lateMargin))
        .thenComposeAsync(
            rows ->
                index
                    .replace(meeting.id(), rows)
                    .thenComposeAsync(written -> sendLate(rows, now), executor),
            executor);
  }

  private CompletionStage<Done> sendLate(List<DueReminder> rows, Instant now) {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    Instant horizon = now.plus(lateMargin);
    for (DueReminder r : rows) {
      if (r.dueAt().isAfter(horizon)) {
        continue; // the scheduler's
      }
      if (r.dueAt().isAfter(now)) {
        long delay = Duration.between(now, r.dueAt()).toMillis();
        Executor atDueTime =
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS, executor);
        sends.add(
            CompletableFuture.runAsync(() -> {}, atDueTime).thenCompose(ready -> send.apply(r)));
      } else if (r.occurrenceStart().isAfter(now)) {
        sends.add(send.apply(r).toCompletableFuture());
      } else {
        log.info(
            "Reminder indexed after its occurrence started, not sent: key={} dueAt={}",
            r.key(),
            r.dueAt());
      }
    }
    return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenApply(v -> done());
  }

  private static Done done() {
    return Done.getInstance();
  }
}
