package dev.calendar.external;

import dev.calendar.schedule.Schedule;
import dev.calendar.serialization.CborSerializable;
import java.time.Instant;

/**
 * Busy time from outside the service: one event of another calendar (an imported ICS file, a
 * subscribed feed, a provider's calendar), kept only as the time it occupies. A series stays a rule
 * with its EXDATEs and moved instances, never materialized.
 *
 * @param externalId the event's id in its source (an ICS UID)
 * @param recurrenceId null for a single event or a whole series; otherwise the original start of
 *     one instance that its source sends apart from its series (as Google does)
 * @param schedule when it is busy
 */
public record ExternalBusy(String externalId, Instant recurrenceId, Schedule schedule)
    implements CborSerializable {

  /** What identifies it within its source. */
  public record Key(String externalId, Instant recurrenceId) implements CborSerializable {}

  public Key key() {
    return new Key(externalId, recurrenceId);
  }
}
