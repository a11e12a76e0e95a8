package dev.calendar.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.bookingpage.Refusal;
import dev.calendar.calendar.Booking;
import dev.calendar.schedule.Schedule;
import dev.calendar.testing.EntityTestConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A booking-page meeting as its guests reach it through their manage links: only the right token's
 * hash opens it, cancels are refused inside the notice and repeat as Ok, a move keeps the id, and
 * seats fill one guest at a time.
 */
class MeetingEntityGuestTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final Instant NOW = Instant.parse("2031-03-01T08:00:00Z");
  private static final Instant NINE = Instant.parse("2031-03-03T08:00:00Z");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String TOKEN = "token-of-the-guest";

  private final UUID host = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private final UUID meetingId = UUID.randomUUID();
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
            EventSourcedBehaviorTestKit.enabledSerializationSettings());
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  private static Participant guest(String email, String token) {
    return new Participant(null, email, "Guest", ManageLinks.hash(token));
  }

  private MeetingDetails details(Duration cancelNotice, int seatsTaken, Participant... guests) {
    return details(cancelNotice, seatsTaken, 1, guests);
  }

  private MeetingDetails details(
      Duration cancelNotice, int seatsTaken, int seats, Participant... guests) {
    return new MeetingDetails(
        "Intro",
        null,
        null,
        Schedule.single(NINE, NINE.plus(Duration.ofMinutes(30)), BERLIN),
        List.of(guests),
        List.of(),
        new Booking.PageBooking(
            UUID.randomUUID(), Duration.ZERO, Duration.ZERO, seatsTaken, cancelNotice, seats));
  }

  private MeetingEntity.Reply ask(
      Function<ActorRef<MeetingEntity.Reply>, MeetingEntity.Command> command) {
    return kit.<MeetingEntity.Reply>runCommand(command).reply();
  }

  private void booked(MeetingDetails details) {
    assertThat(ask(r -> new MeetingEntity.Create(host, details, "h", NOW, r)))
        .isInstanceOf(MeetingEntity.Ok.class);
  }

  @Test
  void onlyTheGuestsTokenOpensTheBooking() {
    booked(details(Duration.ZERO, 1, guest("bo@example.com", TOKEN)));

    assertThat(ask(r -> new MeetingEntity.GuestGet(ManageLinks.hash(TOKEN), r)))
        .isInstanceOf(MeetingEntity.Ok.class);
    assertThat(ask(r -> new MeetingEntity.GuestGet(ManageLinks.hash("another"), r)))
        .isEqualTo(new MeetingEntity.NotFound());
    // A cancel with another token finds nothing to cancel.
    assertThat(ask(r -> new MeetingEntity.GuestCancel(ManageLinks.hash("another"), NOW, r)))
        .isEqualTo(new MeetingEntity.NotFound());
  }

  @Test
  void aCancelInsideTheNoticeIsRefusedAndOutsideItRepeatsAsOk() {
    booked(details(Duration.ofHours(24), 1, guest("bo@example.com", TOKEN)));

    Instant late = NINE.minus(Duration.ofHours(2));
    assertThat(ask(r -> new MeetingEntity.GuestCancel(ManageLinks.hash(TOKEN), late, r)))
        .isEqualTo(new MeetingEntity.NotBookable(Refusal.TOO_LATE_TO_CHANGE));
    assertThat(((MeetingEntity.Booked) kit.getState()).meeting().cancelled()).isFalse();

    var first = ask(r -> new MeetingEntity.GuestCancel(ManageLinks.hash(TOKEN), NOW, r));
    var again = ask(r -> new MeetingEntity.GuestCancel(ManageLinks.hash(TOKEN), NOW, r));
    assertThat(((MeetingEntity.Ok) first).meeting().cancelled()).isTrue();
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aMoveKeepsTheIdAndLength() {
    booked(details(Duration.ZERO, 1, guest("bo@example.com", TOKEN)));
    Instant eleven = NINE.plus(Duration.ofHours(2));

    var moved =
        ask(r -> new MeetingEntity.GuestReschedule(ManageLinks.hash(TOKEN), eleven, NOW, r));

    Meeting m = ((MeetingEntity.Ok) moved).meeting();
    assertThat(m.id()).isEqualTo(meetingId);
    assertThat(m.details().schedule().start()).isEqualTo(eleven);
    assertThat(m.details().schedule().end()).isEqualTo(eleven.plus(Duration.ofMinutes(30)));
    assertThat(m.details().page()).isNotNull();
  }

  @Test
  void seatsFillOneGuestAtATimeAndAGuestWhoLeavesFreesOne() {
    var first = guest("a@example.com", "ta");
    assertThat(
            ask(
                r ->
                    new MeetingEntity.JoinSeat(
                        host, details(Duration.ZERO, 1, 2, first), first, 2, NOW, r)))
        .isInstanceOf(MeetingEntity.Ok.class);
    var second = guest("b@example.com", "tb");
    var joined =
        ask(
            r ->
                new MeetingEntity.JoinSeat(
                    host, details(Duration.ZERO, 1, second), second, 2, NOW, r));
    assertThat(((MeetingEntity.Ok) joined).meeting().details().participants())
        .containsExactly(first, second);
    assertThat(((MeetingEntity.Ok) joined).meeting().details().page().seatsTaken()).isEqualTo(2);

    var third = guest("c@example.com", "tc");
    assertThat(
            ask(
                r ->
                    new MeetingEntity.JoinSeat(
                        host, details(Duration.ZERO, 1, third), third, 2, NOW, r)))
        .isEqualTo(new MeetingEntity.NotBookable(Refusal.FULL));
    // the same guest again gets their seat again
    assertThat(
            ask(
                r ->
                    new MeetingEntity.JoinSeat(
                        host, details(Duration.ZERO, 1, second), second, 2, NOW, r)))
        .isInstanceOf(MeetingEntity.Ok.class);

    // A seat of a shared slot is not moved: that would move the other guests too.
    assertThat(
            ask(
                r ->
                    new MeetingEntity.GuestReschedule(
                        ManageLinks.hash("tb"), NINE.plus(Duration.ofHours(1)), NOW, r)))
        .isEqualTo(new MeetingEntity.NotBookable(Refusal.SHARED_SLOT));

    var left = ask(r -> new MeetingEntity.GuestCancel(ManageLinks.hash("ta"), NOW, r));
    Meeting m = ((MeetingEntity.Ok) left).meeting();
    assertThat(m.cancelled()).isFalse();
    assertThat(m.details().participants()).containsExactly(second);
    assertThat(m.details().page().seatsTaken()).isEqualTo(1);
  }
}
