package dev.calendar.reminder;

import dev.calendar.notification.ReminderRule;
import java.util.List;
import java.util.UUID;

/**
 * Who gets a meeting's reminders, and by which rules: a user ({@code userId}) or a guest ({@code
 * address}, listed in the organizer's history).
 */
public record Recipient(UUID userId, String address, UUID historyUserId, List<ReminderRule> rules) {
  public Recipient {
    rules = List.copyOf(rules);
  }

  static Recipient user(UUID userId, List<ReminderRule> rules) {
    return new Recipient(userId, null, userId, rules);
  }

  static Recipient guest(String address, UUID organizerId, List<ReminderRule> rules) {
    return new Recipient(null, address, organizerId, rules);
  }

  /** The user id, or the guest's email, as in a reminder key. */
  public String id() {
    return userId != null ? userId.toString() : address;
  }
}
