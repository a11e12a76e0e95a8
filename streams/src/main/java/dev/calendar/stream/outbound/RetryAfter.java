package dev.calendar.stream.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header (RFC 9110): delta-seconds or an HTTP date. */
public final class RetryAfter {
  private RetryAfter() {}

  /** How long to wait, never negative; null when the value is absent or neither form. */
  public static Duration parse(String value, Clock clock) {
    if (value == null) {
      return null;
    }
    String text = value.strip();
    try {
      if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
        return Duration.ofSeconds(Long.parseLong(text));
      }
      ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration wait = Duration.between(clock.instant(), at.toInstant());
      return wait.isNegative() ? Duration.ZERO : wait;
    } catch (NumberFormatException | DateTimeParseException e) {
      return null;
    }
  }
}
