package dev.calendar.api.bookingpage;

import dev.calendar.bookingpage.EventType;
import java.util.regex.Pattern;

/** An event type's slug: its name in its owner's links, {@link EventType#SLUG_PATTERN}. */
final class Slugs {
  static final int MAX_LENGTH = 64;
  static final String RULE = "must be 1 to 64 lowercase letters, digits or hyphens";
  private static final Pattern SLUG = Pattern.compile(EventType.SLUG_PATTERN);

  private Slugs() {}

  static boolean isValid(String text) {
    return text != null && SLUG.matcher(text).matches();
  }
}
