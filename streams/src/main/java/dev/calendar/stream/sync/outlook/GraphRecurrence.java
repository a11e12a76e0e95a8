package dev.calendar.stream.sync.outlook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.stream.sync.provider.ProviderJson;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 5545 recurrence lines as a Graph {@code patternedRecurrence}, for what both can say: {@code
 * FREQ=DAILY} or {@code WEEKLY} with {@code INTERVAL}, plain {@code BYDAY} days (weekly), {@code
 * WKST}, and an end by {@code COUNT}, by {@code UNTIL}, or none.
 *
 * <p>Anything else (monthly or yearly rules, {@code BYSETPOS}, {@code 1MO}-style days, two rules)
 * has no faithful Graph pattern: then there is none, and the caller writes the first occurrence
 * only, a smaller promise rather than a wrong series. {@code EXDATE} and {@code RDATE} lines are
 * ignored: Graph has no field for them at creation (an exception is a later delete of one
 * occurrence).
 */
final class GraphRecurrence {
  private static final Map<String, String> DAYS =
      Map.of(
          "MO", "monday",
          "TU", "tuesday",
          "WE", "wednesday",
          "TH", "thursday",
          "FR", "friday",
          "SA", "saturday",
          "SU", "sunday");
  private static final DateTimeFormatter UNTIL_UTC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
  private static final DateTimeFormatter UNTIL_DATE = DateTimeFormatter.BASIC_ISO_DATE;

  private GraphRecurrence() {}

  /**
   * The pattern for {@code lines} of a series whose first occurrence starts at {@code start} in
   * {@code zone}; empty for a single event or a rule Graph cannot express.
   */
  static Optional<ObjectNode> of(List<String> lines, Instant start, ZoneId zone) {
    if (lines == null) {
      return Optional.empty();
    }
    List<String> rules =
        lines.stream().filter(line -> line.toUpperCase(Locale.ROOT).startsWith("RRULE:")).toList();
    if (rules.size() != 1) {
      return Optional.empty();
    }
    Map<String, String> parts = parts(rules.get(0).substring("RRULE:".length()));
    if (parts == null) {
      return Optional.empty();
    }
    LocalDate firstDay = start.atZone(zone).toLocalDate();
    Optional<ObjectNode> pattern = pattern(parts, firstDay);
    Optional<ObjectNode> range = range(parts, firstDay, zone);
    if (pattern.isEmpty() || range.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode recurrence = ProviderJson.object();
    recurrence.set("pattern", pattern.get());
    recurrence.set("range", range.get());
    return Optional.of(recurrence);
  }

  /** {@code NAME=value;…} upper-cased by name; null when a part has no {@code =}. */
  private static Map<String, String> parts(String rule) {
    Map<String, String> parts = new HashMap<>();
    for (String part : rule.split(";")) {
      if (part.isBlank()) {
        continue;
      }
      int equals = part.indexOf('=');
      if (equals <= 0) {
        return null;
      }
      parts.put(
          part.substring(0, equals).strip().toUpperCase(Locale.ROOT),
          part.substring(equals + 1).strip().toUpperCase(Locale.ROOT));
    }
    return parts;
  }

  private static Optional<ObjectNode> pattern(Map<String, String> parts, LocalDate firstDay) {
    for (String name : parts.keySet()) {
      if (!List.of("FREQ", "INTERVAL", "BYDAY", "WKST", "COUNT", "UNTIL").contains(name)) {
        return Optional.empty();
      }
    }
    int interval;
    try {
      interval = Integer.parseInt(parts.getOrDefault("INTERVAL", "1"));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (interval < 1) {
      return Optional.empty();
    }
    String freq = parts.get("FREQ");
    ObjectNode pattern = ProviderJson.object();
    if ("DAILY".equals(freq) && !parts.containsKey("BYDAY")) {
      return Optional.of(pattern.put("type", "daily").put("interval", interval));
    }
    if (!"WEEKLY".equals(freq)) {
      return Optional.empty();
    }
    pattern.put("type", "weekly").put("interval", interval);
    ArrayNode days = pattern.putArray("daysOfWeek");
    String byDay = parts.get("BYDAY");
    if (byDay == null) {
      // A weekly rule without BYDAY repeats on the first occurrence's weekday.
      days.add(firstDay.getDayOfWeek().name().toLowerCase(Locale.ROOT));
    } else {
      for (String day : byDay.split(",")) {
        String name = DAYS.get(day.strip());
        if (name == null) {
          return Optional.empty(); // "1MO", "-1FR": not a weekly pattern
        }
        days.add(name);
      }
    }
    if (parts.containsKey("WKST")) {
      String first = DAYS.get(parts.get("WKST"));
      if (first == null) {
        return Optional.empty();
      }
      pattern.put("firstDayOfWeek", first);
    }
    return Optional.of(pattern);
  }

  private static Optional<ObjectNode> range(
      Map<String, String> parts, LocalDate firstDay, ZoneId zone) {
    ObjectNode range =
        ProviderJson.object()
            .put("startDate", firstDay.toString())
            .put("recurrenceTimeZone", zone.getId());
    if (parts.containsKey("COUNT") && parts.containsKey("UNTIL")) {
      return Optional.empty(); // RFC 5545 forbids both
    }
    try {
      if (parts.containsKey("COUNT")) {
        int count = Integer.parseInt(parts.get("COUNT"));
        return count < 1
            ? Optional.empty()
            : Optional.of(range.put("type", "numbered").put("numberOfOccurrences", count));
      }
      if (parts.containsKey("UNTIL")) {
        return Optional.of(
            range
                .put("type", "endDate")
                .put("endDate", untilDay(parts.get("UNTIL"), zone).toString()));
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
    return Optional.of(range.put("type", "noEnd"));
  }

  /** UNTIL's day in the series' zone: a UTC date-time ({@code …Z}) or a date. */
  private static LocalDate untilDay(String until, ZoneId zone) {
    if (until.endsWith("Z")) {
      return LocalDateTime.parse(until, UNTIL_UTC)
          .atOffset(ZoneOffset.UTC)
          .atZoneSameInstant(zone)
          .toLocalDate();
    }
    if (until.contains("T")) {
      // A floating date-time: already the series' wall clock.
      return LocalDate.parse(until.substring(0, until.indexOf('T')), UNTIL_DATE);
    }
    return LocalDate.parse(until, UNTIL_DATE);
  }
}
