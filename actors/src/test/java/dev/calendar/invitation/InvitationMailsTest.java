package dev.calendar.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.Notification.Kind;
import dev.calendar.notification.Recipient;
import dev.calendar.schedule.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvitationMailsTest {
  private static final Instant START = Instant.parse("2031-03-04T09:00:00Z");
  private static final InvitationMails.Organizer ADA =
      new InvitationMails.Organizer("Ada", "ada@example.com");

  private static Meeting meeting(long version, boolean cancelled, List<Participant> people) {
    var details =
        new MeetingDetails(
            "Sync",
            null,
            "Room 1",
            Schedule.single(START, START.plusSeconds(1800), ZoneId.of("Europe/Berlin")),
            people,
            List.of());
    return new Meeting(
        UUID.randomUUID(),
        UUID.randomUUID(),
        details,
        cancelled,
        START,
        START,
        5,
        UUID.randomUUID());
  }

  @Test
  void aParticipantAddedLaterIsInvitedNotUpdated() {
    var m = meeting(5, false, List.of(new Participant(null, "c@x.example", "C")));
    var mail =
        InvitationMails.compose(
            m,
            new InvitationPlan.Message(Recipient.guest("c@x.example", "C"), Kind.INVITATION),
            "c@x.example",
            ADA,
            Map.of(),
            START);
    assertThat(mail.subject()).isEqualTo("Invitation: Sync");
    assertThat(mail.method()).isEqualTo("REQUEST");
    assertThat(mail.text())
        .contains("Ada invites you to \"Sync\"")
        .contains("When: Tue 4 Mar 2031, 10:00 – 10:30 (Europe/Berlin)")
        .contains("Where: Room 1");
  }

  @Test
  void aRemovedGuestGetsACancelNamingOnlyThem() {
    var m = meeting(5, false, List.of());
    var mail =
        InvitationMails.compose(
            m,
            new InvitationPlan.Message(Recipient.guest("c@x.example", "C"), Kind.CANCELLATION),
            "c@x.example",
            ADA,
            Map.of(),
            START);
    assertThat(mail.subject()).isEqualTo("Cancelled: Sync");
    assertThat(mail.method()).isEqualTo("CANCEL");
    assertThat(mail.text()).contains("Ada removed you from \"Sync\"");
    assertThat(mail.ics()).contains("METHOD:CANCEL").doesNotContain("STATUS:CANCELLED");
    assertThat(mail.ics().replace("\r\n ", "")).contains("mailto:c@x.example");
  }
}
