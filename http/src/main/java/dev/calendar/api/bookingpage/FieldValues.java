package dev.calendar.api.bookingpage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.Fields;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Body values {@link Fields} has no reader for: durations within a range (zero allowed or not),
 * whole numbers and booleans. Each returns the default when the field is absent or null, and null
 * (with the error added) when it is bad.
 */
final class FieldValues {
  private FieldValues() {}

  /** A positive ISO-8601 duration of at most {@code max}; the field is required. */
  static Duration requiredDuration(Fields f, String field, Duration max) {
    if (!present(f, field)) {
      f.error(field, "is required");
      return null;
    }
    return duration(f, field, null, max);
  }

  /**
   * An ISO-8601 duration from {@code min} to {@code max}, both included; {@code min} null means
   * strictly positive.
   */
  static Duration optionalDuration(
      Fields f, String field, Duration absent, Duration min, Duration max) {
    return present(f, field) ? duration(f, field, min, max) : absent;
  }

  private static Duration duration(Fields f, String field, Duration min, Duration max) {
    String text = f.optionalString(field, 1, 40);
    if (text == null) {
      return null;
    }
    Duration d;
    try {
      d = Duration.parse(text);
    } catch (DateTimeParseException e) {
      f.error(field, "must be an ISO-8601 duration such as PT30M");
      return null;
    }
    boolean tooSmall = min == null ? d.isNegative() || d.isZero() : d.compareTo(min) < 0;
    if (tooSmall || d.compareTo(max) > 0) {
      f.error(
          field,
          min == null
              ? "must be a positive duration of at most " + iso(max)
              : "must be a duration from " + iso(min) + " to " + iso(max));
      return null;
    }
    return d;
  }

  /** {@code d} when it has no fraction of a second (or is null: reported already). */
  static Duration wholeSeconds(Fields f, String field, Duration d) {
    if (d != null && d.getNano() != 0) {
      f.error(field, "must be a whole number of seconds");
      return null;
    }
    return d;
  }

  /** Whole days as days ({@code P366D}, not {@code PT8784H}); anything else as Java writes it. */
  static String iso(Duration d) {
    if (d.compareTo(Duration.ofDays(1)) > 0 && d.equals(Duration.ofDays(d.toDays()))) {
      return "P" + d.toDays() + "D";
    }
    return d.toString();
  }

  /** A whole number from {@code min} to {@code max}. */
  static Integer optionalInt(Fields f, String field, int min, int max, Integer absent) {
    if (!present(f, field)) {
      return absent;
    }
    JsonNode value = f.raw(field);
    if (!value.isIntegralNumber()
        || !value.canConvertToInt()
        || value.intValue() < min
        || value.intValue() > max) {
      f.error(field, "must be a whole number from " + min + " to " + max);
      return null;
    }
    return value.intValue();
  }

  static Boolean optionalBoolean(Fields f, String field, boolean absent) {
    if (!present(f, field)) {
      return absent;
    }
    JsonNode value = f.raw(field);
    if (!value.isBoolean()) {
      f.error(field, "must be true or false");
      return null;
    }
    return value.booleanValue();
  }

  private static boolean present(Fields f, String field) {
    return f.has(field) && !f.isNull(field);
  }
}
