package dev.calendar.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.schedule.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CalendarMessageTest {
  private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");

  private static Meeting meeting(long version, boolean cancelled) {
    var details =
        new MeetingDetails(
            "Review",
            null,
            null,
            Schedule.single(T, T.plusSeconds(60), ZoneId.of("UTC")),
            List.of(),
            List.of());
    return new Meeting(
        UUID.randomUUID(), UUID.randomUUID(), details, cancelled, T, T, version, UUID.randomUUID());
  }

  @Test
  void subjectAndMethodFollowTheMeetingsVersionAndState() {
    var created = meeting(1, false);
    var updated = meeting(3, false);
    var cancelled = meeting(4, true);
    assertThat(CalendarMessage.of(created, CalendarMessage.Change.of(created), "a@b.c", "", ""))
        .extracting(CalendarMessage::subject, CalendarMessage::method)
        .containsExactly("Invitation: Review", "REQUEST");
    assertThat(CalendarMessage.of(updated, CalendarMessage.Change.of(updated), "a@b.c", "", ""))
        .extracting(CalendarMessage::subject, CalendarMessage::method)
        .containsExactly("Updated: Review", "REQUEST");
    assertThat(CalendarMessage.of(cancelled, CalendarMessage.Change.of(cancelled), "a@b.c", "", ""))
        .extracting(CalendarMessage::subject, CalendarMessage::method)
        .containsExactly("Cancelled: Review", "CANCEL");
  }
}
