package dev.calendar.api.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.Fields;
import dev.calendar.api.reminder.ReminderFields;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.ReminderRule;
import dev.calendar.schedule.InvalidRecurrence;
import dev.calendar.schedule.Schedule;
import dev.calendar.user.Emails;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /events} and {@code PUT /events/{id}}, validated field by field. The zone
 * may be missing (then the organizer's applies), so the schedule is built by {@link
 * #details(ZoneId)}.
 */
record EventDraft(
    String title,
    String description,
    String location,
    Instant start,
    Instant end,
    ZoneId timezone,
    String recurrenceRule,
    List<Instant> exdates,
    List<Participant> participants,
    List<ReminderRule> reminders) {

  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 5000;
  static final int MAX_LOCATION = 500;
  static final int MAX_RULE = 1000;
  static final int MAX_EXDATES = 1000;
  static final int MAX_PARTICIPANTS = 100;

  /** Reads and checks every field; throws one 400 listing all bad ones. */
  static EventDraft parse(JsonNode body) {
    var f = new Fields(body);
    String title = f.requiredString("title", 1, MAX_TITLE);
    String description = f.optionalString("description", 0, MAX_DESCRIPTION);
    String location = f.optionalString("location", 0, MAX_LOCATION);
    Instant start = f.requiredInstant("start");
    Instant end = f.requiredInstant("end");
    if (start != null && end != null) {
      if (!end.isAfter(start)) {
        f.error("end", "must be after start");
      } else if (Duration.between(start, end).compareTo(Schedule.MAX_DURATION) > 0) {
        f.error("end", "an event can last at most " + Schedule.MAX_DURATION.toDays() + " days");
      }
    }
    ZoneId zone = f.optionalZone("timezone");
    String rule = f.optionalString("recurrenceRule", 1, MAX_RULE);
    List<Instant> exdates = f.optionalList("exdates", MAX_EXDATES, Fields.Element::instant);
    List<Participant> participants =
        f.optionalList("participants", MAX_PARTICIPANTS, e -> participant(e.object()));
    List<ReminderRule> reminders = ReminderFields.optionalList(f, "reminders");
    f.throwIfInvalid();
    if (exdates != null && rule == null && !exdates.isEmpty()) {
      f.error("exdates", "only a recurring event can have exdates");
      f.throwIfInvalid();
    }
    return new EventDraft(
        title.trim(),
        description,
        location,
        start,
        end,
        zone,
        rule,
        exdates == null ? List.of() : List.copyOf(exdates),
        dedupe(participants == null ? List.of() : participants),
        reminders == null ? List.of() : reminders);
  }

  private static Participant participant(Fields f) {
    UUID userId = f.optionalUuid("userId");
    String email = f.optionalString("email", 3, Emails.MAX_LENGTH);
    String name = f.optionalString("name", 0, MAX_TITLE);
    if (userId == null && email == null && f.valid()) {
      f.error("userId", "a participant needs a userId or an email");
    }
    if (email != null && !Emails.isValid(email.trim())) {
      f.error("email", "must be an email address");
    }
    return new Participant(userId, email == null ? null : Emails.normalize(email), name);
  }

  /** One entry per user or address; the first one given wins. */
  private static List<Participant> dedupe(List<Participant> participants) {
    Map<String, Participant> unique = new LinkedHashMap<>();
    for (Participant p : participants) {
      unique.putIfAbsent(p.internal() ? "u:" + p.userId() : "e:" + p.email(), p);
    }
    return new ArrayList<>(unique.values());
  }

  /**
   * The meeting's details in {@code zone} (the body's, else the organizer's). A bad rule is a 400
   * on recurrenceRule.
   */
  MeetingDetails details(ZoneId defaultZone) {
    ZoneId zone = timezone != null ? timezone : defaultZone;
    String normalizedRule = null;
    if (recurrenceRule != null) {
      try {
        normalizedRule =
            Schedule.validate(recurrenceRule, start, Duration.between(start, end), zone);
      } catch (InvalidRecurrence e) {
        throw dev.calendar.api.Problem.invalid("recurrenceRule", e.getMessage());
      }
    }
    var schedule = new Schedule(start, end, zone, normalizedRule, exdates, List.of());
    return new MeetingDetails(title, description, location, schedule, participants, reminders);
  }

  List<UUID> internalParticipants() {
    return participants.stream().filter(Participant::internal).map(Participant::userId).toList();
  }
}
