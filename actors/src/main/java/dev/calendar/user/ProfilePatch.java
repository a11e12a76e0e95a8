package dev.calendar.user;

import dev.calendar.notification.ReminderRule;
import dev.calendar.serialization.CborSerializable;
import java.time.ZoneId;
import java.util.List;

/**
 * A partial update of a profile, already validated at the edge. A null field stays as it is; the
 * phone is the one field that can be cleared, so it carries {@code phoneSet} to tell "clear" from
 * "leave alone". A new password arrives already hashed.
 */
public record ProfilePatch(
    String name,
    ZoneId timezone,
    List<ReminderRule> defaultReminders,
    boolean phoneSet,
    String phone,
    List<String> pushTokens,
    String passwordHash)
    implements CborSerializable {

  boolean changesProfile() {
    return name != null
        || timezone != null
        || defaultReminders != null
        || phoneSet
        || pushTokens != null;
  }
}
