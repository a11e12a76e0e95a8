package dev.calendar.devservers.outlook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.Json;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Graph's {@code dateTimeTimeZone}: read in any IANA or (common) Windows zone name, answered in UTC
 * with seven fraction digits and no offset, as Graph does when no other zone is preferred.
 */
final class GraphTimes {
  private static final DateTimeFormatter GRAPH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS");
  private static final DateTimeFormatter GRAPH_UTC = GRAPH.withZone(ZoneOffset.UTC);

  /** Windows zone names Exchange uses, to their IANA zone (the CLDR "001" territory). */
  private static final Map<String, String> WINDOWS =
      Map.ofEntries(
          Map.entry("UTC", "UTC"),
          Map.entry("Coordinated Universal Time", "UTC"),
          Map.entry("W. Europe Standard Time", "Europe/Berlin"),
          Map.entry("Romance Standard Time", "Europe/Paris"),
          Map.entry("Central Europe Standard Time", "Europe/Budapest"),
          Map.entry("Central European Standard Time", "Europe/Warsaw"),
          Map.entry("GMT Standard Time", "Europe/London"),
          Map.entry("Greenwich Standard Time", "Atlantic/Reykjavik"),
          Map.entry("E. Europe Standard Time", "Europe/Chisinau"),
          Map.entry("FLE Standard Time", "Europe/Kiev"),
          Map.entry("GTB Standard Time", "Europe/Bucharest"),
          Map.entry("Russian Standard Time", "Europe/Moscow"),
          Map.entry("Eastern Standard Time", "America/New_York"),
          Map.entry("Central Standard Time", "America/Chicago"),
          Map.entry("Mountain Standard Time", "America/Denver"),
          Map.entry("US Mountain Standard Time", "America/Phoenix"),
          Map.entry("Pacific Standard Time", "America/Los_Angeles"),
          Map.entry("Alaskan Standard Time", "America/Anchorage"),
          Map.entry("Hawaiian Standard Time", "Pacific/Honolulu"),
          Map.entry("Atlantic Standard Time", "America/Halifax"),
          Map.entry("E. South America Standard Time", "America/Sao_Paulo"),
          Map.entry("India Standard Time", "Asia/Kolkata"),
          Map.entry("China Standard Time", "Asia/Shanghai"),
          Map.entry("Singapore Standard Time", "Asia/Singapore"),
          Map.entry("Tokyo Standard Time", "Asia/Tokyo"),
          Map.entry("AUS Eastern Standard Time", "Australia/Sydney"));

  private GraphTimes() {}

  /** The zone a name means; throws {@link IllegalArgumentException} for an unknown one. */
  static ZoneId zone(String name) {
    if (name == null || name.isBlank()) {
      return ZoneOffset.UTC;
    }
    String iana = WINDOWS.getOrDefault(name, name);
    try {
      return ZoneId.of(iana);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("A valid TimeZone value must be specified: " + name);
    }
  }

  /** The instant of {@code {"dateTime","timeZone"}}; an offset in dateTime wins over timeZone. */
  static Instant instant(JsonNode node, String what) {
    String dateTime = Json.text(node, "dateTime");
    if (dateTime == null) {
      throw new IllegalArgumentException(what + " must have a dateTime");
    }
    try {
      if (dateTime.endsWith("Z") || dateTime.matches(".*T.*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(dateTime).toInstant();
      }
      return ZonedDateTime.ofLocal(
              LocalDateTime.parse(dateTime), zone(Json.text(node, "timeZone")), null)
          .toInstant();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("Invalid " + what + " dateTime: " + dateTime);
    }
  }

  /** The date of an all-day event's {@code {"dateTime"}}: the date as written, zone ignored. */
  static LocalDate date(JsonNode node, String what) {
    String dateTime = Json.text(node, "dateTime");
    if (dateTime == null || dateTime.length() < 10) {
      throw new IllegalArgumentException(what + " must have a dateTime");
    }
    try {
      return LocalDate.parse(dateTime.substring(0, 10));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("Invalid " + what + " dateTime: " + dateTime);
    }
  }

  static ObjectNode toJson(Instant instant) {
    return Json.object().put("dateTime", GRAPH_UTC.format(instant)).put("timeZone", "UTC");
  }

  /** {@code 2026-12-10T09:00:00.0000000Z}: Graph's timestamps (created, modified, expiry). */
  static String timestamp(Instant instant) {
    return GRAPH_UTC.format(instant) + "Z";
  }

  /** An ISO timestamp; without an offset it is taken as UTC, as Graph does. */
  static Instant parseTimestamp(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    }
  }

  static Instant midnight(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
