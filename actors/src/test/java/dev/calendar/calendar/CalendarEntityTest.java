package dev.calendar.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Schedule;
import dev.calendar.testing.EntityTestConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CalendarEntityTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2031-03-01T08:00:00Z");
  // Holds expire long after the test unless a test says otherwise: no meeting is asked.
  private static final Instant EXPIRES = NOW.plus(Duration.ofDays(1));
  private static final Instant NINE = Instant.parse("2031-03-03T08:00:00Z");

  private final UUID user = UUID.randomUUID();

  /** The meetings' decisions, as the calendar asks for them: none unless a test sets one. */
  private final java.util.Map<UUID, HoldOwners.Decision> decisions =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final HoldOwners owners =
      (meetingId, userId) ->
          java.util.concurrent.CompletableFuture.completedFuture(
              decisions.getOrDefault(meetingId, new HoldOwners.Decision(null, null)));
  private EventSourcedBehaviorTestKit<CalendarEntity.Command, CalendarEntity.Event, CalendarBook>
      kit;

  @BeforeEach
  void setUp() {
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            CalendarEntity.create(user, Clock.fixed(NOW, ZoneOffset.UTC), owners));
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private static Booking booking(UUID meeting, Instant start, Duration length) {
    return new Booking(
        meeting, UUID.randomUUID(), "t", Schedule.single(start, start.plus(length), BERLIN));
  }

  private CalendarEntity.HoldReply hold(Booking b, UUID attempt) {
    return kit.<CalendarEntity.HoldReply>runCommand(
            r -> new CalendarEntity.PlaceHold(new Hold(attempt, b, EXPIRES), null, null, r))
        .reply();
  }

  @Test
  void aDueHoldBecomesWhatItsMeetingDecided() {
    UUID meeting = UUID.randomUUID();
    UUID attempt = UUID.randomUUID();
    Booking b = booking(meeting, NINE, Duration.ofHours(1));
    decisions.put(meeting, new HoldOwners.Decision(b, null));

    // Expiring now: the calendar asks the meeting at once and settles on its answer.
    kit.<CalendarEntity.HoldReply>runCommand(
        r -> new CalendarEntity.PlaceHold(new Hold(attempt, b, NOW), null, null, r));

    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(3),
            () -> {
              assertThat(kit.getState().bookings()).containsKey(meeting);
              assertThat(kit.getState().hold(meeting)).isEmpty();
              return null;
            });
  }

  @Test
  void rejectsAHoldOverlappingAnotherMeetingsHold() {
    UUID first = UUID.randomUUID();
    assertThat(hold(booking(first, NINE, Duration.ofHours(1)), UUID.randomUUID()))
        .isInstanceOf(CalendarEntity.HoldPlaced.class);
    var rejected =
        hold(
            booking(UUID.randomUUID(), NINE.plus(Duration.ofMinutes(30)), Duration.ofHours(1)),
            UUID.randomUUID());
    assertThat(rejected).isInstanceOf(CalendarEntity.HoldRejected.class);
    var conflict = ((CalendarEntity.HoldRejected) rejected).conflicts().get(0);
    assertThat(conflict.eventId()).isEqualTo(first);
    assertThat(conflict.userId()).isEqualTo(user);
    assertThat(conflict.start()).isEqualTo(NINE);
    // Back to back is fine: intervals are half-open.
    assertThat(
            hold(
                booking(UUID.randomUUID(), NINE.plus(Duration.ofHours(1)), Duration.ofHours(1)),
                UUID.randomUUID()))
        .isInstanceOf(CalendarEntity.HoldPlaced.class);
  }

  @Test
  void aConfirmationWritesNoEventOfItsOwnAndTravelsWithTheNextHold() {
    UUID meeting = UUID.randomUUID();
    UUID attempt = UUID.randomUUID();
    hold(booking(meeting, NINE, Duration.ofHours(1)), attempt);
    var confirm = kit.<Done>runCommand(r -> new CalendarEntity.ConfirmHold(meeting, attempt, r));
    assertThat(confirm.events()).isEmpty();
    assertThat(confirm.state().bookings()).containsKey(meeting);
    assertThat(confirm.state().holds()).isEmpty();

    var next =
        kit.<CalendarEntity.HoldReply>runCommand(
            r ->
                new CalendarEntity.PlaceHold(
                    new Hold(
                        UUID.randomUUID(),
                        booking(
                            UUID.randomUUID(), NINE.plus(Duration.ofHours(2)), Duration.ofHours(1)),
                        EXPIRES),
                    null,
                    null,
                    r));
    assertThat(((CalendarEntity.HoldTaken) next.event()).confirmedEarlier())
        .containsExactly(new CalendarBook.HoldKey(meeting, attempt));

    kit.restart();
    var state = kit.getState();
    assertThat(state.bookings()).containsKey(meeting);
    assertThat(state.hold(meeting)).isEmpty();
    assertThat(state.unrecordedConfirmations()).isEmpty();
    assertThat(hold(booking(UUID.randomUUID(), NINE, Duration.ofMinutes(10)), UUID.randomUUID()))
        .isInstanceOf(CalendarEntity.HoldRejected.class);
  }

  @Test
  void aConfirmationStillInMemoryIsWrittenWhenTheCalendarIsStopped() {
    // Sharding's stop message, sent to a live calendar (the test kit's runCommand cannot stop).
    UUID calendarOf = UUID.randomUUID();
    var clock = Clock.fixed(NOW, ZoneOffset.UTC);
    var live = testKit.spawn(CalendarEntity.create(calendarOf, clock, owners));
    var holds = testKit.<CalendarEntity.HoldReply>createTestProbe();
    var done = testKit.<Done>createTestProbe();
    UUID meeting = UUID.randomUUID();
    UUID attempt = UUID.randomUUID();
    var b = booking(meeting, NINE, Duration.ofHours(1));
    live.tell(new CalendarEntity.PlaceHold(new Hold(attempt, b, EXPIRES), null, null, holds.ref()));
    holds.expectMessageClass(CalendarEntity.HoldPlaced.class);
    live.tell(new CalendarEntity.ConfirmHold(meeting, attempt, done.ref()));
    done.expectMessage(Done.getInstance());

    live.tell(new CalendarEntity.Passivate());
    done.expectTerminated(live);

    // Only a written confirmation makes the time a listed booking again (a hold is not listed).
    var again = testKit.spawn(CalendarEntity.create(calendarOf, clock, owners));
    var listed = testKit.<CalendarEntity.Occurrences>createTestProbe();
    again.tell(
        new CalendarEntity.GetOccurrences(
            new Interval(NINE.minus(Duration.ofDays(1)), NINE.plus(Duration.ofDays(1))),
            listed.ref()));
    assertThat(listed.receiveMessage().items())
        .extracting(l -> l.booking().eventId())
        .containsExactly(meeting);
  }

  @Test
  void aCalendarWithNothingUnwrittenStopsAtOnce() {
    var live =
        testKit.spawn(
            CalendarEntity.create(UUID.randomUUID(), Clock.fixed(NOW, ZoneOffset.UTC), owners));
    live.tell(new CalendarEntity.Passivate());
    testKit.createTestProbe().expectTerminated(live);
  }

  @Test
  void aConfirmationLostInACrashIsSettledByAskingTheMeeting() {
    UUID meeting = UUID.randomUUID();
    UUID attempt = UUID.randomUUID();
    Booking b = booking(meeting, NINE, Duration.ofHours(1));
    decisions.put(meeting, new HoldOwners.Decision(b, null));
    kit.<CalendarEntity.HoldReply>runCommand(
        r ->
            new CalendarEntity.PlaceHold(
                new Hold(attempt, b, NOW.plus(Duration.ofMillis(300))), null, null, r));
    kit.<Done>runCommand(r -> new CalendarEntity.ConfirmHold(meeting, attempt, r));

    kit.restart(); // a crash: the confirmation was only in memory
    assertThat(kit.getState().hold(meeting)).isPresent();
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(5),
            () -> {
              assertThat(kit.getState().bookings()).containsKey(meeting);
              assertThat(kit.getState().hold(meeting)).isEmpty();
              return null;
            });
  }

  private long revisionAfter(Runnable change) {
    change.run();
    return view(0).revision();
  }

  private CalendarEntity.HostViewReply view(long knownRevision) {
    var window = new Interval(NOW, NOW.plus(Duration.ofDays(7)));
    return kit.<CalendarEntity.HostViewReply>runCommand(
            r -> new CalendarEntity.GetHostView(window, knownRevision, r))
        .reply();
  }

  @Test
  void everyChangeGivesANewRevisionAndAnAskerThatKnowsItGetsNoView() {
    UUID meeting = UUID.randomUUID();
    UUID attempt = UUID.randomUUID();
    var revisions = new java.util.ArrayList<Long>();
    revisions.add(view(0).revision());
    var again = view(revisions.get(0));
    assertThat(again.view()).isNull();
    assertThat(again.revision()).isEqualTo(revisions.get(0));

    revisions.add(revisionAfter(() -> hold(booking(meeting, NINE, Duration.ofHours(1)), attempt)));
    revisions.add(
        revisionAfter(
            () -> kit.<Done>runCommand(r -> new CalendarEntity.ConfirmHold(meeting, attempt, r))));
    revisions.add(
        revisionAfter(
            () -> kit.<Done>runCommand(r -> new CalendarEntity.RemoveBooking(meeting, r))));
    revisions.add(
        revisionAfter(
            () ->
                kit.<Done>runCommand(
                    r ->
                        new CalendarEntity.SetWorkingHours(
                            new dev.calendar.schedule.WorkingHours(
                                BERLIN,
                                java.util.Map.of(
                                    java.time.DayOfWeek.MONDAY,
                                    java.util.List.of(
                                        new dev.calendar.schedule.WorkingHours.LocalRange(
                                            java.time.LocalTime.of(9, 0),
                                            java.time.LocalTime.of(17, 0)))),
                                java.util.Map.of()),
                            r))));
    revisions.add(revisionAfter(kit::restart));

    assertThat(revisions).doesNotHaveDuplicates().doesNotContain(0L);
    assertThat(view(revisions.get(revisions.size() - 1)).view()).isNull();
    assertThat(view(revisions.get(0)).view()).isNotNull();
  }

  @Test
  void releasedOrRemovedTimeIsFreeAgain() {
    UUID meeting = UUID.randomUUID();
    UUID attempt = UUID.randomUUID();
    hold(booking(meeting, NINE, Duration.ofHours(1)), attempt);
    kit.<Done>runCommand(r -> new CalendarEntity.ReleaseHold(meeting, attempt, r));
    UUID other = UUID.randomUUID();
    UUID otherAttempt = UUID.randomUUID();
    assertThat(hold(booking(other, NINE, Duration.ofHours(1)), otherAttempt))
        .isInstanceOf(CalendarEntity.HoldPlaced.class);
    kit.<Done>runCommand(r -> new CalendarEntity.ConfirmHold(other, otherAttempt, r));
    kit.<Done>runCommand(r -> new CalendarEntity.RemoveBooking(other, r));
    assertThat(hold(booking(UUID.randomUUID(), NINE, Duration.ofHours(1)), UUID.randomUUID()))
        .isInstanceOf(CalendarEntity.HoldPlaced.class);
  }

  @Test
  void aRetriedHoldOfTheSameAttemptPersistsNothing() {
    UUID meeting = UUID.randomUUID();
    UUID attempt = UUID.randomUUID();
    var b = booking(meeting, NINE, Duration.ofHours(1));
    hold(b, attempt);
    var again =
        kit.<CalendarEntity.HoldReply>runCommand(
            r -> new CalendarEntity.PlaceHold(new Hold(attempt, b, EXPIRES), null, null, r));
    assertThat(again.reply()).isInstanceOf(CalendarEntity.HoldPlaced.class);
    assertThat(again.events()).isEmpty();
  }

  @Test
  void aMeetingsNewTimeMayOverlapItsOwnOldTime() {
    UUID meeting = UUID.randomUUID();
    UUID first = UUID.randomUUID();
    var old = booking(meeting, NINE, Duration.ofHours(2));
    hold(old, first);
    kit.<Done>runCommand(r -> new CalendarEntity.ConfirmHold(meeting, first, r));
    var moved = booking(meeting, NINE.plus(Duration.ofHours(1)), Duration.ofHours(2));
    var reply =
        kit.<CalendarEntity.HoldReply>runCommand(
                r ->
                    new CalendarEntity.PlaceHold(
                        new Hold(UUID.randomUUID(), moved, EXPIRES), old, null, r))
            .reply();
    assertThat(reply).isInstanceOf(CalendarEntity.HoldPlaced.class);
  }

  @Test
  void aHoldWhoseAskerStoppedWaitingIsDroppedUnchecked() {
    var probe = testKit.<CalendarEntity.HoldReply>createTestProbe();
    var b = booking(UUID.randomUUID(), NINE, Duration.ofHours(1));
    var late =
        new CalendarEntity.PlaceHold(
            new Hold(UUID.randomUUID(), b, EXPIRES), null, NOW.minusMillis(1), probe.ref());

    var result = kit.runCommand(late);

    assertThat(result.events()).isEmpty();
    probe.expectNoMessage(Duration.ofMillis(200));
    // the time stays free: a hold asked in time takes it
    assertThat(hold(booking(UUID.randomUUID(), NINE, Duration.ofHours(1)), UUID.randomUUID()))
        .isInstanceOf(CalendarEntity.HoldPlaced.class);
  }

  @Test
  void aFailedRecoveryIsCounted() {
    hold(booking(UUID.randomUUID(), NINE, Duration.ofHours(1)), UUID.randomUUID());
    long before = dev.calendar.journal.RecoveryFailures.get(testKit.system()).count();
    org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit.create(testKit.system())
        .failNextRead();
    try {
      kit.restart();
    } catch (RuntimeException expected) {
      // the kit reports the failed recovery too
    }
    assertThat(dev.calendar.journal.RecoveryFailures.get(testKit.system()).count())
        .isGreaterThan(before);
  }

  @Test
  void availabilityIsBusyPlusFreeOverTheWindow() {
    UUID meeting = UUID.randomUUID();
    hold(booking(meeting, NINE, Duration.ofHours(1)), UUID.randomUUID());
    var window = new Interval(NINE.minus(Duration.ofHours(1)), NINE.plus(Duration.ofHours(2)));
    var a =
        kit.<CalendarEntity.Availability>runCommand(
                r -> new CalendarEntity.GetAvailability(window, 0, r))
            .reply();
    assertThat(a.busy()).containsExactly(new Interval(NINE, NINE.plus(Duration.ofHours(1))));
    assertThat(a.free())
        .containsExactly(
            new Interval(window.start(), NINE),
            new Interval(NINE.plus(Duration.ofHours(1)), window.end()));

    // Asked again with the revision of that answer: unchanged, so no busy or free time is sent.
    var again =
        kit.<CalendarEntity.Availability>runCommand(
                r -> new CalendarEntity.GetAvailability(window, a.revision(), r))
            .reply();
    assertThat(again.busy()).isNull();
    assertThat(again.free()).isNull();
    assertThat(again.revision()).isEqualTo(a.revision());
    // After a change the same revision gets the new answer.
    hold(
        booking(UUID.randomUUID(), NINE.plus(Duration.ofHours(1)), Duration.ofHours(1)),
        UUID.randomUUID());
    var changed =
        kit.<CalendarEntity.Availability>runCommand(
                r -> new CalendarEntity.GetAvailability(window, a.revision(), r))
            .reply();
    assertThat(changed.revision()).isNotEqualTo(a.revision());
    assertThat(changed.busy()).containsExactly(new Interval(NINE, NINE.plus(Duration.ofHours(2))));
  }

  @Test
  void theBookingsAreTheConfirmedOnesWithTheirVersionNotTheHolds() {
    UUID confirmed = UUID.randomUUID();
    UUID attempt = UUID.randomUUID();
    Instant changed = NOW.minusSeconds(60);
    Booking b =
        new Booking(
            confirmed,
            UUID.randomUUID(),
            "Sync",
            Schedule.single(NINE, NINE.plus(Duration.ofHours(1)), BERLIN),
            null,
            3,
            changed);
    hold(b, attempt);
    kit.<Done>runCommand(r -> new CalendarEntity.ConfirmHold(confirmed, attempt, r));
    hold(booking(UUID.randomUUID(), NINE.plus(Duration.ofHours(2)), Duration.ofHours(1)), attempt);

    var read = kit.<CalendarEntity.Bookings>runCommand(CalendarEntity.GetBookings::new);

    assertThat(read.hasNoEvents()).isTrue();
    assertThat(read.reply().confirmed()).containsExactly(b);
    assertThat(read.reply().confirmed().get(0).version()).isEqualTo(3);
    assertThat(read.reply().confirmed().get(0).updatedAt()).isEqualTo(changed);
  }

  @Test
  void aBookingWrittenBeforeItCarriedItsVersionReadsWithNone() throws Exception {
    var mapper =
        JacksonObjectMapperProvider.get(testKit.system().classicSystem())
            .getOrCreate("jackson-cbor", Optional.empty());
    Schedule schedule = Schedule.single(NINE, NINE.plus(Duration.ofHours(1)), BERLIN);
    UUID event = UUID.randomUUID();
    UUID organizer = UUID.randomUUID();
    Map<String, Object> earlier = new LinkedHashMap<>();
    earlier.put("eventId", event);
    earlier.put("organizerId", organizer);
    earlier.put("title", "Sync");
    earlier.put("schedule", schedule);
    earlier.put("page", null);
    Booking read = mapper.readValue(mapper.writeValueAsBytes(earlier), Booking.class);
    assertThat(read).isEqualTo(new Booking(event, organizer, "Sync", schedule));
    assertThat(read.version()).isZero();
    assertThat(read.updatedAt()).isNull();
  }
}
