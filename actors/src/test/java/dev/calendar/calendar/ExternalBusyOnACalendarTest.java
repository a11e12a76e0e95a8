package dev.calendar.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.external.ExternalBusy;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Schedule;
import dev.calendar.testing.EntityTestConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Busy time from other calendars in a user's calendar: it blocks bookings (the conflict names its
 * source), shows as busy, is replaced in one step, and stops blocking when its source stops
 * checking conflicts or goes.
 */
class ExternalBusyOnACalendarTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant NOW = Instant.parse("2031-03-01T08:00:00Z");
  private static final Instant NINE = Instant.parse("2031-03-03T08:00:00Z");
  private static final String SOURCE = "import:dentist";

  private final UUID user = UUID.randomUUID();
  private EventSourcedBehaviorTestKit<CalendarEntity.Command, CalendarEntity.Event, CalendarBook>
      kit;

  @BeforeEach
  void setUp() {
    HoldOwners nobody =
        (meetingId, userId) ->
            CompletableFuture.completedFuture(new HoldOwners.Decision(null, null));
    kit =
        EventSourcedBehaviorTestKit.create(
            testKit.system(),
            CalendarEntity.create(user, Clock.fixed(NOW, ZoneOffset.UTC), nobody));
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private static ExternalBusy single(String uid, Instant start, Duration length) {
    return new ExternalBusy(uid, null, Schedule.single(start, start.plus(length), BERLIN));
  }

  private static ExternalBusy weekly(String uid, Instant start, Duration length) {
    return new ExternalBusy(
        uid,
        null,
        new Schedule(start, start.plus(length), BERLIN, "FREQ=WEEKLY", List.of(), List.of()));
  }

  private CalendarEntity.ExternalBusyReply replace(String source, List<ExternalBusy> busy) {
    return kit.<CalendarEntity.ExternalBusyReply>runCommand(
            r -> new CalendarEntity.ReplaceExternalBusy(source, null, busy, r))
        .reply();
  }

  private CalendarEntity.HoldReply check(Instant start, Duration length) {
    var b =
        new Booking(
            UUID.randomUUID(), user, "t", Schedule.single(start, start.plus(length), BERLIN));
    return kit.<CalendarEntity.HoldReply>runCommand(
            r -> new CalendarEntity.CheckConflicts(b, null, r))
        .reply();
  }

  private List<Interval> busy(Interval window) {
    return kit.<CalendarEntity.Availability>runCommand(
            r -> new CalendarEntity.GetAvailability(window, 0, r))
        .reply()
        .busy();
  }

  @Test
  void externalBusyBlocksABookingAndTheConflictNamesItsSource() {
    replace(SOURCE, List.of(single("dentist-1", NINE, Duration.ofHours(1))));

    var reply = check(NINE.plus(Duration.ofMinutes(30)), Duration.ofHours(1));

    assertThat(reply).isInstanceOf(CalendarEntity.HoldRejected.class);
    var conflict = ((CalendarEntity.HoldRejected) reply).conflicts().get(0);
    assertThat(conflict.source()).isEqualTo(SOURCE);
    assertThat(conflict.eventId()).isNull();
    assertThat(conflict.start()).isEqualTo(NINE);
    assertThat(check(NINE.plus(Duration.ofHours(1)), Duration.ofHours(1)))
        .isInstanceOf(CalendarEntity.HoldPlaced.class);
  }

  @Test
  void aSeriesBlocksEveryWeekAndShowsAsBusy() {
    replace(SOURCE, List.of(weekly("gym", NINE, Duration.ofHours(1))));
    // 09:00 in Berlin, ten weeks on: after the change to summer time, so 07:00Z.
    Instant tenWeeksOn = NINE.atZone(BERLIN).plusWeeks(10).toInstant();

    assertThat(check(tenWeeksOn, Duration.ofMinutes(15)))
        .isInstanceOf(CalendarEntity.HoldRejected.class);
    var window = new Interval(tenWeeksOn.minus(Duration.ofHours(2)), tenWeeksOn.plusSeconds(7200));
    assertThat(busy(window))
        .containsExactly(new Interval(tenWeeksOn, tenWeeksOn.plus(Duration.ofHours(1))));
  }

  @Test
  void aReplacementIsOneEventAndCountsWhatChangedByKey() {
    replace(
        SOURCE,
        List.of(
            single("a", NINE, Duration.ofHours(1)),
            single("b", NINE.plus(Duration.ofHours(2)), Duration.ofHours(1)),
            single("c", NINE.plus(Duration.ofHours(4)), Duration.ofHours(1))));

    var result =
        kit.<CalendarEntity.ExternalBusyReply>runCommand(
            r ->
                new CalendarEntity.ReplaceExternalBusy(
                    SOURCE,
                    null,
                    List.of(
                        single("a", NINE, Duration.ofHours(1)),
                        single("b", NINE.plus(Duration.ofHours(3)), Duration.ofHours(1)),
                        single("d", NINE.plus(Duration.ofHours(6)), Duration.ofHours(1))),
                    r));

    assertThat(result.reply()).isEqualTo(new CalendarEntity.ExternalBusyChanged(1, 1, 1, 1));
    assertThat(result.events()).hasSize(1);
    var window = new Interval(NINE, NINE.plus(Duration.ofHours(8)));
    assertThat(busy(window))
        .containsExactly(
            new Interval(NINE, NINE.plus(Duration.ofHours(1))),
            new Interval(NINE.plus(Duration.ofHours(3)), NINE.plus(Duration.ofHours(4))),
            new Interval(NINE.plus(Duration.ofHours(6)), NINE.plus(Duration.ofHours(7))));
  }

  @Test
  void theSameBusyAgainWritesNothing() {
    var busy = List.of(single("a", NINE, Duration.ofHours(1)));
    replace(SOURCE, busy);

    var again =
        kit.<CalendarEntity.ExternalBusyReply>runCommand(
            r -> new CalendarEntity.ReplaceExternalBusy(SOURCE, null, busy, r));

    assertThat(again.events()).isEmpty();
    assertThat(again.reply()).isEqualTo(new CalendarEntity.ExternalBusyChanged(0, 0, 0, 1));
  }

  @Test
  void notCheckingConflictsOrRemovingTheSourceFreesTheTime() {
    replace(SOURCE, List.of(single("a", NINE, Duration.ofHours(1))));

    kit.<Done>runCommand(r -> new CalendarEntity.CheckExternalConflicts(SOURCE, false, r));
    assertThat(check(NINE, Duration.ofHours(1))).isInstanceOf(CalendarEntity.HoldPlaced.class);
    assertThat(busy(new Interval(NINE, NINE.plusSeconds(3600)))).isEmpty();

    kit.<Done>runCommand(r -> new CalendarEntity.CheckExternalConflicts(SOURCE, true, r));
    assertThat(check(NINE, Duration.ofHours(1))).isInstanceOf(CalendarEntity.HoldRejected.class);

    kit.<Done>runCommand(r -> new CalendarEntity.RemoveExternalSource(SOURCE, r));
    assertThat(check(NINE, Duration.ofHours(1))).isInstanceOf(CalendarEntity.HoldPlaced.class);
    assertThat(kit.getState().externalSources()).isEmpty();
  }

  @Test
  void notCheckingConflictsBeforeTheFirstBusyTimeHolds() {
    // A connection's setting can change before its first sync brings any busy time.
    kit.<Done>runCommand(r -> new CalendarEntity.CheckExternalConflicts(SOURCE, false, r));
    replace(SOURCE, List.of(single("a", NINE, Duration.ofHours(1))));

    assertThat(check(NINE, Duration.ofHours(1))).isInstanceOf(CalendarEntity.HoldPlaced.class);
    kit.restart();
    assertThat(check(NINE, Duration.ofHours(1))).isInstanceOf(CalendarEntity.HoldPlaced.class);
  }

  private CalendarEntity.ExternalBusyReply patch(List<ExternalBusy> upserts, List<String> removed) {
    return kit.<CalendarEntity.ExternalBusyReply>runCommand(
            r -> new CalendarEntity.PatchExternalBusy(SOURCE, upserts, removed, r))
        .reply();
  }

  @Test
  void aPatchPutsChangedBlocksInPlaceAndRemovesGoneOnesAndSurvivesARestart() {
    replace(
        SOURCE,
        List.of(
            single("a", NINE, Duration.ofHours(1)),
            single("b", NINE.plus(Duration.ofHours(2)), Duration.ofHours(1))));

    var changed =
        patch(
            List.of(
                single("b", NINE.plus(Duration.ofHours(4)), Duration.ofHours(1)),
                single("c", NINE.plus(Duration.ofHours(6)), Duration.ofHours(1))),
            List.of("a", "never-there"));

    assertThat(changed).isEqualTo(new CalendarEntity.ExternalBusyChanged(1, 1, 1, 0));
    kit.restart();
    assertThat(kit.getState().externalSources().get(SOURCE).busy())
        .extracting(ExternalBusy::externalId)
        .containsExactly("b", "c");
    assertThat(check(NINE, Duration.ofHours(1))).isNotInstanceOf(CalendarEntity.HoldRejected.class);
    assertThat(check(NINE.plus(Duration.ofHours(2)), Duration.ofHours(1)))
        .isNotInstanceOf(CalendarEntity.HoldRejected.class);
    assertThat(check(NINE.plus(Duration.ofHours(4)), Duration.ofHours(1)))
        .isInstanceOf(CalendarEntity.HoldRejected.class);
  }

  @Test
  void aPatchThatChangesNothingWritesNothing() {
    replace(SOURCE, List.of(single("a", NINE, Duration.ofHours(1))));
    var result =
        kit.<CalendarEntity.ExternalBusyReply>runCommand(
            r ->
                new CalendarEntity.PatchExternalBusy(
                    SOURCE, List.of(single("a", NINE, Duration.ofHours(1))), List.of("zzz"), r));
    assertThat(result.hasNoEvents()).isTrue();
  }

  @Test
  void externalBusySurvivesARestart() {
    replace(SOURCE, List.of(weekly("gym", NINE, Duration.ofHours(1))));
    kit.<Done>runCommand(r -> new CalendarEntity.CheckExternalConflicts(SOURCE, false, r));
    replace("import:work", List.of(single("w", NINE, Duration.ofHours(2))));

    kit.restart();

    assertThat(kit.getState().externalSources().get(SOURCE).checkConflicts()).isFalse();
    var rejected = (CalendarEntity.HoldRejected) check(NINE, Duration.ofMinutes(30));
    assertThat(rejected.conflicts()).extracting(Conflict::source).containsExactly("import:work");
  }

  @Test
  void stagedPartsAndTheLastPartReplaceInOneStep() {
    UUID staging = UUID.randomUUID();
    List<ExternalBusy> first = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      first.add(single("s" + i, NINE.plus(Duration.ofDays(i)), Duration.ofHours(1)));
    }
    var staged = kit.<Done>runCommand(r -> new CalendarEntity.StageExternalBusy(staging, first, r));
    assertThat(staged.events()).isEmpty();

    var result =
        kit.<CalendarEntity.ExternalBusyReply>runCommand(
            r ->
                new CalendarEntity.ReplaceExternalBusy(
                    SOURCE,
                    staging,
                    List.of(single("last", NINE.plus(Duration.ofDays(5)), Duration.ofHours(1))),
                    r));

    assertThat(result.reply()).isEqualTo(new CalendarEntity.ExternalBusyChanged(4, 0, 0, 0));
    assertThat(result.events()).hasSize(1);
    assertThat(kit.getState().externalSources().get(SOURCE).busy()).hasSize(4);
  }

  @Test
  void aReplacementWhoseStagedPartsAreGoneChangesNothing() {
    var result =
        kit.<CalendarEntity.ExternalBusyReply>runCommand(
            r ->
                new CalendarEntity.ReplaceExternalBusy(
                    SOURCE, UUID.randomUUID(), List.of(single("x", NINE, Duration.ofHours(1))), r));

    assertThat(result.reply()).isInstanceOf(CalendarEntity.StagingLost.class);
    assertThat(result.events()).isEmpty();
  }

  @Test
  void aCalendarKeepsABoundedAmountOfExternalBusy() {
    List<ExternalBusy> many = new ArrayList<>();
    for (int i = 0; i <= ExternalBusyLimits.MAX_PER_CALENDAR; i++) {
      many.add(single("e" + i, NINE.plus(Duration.ofHours(i)), Duration.ofMinutes(30)));
    }

    assertThat(replace(SOURCE, many)).isInstanceOf(CalendarEntity.TooMuchExternalBusy.class);
    assertThat(kit.getState().externalSources()).isEmpty();
  }
}
