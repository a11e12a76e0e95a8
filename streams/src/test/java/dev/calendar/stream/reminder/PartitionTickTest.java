package dev.calendar.stream.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.notification.Channel;
import dev.calendar.notification.ReminderRule;
import dev.calendar.reminder.DueReminder;
import dev.calendar.reminder.ReminderPlan;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PartitionTickTest {
  private static final Instant T0 = Instant.parse("2027-03-22T07:00:00Z");
  private static final Duration STALE_AFTER = Duration.ofHours(1);
  private static final Duration CATCH_UP = Duration.ofMinutes(30);
  private static final Duration QUIET_SAVE_EVERY = Duration.ofSeconds(10);
  private static final UUID ORGANIZER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final ReminderRule EMAIL_15M =
      new ReminderRule(Duration.ofMinutes(15), Channel.EMAIL);

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryReminderIndex index = new InMemoryReminderIndex(1);
  private final Map<UUID, Meeting> meetings = new HashMap<>();
  private final List<DueReminder> sent = new ArrayList<>();
  private final AtomicInteger staleCount = new AtomicInteger();
  private CompletableFuture<Void> acks = CompletableFuture.completedFuture(null);

  private final ReminderPlanner planner =
      new ReminderPlanner(
          new ReminderPlanner.Lookups() {
            @Override
            public CompletionStage<Optional<Meeting>> meeting(UUID eventId, UUID callerId) {
              return CompletableFuture.completedFuture(Optional.ofNullable(meetings.get(eventId)));
            }

            @Override
            public CompletionStage<List<ReminderRule>> defaults(UUID userId) {
              return CompletableFuture.completedFuture(List.of());
            }
          },
          Runnable::run);

  private final PartitionTick tick =
      new PartitionTick(
          index,
          r -> {
            synchronized (sent) {
              sent.add(r);
            }
            return acks;
          },
          planner,
          clock,
          STALE_AFTER,
          CATCH_UP,
          QUIET_SAVE_EVERY,
          staleCount::incrementAndGet,
          Runnable::run);

  @Test
  void sendsADueReminderOnceAtItsDueTimeAndNotBefore() {
    Meeting m = single(T0.plus(Duration.ofMinutes(20)));
    index.replace(m.id(), plan(m, T0));
    DueReminder row = index.rows().get(0);
    assertThat(row.dueAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));

    Instant wm = run(null).watermark();
    assertThat(sent).isEmpty();
    clock.advance(Duration.ofMinutes(5).minusMillis(1));
    wm = run(wm).watermark();
    assertThat(sent).isEmpty();
    clock.advance(Duration.ofMillis(1));
    wm = run(wm).watermark();
    assertThat(sent).containsExactly(row);
    clock.advance(Duration.ofMillis(500));
    run(wm);
    assertThat(sent).containsExactly(row);
  }

  @Test
  void theWatermarkMovesOnlyAfterEverySendWasAcknowledged() {
    Meeting m = single(T0.plus(Duration.ofMinutes(20)));
    indexedAtT0(m);
    clock.advance(Duration.ofMinutes(6));
    acks = new CompletableFuture<>();

    CompletableFuture<PartitionTick.Outcome> running = tick.run(0, null).toCompletableFuture();

    assertThat(sent).hasSize(1);
    assertThat(running).isNotDone();
    assertThat(index.savedWatermark(0)).contains(T0);
    acks.complete(null);
    assertThat(running.join().watermark()).isEqualTo(clock.instant());
    assertThat(index.savedWatermark(0)).contains(clock.instant());
  }

  @Test
  void aFailedSendLeavesTheWatermarkSoTheNextTickSendsAgain() {
    Meeting m = single(T0.plus(Duration.ofMinutes(20)));
    indexedAtT0(m);
    clock.advance(Duration.ofMinutes(6));
    acks = CompletableFuture.failedFuture(new IllegalStateException("broker down"));

    assertThat(tick.run(0, null).toCompletableFuture()).isCompletedExceptionally();
    assertThat(index.savedWatermark(0)).contains(T0);

    acks = CompletableFuture.completedFuture(null);
    run(null);
    assertThat(sent).hasSize(2).extracting(DueReminder::key).containsOnly(sent.get(0).key());
    assertThat(index.savedWatermark(0)).contains(clock.instant());
  }

  @Test
  void firingASeriesReminderIndexesTheNextOccurrence() {
    Meeting m = weekly(T0.plus(Duration.ofMinutes(20)));
    meetings.put(m.id(), m);
    indexedAtT0(m);
    clock.advance(Duration.ofMinutes(6));

    PartitionTick.Outcome outcome = run(null);

    assertThat(outcome.sent()).isEqualTo(1);
    assertThat(outcome.indexedNext()).isEqualTo(1);
    assertThat(index.rows())
        .extracting(DueReminder::dueAt)
        .containsExactlyInAnyOrder(
            T0.plus(Duration.ofMinutes(5)), T0.plus(Duration.ofDays(7).plusMinutes(5)));
  }

  /**
   * A weekly 09:00 Berlin meeting, fired week after week by the scheduler alone (each firing
   * indexes the next): 07:45Z before the March change to summer time, 06:45Z after it.
   */
  @Test
  void aWeeklySeriesRemindsAtTheSameLocalTimeAcrossTheDstChange() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant firstStart = java.time.LocalDateTime.of(2027, 3, 15, 9, 0).atZone(berlin).toInstant();
    Meeting m =
        meeting(
            new Schedule(
                firstStart,
                firstStart.plus(Duration.ofMinutes(30)),
                berlin,
                "FREQ=WEEKLY;COUNT=4",
                List.of(),
                List.of()));
    meetings.put(m.id(), m);
    Instant start = firstStart.minus(Duration.ofHours(1));
    clock.set(start);
    index.replace(m.id(), plan(m, start));
    index.saveWatermark(0, start);

    // Tick every 10 minutes of simulated time over four weeks, as the actor's timer would.
    Instant end = firstStart.plus(Duration.ofDays(22));
    Instant watermark = null;
    while (clock.instant().isBefore(end)) {
      clock.advance(Duration.ofMinutes(10));
      watermark = run(watermark).watermark();
    }

    assertThat(sent)
        .extracting(DueReminder::dueAt)
        .containsExactly(
            Instant.parse("2027-03-15T07:45:00Z"),
            Instant.parse("2027-03-22T07:45:00Z"),
            Instant.parse("2027-03-29T06:45:00Z"),
            Instant.parse("2027-04-05T06:45:00Z"));
    assertThat(index.rows()).extracting(DueReminder::dueAt).doesNotHaveDuplicates();
  }

  @Test
  void aCancelledOrUnknownSeriesGetsNoNextReminder() {
    Meeting m = weekly(T0.plus(Duration.ofMinutes(20)));
    indexedAtT0(m); // not in `meetings`: unknown
    clock.advance(Duration.ofMinutes(6));

    PartitionTick.Outcome outcome = run(null);

    assertThat(outcome.sent()).isEqualTo(1);
    assertThat(outcome.indexedNext()).isZero();
    assertThat(index.rows()).hasSize(1);
  }

  @Test
  void staleRemindersAreRecordedDeadNotSentAndTheSeriesGoesOn() {
    // Due at T0+5m, but the scheduler comes back only at T0+2h, its watermark still at T0.
    Meeting series = weekly(T0.plus(Duration.ofMinutes(20)));
    meetings.put(series.id(), series);
    indexedAtT0(series);
    clock.advance(Duration.ofHours(2));

    PartitionTick.Outcome outcome = run(null);

    assertThat(sent).isEmpty();
    assertThat(outcome.stale()).isEqualTo(1);
    assertThat(staleCount).hasValue(1);
    assertThat(index.dead).extracting(DueReminder::dueAt).containsExactly(T0.plusSeconds(300));
    assertThat(index.rows()).hasSize(2); // next week's is indexed all the same
    // catching up is bounded per tick
    assertThat(outcome.watermark()).isEqualTo(T0.plus(CATCH_UP));
  }

  @Test
  void aReminderForAnOccurrenceThatAlreadyEndedIsNotSent() {
    // A reminder due 15 minutes before a 5-minute meeting, found 25 minutes after it was due:
    // within stale-after, but the meeting is over.
    Instant start = T0.plus(Duration.ofMinutes(20));
    Meeting m =
        meeting(
            new Schedule(
                start, start.plusSeconds(300), ZoneId.of("UTC"), null, List.of(), List.of()));
    indexedAtT0(m);
    clock.advance(Duration.ofMinutes(30));

    PartitionTick.Outcome outcome = run(null);

    assertThat(sent).isEmpty();
    assertThat(outcome.stale()).isEqualTo(1);
    assertThat(index.dead).hasSize(1);
  }

  @Test
  void quietTicksSaveTheWatermarkOnlyEveryFewSeconds() {
    index.saveWatermark(0, clock.instant());
    Instant saved = clock.instant();
    PartitionTick.Outcome outcome = new PartitionTick.Outcome(saved, saved, 0, 0, 0);
    for (int i = 0; i < 19; i++) { // 9.5 s of ticks that find nothing
      clock.advance(Duration.ofMillis(500));
      outcome = tick.run(0, outcome.watermark(), outcome.saved()).toCompletableFuture().join();
      assertThat(outcome.watermark()).isEqualTo(clock.instant());
      assertThat(outcome.saved()).isEqualTo(saved);
    }
    assertThat(index.savedWatermark(0)).contains(saved);

    clock.advance(Duration.ofMillis(500));
    outcome = tick.run(0, outcome.watermark(), outcome.saved()).toCompletableFuture().join();
    assertThat(outcome.saved()).isEqualTo(clock.instant());
    assertThat(index.savedWatermark(0)).contains(clock.instant());
  }

  @Test
  void aTickThatSendsSavesItsWatermarkAtOnce() {
    Meeting m = single(T0.plus(Duration.ofMinutes(20)));
    indexedAtT0(m);
    clock.advance(Duration.ofMinutes(5));
    PartitionTick.Outcome outcome = tick.run(0, T0, T0).toCompletableFuture().join();
    assertThat(sent).hasSize(1);
    assertThat(outcome.saved()).isEqualTo(clock.instant());
    assertThat(index.savedWatermark(0)).contains(clock.instant());
  }

  /** {@code m}'s reminders planned at T0, in an index whose partition 0 was ticked up to T0. */
  private void indexedAtT0(Meeting m) {
    index.replace(m.id(), plan(m, T0));
    index.saveWatermark(0, T0);
  }

  private PartitionTick.Outcome run(Instant watermark) {
    return tick.run(0, watermark).toCompletableFuture().join();
  }

  private static List<DueReminder> plan(Meeting m, Instant after) {
    return ReminderPlan.next(m, ReminderPlan.recipients(m, Map.of()), after);
  }

  private static Meeting single(Instant start) {
    return meeting(Schedule.single(start, start.plus(Duration.ofMinutes(30)), ZoneId.of("UTC")));
  }

  private static Meeting weekly(Instant start) {
    return meeting(
        new Schedule(
            start,
            start.plus(Duration.ofMinutes(30)),
            ZoneId.of("UTC"), // no DST change in between
            "FREQ=WEEKLY",
            List.of(),
            List.of()));
  }

  private static Meeting meeting(Schedule schedule) {
    return new Meeting(
        UUID.randomUUID(),
        ORGANIZER,
        new MeetingDetails("Sync", null, null, schedule, List.of(), List.of(EMAIL_15M)),
        false,
        T0,
        T0,
        1,
        UUID.randomUUID());
  }
}
