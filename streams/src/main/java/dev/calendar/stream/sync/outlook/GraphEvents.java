package dev.calendar.stream.sync.outlook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.external.WindowsZones;
import dev.calendar.stream.sync.provider.OutgoingEvent;
import dev.calendar.stream.sync.provider.ProviderJson;
import dev.calendar.stream.sync.provider.ProviderTimes;
import dev.calendar.stream.sync.provider.RemoteEvent;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Microsoft Graph event resources to and from our records. */
final class GraphEvents {
  /**
   * Marks a {@code transactionId} as ours: Graph dedupes inserts by it, and other clients set it
   * too, so only ids with this prefix name an event of this service.
   */
  static final String TRANSACTION_PREFIX = "calendar-service:";

  private GraphEvents() {}

  /**
   * A listed or fetched event. A removed one ({@code @removed}) carries only its id. An all-day
   * event's days are the dates its midnights are written with, in no zone.
   */
  static RemoteEvent read(JsonNode event) {
    boolean removed = event.has("@removed") || event.path("isCancelled").asBoolean(false);
    boolean allDay = event.path("isAllDay").asBoolean(false);
    JsonNode start = event.path("start");
    JsonNode end = event.path("end");
    String etag = ProviderJson.text(event, "changeKey");
    return new RemoteEvent(
        ProviderJson.text(event, "id"),
        etag != null ? etag : ProviderJson.text(event, "@odata.etag"),
        removed,
        "free".equals(ProviderJson.text(event, "showAs")),
        allDay ? null : instant(start),
        allDay ? null : instant(end),
        allDay ? day(start) : null,
        allDay ? day(end) : null,
        localEventId(ProviderJson.text(event, "transactionId")));
  }

  /**
   * The resource to create ({@code withTransactionId}) or patch: start and end as wall-clock times
   * in the event's IANA zone, and a recurrence pattern when its rule has one (else the first
   * occurrence alone is written: see {@link GraphRecurrence}).
   */
  static ObjectNode write(OutgoingEvent event, boolean withTransactionId) {
    ZoneId zone =
        event.timeZone() == null || event.timeZone().isBlank()
            ? ZoneOffset.UTC
            : ZoneId.of(event.timeZone());
    ObjectNode body = ProviderJson.object();
    if (withTransactionId) {
      body.put("transactionId", TRANSACTION_PREFIX + event.localEventId());
    }
    ProviderJson.putIfPresent(body, "subject", event.title());
    body.putObject("body")
        .put("contentType", "text")
        .put("content", event.description() == null ? "" : event.description());
    if (event.location() != null) {
      body.putObject("location").put("displayName", event.location());
    }
    body.set("start", time(event.start(), zone));
    body.set("end", time(event.end(), zone));
    GraphRecurrence.of(event.recurrence(), event.start(), zone)
        .ifPresent(recurrence -> body.set("recurrence", recurrence));
    return body;
  }

  private static ObjectNode time(Instant at, ZoneId zone) {
    return ProviderJson.object()
        .put("dateTime", ProviderTimes.graphLocal(at, zone))
        .put("timeZone", zone.getId());
  }

  private static String localEventId(String transactionId) {
    return transactionId != null && transactionId.startsWith(TRANSACTION_PREFIX)
        ? transactionId.substring(TRANSACTION_PREFIX.length())
        : null;
  }

  private static Instant instant(JsonNode time) {
    String dateTime = ProviderJson.text(time, "dateTime");
    if (dateTime == null) {
      return null;
    }
    if (dateTime.endsWith("Z") || dateTime.matches(".*[+-]\\d\\d:\\d\\d$")) {
      return ProviderTimes.parseRfc3339(dateTime); // an offset given after all: it rules
    }
    return LocalDateTime.parse(dateTime)
        .atZone(graphZone(ProviderJson.text(time, "timeZone")))
        .toInstant();
  }

  private static LocalDate day(JsonNode time) {
    String dateTime = ProviderJson.text(time, "dateTime");
    return dateTime == null ? null : LocalDateTime.parse(dateTime).toLocalDate();
  }

  /** The zone Graph names (Windows or IANA); UTC when absent or unknown, as Graph answers us. */
  static ZoneId graphZone(String name) {
    if (name == null || name.isBlank() || name.equalsIgnoreCase("UTC")) {
      return ZoneOffset.UTC;
    }
    String iana = WindowsZones.usual(name);
    try {
      return ZoneId.of(iana == null ? name : iana);
    } catch (DateTimeException unknown) {
      return ZoneOffset.UTC;
    }
  }
}
