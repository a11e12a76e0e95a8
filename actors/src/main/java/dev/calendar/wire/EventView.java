package dev.calendar.wire;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.ReminderRule;
import dev.calendar.schedule.OccurrenceOverride;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** An event as the API shows it (GET /events/{id} and the 201/200 answers). */
public record EventView(
    UUID id,
    UUID organizerId,
    String title,
    String description,
    String location,
    Instant start,
    Instant end,
    ZoneId timezone,
    String recurrenceRule,
    List<Instant> exdates,
    List<OccurrenceOverride> occurrenceOverrides,
    List<Attendee> participants,
    List<ReminderRule> reminders,
    String status,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  /** A participant as shown: never a guest's manage-link hash. */
  public record Attendee(UUID userId, String email, String name) {
    static Attendee of(Participant p) {
      return new Attendee(p.userId(), p.email(), p.name());
    }
  }

  public static EventView of(Meeting m) {
    var d = m.details();
    var s = d.schedule();
    return new EventView(
        m.id(),
        m.organizerId(),
        d.title(),
        d.description(),
        d.location(),
        s.start(),
        s.end(),
        s.zone(),
        s.rrule(),
        s.exdates(),
        s.overrides(),
        d.participants().stream().map(Attendee::of).toList(),
        d.reminders(),
        m.cancelled() ? "cancelled" : "confirmed",
        m.createdAt(),
        m.updatedAt(),
        m.version());
  }
}
