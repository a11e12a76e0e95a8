package dev.calendar.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.calendar.Conflict;
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
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The meeting's booking saga against fake calendars, with every command, event, state (by the
 * testkit) and reply (here) round-tripped through the service's Jackson CBOR bindings.
 */
class MeetingEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final SerializationTestKit serialization =
      new SerializationTestKit(testKit.system());
  private static final Instant NOW = Instant.parse("2031-03-01T08:00:00Z");
  private static final Instant NINE = Instant.parse("2031-03-03T08:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Duration WAIT = Duration.ofSeconds(3);

  // In id order: the saga holds the organizer's calendar first, then guest, then other.
  private final UUID organizer = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private final UUID guest = UUID.fromString("00000000-0000-0000-0000-000000000002");
  private final UUID other = UUID.fromString("00000000-0000-0000-0000-000000000003");
  private final UUID meetingId = UUID.randomUUID();
  private final String pid = "Meeting|" + meetingId;
  private final FakeCalendars calendars = new FakeCalendars();
  private EventSourcedBehaviorTestKit<
          MeetingEntity.Command, MeetingEntity.Event, MeetingEntity.State>
      kit;

  @BeforeEach
  void setUp() {
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            MeetingEntity.create(meetingId, Clock.fixed(NOW, ZoneOffset.UTC), calendars),
            EventSourcedBehaviorTestKit.enabledSerializationSettings().withVerifyEquality(true));
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private MeetingDetails details(String title, UUID... guests) {
    return new MeetingDetails(
        title,
        null,
        null,
        Schedule.single(NINE, NINE.plus(Duration.ofMinutes(30)), BERLIN),
        java.util.Arrays.stream(guests).map(g -> new Participant(g, null, null)).toList(),
        List.of());
  }

  private MeetingEntity.Create create(
      String hash, MeetingDetails details, TestProbe<MeetingEntity.Reply> probe) {
    return new MeetingEntity.Create(organizer, details, hash, NOW, probe.ref());
  }

  /** Runs a command and returns its reply, after checking the reply round-trips. */
  private MeetingEntity.Reply ask(
      java.util.function.Function<
              org.apache.pekko.actor.typed.ActorRef<MeetingEntity.Reply>, MeetingEntity.Command>
          command) {
    MeetingEntity.Reply reply = kit.<MeetingEntity.Reply>runCommand(command).reply();
    return roundTripped(reply);
  }

  private static <T> T roundTripped(T value) {
    serialization.verifySerialization(value, true);
    return value;
  }

  private MeetingEntity.Reply expectReply(TestProbe<MeetingEntity.Reply> probe) {
    return roundTripped(probe.receiveMessage(WAIT));
  }

  private Meeting book(String hash, MeetingDetails details) {
    var reply = ask(r -> new MeetingEntity.Create(organizer, details, hash, NOW, r));
    assertThat(reply).isInstanceOf(MeetingEntity.Ok.class);
    return ((MeetingEntity.Ok) reply).meeting();
  }

  private Meeting bookedMeeting() {
    assertThat(kit.getState()).isInstanceOf(MeetingEntity.Booked.class);
    return ((MeetingEntity.Booked) kit.getState()).meeting();
  }

  private int stored() {
    return kit.persistenceTestKit().persistedInStorage(pid).size();
  }

  private Conflict conflictOn(UUID calendar, int minutes) {
    return new Conflict(
        calendar,
        NINE.plus(Duration.ofMinutes(minutes)),
        NINE.plus(Duration.ofMinutes(minutes + 30)),
        UUID.randomUUID());
  }

  @Test
  void aCreateBooksEveryCalendarInIdOrderAndConfirmsThem() {
    Meeting meeting = book("h", details("Sync", other, guest));

    assertThat(meeting.version()).isEqualTo(1);
    assertThat(meeting.cancelled()).isFalse();
    assertThat(calendars.calendarsOf("placeHold")).containsExactly(organizer, guest, other);
    assertThat(calendars.confirmed).containsExactlyInAnyOrder(organizer, guest, other);
    assertThat(bookedMeeting()).isEqualTo(meeting);
    serialization.verifySerialization(kit.getState(), true);
  }

  @Test
  void aRestartReplaysTheMeetingAndAReplayedCreateAnswersTheSame() {
    Meeting meeting = book("h", details("Sync", guest));
    MeetingEntity.State before = kit.getState();

    kit.restart();

    assertThat(kit.getState()).isEqualTo(before);
    assertThat(ask(r -> new MeetingEntity.Create(organizer, details("Sync", guest), "h", NOW, r)))
        .isEqualTo(new MeetingEntity.Ok(meeting));
    assertThat(calendars.count("placeHold")).isEqualTo(2);
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void aMeetingJournaledWithoutARequestHashIsNotBookedAgainByACreate() {
    Meeting meeting =
        Meeting.first(meetingId, organizer, details("Sync", guest), NOW, UUID.randomUUID());
    kit.persistenceTestKit()
        .persistForRecovery(
            pid, List.<Object>of(new MeetingEntity.MeetingScheduled(meeting, null)));
    kit.restart();

    var reply = ask(r -> new MeetingEntity.Create(organizer, details("Sync", guest), "h", NOW, r));

    assertThat(reply).isEqualTo(new MeetingEntity.KeyReused());
    assertThat(calendars.count("placeHold")).isZero();
    assertThat(bookedMeeting()).isEqualTo(meeting);
  }

  @Test
  void theSameKeyWithAnotherBodyIsKeyReused() {
    book("h", details("Sync", guest));

    var reply =
        ask(
            r ->
                new MeetingEntity.Create(organizer, details("Other", guest), "other-hash", NOW, r));

    assertThat(reply).isEqualTo(new MeetingEntity.KeyReused());
    assertThat(calendars.count("placeHold")).isEqualTo(2);
    assertThat(stored()).isEqualTo(1);
  }

  @Test
  void aStoredRejectionIsReplayedWithTheSameConflictsAndHoldsNothingAgain() {
    Conflict busy = conflictOn(guest, 0);
    calendars.reject(guest, List.of(busy));
    var first = ask(r -> new MeetingEntity.Create(organizer, details("Sync", guest), "h", NOW, r));
    assertThat(first).isEqualTo(new MeetingEntity.Conflicts(List.of(busy)));
    long holdsBefore = calendars.count("placeHold");

    kit.restart();
    var replayed =
        ask(r -> new MeetingEntity.Create(organizer, details("Sync", guest), "h", NOW, r));

    assertThat(replayed).isEqualTo(first);
    assertThat(calendars.count("placeHold")).isEqualTo(holdsBefore);
    assertThat(kit.getState()).isEqualTo(new MeetingEntity.Rejected("h", List.of(busy)));
    assertThat(stored()).isEqualTo(1);
    assertThat(
            ask(
                r ->
                    new MeetingEntity.Create(organizer, details("Sync", guest), "another", NOW, r)))
        .isEqualTo(new MeetingEntity.KeyReused());
  }

  @Test
  void aConflictOnTheSecondCalendarReleasesTheFirstHoldAndAnswersAllConflicts() {
    Conflict onGuest = conflictOn(guest, 15);
    Conflict onOther = conflictOn(other, -15);
    calendars.reject(guest, List.of(onGuest));
    calendars.reject(other, List.of(onOther));

    var reply =
        ask(r -> new MeetingEntity.Create(organizer, details("Sync", guest, other), "h", NOW, r));

    // Sorted by start: the one on other starts first.
    assertThat(reply).isEqualTo(new MeetingEntity.Conflicts(List.of(onOther, onGuest)));
    assertThat(calendars.calendarsOf("placeHold")).containsExactly(organizer, guest);
    assertThat(calendars.calendarsOf("releaseHold")).containsExactly(organizer);
    assertThat(calendars.calendarsOf("checkConflicts")).containsExactly(other);
    assertThat(calendars.count("confirmHold")).isZero();
    assertThat(kit.persistenceTestKit().persistedInStorage(pid))
        .containsExactly(new MeetingEntity.MeetingRejected("h", List.of(onOther, onGuest)));
  }

  @Test
  void commandsSentWhileHoldsArePendingAreAnsweredAfterInOrder() {
    calendars.holdByHand = true;
    TestProbe<MeetingEntity.Reply> client = testKit.createTestProbe();
    MeetingDetails sync = details("Sync", guest);
    kit.runCommand(create("h", sync, client));
    FakeCalendars.PendingHold first = calendars.nextPendingHold();

    kit.runCommand(
        new MeetingEntity.Update(
            organizer,
            new MeetingEntity.ReplaceDetails(details("Renamed", guest)),
            1L,
            NOW.plusSeconds(1),
            client.ref()));
    kit.runCommand(create("h", sync, client));
    kit.runCommand(new MeetingEntity.Cancel(organizer, NOW.plusSeconds(2), client.ref()));
    client.expectNoMessage(Duration.ofMillis(200));

    first.grant();
    calendars.nextPendingHold().grant();
    var created = (MeetingEntity.Ok) expectReply(client);
    assertThat(created.meeting().version()).isEqualTo(1);

    // The update runs its own saga next; the replayed create and the cancel still wait.
    calendars.nextPendingHold().grant();
    calendars.nextPendingHold().grant();
    var updated = (MeetingEntity.Ok) expectReply(client);
    assertThat(updated.meeting().version()).isEqualTo(2);
    assertThat(updated.meeting().details().title()).isEqualTo("Renamed");

    // A replayed create answers with the meeting as it is now.
    assertThat(expectReply(client)).isEqualTo(new MeetingEntity.Ok(updated.meeting()));
    var cancelled = (MeetingEntity.Ok) expectReply(client);
    assertThat(cancelled.meeting().cancelled()).isTrue();
    assertThat(cancelled.meeting().version()).isEqualTo(3);
    assertThat(bookedMeeting()).isEqualTo(cancelled.meeting());
  }

  @Test
  void aRetriedCancelRemovesTheBookingsAgainAndPersistsNothingNew() {
    book("h", details("Sync", guest));
    var first = ask(r -> new MeetingEntity.Cancel(organizer, NOW.plusSeconds(5), r));
    assertThat(first).isInstanceOf(MeetingEntity.Ok.class);
    assertThat(stored()).isEqualTo(2);
    assertThat(calendars.calendarsOf("removeBooking")).containsExactlyInAnyOrder(organizer, guest);

    var again = ask(r -> new MeetingEntity.Cancel(organizer, NOW.plusSeconds(9), r));

    assertThat(again).isEqualTo(first);
    assertThat(stored()).isEqualTo(2);
    assertThat(calendars.count("removeBooking", organizer)).isEqualTo(2);
    assertThat(calendars.count("removeBooking", guest)).isEqualTo(2);
  }

  @Test
  void anUpdateWithAnotherVersionIsAVersionMismatchAndPersistsNothing() {
    book("h", details("Sync", guest));

    var reply =
        ask(
            r ->
                new MeetingEntity.Update(
                    organizer,
                    new MeetingEntity.ReplaceDetails(details("Renamed", guest)),
                    7L,
                    NOW.plusSeconds(1),
                    r));

    assertThat(reply).isEqualTo(new MeetingEntity.VersionMismatch(1));
    assertThat(stored()).isEqualTo(1);
    assertThat(calendars.count("placeHold")).isEqualTo(2);
    assertThat(bookedMeeting().details().title()).isEqualTo("Sync");
  }

  @Test
  void anUpdateThatDropsAParticipantFreesItsCalendarAfterTheDecision() {
    book("h", details("Sync", guest, other));

    var reply =
        ask(
            r ->
                new MeetingEntity.Update(
                    organizer,
                    new MeetingEntity.ReplaceDetails(details("Sync", guest)),
                    1L,
                    NOW.plusSeconds(1),
                    r));

    assertThat(((MeetingEntity.Ok) reply).meeting().calendars()).containsExactly(organizer, guest);
    assertThat(calendars.calendarsOf("removeBooking")).containsExactly(other);
    var changed =
        (MeetingEntity.MeetingChanged) kit.persistenceTestKit().persistedInStorage(pid).get(1);
    assertThat(changed.removedCalendars()).containsExactly(other);
  }

  @Test
  void aCrashBetweenDecisionAndConfirmationLeavesTheBookedMeetingWhichCalendarsLearn() {
    calendars.confirmationsHang = true;
    TestProbe<MeetingEntity.Reply> client = testKit.createTestProbe();
    kit.runCommand(create("h", details("Sync", guest), client));
    // The decision is stored; the confirmations never answer.
    client.awaitAssert(
        WAIT,
        () -> {
          assertThat(calendars.count("confirmHold")).isEqualTo(2);
          return null;
        });
    assertThat(stored()).isEqualTo(1);

    kit.restart();

    // The client of the unfinished saga hears at once; a retry with its key gets the meeting.
    assertThat(expectReply(client)).isInstanceOf(MeetingEntity.Unavailable.class);
    Meeting meeting = bookedMeeting();
    assertThat(meeting).isNotNull();
    assertThat(meeting.cancelled()).isFalse();
    assertThat(meeting.details().title()).isEqualTo("Sync");
    for (UUID calendar : List.of(organizer, guest)) {
      var state =
          kit.<MeetingEntity.CalendarState>runCommand(
                  r -> new MeetingEntity.GetCalendarState(calendar, r))
              .reply();
      serialization.verifySerialization(state, true);
      assertThat(state).isEqualTo(new MeetingEntity.CalendarState(meeting.booking(), null));
    }
    var stranger =
        kit.<MeetingEntity.CalendarState>runCommand(
                r -> new MeetingEntity.GetCalendarState(other, r))
            .reply();
    assertThat(stranger).isEqualTo(new MeetingEntity.CalendarState(null, null));
    assertThat(ask(r -> new MeetingEntity.Create(organizer, details("Sync", guest), "h", NOW, r)))
        .isEqualTo(new MeetingEntity.Ok(meeting));
  }
}
