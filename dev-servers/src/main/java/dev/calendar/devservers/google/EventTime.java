package dev.calendar.devservers.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.Json;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A Google event's {@code start} or {@code end}: {@code {"dateTime","timeZone"}} or {@code
 * {"date"}}. Kept as the instant (or date) and the zone it is shown in.
 */
record EventTime(Instant instant, LocalDate date, ZoneId zone, String timeZoneName) {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter COMPACT_UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter COMPACT_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

  /** Parses {@code node[field]}; throws {@link IllegalArgumentException} with Google's wording. */
  static EventTime parse(JsonNode event, String field) {
    JsonNode node = event.get(field);
    String what = field.equals("start") ? "start" : "end";
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("Missing " + what + " time.");
    }
    String date = Json.text(node, "date");
    String dateTime = Json.text(node, "dateTime");
    String tz = Json.text(node, "timeZone");
    try {
      ZoneId named = tz == null ? null : ZoneId.of(tz);
      if (date != null && dateTime == null) {
        return new EventTime(
            null, LocalDate.parse(date), named == null ? ZoneOffset.UTC : named, tz);
      }
      if (dateTime == null) {
        throw new IllegalArgumentException("Missing " + what + " time.");
      }
      if (hasOffset(dateTime)) {
        OffsetDateTime odt = OffsetDateTime.parse(dateTime);
        return new EventTime(odt.toInstant(), null, named == null ? odt.getOffset() : named, tz);
      }
      if (named == null) {
        throw new IllegalArgumentException("Missing time zone definition for " + what + " time.");
      }
      Instant instant =
          ZonedDateTime.ofLocal(LocalDateTime.parse(dateTime), named, null).toInstant();
      return new EventTime(instant, null, named, tz);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("Invalid " + what + " time: " + e.getMessage());
    }
  }

  private static boolean hasOffset(String dateTime) {
    int t = dateTime.indexOf('T');
    String time = t < 0 ? "" : dateTime.substring(t);
    return time.endsWith("Z") || time.endsWith("z") || time.contains("+") || time.contains("-");
  }

  boolean allDay() {
    return date != null;
  }

  /** Where window queries see it: the instant, or midnight UTC of the date. */
  Instant point() {
    return allDay() ? date.atStartOfDay(ZoneOffset.UTC).toInstant() : instant;
  }

  /** The wall-clock time a series is expanded from. */
  LocalDateTime local() {
    return allDay() ? date.atStartOfDay() : LocalDateTime.ofInstant(instant, zone);
  }

  /** The same kind of time at another local start (an instance of a series). */
  EventTime atLocal(LocalDateTime local) {
    if (allDay()) {
      return new EventTime(null, local.toLocalDate(), zone, timeZoneName);
    }
    return new EventTime(
        ZonedDateTime.ofLocal(local, zone, null).toInstant(), null, zone, timeZoneName);
  }

  /** Shifted by the length of a master's span: an instance's end from its start. */
  EventTime plus(Duration length, long days) {
    if (allDay()) {
      return new EventTime(null, date.plusDays(days), zone, timeZoneName);
    }
    return new EventTime(instant.plus(length), null, zone, timeZoneName);
  }

  /**
   * As Google answers it: the date-time at the zone's offset, with the zone name if one was given.
   */
  ObjectNode toJson() {
    ObjectNode out = Json.object();
    if (allDay()) {
      return out.put("date", date.toString());
    }
    out.put("dateTime", RFC3339.format(instant.atZone(zone)));
    if (timeZoneName != null) {
      out.put("timeZone", timeZoneName);
    }
    return out;
  }

  /** The suffix of an instance id: {@code 20261210T080000Z}, or {@code 20261210} for a date. */
  String idSuffix() {
    return allDay() ? COMPACT_DATE.format(date) : COMPACT_UTC.format(instant);
  }
}
