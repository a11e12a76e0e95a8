package dev.calendar.stream.sync.google;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.stream.sync.provider.OutgoingEvent;
import dev.calendar.stream.sync.provider.ProviderJson;
import dev.calendar.stream.sync.provider.ProviderTimes;
import dev.calendar.stream.sync.provider.RemoteEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Google Calendar v3 event resources to and from our records. */
final class GoogleEvents {
  /** The private extended property that names our event in Google's copy. */
  static final String LOCAL_ID_PROPERTY = "calendarServiceEventId";

  private GoogleEvents() {}

  /**
   * A listed or fetched event. A deleted one may carry only id, etag and status: its times are then
   * null. All-day dates are read as written, in no zone.
   */
  static RemoteEvent read(JsonNode event) {
    JsonNode start = event.path("start");
    JsonNode end = event.path("end");
    String startDate = ProviderJson.text(start, "date");
    boolean allDay = startDate != null;
    return new RemoteEvent(
        ProviderJson.text(event, "id"),
        ProviderJson.text(event, "etag"),
        "cancelled".equals(ProviderJson.text(event, "status")),
        "transparent".equals(ProviderJson.text(event, "transparency")),
        allDay ? null : instant(start),
        allDay ? null : instant(end),
        allDay ? LocalDate.parse(startDate) : null,
        allDay ? date(end) : null,
        ProviderJson.text(event.path("extendedProperties").path("private"), LOCAL_ID_PROPERTY));
  }

  /**
   * The resource for an insert (with {@code id} added) or a full replace: timed start and end in
   * the event's zone, its recurrence lines as given, our id in a private extended property.
   */
  static ObjectNode write(OutgoingEvent event) {
    ZoneId zone = zoneOf(event.timeZone());
    ObjectNode body = ProviderJson.object();
    ProviderJson.putIfPresent(body, "summary", event.title());
    ProviderJson.putIfPresent(body, "description", event.description());
    ProviderJson.putIfPresent(body, "location", event.location());
    body.set("start", time(event.start(), zone));
    body.set("end", time(event.end(), zone));
    if (event.recurrence() != null && !event.recurrence().isEmpty()) {
      event.recurrence().forEach(body.putArray("recurrence")::add);
    }
    body.putObject("extendedProperties")
        .putObject("private")
        .put(LOCAL_ID_PROPERTY, event.localEventId());
    return body;
  }

  private static ObjectNode time(Instant at, ZoneId zone) {
    // Google wants the zone's name beside the offset for a series: it repeats in that zone.
    return ProviderJson.object()
        .put("dateTime", ProviderTimes.rfc3339(at, zone))
        .put("timeZone", zone.getId());
  }

  private static ZoneId zoneOf(String timeZone) {
    return timeZone == null || timeZone.isBlank() ? ZoneOffset.UTC : ZoneId.of(timeZone);
  }

  private static Instant instant(JsonNode time) {
    String dateTime = ProviderJson.text(time, "dateTime");
    return dateTime == null ? null : ProviderTimes.parseRfc3339(dateTime);
  }

  private static LocalDate date(JsonNode time) {
    String date = ProviderJson.text(time, "date");
    return date == null ? null : LocalDate.parse(date);
  }
}
