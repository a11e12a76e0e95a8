package dev.calendar.stream.sync;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.calendar.connection.ConnectionSync.LocalEvent;
import dev.calendar.wire.EventView;
import dev.calendar.wire.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A {@code calendar-events} message read as what two-way sync writes out: the event, and the users
 * whose calendars hold it (its organizer and the participants who are users).
 */
record LocalChanges(LocalEvent event, Set<UUID> users) {

  // A consumer of the topic ignores fields it does not know (docs/calendar-events.md).
  private static final ObjectReader EVENTS =
      Json.MAPPER
          .readerFor(EventView.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final DateTimeFormatter UTC_BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The message's event; null for a message of another kind or shape. */
  static LocalChanges of(String value) {
    JsonNode message;
    EventView view;
    try {
      message = Json.MAPPER.readTree(value);
      JsonNode data = message.get("data");
      if (data == null || !data.isObject()) {
        return null;
      }
      view = EVENTS.readValue(data);
    } catch (java.io.IOException | IllegalArgumentException e) {
      return null;
    }
    if (view.id() == null || view.start() == null || view.end() == null) {
      return null;
    }
    Set<UUID> users = new LinkedHashSet<>();
    if (view.organizerId() != null) {
      users.add(view.organizerId());
    }
    if (view.participants() != null) {
      view.participants().stream()
          .filter(p -> p.userId() != null)
          .forEach(p -> users.add(p.userId()));
    }
    return new LocalChanges(event(view), users);
  }

  static LocalEvent event(EventView view) {
    List<String> recurrence = new ArrayList<>();
    if (view.recurrenceRule() != null && !view.recurrenceRule().isBlank()) {
      String rule = view.recurrenceRule();
      recurrence.add(rule.startsWith("RRULE:") ? rule : "RRULE:" + rule);
      if (view.exdates() != null) {
        for (Instant exdate : view.exdates()) {
          recurrence.add("EXDATE:" + UTC_BASIC.format(exdate));
        }
      }
    }
    return new LocalEvent(
        view.id(),
        view.version(),
        "cancelled".equals(view.status()),
        view.title(),
        view.description(),
        view.location(),
        view.start(),
        view.end(),
        view.timezone() == null ? "UTC" : view.timezone().getId(),
        recurrence);
  }
}
