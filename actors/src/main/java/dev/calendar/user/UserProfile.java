package dev.calendar.user;

import dev.calendar.notification.ReminderRule;
import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** What a user sees of their own account. The password hash is kept apart, in the entity state. */
public record UserProfile(
    UUID id,
    String email,
    String name,
    ZoneId timezone,
    List<ReminderRule> defaultReminders,
    String phone,
    List<String> pushTokens,
    Instant createdAt,
    Instant updatedAt)
    implements CborSerializable {

  public UserProfile {
    defaultReminders = List.copyOf(defaultReminders);
    pushTokens = List.copyOf(pushTokens);
  }

  UserProfile apply(ProfilePatch patch, Instant at) {
    return new UserProfile(
        id,
        email,
        patch.name() != null ? patch.name() : name,
        patch.timezone() != null ? patch.timezone() : timezone,
        patch.defaultReminders() != null ? patch.defaultReminders() : defaultReminders,
        patch.phoneSet() ? patch.phone() : phone,
        patch.pushTokens() != null ? patch.pushTokens() : pushTokens,
        createdAt,
        at);
  }
}
