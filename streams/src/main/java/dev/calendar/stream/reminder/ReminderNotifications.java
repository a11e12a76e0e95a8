package dev.calendar.stream.reminder;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.calendar.notification.Channel;
import dev.calendar.notification.Notification;
import dev.calendar.reminder.DueReminder;
import dev.calendar.wire.Json;
import dev.calendar.wire.ReminderDue;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A due reminder as the {@code notifications} message (docs/notifications.md), keyed by key. */
public final class ReminderNotifications {
  public static final String WEBHOOK_TYPE = "reminder.due";

  private ReminderNotifications() {}

  public static Notification of(DueReminder r) {
    var data =
        new ReminderDue(
            r.eventId(),
            r.title(),
            r.start(),
            r.end(),
            r.occurrenceStart(),
            r.offset(),
            r.userId(),
            r.zone());
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
        Json.MAPPER.valueToTree(data),
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
