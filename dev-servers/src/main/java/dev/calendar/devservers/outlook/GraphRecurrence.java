package dev.calendar.devservers.outlook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.Recurrences;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Graph's {@code patternedRecurrence} as an RRULE, expanded with lib-recur. Patterns start at the
 * first matching day on or after the range's start date, which need not be the event's own start
 * (unlike RFC 5545, where DTSTART is always an instance).
 */
final class GraphRecurrence {
  private static final Map<String, String> DAYS =
      Map.of(
          "sunday",
          "SU",
          "monday",
          "MO",
          "tuesday",
          "TU",
          "wednesday",
          "WE",
          "thursday",
          "TH",
          "friday",
          "FR",
          "saturday",
          "SA");
  private static final Map<String, String> INDEX =
      Map.of("first", "1", "second", "2", "third", "3", "fourth", "4", "last", "-1");

  private GraphRecurrence() {}

  /**
   * The local start times of the occurrences.
   *
   * @param start the series' first local start (its time of day is every occurrence's)
   */
  static List<LocalDateTime> occurrences(
      JsonNode recurrence, LocalDateTime start, boolean allDay, ZoneId zone) {
    JsonNode pattern = recurrence.path("pattern");
    JsonNode range = recurrence.path("range");
    String startDate = Json.text(range, "startDate");
    LocalDateTime first =
        startDate == null ? start : LocalDate.parse(startDate).atTime(start.toLocalTime());
    String rule = rule(pattern, range, allDay);
    try {
      return Recurrences.expand(rule, first, allDay, zone, false);
    } catch (Recurrences.InvalidRule e) {
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  static String rule(JsonNode pattern, JsonNode range, boolean allDay) {
    String type = Json.text(pattern, "type");
    int interval = Math.max(1, pattern.path("interval").asInt(1));
    StringBuilder r = new StringBuilder();
    if (type == null) {
      throw new IllegalArgumentException("recurrence.pattern.type is required");
    }
    switch (type) {
      case "daily" -> r.append("FREQ=DAILY");
      case "weekly" -> r.append("FREQ=WEEKLY;BYDAY=").append(days(pattern));
      case "absoluteMonthly" ->
          r.append("FREQ=MONTHLY;BYMONTHDAY=").append(pattern.path("dayOfMonth").asInt(1));
      case "relativeMonthly" ->
          r.append("FREQ=MONTHLY;BYDAY=")
              .append(days(pattern))
              .append(";BYSETPOS=")
              .append(index(pattern));
      case "absoluteYearly" ->
          r.append("FREQ=YEARLY;BYMONTH=")
              .append(pattern.path("month").asInt(1))
              .append(";BYMONTHDAY=")
              .append(pattern.path("dayOfMonth").asInt(1));
      case "relativeYearly" ->
          r.append("FREQ=YEARLY;BYMONTH=")
              .append(pattern.path("month").asInt(1))
              .append(";BYDAY=")
              .append(days(pattern))
              .append(";BYSETPOS=")
              .append(index(pattern));
      default -> throw new IllegalArgumentException("Unsupported recurrence pattern type " + type);
    }
    r.append(";INTERVAL=").append(interval);
    String firstDay = Json.text(pattern, "firstDayOfWeek");
    r.append(";WKST=").append(firstDay == null ? "SU" : day(firstDay));
    String rangeType = Json.text(range, "type");
    if ("numbered".equals(rangeType)) {
      int n = range.path("numberOfOccurrences").asInt(0);
      if (n < 1) {
        throw new IllegalArgumentException("numberOfOccurrences must be at least 1");
      }
      r.append(";COUNT=").append(n);
    } else if ("endDate".equals(rangeType)) {
      String end = Json.text(range, "endDate");
      if (end == null) {
        throw new IllegalArgumentException("range.endDate is required");
      }
      String compact = end.replace("-", "");
      r.append(";UNTIL=").append(allDay ? compact : compact + "T235959");
    }
    return r.toString();
  }

  private static String days(JsonNode pattern) {
    JsonNode days = pattern.path("daysOfWeek");
    if (!days.isArray() || days.isEmpty()) {
      throw new IllegalArgumentException("recurrence.pattern.daysOfWeek is required");
    }
    StringBuilder out = new StringBuilder();
    for (JsonNode d : days) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(day(d.asText()));
    }
    return out.toString();
  }

  private static String day(String name) {
    String d = DAYS.get(name.toLowerCase(Locale.ROOT));
    if (d == null) {
      throw new IllegalArgumentException("Unknown day of week " + name);
    }
    return d;
  }

  private static String index(JsonNode pattern) {
    String i = Json.text(pattern, "index");
    return INDEX.getOrDefault(i == null ? "first" : i, "1");
  }
}
