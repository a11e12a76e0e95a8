package dev.calendar.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.schedule.Schedule;
import dev.calendar.testing.EntityTestConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
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
  private final FakeCalendars calendars = new FakeCalendars();
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

  /**
   * Runs the command with the holds answered only after the testkit has seen it handled: the failed
   * write stops or restarts the entity, which must not race the testkit's own look at it.
   */
  private void runWithHoldsGrantedAfter(MeetingEntity.Command command) {
    calendars.holdByHand = true;
    kit.runCommand(command);
    calendars.nextPendingHold().grant();
    calendars.nextPendingHold().grant();
  }

  @Test
  void aRejectedDecisionSettlesEveryHoldAtOnceAndAnswersTheClient() {
    TestProbe<MeetingEntity.Reply> client = testKit.createTestProbe();
    kit.persistenceTestKit().rejectNextPersisted();
    runWithHoldsGrantedAfter(create(client));

    client.expectMessageClass(MeetingEntity.Unavailable.class, Duration.ofSeconds(3));
    assertThat(calendars.held).containsExactlyInAnyOrder(organizer, guest);
    assertThat(calendars.settledNow).containsExactlyInAnyOrder(organizer, guest);
    kit.persistenceTestKit().expectNothingPersisted("Meeting|" + meetingId);
  }

  @Test
  void aFailedWriteOfUnknownOutcomeSettlesAtOnceAndTheMeetingTakesCommandsAgain() {
    TestProbe<MeetingEntity.Reply> client = testKit.createTestProbe();
    kit.persistenceTestKit().failNextPersisted();
    runWithHoldsGrantedAfter(create(client));

    client.expectMessageClass(MeetingEntity.Unavailable.class, Duration.ofSeconds(3));
    assertThat(calendars.settledNow).containsExactlyInAnyOrder(organizer, guest);

    calendars.holdByHand = false;
    // After its restart the meeting is not stuck on the abandoned attempt: the retry books.
    TestProbe<MeetingEntity.Reply> retry = testKit.createTestProbe();
    kit.runCommand(create(retry));
    var reply = retry.expectMessageClass(MeetingEntity.Ok.class, Duration.ofSeconds(3));
    assertThat(reply.meeting().calendars()).containsExactlyInAnyOrder(organizer, guest);
    assertThat(calendars.confirmed).containsExactlyInAnyOrder(organizer, guest);
  }
}
