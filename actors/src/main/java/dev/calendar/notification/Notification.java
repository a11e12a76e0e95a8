package dev.calendar.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * One message on the Kafka topic {@code notifications} (JSON, keyed by {@link #key}): one thing to
 * deliver to one recipient on one channel. Written by the reminder scheduler and the meeting
 * notifications projection, read by the notifier. See docs/notifications.md.
 *
 * @param key the idempotency key; the delivery log makes a second message with it a no-op
 * @param userId the recipient when a user of the service, whose profile gives the address at send
 *     time; null for an external guest
 * @param address the guest's email address when {@code userId} is null, else null
 * @param historyUserId whose {@code GET /users/{id}/notifications} lists the delivery: the
 *     recipient user, or the organizer for a guest
 * @param occurrenceStart reminders: the occurrence reminded of; else null
 * @param offset reminders: how long before the occurrence; else null
 * @param dueAt when it should go out: a reminder's due time, else when the change happened
 * @param webhookType channel webhook: the delivery's {@code type} ({@code reminder.due}, {@code
 *     event.created}, …); else null
 * @param data reminders: {@code {eventId, title, start, end, occurrenceStart, offset, userId}};
 *     event webhooks: the event as {@code GET /events/{id}} shows it
 * @param mail invitations, updates and cancellations: the finished message; null for reminders (the
 *     notifier words those itself, in the recipient's time zone)
 */
public record Notification(
    int schemaVersion,
    String key,
    Kind kind,
    Channel channel,
    UUID userId,
    String address,
    UUID historyUserId,
    UUID eventId,
    Instant occurrenceStart,
    Duration offset,
    Instant dueAt,
    String webhookType,
    JsonNode data,
    Mail mail) {

  public static final int SCHEMA_VERSION = 1;

  /** What the notification is about (docs/api.md, the notifications history's {@code kind}). */
  public enum Kind {
    REMINDER,
    INVITATION,
    UPDATE,
    CANCELLATION,
    WEBHOOK;

    @JsonValue
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Kind fromWire(String value) {
      return Arrays.stream(values())
          .filter(k -> k.wireName().equals(value))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown kind " + value));
    }
  }

  /**
   * A ready-to-send calendar email: {@code ics} and {@code method} as in the invitation package's
   * {@code CalendarMessage}.
   */
  public record Mail(String subject, String text, String ics, String method) {}

  /** The key of a reminder: {@code eventId:occurrenceStart:offset:channel:recipient}. */
  public static String reminderKey(
      UUID eventId, Instant occurrenceStart, Duration offset, Channel channel, String recipient) {
    return eventId
        + ":"
        + occurrenceStart
        + ":"
        + offset
        + ":"
        + channel.wireName()
        + ":"
        + recipient;
  }
}
