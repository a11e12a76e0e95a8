package dev.calendar.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.Channel;
import dev.calendar.notification.Notification.Kind;
import dev.calendar.notification.ReminderRule;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvitationPlanTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final UUID EVENT = UUID.fromString("11111111-2222-3333-4444-555555555555");
  private static final UUID ORGANIZER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final String CAROL = "carol@external.example";
  private static final Instant START = Instant.parse("2031-03-04T09:00:00Z");

  private static final List<Participant> EVERYONE =
      List.of(
          new Participant(ORGANIZER, null, "Ada"), // listed too: still gets nothing
          new Participant(BOB, null, "Bob"),
          new Participant(null, CAROL, "Carol"));

  private static MeetingDetails details(String title, Instant start, List<Participant> people) {
    return new MeetingDetails(
        title,
        "Agenda",
        "Room 1",
        Schedule.single(start, start.plusSeconds(1800), BERLIN),
        people,
        List.of());
  }

  private static Meeting meeting(MeetingDetails details, long version, boolean cancelled) {
    return new Meeting(
        EVENT, ORGANIZER, details, cancelled, START, START, version, UUID.randomUUID());
  }

  /** Plans a change and applies its told-state, as the projection does after the sends. */
  private static final class Recipients {
    final Map<String, Told> told = new HashMap<>();

    /** What was sent, as "recipient-key kind". */
    List<String> change(Meeting meeting) {
      InvitationPlan plan = InvitationPlan.of(Map.copyOf(told), meeting);
      told.putAll(plan.told());
      return plan.messages().stream().map(m -> m.recipient().key() + " " + m.kind()).toList();
    }
  }

  private static String to(Object recipient, Kind kind) {
    return recipient + " " + kind;
  }

  @Test
  void firstVersionInvitesEveryParticipantButTheOrganizer() {
    var r = new Recipients();
    assertThat(r.change(meeting(details("Sync", START, EVERYONE), 1, false)))
        .containsExactlyInAnyOrder(to(BOB, Kind.INVITATION), to(CAROL, Kind.INVITATION));
    assertThat(r.told).containsOnlyKeys(BOB.toString(), CAROL);
    assertThat(r.told.get(CAROL).sequence()).isZero();
  }

  @Test
  void aTimeChangeUpdatesEveryoneWithAHigherSequence() {
    var r = new Recipients();
    r.change(meeting(details("Sync", START, EVERYONE), 1, false));
    var moved = meeting(details("Sync", START.plusSeconds(3600), EVERYONE), 2, false);
    assertThat(r.change(moved))
        .containsExactlyInAnyOrder(to(BOB, Kind.UPDATE), to(CAROL, Kind.UPDATE));
    assertThat(r.told.get(BOB.toString())).isEqualTo(new Told(Fingerprint.of(moved), 1));
  }

  @Test
  void aRetitleOrANewLocationUpdatesToo() {
    var r = new Recipients();
    r.change(meeting(details("Sync", START, EVERYONE), 1, false));
    assertThat(r.change(meeting(details("Sync (agenda)", START, EVERYONE), 2, false)))
        .containsExactlyInAnyOrder(to(BOB, Kind.UPDATE), to(CAROL, Kind.UPDATE));
    var d = details("Sync (agenda)", START, EVERYONE);
    var relocated =
        new MeetingDetails(
            d.title(), d.description(), "Room 2", d.schedule(), d.participants(), d.reminders());
    assertThat(r.change(meeting(relocated, 3, false)))
        .containsExactlyInAnyOrder(to(BOB, Kind.UPDATE), to(CAROL, Kind.UPDATE));
  }

  @Test
  void aChangeNobodySeesSendsNothing() {
    var r = new Recipients();
    r.change(meeting(details("Sync", START, EVERYONE), 1, false));
    var d = details("Sync", START, EVERYONE);
    var newReminders =
        new MeetingDetails(
            d.title(),
            d.description(),
            d.location(),
            d.schedule(),
            d.participants(),
            List.of(new ReminderRule(Duration.ofMinutes(10), Channel.EMAIL)));
    assertThat(r.change(meeting(newReminders, 2, false))).isEmpty();
  }

  @Test
  void anUnchangedReplaySendsNothing() {
    var r = new Recipients();
    var v1 = meeting(details("Sync", START, EVERYONE), 1, false);
    var v2 = meeting(details("Sync", START.plusSeconds(3600), EVERYONE), 2, false);
    r.change(v1);
    r.change(v2);
    assertThat(r.change(v2)).isEmpty();
    // nor does replaying an older change after a newer one was told
    assertThat(r.change(v1)).isEmpty();
    assertThat(r.told.get(CAROL).sequence()).isEqualTo(1);
  }

  @Test
  void removingAGuestCancelsForThatGuestOnly() {
    var r = new Recipients();
    r.change(meeting(details("Sync", START, EVERYONE), 1, false));
    var withoutCarol = meeting(details("Sync", START, EVERYONE.subList(0, 2)), 2, false);
    assertThat(r.change(withoutCarol)).containsExactly(to(CAROL, Kind.CANCELLATION));
    assertThat(r.told.get(CAROL)).isEqualTo(Told.cancelled(1));
    assertThat(r.told.get(BOB.toString()).sequence()).isZero(); // Bob was told nothing new
    // added back later: invited afresh
    assertThat(r.change(meeting(details("Sync", START, EVERYONE), 3, false)))
        .containsExactly(to(CAROL, Kind.INVITATION));
  }

  @Test
  void cancellingTheMeetingCancelsForEveryoneTold() {
    var r = new Recipients();
    r.change(meeting(details("Sync", START, EVERYONE), 1, false));
    r.change(meeting(details("Sync", START, EVERYONE.subList(0, 2)), 2, false)); // Carol removed
    var cancelled = meeting(details("Sync", START, EVERYONE.subList(0, 2)), 3, true);
    assertThat(r.change(cancelled)).containsExactly(to(BOB, Kind.CANCELLATION));
    assertThat(r.told.get(BOB.toString())).isEqualTo(Told.cancelled(2));
    assertThat(r.change(cancelled)).isEmpty();
  }

  @Test
  void guestAddressesCompareIgnoringCase() {
    var r = new Recipients();
    r.change(meeting(details("Sync", START, EVERYONE), 1, false));
    var shouting =
        List.of(
            new Participant(BOB, null, "Bob"),
            new Participant(null, "Carol@External.EXAMPLE", "Carol"));
    var moved = meeting(details("Sync", START.plusSeconds(60), shouting), 2, false);
    assertThat(r.change(moved))
        .containsExactlyInAnyOrder(to(BOB, Kind.UPDATE), to(CAROL, Kind.UPDATE));
    assertThat(r.told).containsOnlyKeys(BOB.toString(), CAROL);
  }
}
