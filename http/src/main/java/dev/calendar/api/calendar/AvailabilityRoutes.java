package dev.calendar.api.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.Authentication;
import dev.calendar.api.Caller;
import dev.calendar.api.Fields;
import dev.calendar.api.Ids;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Replies;
import dev.calendar.api.Windows;
import dev.calendar.schedule.WorkingHours;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** Free/busy of any user, and one's own working-hours rules. */
public final class AvailabilityRoutes extends AllDirectives {
  static final Duration MAX_WINDOW = Duration.ofDays(62);
  static final int MAX_RANGES_PER_DAY = 24;
  static final int MAX_OVERRIDES = 1000;

  private final AvailabilityService availability;
  private final Authentication auth;

  public AvailabilityRoutes(AvailabilityService availability, Authentication auth) {
    this.availability = availability;
    this.auth = auth;
  }

  public record Range(String start, String end) {}

  public record DateOverride(LocalDate date, List<Range> intervals) {}

  public record RulesView(
      ZoneId timezone, Map<String, List<Range>> weekly, List<DateOverride> overrides) {}

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("availability"),
            idText -> get(() -> auth.authenticated(caller -> availability(idText)))),
        path(
            PathMatchers.segment("user").slash(PathMatchers.segment()).slash("availability"),
            idText -> get(() -> auth.authenticated(caller -> availability(idText)))),
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("availability-rules"),
            idText -> put(() -> auth.authenticated(caller -> setRules(caller, idText)))));
  }

  /** Anyone signed in may see anyone's busy and free time (never titles). */
  private Route availability(String idText) {
    UUID userId = Ids.parse("id", idText);
    return Windows.window(
        MAX_WINDOW,
        window ->
            onSuccess(
                availability.answer(userId, window),
                json ->
                    complete(
                        HttpResponse.create()
                            .withStatus(200)
                            .withEntity(ContentTypes.APPLICATION_JSON, json))));
  }

  private Route setRules(Caller caller, String idText) {
    UUID userId = caller.ownId(idText, "you can only set your own availability rules");
    return JsonBodies.route(
        body ->
            onSuccess(
                availability.zoneOf(userId),
                zone -> {
                  WorkingHours hours = parseRules(body, zone);
                  return onSuccess(
                      availability.setWorkingHours(userId, hours),
                      done -> complete(Replies.toHttp(Replies.json(200, view(hours)))));
                }));
  }

  static WorkingHours parseRules(JsonNode body, ZoneId defaultZone) {
    var f = new Fields(body);
    ZoneId zone = f.optionalZone("timezone");
    Map<DayOfWeek, List<WorkingHours.LocalRange>> weekly = new EnumMap<>(DayOfWeek.class);
    JsonNode weeklyNode = body.get("weekly");
    if (weeklyNode != null && !weeklyNode.isNull()) {
      if (!weeklyNode.isObject()) {
        f.error("weekly", "must be an object keyed by MON, TUE, ... SUN");
      } else {
        Iterator<Map.Entry<String, JsonNode>> days = weeklyNode.fields();
        while (days.hasNext()) {
          var day = days.next();
          DayOfWeek dow = dayOf(day.getKey());
          if (dow == null) {
            f.error("weekly." + day.getKey(), "must be one of MON, TUE, WED, THU, FRI, SAT, SUN");
            continue;
          }
          weekly.put(dow, ranges(f, day.getValue(), "weekly." + day.getKey()));
        }
      }
    }
    Map<LocalDate, List<WorkingHours.LocalRange>> overrides = new LinkedHashMap<>();
    f.optionalList(
        "overrides",
        MAX_OVERRIDES,
        e -> {
          Fields o = e.object();
          String dateText = o.requiredString("date", 10, 10);
          LocalDate date = null;
          if (dateText != null) {
            try {
              date = LocalDate.parse(dateText);
            } catch (DateTimeParseException ex) {
              o.error("date", "must be a date such as 2027-12-24");
            }
          }
          if (!o.has("intervals")) {
            o.error("intervals", "is required (an empty list means not working that day)");
          }
          if (date != null && o.has("intervals")) {
            overrides.put(date, ranges(o, o.raw("intervals"), "intervals"));
          }
          return date;
        });
    f.throwIfInvalid();
    return new WorkingHours(zone != null ? zone : defaultZone, weekly, overrides);
  }

  private static DayOfWeek dayOf(String key) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().substring(0, 3).equals(key.toUpperCase(Locale.ROOT))) {
        return d;
      }
    }
    return null;
  }

  /** [{"start": "09:00", "end": "12:00"}, ...]; end "24:00" (or "00:00") is midnight. */
  private static List<WorkingHours.LocalRange> ranges(Fields f, JsonNode node, String path) {
    List<WorkingHours.LocalRange> out = new ArrayList<>();
    if (node == null || !node.isArray()) {
      f.error(path, "must be a list of {start, end}");
      return out;
    }
    if (node.size() > MAX_RANGES_PER_DAY) {
      f.error(path, "must have at most " + MAX_RANGES_PER_DAY + " intervals");
      return out;
    }
    for (int i = 0; i < node.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode r = node.get(i);
      LocalTime start = time(f, r.get("start"), at + ".start");
      LocalTime end = time(f, r.get("end"), at + ".end");
      if (start != null && end != null) {
        if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
          f.error(at + ".end", "must be after start");
        } else {
          out.add(new WorkingHours.LocalRange(start, end));
        }
      }
    }
    return out;
  }

  private static LocalTime time(Fields f, JsonNode node, String path) {
    if (node == null || !node.isTextual()) {
      f.error(path, "must be a local time such as 09:00");
      return null;
    }
    String text = node.asText();
    if (text.equals("24:00")) {
      return LocalTime.MIDNIGHT;
    }
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      f.error(path, "must be a local time such as 09:00");
      return null;
    }
  }

  static RulesView view(WorkingHours hours) {
    Map<String, List<Range>> weekly = new LinkedHashMap<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      var ranges = hours.weekly().get(d);
      if (ranges != null) {
        weekly.put(
            d.name().substring(0, 3), ranges.stream().map(AvailabilityRoutes::range).toList());
      }
    }
    List<DateOverride> overrides =
        hours.overrides().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(
                e ->
                    new DateOverride(
                        e.getKey(), e.getValue().stream().map(AvailabilityRoutes::range).toList()))
            .toList();
    return new RulesView(hours.zone(), weekly, overrides);
  }

  private static Range range(WorkingHours.LocalRange r) {
    return new Range(
        r.start().toString(), r.end().equals(LocalTime.MIDNIGHT) ? "24:00" : r.end().toString());
  }
}
