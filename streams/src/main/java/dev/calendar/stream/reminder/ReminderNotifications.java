package dev.calendar.stream.reminder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.notification.Channel;
import dev.calendar.notification.Notification;
import dev.calendar.reminder.DueReminder;
import dev.calendar.wire.Json;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A due reminder as the {@code notifications} message (docs/notifications.md), keyed by key. */
public final class ReminderNotifications {
  public static final String WEBHOOK_TYPE = "reminder.due";

  private ReminderNotifications() {}

  public static Notification of(DueReminder r) {
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("eventId", r.eventId().toString());
    data.put("title", r.title());
    data.put("start", r.start().toString());
    data.put("end", r.end().toString());
    data.put("occurrenceStart", r.occurrenceStart().toString());
    data.put("offset", r.offset().toString());
    data.put("userId", r.userId() == null ? null : r.userId().toString());
    // The event's zone: a guest has no profile zone, so the notifier words their reminder in it.
    data.put("timezone", r.zone() == null ? null : r.zone().getId());
    return new Notification(
        Notification.SCHEMA_VERSION,
        r.key(),
        Notification.Kind.REMINDER,
        r.channel(),
        r.userId(),
        r.address(),
        r.historyUserId(),
        r.eventId(),
        r.occurrenceStart(),
        r.offset(),
        r.dueAt(),
        r.channel() == Channel.WEBHOOK ? WEBHOOK_TYPE : null,
        data,
        null);
  }

  public static ProducerRecord<String, String> record(String topic, DueReminder r) {
    try {
      return new ProducerRecord<>(topic, r.key(), Json.MAPPER.writeValueAsString(of(r)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize reminder " + r.key(), e);
    }
  }
}
