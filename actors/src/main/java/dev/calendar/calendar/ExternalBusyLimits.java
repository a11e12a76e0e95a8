package dev.calendar.calendar;

import dev.calendar.external.ExternalBusy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How much busy time from other calendars a calendar keeps, and what a replacement changes. */
final class ExternalBusyLimits {
  /**
   * Busy blocks from other calendars one calendar keeps, all sources together: every decision of
   * the calendar reads them from memory, so they are bounded like the rest of its state.
   */
  static final int MAX_PER_CALENDAR = 20_000;

  /** Staged parts of a replacement that no replacement claimed are dropped after this. */
  static final Duration STAGING_TIMEOUT = Duration.ofMinutes(1);

  private ExternalBusyLimits() {}

  /** {@code before} → {@code after}, by key. */
  static CalendarEntity.ExternalBusyChanged change(
      List<ExternalBusy> before, List<ExternalBusy> after) {
    Map<ExternalBusy.Key, ExternalBusy> old = new HashMap<>();
    before.forEach(b -> old.put(b.key(), b));
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    for (ExternalBusy b : after) {
      ExternalBusy was = old.remove(b.key());
      if (was == null) {
        added++;
      } else if (was.equals(b)) {
        unchanged++;
      } else {
        updated++;
      }
    }
    return new CalendarEntity.ExternalBusyChanged(added, updated, old.size(), unchanged);
  }
}
