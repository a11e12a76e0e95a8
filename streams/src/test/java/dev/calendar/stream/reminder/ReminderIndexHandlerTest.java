package dev.calendar.stream.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.notification.Channel;
import dev.calendar.notification.ReminderRule;
import dev.calendar.reminder.DueReminder;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

class ReminderIndexHandlerTest {
  private static final Instant T0 = Instant.parse("2027-03-22T07:00:00Z");
  private static final UUID ORGANIZER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-0000000000ee");
  private static final Duration LATE_MARGIN = Duration.ofSeconds(5);

  private final ManualClock clock = new ManualClock(T0);
  private final InMemoryReminderIndex index = new InMemoryReminderIndex(4);
  private final List<DueReminder> sent = new ArrayList<>();
  private final ReminderPlanner planner =
      new ReminderPlanner(
          new ReminderPlanner.Lookups() {
            @Override
            public CompletionStage<Optional<Meeting>> meeting(UUID eventId, UUID callerId) {
              return CompletableFuture.completedFuture(Optional.empty());
            }

            @Override
            public CompletionStage<List<ReminderRule>> defaults(UUID userId) {
              return CompletableFuture.completedFuture(
                  List.of(new ReminderRule(Duration.ofMinutes(30), Channel.PUSH)));
            }
          },
          Runnable::run);
  private final ReminderIndexHandler handler =
      new ReminderIndexHandler(
          index,
          planner,
          r -> {
            synchronized (sent) {
              sent.add(r);
            }
            return CompletableFuture.completedFuture(null);
          },
          clock,
          LATE_MARGIN,
          Runnable::run);

  @Test
  void indexesTheNextRemindersAndReplacesThemWhenTheMeetingMoves() {
    Meeting m = meeting(T0.plus(Duration.ofHours(2)), List.of(rule(10)), 1);
    process(new MeetingEntity.MeetingScheduled(m, "h"));
    assertThat(index.rows()).extracting(DueReminder::dueAt).containsExactly(at(110));

    Meeting moved = meeting(T0.plus(Duration.ofHours(3)), List.of(rule(10)), 2);
    process(new MeetingEntity.MeetingChanged(moved, List.of()));
    process(new MeetingEntity.MeetingChanged(moved, List.of())); // a replay: same rows
    assertThat(index.rows()).extracting(DueReminder::dueAt).containsExactly(at(170));
    assertThat(sent).isEmpty();
  }

  @Test
  void usesTheUsersDefaultsWhenTheMeetingHasNoReminders() {
    process(new MeetingEntity.MeetingScheduled(meeting(at(120), List.of(), 1), "h"));

    assertThat(index.rows())
        .extracting(r -> r.channel() + " " + r.dueAt())
        .containsExactly("PUSH " + at(90));
  }

  @Test
  void aCancellationWithdrawsEveryReminder() {
    Meeting m = meeting(at(120), List.of(rule(10)), 1);
    process(new MeetingEntity.MeetingScheduled(m, "h"));

    process(new MeetingEntity.MeetingCancelled(T0, null));

    assertThat(index.rows()).isEmpty();
  }

  @Test
  void aReminderIndexedAfterItsDueTimeIsSentAtOnceWhileItsOccurrenceIsAhead() {
    // the change was journaled before the due time; the projection sees it 2 s after
    scheduleWithEmailReminder(T0.plusSeconds(60), Duration.ofSeconds(62));

    assertThat(sent).extracting(DueReminder::dueAt).containsExactly(T0.minusSeconds(2));
  }

  @Test
  void aLateReminderWhoseOccurrenceStartedIsNotSent() {
    scheduleWithEmailReminder(T0.minusSeconds(1), Duration.ofSeconds(2));

    assertThat(sent).isEmpty();
  }

  @Test
  void remindersDueLaterThanTheLateMarginAreLeftToTheScheduler() {
    scheduleWithEmailReminder(T0.plusSeconds(60), Duration.ofSeconds(54));

    assertThat(index.rows()).hasSize(1);
    assertThat(sent).isEmpty();
  }

  /** Journals a meeting starting at {@code start} with one email reminder {@code before} it. */
  private void scheduleWithEmailReminder(Instant start, Duration before) {
    Meeting m = meeting(start, List.of(new ReminderRule(before, Channel.EMAIL)), 1);
    process(new MeetingEntity.MeetingScheduled(m, "h"));
  }

  private void process(MeetingEntity.Event e) {
    handler
        .process(EventEnvelope.create(new Sequence(1), "Meeting|" + ID, 1, e, 0L))
        .toCompletableFuture()
        .join();
  }

  private static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static ReminderRule rule(int minutes) {
    return new ReminderRule(Duration.ofMinutes(minutes), Channel.EMAIL);
  }

  private static Meeting meeting(Instant start, List<ReminderRule> rules, long version) {
    var schedule = Schedule.single(start, start.plus(Duration.ofMinutes(30)), ZoneId.of("UTC"));
    return new Meeting(
        ID,
        ORGANIZER,
        new MeetingDetails("Sync", null, null, schedule, List.of(), rules),
        false,
        T0,
        T0,
        version,
        UUID.randomUUID());
  }
}
