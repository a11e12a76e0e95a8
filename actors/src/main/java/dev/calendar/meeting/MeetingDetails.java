package dev.calendar.meeting;

import dev.calendar.calendar.Booking;
import dev.calendar.notification.ReminderRule;
import dev.calendar.schedule.Schedule;
import dev.calendar.serialization.CborSerializable;
import java.util.List;

/**
 * The mutable part of a meeting: what a POST creates and a PUT replaces. {@code page} is set for a
 * booking made through a booking page (its type, buffers and seats), null otherwise and in events
 * written before booking pages existed.
 */
public record MeetingDetails(
    String title,
    String description,
    String location,
    Schedule schedule,
    List<Participant> participants,
    List<ReminderRule> reminders,
    Booking.PageBooking page)
    implements CborSerializable {

  public MeetingDetails {
    participants = List.copyOf(participants);
    reminders = List.copyOf(reminders);
  }

  public MeetingDetails(
      String title,
      String description,
      String location,
      Schedule schedule,
      List<Participant> participants,
      List<ReminderRule> reminders) {
    this(title, description, location, schedule, participants, reminders, null);
  }

  public MeetingDetails withSchedule(Schedule newSchedule) {
    return new MeetingDetails(
        title, description, location, newSchedule, participants, reminders, page);
  }

  /** The same details made through the booking page {@code bookedThrough} (null: none). */
  public MeetingDetails withPage(Booking.PageBooking bookedThrough) {
    return new MeetingDetails(
        title, description, location, schedule, participants, reminders, bookedThrough);
  }
}
