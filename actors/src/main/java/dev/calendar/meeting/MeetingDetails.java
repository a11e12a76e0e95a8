package dev.calendar.meeting;

import dev.calendar.notification.ReminderRule;
import dev.calendar.schedule.Schedule;
import dev.calendar.serialization.CborSerializable;
import java.util.List;

/** The mutable part of a meeting: what a POST creates and a PUT replaces. */
public record MeetingDetails(
    String title,
    String description,
    String location,
    Schedule schedule,
    List<Participant> participants,
    List<ReminderRule> reminders)
    implements CborSerializable {

  public MeetingDetails {
    participants = List.copyOf(participants);
    reminders = List.copyOf(reminders);
  }

  public MeetingDetails withSchedule(Schedule newSchedule) {
    return new MeetingDetails(title, description, location, newSchedule, participants, reminders);
  }
}
