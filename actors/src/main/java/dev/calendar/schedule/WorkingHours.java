package dev.calendar.schedule;

import dev.calendar.serialization.CborSerializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's working hours: weekly local-time intervals in {@code zone}, and whole-day overrides (an
 * empty list = not working that day). Local times are turned into instants per day, so 09:00 stays
 * 09:00 across DST; an interval whose end is 24:00 is written as end {@code 00:00}.
 */
public record WorkingHours(
    ZoneId zone,
    Map<DayOfWeek, List<LocalRange>> weekly,
    Map<LocalDate, List<LocalRange>> overrides)
    implements CborSerializable {

  /** [start, end) in local time; end 00:00 means midnight at the end of the day. */
  public record LocalRange(LocalTime start, LocalTime end) implements CborSerializable {}

  public WorkingHours {
    weekly = Map.copyOf(weekly);
    overrides = Map.copyOf(overrides);
  }

  /** Working intervals overlapping [window), clipped to it, merged and sorted. */
  public List<Interval> intervals(Interval window) {
    List<Interval> out = new ArrayList<>();
    // a day's ranges lie within [its midnight, the next midnight]; the day before is included in
    // case the window starts exactly at a midnight that ends it
    LocalDate first = LocalDate.ofInstant(window.start(), zone).minusDays(1);
    LocalDate last = LocalDate.ofInstant(window.end(), zone);
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      List<LocalRange> ranges = overrides.get(day);
      if (ranges == null) {
        ranges = weekly.getOrDefault(day.getDayOfWeek(), List.of());
      }
      for (LocalRange range : ranges) {
        Instant start = instant(day.atTime(range.start()));
        LocalDateTime endLocal =
            range.end().equals(LocalTime.MIDNIGHT)
                ? day.plusDays(1).atStartOfDay()
                : day.atTime(range.end());
        Instant end = instant(endLocal);
        if (start.isBefore(end) && start.isBefore(window.end()) && end.isAfter(window.start())) {
          out.add(new Interval(start, end));
        }
      }
    }
    return Interval.clip(out, window);
  }

  /**
   * RFC 5545 section 3.3.5: a time in a gap moves forward by the gap, an overlap takes the earlier.
   */
  private Instant instant(LocalDateTime local) {
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }
}
