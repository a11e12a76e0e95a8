package dev.calendar.notification;

import java.util.Locale;
import java.util.UUID;

/**
 * Someone a meeting's emails go to: a user of the service ({@code userId}, whose address comes from
 * the profile) or an external guest ({@code email}). {@link #key} names them in the told-state
 * table and in idempotency keys.
 */
public record Recipient(UUID userId, String email, String name) {

  public static Recipient user(UUID userId, String name) {
    return new Recipient(userId, null, name);
  }

  public static Recipient guest(String email, String name) {
    return new Recipient(null, email.trim(), name);
  }

  /** From a stored {@link #key}: a user id, or else a guest's address. */
  public static Recipient fromKey(String key) {
    try {
      return user(UUID.fromString(key), null);
    } catch (IllegalArgumentException notAUuid) {
      return guest(key, null); // an address has an '@', never a UUID
    }
  }

  public boolean internal() {
    return userId != null;
  }

  /** The user id, or the guest's address lower-cased: addresses differ only in case are one. */
  public String key() {
    return internal() ? userId.toString() : email.toLowerCase(Locale.ROOT);
  }
}
