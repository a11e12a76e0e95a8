package dev.calendar.api.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.Fields;
import dev.calendar.api.reminder.ReminderFields;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.ReminderRule;
import dev.calendar.schedule.Schedule;
import dev.calendar.schedule.ScheduleRules;
import dev.calendar.user.Emails;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /events} and {@code PUT /events/{id}}, validated in one pass: every
 * field's shape and the event's timing rules ({@link ScheduleRules}) together, so one 400 lists all
 * bad fields. A missing zone means the caller's, which the caller of {@link #parse} has looked up
 * first because the rule is checked in the zone it will repeat in.
 */
record EventDraft(
    String title,
    String description,
    String location,
    Schedule schedule,
    List<Participant> participants,
    List<ReminderRule> reminders) {

  static final int MAX_TITLE = 200;
  static final int MAX_DESCRIPTION = 5000;
  static final int MAX_LOCATION = 500;
  static final int MAX_RULE = 1000;
  static final int MAX_EXDATES = 1000;
  static final int MAX_PARTICIPANTS = 100;

  /** Whether the body gives a zone of its own (valid or not), so no default is needed. */
  static boolean namesZone(JsonNode body) {
    JsonNode zone = body.get("timezone");
    return zone != null && !zone.isNull();
  }

  /** Reads and checks every field; throws one 400 listing all bad ones. */
  static EventDraft parse(JsonNode body, ZoneId defaultZone) {
    var f = new Fields(body);
    String title = f.requiredString("title", 1, MAX_TITLE);
    String description = f.optionalString("description", 0, MAX_DESCRIPTION);
    String location = f.optionalString("location", 0, MAX_LOCATION);
    Instant start = f.requiredInstant("start");
    Instant end = f.requiredInstant("end");
    ZoneId zone = f.optionalZone("timezone");
    String rule = f.optionalString("recurrenceRule", 1, MAX_RULE);
    List<Instant> exdates = f.optionalList("exdates", MAX_EXDATES, Fields.Element::instant);
    Schedule schedule = schedule(f, start, end, zone != null ? zone : defaultZone, rule, exdates);
    List<Participant> participants =
        f.optionalList("participants", MAX_PARTICIPANTS, e -> participant(e.object()));
    List<ReminderRule> reminders = ReminderFields.optionalList(f, "reminders");
    f.throwIfInvalid();
    return new EventDraft(
        title.trim(),
        description,
        location,
        schedule,
        dedupe(participants == null ? List.of() : participants),
        reminders == null ? List.of() : reminders);
  }

  /**
   * The schedule, its broken rules added to {@code f}; null when anything about it is invalid. A
   * rule whose own field could not be read is not checked: that field is reported already.
   */
  private static Schedule schedule(
      Fields f, Instant start, Instant end, ZoneId zone, String rule, List<Instant> exdates) {
    if (start == null || end == null) {
      return null;
    }
    if (!f.valid("timezone") || !f.valid("recurrenceRule") || !f.valid("exdates")) {
      ScheduleRules.span(ScheduleRules.Span.EVENT, start, end)
          .ifPresent(e -> f.error(e.field(), e.message()));
      return null;
    }
    var checked =
        ScheduleRules.event(start, end, zone, rule, exdates == null ? List.of() : exdates);
    checked.errors().forEach(e -> f.error(e.field(), e.message()));
    return checked.schedule();
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

  MeetingDetails details() {
    return new MeetingDetails(title, description, location, schedule, participants, reminders);
  }

  List<UUID> internalParticipants() {
    return participants.stream().filter(Participant::internal).map(Participant::userId).toList();
  }
}
