package dev.calendar.notification;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a reminder or notification is delivered. */
public enum Channel {
  EMAIL,
  SMS,
  PUSH,
  WEBHOOK;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Channel fromWire(String value) {
    return parse(value).orElseThrow(() -> new IllegalArgumentException("unknown channel " + value));
  }

  public static Optional<Channel> parse(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
  }
}
