package dev.calendar.devservers.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.Recurrences;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The instances of a Google series master: its {@code RRULE:} lines expanded, minus the {@code
 * EXDATE:} ones, each instance a copy of the master at its own start with {@code recurringEventId}
 * and {@code originalStartTime}, and the id {@code {masterId}_{start in UTC}}.
 */
final class SeriesExpansion {
  private static final DateTimeFormatter EXDATE_LOCAL =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  /** An instance about to be stored. */
  record Instance(String id, ObjectNode json, EventTime start, EventTime end) {}

  private SeriesExpansion() {}

  static boolean isSeries(JsonNode event) {
    JsonNode r = event.get("recurrence");
    return r != null && r.isArray() && !r.isEmpty();
  }

  /** Instances by id, in start order. Throws {@link IllegalArgumentException} on a bad rule. */
  static Map<String, Instance> instances(ObjectNode master) {
    EventTime start = EventTime.parse(master, "start");
    EventTime end = EventTime.parse(master, "end");
    Duration length =
        start.allDay() ? Duration.ZERO : Duration.between(start.instant(), end.instant());
    long days = start.allDay() ? ChronoUnit.DAYS.between(start.date(), end.date()) : 0;
    List<LocalDateTime> starts = new ArrayList<>();
    Set<Object> excluded = new HashSet<>();
    for (JsonNode line : master.get("recurrence")) {
      String text = line.asText().strip();
      String upper = text.toUpperCase(Locale.ROOT);
      if (upper.startsWith("RRULE:")) {
        try {
          starts.addAll(
              Recurrences.expand(text, start.local(), start.allDay(), start.zone(), true));
        } catch (Recurrences.InvalidRule e) {
          throw new IllegalArgumentException(e.getMessage());
        }
      } else if (upper.startsWith("EXDATE")) {
        excluded.addAll(exdates(text, start.zone()));
      }
    }
    Map<String, Instance> out = new LinkedHashMap<>();
    starts.stream()
        .distinct()
        .sorted()
        .limit(Recurrences.MAX_INSTANCES)
        .forEach(
            local -> {
              EventTime s = start.atLocal(local);
              if (excluded.contains(s.allDay() ? s.date() : s.instant())
                  || (!s.allDay() && excluded.contains(local.toLocalDate()))) {
                return;
              }
              EventTime e = s.plus(length, days);
              String id = Json.text(master, "id") + "_" + s.idSuffix();
              ObjectNode json = master.deepCopy();
              json.remove("recurrence");
              json.put("id", id);
              json.put("recurringEventId", Json.text(master, "id"));
              json.set("originalStartTime", s.toJson());
              json.set("start", s.toJson());
              json.set("end", e.toJson());
              out.put(id, new Instance(id, json, s, e));
            });
    return out;
  }

  /** {@code EXDATE;TZID=Europe/Berlin:20261210T090000,...}, {@code ...Z} or {@code VALUE=DATE}. */
  private static Set<Object> exdates(String line, ZoneId seriesZone) {
    int colon = line.indexOf(':');
    if (colon < 0) {
      return Set.of();
    }
    ZoneId zone = seriesZone;
    for (String param : line.substring(0, colon).split(";")) {
      if (param.toUpperCase(Locale.ROOT).startsWith("TZID=")) {
        zone = ZoneId.of(param.substring(5));
      }
    }
    Set<Object> out = new HashSet<>();
    for (String value : line.substring(colon + 1).split(",")) {
      String v = value.strip();
      if (v.length() == 8) {
        out.add(LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE));
      } else if (v.endsWith("Z")) {
        out.add(
            LocalDateTime.parse(v.substring(0, v.length() - 1), EXDATE_LOCAL)
                .toInstant(ZoneOffset.UTC));
      } else if (!v.isEmpty()) {
        out.add(
            ZonedDateTime.ofLocal(LocalDateTime.parse(v, EXDATE_LOCAL), zone, null).toInstant());
      }
    }
    return out;
  }
}
