package dev.calendar.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.calendar.Conflict;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MeetingChangeTest {
  private static final Instant AT = Instant.parse("2031-03-03T08:00:00Z");
  private final UUID meetingId = UUID.randomUUID();
  private final Meeting meeting =
      Meeting.first(
          meetingId,
          UUID.randomUUID(),
          new MeetingDetails(
              "Sync",
              null,
              null,
              Schedule.single(AT, AT.plus(Duration.ofHours(1)), ZoneOffset.UTC),
              List.of(),
              List.of()),
          AT,
          UUID.randomUUID());

  @Test
  void aScheduledMeetingIsScheduledAtItsUpdate() {
    var change = MeetingChange.of(meetingId, new MeetingEntity.MeetingScheduled(meeting, "h"));
    assertThat(change).contains(new MeetingChange.Scheduled(meeting));
    assertThat(change.get().at()).isEqualTo(AT);
    assertThat(change.get().meetingId()).isEqualTo(meetingId);
  }

  @Test
  void aChangeKeepsTheRemovedCalendars() {
    UUID dropped = UUID.randomUUID();
    var next = meeting.withDetails(meeting.details(), AT.plusSeconds(60), UUID.randomUUID());
    assertThat(
            MeetingChange.of(meetingId, new MeetingEntity.MeetingChanged(next, List.of(dropped))))
        .contains(new MeetingChange.Changed(next, List.of(dropped)));
  }

  @Test
  void aCancellationCarriesTheMeetingWhenTheEventHasIt() {
    var cancelled = meeting.cancelledAt(AT.plusSeconds(60));
    assertThat(
            MeetingChange.of(
                meetingId, new MeetingEntity.MeetingCancelled(AT.plusSeconds(60), cancelled)))
        .contains(
            new MeetingChange.Cancelled(meetingId, AT.plusSeconds(60), Optional.of(cancelled)));
    assertThat(
            MeetingChange.of(
                meetingId, new MeetingEntity.MeetingCancelled(AT.plusSeconds(60), null)))
        .contains(new MeetingChange.Cancelled(meetingId, AT.plusSeconds(60), Optional.empty()));
  }

  @Test
  void aRejectionChangedNothing() {
    var conflict = new Conflict(UUID.randomUUID(), AT, AT.plusSeconds(60), UUID.randomUUID());
    assertThat(
            MeetingChange.of(meetingId, new MeetingEntity.MeetingRejected("h", List.of(conflict))))
        .isEmpty();
  }

  @Test
  void theMeetingIdIsThePersistenceIdsEntityId() {
    assertThat(MeetingEntity.meetingIdOf("Meeting|" + meetingId)).isEqualTo(meetingId);
  }
}
