package dev.calendar.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The ICS file {@code bench import} imports, shaped like the export of a busy person's calendar:
 * {@link #EVENTS} events over the {@link #YEARS} years up to a year after {@code from} (most of an
 * export is the past), {@link #SERIES} of them weekly series of a year in Europe/Berlin (every
 * fifth with two EXDATEs), the rest single events of 30 minutes in UTC on a quarter hour.
 * Deterministic: the same arguments give the same file, so importing it again changes nothing.
 */
final class ImportFile {
  static final int EVENTS = 5_000;
  static final int SERIES = 200;
  static final int YEARS = 5;
  private static final long DAYS = 365L * YEARS;
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter BERLIN =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
          .withZone(java.time.ZoneId.of("Europe/Berlin"));

  private ImportFile() {}

  /**
   * @param movedPercent every this-many-th single event (0: none) starts an hour later, so a
   *     re-import updates that share of the events
   */
  static String build(Instant from, int movedPercent) {
    StringBuilder out = new StringBuilder(EVENTS * 140);
    out.append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calendar bench//import//EN\r\n");
    for (int i = 0; i < SERIES; i++) {
      // Weekdays 07:00-18:00 Berlin time, spread over the first weeks.
      Instant start =
          from.plus(Duration.ofDays(i % 28))
              .plus(Duration.ofMinutes(7 * 60 + (i * 45) % (11 * 60)));
      out.append("BEGIN:VEVENT\r\nUID:bench-series-").append(i).append("@bench\r\n");
      out.append("DTSTAMP:20270101T000000Z\r\n");
      out.append("DTSTART;TZID=Europe/Berlin:").append(BERLIN.format(start)).append("\r\n");
      out.append("DTEND;TZID=Europe/Berlin:")
          .append(BERLIN.format(start.plus(Duration.ofMinutes(30))))
          .append("\r\n");
      out.append("RRULE:FREQ=WEEKLY;COUNT=52\r\n");
      if (i % 5 == 0) {
        out.append("EXDATE;TZID=Europe/Berlin:")
            .append(BERLIN.format(start.plus(Duration.ofDays(14))))
            .append(",")
            .append(BERLIN.format(start.plus(Duration.ofDays(35))))
            .append("\r\n");
      }
      out.append("END:VEVENT\r\n");
    }
    for (int i = 0; i < EVENTS - SERIES; i++) {
      long quarter = (i * 7919L) % (DAYS * 96); // a quarter hour of the years, well spread
      Instant start =
          from.minus(Duration.ofDays(DAYS - 365)).plus(Duration.ofMinutes(15 * quarter));
      if (movedPercent > 0 && i % movedPercent == 0) {
        start = start.plus(Duration.ofHours(1));
      }
      out.append("BEGIN:VEVENT\r\nUID:bench-single-").append(i).append("@bench\r\n");
      out.append("DTSTAMP:20270101T000000Z\r\n");
      out.append("DTSTART:").append(UTC.format(start)).append("\r\n");
      out.append("DTEND:").append(UTC.format(start.plus(Duration.ofMinutes(30)))).append("\r\n");
      out.append("END:VEVENT\r\n");
    }
    return out.append("END:VCALENDAR\r\n").toString();
  }

  /** How many busy intervals the file holds in [from, to), merged as availability merges them. */
  static int busyIn(String file, Instant from, Instant to) {
    var busy = new java.util.ArrayList<dev.calendar.schedule.Interval>();
    for (var b :
        dev.calendar.external.IcsImport.parse(file, java.time.ZoneId.of("Europe/Berlin")).busy()) {
      b.schedule().occurrences(from, to).forEach(o -> busy.add(o.interval()));
    }
    return dev.calendar.schedule.Interval.merge(busy).size();
  }
}
