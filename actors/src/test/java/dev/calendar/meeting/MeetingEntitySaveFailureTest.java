package dev.calendar.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.calendar.Hold;
import dev.calendar.schedule.Schedule;
import dev.calendar.testing.EntityTestConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A meeting whose decision cannot be saved must not leave its holds blocking time: its calendars
 * are told to settle at once (by asking the recovered meeting, which knows whether the decision was
 * stored), its client hears at once, and the meeting takes commands again.
 */
class MeetingEntitySaveFailureTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final Instant NOW = Instant.parse("2031-03-01T08:00:00Z");
  private static final Instant NINE = Instant.parse("2031-03-03T08:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private final UUID meetingId = UUID.randomUUID();
  private final UUID organizer = UUID.randomUUID();
  private final UUID guest = UUID.randomUUID();
  private final RecordingCalendars calendars = new RecordingCalendars();
  private EventSourcedBehaviorTestKit<
          MeetingEntity.Command, MeetingEntity.Event, MeetingEntity.State>
      kit;

  @BeforeEach
  void setUp() {
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            MeetingEntity.create(meetingId, Clock.fixed(NOW, ZoneOffset.UTC), calendars));
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private MeetingEntity.Create create(TestProbe<MeetingEntity.Reply> probe) {
    var details =
        new MeetingDetails(
            "Sync",
            null,
            null,
            Schedule.single(NINE, NINE.plus(Duration.ofMinutes(30)), BERLIN),
            List.of(new Participant(guest, null, null)),
            List.of());
    return new MeetingEntity.Create(organizer, details, "hash", NOW, probe.ref());
  }

  @Test
  void aRejectedDecisionSettlesEveryHoldAtOnceAndAnswersTheClient() {
    TestProbe<MeetingEntity.Reply> client = testKit.createTestProbe();
    kit.persistenceTestKit().rejectNextPersisted();
    kit.runCommand(create(client));

    client.expectMessageClass(MeetingEntity.Unavailable.class, Duration.ofSeconds(3));
    assertThat(calendars.held).containsExactlyInAnyOrder(organizer, guest);
    assertThat(calendars.settledNow).containsExactlyInAnyOrder(organizer, guest);
    kit.persistenceTestKit().expectNothingPersisted("Meeting|" + meetingId);
  }

  @Test
  void aFailedWriteOfUnknownOutcomeSettlesAtOnceAndTheMeetingTakesCommandsAgain() {
    TestProbe<MeetingEntity.Reply> client = testKit.createTestProbe();
    kit.persistenceTestKit().failNextPersisted();
    kit.runCommand(create(client));

    client.expectMessageClass(MeetingEntity.Unavailable.class, Duration.ofSeconds(3));
    assertThat(calendars.settledNow).containsExactlyInAnyOrder(organizer, guest);

    // After its restart the meeting is not stuck on the abandoned attempt: the retry books.
    TestProbe<MeetingEntity.Reply> retry = testKit.createTestProbe();
    kit.runCommand(create(retry));
    var reply = retry.expectMessageClass(MeetingEntity.Ok.class, Duration.ofSeconds(3));
    assertThat(reply.meeting().calendars()).containsExactlyInAnyOrder(organizer, guest);
    assertThat(calendars.confirmed).containsExactlyInAnyOrder(organizer, guest);
  }

  /** Calendars that grant every hold and remember what they were asked. */
  static final class RecordingCalendars implements Calendars {
    final Set<UUID> held = ConcurrentHashMap.newKeySet();
    final Set<UUID> confirmed = ConcurrentHashMap.newKeySet();
    final Set<UUID> settledNow = ConcurrentHashMap.newKeySet();

    @Override
    public CompletionStage<CalendarEntity.HoldReply> placeHold(
        UUID calendar, Hold hold, Booking confirmedNow) {
      held.add(calendar);
      return CompletableFuture.completedFuture(new CalendarEntity.HoldPlaced());
    }

    @Override
    public CompletionStage<CalendarEntity.HoldReply> checkConflicts(
        UUID calendar, Booking booking) {
      return CompletableFuture.completedFuture(new CalendarEntity.HoldPlaced());
    }

    @Override
    public CompletionStage<Done> confirmHold(UUID calendar, UUID meetingId, UUID attemptId) {
      confirmed.add(calendar);
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public CompletionStage<Done> releaseHold(UUID calendar, UUID meetingId, UUID attemptId) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public CompletionStage<Done> removeBooking(UUID calendar, UUID meetingId) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }

    @Override
    public void settleNow(UUID calendar, UUID meetingId, UUID attemptId) {
      settledNow.add(calendar);
    }
  }
}
