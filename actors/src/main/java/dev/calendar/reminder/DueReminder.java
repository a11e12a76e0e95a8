package dev.calendar.reminder;

import dev.calendar.notification.Channel;
import dev.calendar.notification.Notification;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/**
 * One reminder to send: rule {@code offset}/{@code channel} of one recipient for one occurrence,
 * with what the notification needs so the scheduler can build it without the meeting. A row of the
 * reminder index.
 *
 * @param userId the recipient user, or null for a guest
 * @param address the guest's email when {@code userId} is null
 * @param historyUserId whose notification history lists it: the user, or the organizer for a guest
 * @param occurrenceStart where the occurrence starts now (after a one-occurrence move), so moving
 *     it gives the reminder a new key and a new send
 * @param start the occurrence's start (same as {@code occurrenceStart})
 * @param end the occurrence's end: past it the reminder is stale
 * @param title the occurrence's title (a one-occurrence retitle wins over the event's)
 * @param recurring whether the event is a series, whose next reminder is indexed when this fires
 * @param zone the event's time zone, in which a guest (who has no profile zone) is told the time;
 *     not part of the key
 */
public record DueReminder(
    UUID eventId,
    Instant occurrenceStart,
    Duration offset,
    Channel channel,
    UUID userId,
    String address,
    UUID historyUserId,
    String title,
    Instant start,
    Instant end,
    boolean recurring,
    Instant dueAt,
    ZoneId zone) {

  /** The user id, or the guest's email: the last part of the key. */
  public String recipient() {
    return userId != null ? userId.toString() : address;
  }

  /** The idempotency key (docs/notifications.md). */
  public String key() {
    return Notification.reminderKey(eventId, occurrenceStart, offset, channel, recipient());
  }

  /** Whether {@code other} is the same recipient's same rule (perhaps for another occurrence). */
  public boolean sameRule(DueReminder other) {
    return eventId.equals(other.eventId)
        && recipient().equals(other.recipient())
        && offset.equals(other.offset)
        && channel == other.channel;
  }
}
