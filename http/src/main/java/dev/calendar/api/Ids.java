package dev.calendar.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** Path and body ids: UUIDs in their canonical text form, or a 400 naming the field. */
public final class Ids {
  private static final Pattern UUID_TEXT =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private Ids() {}

  public static UUID parse(String field, String text) {
    if (text == null || !UUID_TEXT.matcher(text).matches()) {
      throw Problem.invalid(field, "must be a UUID");
    }
    return UUID.fromString(text);
  }
}
