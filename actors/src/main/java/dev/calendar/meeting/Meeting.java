package dev.calendar.meeting;

import dev.calendar.calendar.Booking;
import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A meeting as its entity keeps it. {@code attemptId} names the saga attempt whose holds became
 * this version's bookings.
 */
public record Meeting(
    UUID id,
    UUID organizerId,
    MeetingDetails details,
    boolean cancelled,
    Instant createdAt,
    Instant updatedAt,
    long version,
    UUID attemptId)
    implements CborSerializable {

  /** The first version of a meeting, as a create books it. */
  public static Meeting first(
      UUID id, UUID organizerId, MeetingDetails details, Instant at, UUID attemptId) {
    return new Meeting(id, organizerId, details, false, at, at, 1, attemptId);
  }

  /** The next version with these details, booked by saga attempt {@code attemptId}. */
  public Meeting withDetails(MeetingDetails newDetails, Instant at, UUID newAttemptId) {
    return new Meeting(
        id, organizerId, newDetails, false, createdAt, at, version + 1, newAttemptId);
  }

  /** The next version, cancelled at {@code at}. */
  public Meeting cancelledAt(Instant at) {
    return new Meeting(id, organizerId, details, true, createdAt, at, version + 1, attemptId);
  }

  /** The calendars this meeting occupies: organizer and internal participants, in id order. */
  public List<UUID> calendars() {
    return calendarsOf(organizerId, details);
  }

  static List<UUID> calendarsOf(UUID organizerId, MeetingDetails details) {
    var ids = new TreeSet<UUID>();
    ids.add(organizerId);
    details.participants().stream().filter(Participant::internal).forEach(p -> ids.add(p.userId()));
    return List.copyOf(ids);
  }

  public Booking booking() {
    return new Booking(
        id, organizerId, details.title(), details.schedule(), details.page(), version, updatedAt);
  }

  /** Organizer and internal participants may see the meeting; nobody else learns it exists. */
  public boolean visibleTo(UUID userId) {
    return calendars().contains(userId);
  }
}
