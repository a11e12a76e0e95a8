package dev.calendar.store.notification;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where one delivery stands (docs/api.md {@code status}): {@code pending} before the first attempt,
 * {@code failed} after a failed attempt that will be retried, then {@code sent} or {@code dead}.
 */
public enum DeliveryStatus {
  PENDING,
  FAILED,
  SENT,
  DEAD;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Sent or dead: nothing more will be attempted, so a redelivered message is a no-op. */
  public boolean isFinal() {
    return this == SENT || this == DEAD;
  }

  public static DeliveryStatus fromWire(String value) {
    return Arrays.stream(values())
        .filter(s -> s.wireName().equals(value))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown delivery status " + value));
  }
}
