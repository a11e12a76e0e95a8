package dev.calendar.api.bookingpage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.Fields;
import dev.calendar.user.Emails;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The body of {@code POST /book/{userId}/{slug}}: the start and who books it. The guest's zone is
 * checked and kept only for their own display; the slot's instants are the same in every zone.
 */
record GuestBooking(Instant start, String name, String email, ZoneId timezone, String notes) {
  static final int MAX_NAME = 200;
  static final int MAX_NOTES = 2000;

  static GuestBooking parse(JsonNode body) {
    var f = new Fields(body);
    Instant start = f.requiredInstant("start");
    String notes = f.optionalString("notes", 0, MAX_NOTES);
    String name = null;
    String email = null;
    ZoneId zone = null;
    JsonNode invitee = body.get("invitee");
    if (invitee == null || invitee.isNull()) {
      f.error("invitee", "is required");
    } else if (!invitee.isObject()) {
      f.error("invitee", "must be an object with name, email and timezone");
    } else {
      var g = f.nested(invitee, "invitee");
      name = g.requiredString("name", 1, MAX_NAME);
      email = g.requiredString("email", 3, Emails.MAX_LENGTH);
      if (email != null && !Emails.isValid(email)) {
        g.error("email", "is not a valid email address");
      }
      zone = g.optionalZone("timezone");
    }
    f.throwIfInvalid();
    return new GuestBooking(start, name.trim(), Emails.normalize(email), zone, notes);
  }
}
