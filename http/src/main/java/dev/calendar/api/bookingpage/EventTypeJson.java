package dev.calendar.api.bookingpage;

import dev.calendar.bookingpage.EventType;
import dev.calendar.notification.ReminderRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event type as the API shows it: every field of the body (durations as ISO-8601 text, the
 * limits null when there are none), its identity, and the public link of its booking page.
 */
public record EventTypeJson(
    UUID id,
    UUID ownerId,
    String slug,
    String title,
    String description,
    String duration,
    String slotInterval,
    String bufferBefore,
    String bufferAfter,
    String minimumNotice,
    String bookingHorizon,
    Integer maxPerDay,
    Integer maxPerWeek,
    String minimumCancelNotice,
    int seats,
    List<UUID> hosts,
    List<ReminderRule> reminders,
    String location,
    boolean active,
    Instant createdAt,
    String bookingUrl) {

  /** The list {@code GET /users/{id}/event-types} answers. */
  public record ListJson(List<EventTypeJson> eventTypes) {}

  /** {@code publicBaseUrl}: where clients reach the service, without a trailing slash. */
  static EventTypeJson of(EventType t, String publicBaseUrl) {
    return new EventTypeJson(
        t.id(),
        t.ownerId(),
        t.slug(),
        t.title(),
        t.description(),
        text(t.duration()),
        text(t.slotInterval()),
        text(t.bufferBefore()),
        text(t.bufferAfter()),
        text(t.minimumNotice()),
        text(t.bookingHorizon()),
        t.maxPerDay(),
        t.maxPerWeek(),
        text(t.minimumCancelNotice()),
        t.seats(),
        t.hosts(),
        t.reminders(),
        t.location(),
        t.active(),
        t.createdAt(),
        bookingUrl(publicBaseUrl, t));
  }

  /** {@code {public base}/book/{ownerId}/{slug}}: the page anyone books this type on. */
  static String bookingUrl(String publicBaseUrl, EventType t) {
    return publicBaseUrl + "/book/" + t.ownerId() + "/" + t.slug();
  }

  private static String text(Duration d) {
    return FieldValues.iso(d);
  }
}
