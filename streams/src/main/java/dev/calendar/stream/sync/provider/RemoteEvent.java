package dev.calendar.stream.sync.provider;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One event (or one instance of a series: both providers list instances apart) as the provider
 * holds it, reduced to what busy time and echo suppression need.
 *
 * @param id the provider's id of this event or instance
 * @param etag its version (Google's etag, Microsoft's changeKey or @odata.etag)
 * @param removed deleted, cancelled, or {@code @removed}: it no longer occupies time
 * @param free transparent (Google) or shown as free (Microsoft): it does not block
 * @param start for a timed event its start; null for an all-day one
 * @param end for a timed event its end
 * @param startDate for an all-day event its first day, in no zone
 * @param endDate for an all-day event the day after its last (exclusive, as both providers say)
 * @param localEventId the id of the event of this service it is a copy of (Google's
 *     extendedProperties.private, Microsoft's transactionId), or null
 */
public record RemoteEvent(
    String id,
    String etag,
    boolean removed,
    boolean free,
    Instant start,
    Instant end,
    LocalDate startDate,
    LocalDate endDate,
    String localEventId) {

  public boolean allDay() {
    return startDate != null;
  }
}
