package dev.calendar.external;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A DATE or DATE-TIME value with the zone it is read in: its TZID's zone, UTC for a value ending in
 * Z, the user's zone for a floating time and for a date (which stands for its local midnight).
 *
 * @param floating no zone of its own: a floating time or a date
 */
record IcsTime(LocalDateTime local, ZoneId zone, boolean date, boolean floating) {

  /** The instant, a local time in a DST gap moved forward and one in an overlap the earlier. */
  Instant instant() {
    return local.atZone(zone).toInstant();
  }
}
