package dev.calendar.meeting;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What one journal event of a meeting changed, for the read sides (outbox, reminder index,
 * invitations): one decoding of {@link MeetingEntity.Event} instead of one per reader. A rejected
 * create changed nothing and has none.
 */
public sealed interface MeetingChange {
  UUID meetingId();

  /** When the change happened. */
  Instant at();

  /** The meeting was booked. */
  record Scheduled(Meeting meeting) implements MeetingChange {
    @Override
    public UUID meetingId() {
      return meeting.id();
    }

    @Override
    public Instant at() {
      return meeting.updatedAt();
    }
  }

  /** A new version; {@code removedCalendars} are those of participants it no longer has. */
  record Changed(Meeting meeting, List<UUID> removedCalendars) implements MeetingChange {
    @Override
    public UUID meetingId() {
      return meeting.id();
    }

    @Override
    public Instant at() {
      return meeting.updatedAt();
    }
  }

  /**
   * The meeting was cancelled; {@code meeting} is it as cancelled, empty only for events journaled
   * before cancellations carried it.
   */
  record Cancelled(UUID meetingId, Instant at, Optional<Meeting> meeting)
      implements MeetingChange {}

  /** {@code meetingId} is the entity id of the event's persistence id. */
  static Optional<MeetingChange> of(UUID meetingId, MeetingEntity.Event event) {
    if (event instanceof MeetingEntity.MeetingScheduled e) {
      return Optional.of(new Scheduled(e.meeting()));
    }
    if (event instanceof MeetingEntity.MeetingChanged e) {
      return Optional.of(new Changed(e.meeting(), List.copyOf(e.removedCalendars())));
    }
    if (event instanceof MeetingEntity.MeetingCancelled e) {
      return Optional.of(new Cancelled(meetingId, e.at(), Optional.ofNullable(e.meeting())));
    }
    return Optional.empty(); // MeetingRejected: nothing was booked, nothing changed
  }
}
