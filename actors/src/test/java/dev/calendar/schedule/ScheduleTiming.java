package dev.calendar.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

/**
 * Not a test: rough timings of the hot paths, printed. Run with {@code java -cp <test classpath>
 * dev.calendar.schedule.ScheduleTiming}.
 */
public final class ScheduleTiming {
  private ScheduleTiming() {}

  public static void main(String[] args) {
    ZoneId zone = ZoneId.of("Europe/Berlin");
    Instant dailyStart = LocalDateTime.parse("2024-03-04T09:00").atZone(zone).toInstant();
    Instant weeklyStart = LocalDateTime.parse("2024-01-03T09:30").atZone(zone).toInstant();
    Schedule daily = series(dailyStart, zone, "FREQ=DAILY");
    Schedule weekly = series(weeklyStart, zone, "FREQ=WEEKLY;BYDAY=MO,WE");
    Schedule dailyCount = series(dailyStart, zone, "FREQ=DAILY;COUNT=5000");
    Instant monthFrom = dailyStart.plus(Duration.ofDays(100));
    Instant monthTo = monthFrom.plus(Duration.ofDays(31));

    time(
        "Overlaps.between(daily unbounded, weekly unbounded, 1000)",
        () -> Overlaps.between(daily, weekly, 1000).size());
    time(
        "Overlaps.between(daily unbounded, weekly unbounded, 1)",
        () -> Overlaps.between(daily, weekly, 1).size());
    time(
        "occurrences(one month of a daily series, 100 days in)",
        () -> daily.occurrences(monthFrom, monthTo).size());
    time(
        "Schedule.validate(FREQ=DAILY)",
        () -> Schedule.validate("FREQ=DAILY", dailyStart, Duration.ofMinutes(30), zone).length());
    time(
        "Schedule.validate(FREQ=HOURLY) (8785 in horizon)",
        () -> Schedule.validate("FREQ=HOURLY", dailyStart, Duration.ofMinutes(30), zone).length());
    time("lastEnd(FREQ=DAILY;COUNT=5000)", () -> dailyCount.lastEnd().isPresent() ? 1 : 0);
    time("checkedSpan(daily unbounded)", () -> daily.checkedSpan().hashCode());
    time(
        "hasInstanceAt(300 days into a daily series)",
        () -> daily.hasInstanceAt(dailyStart.plus(Duration.ofDays(300))) ? 1 : 0);
  }

  private static Schedule series(Instant start, ZoneId zone, String rule) {
    return new Schedule(
        start,
        start.plus(Duration.ofHours(1)),
        zone,
        Schedule.validate(rule, start, Duration.ofHours(1), zone),
        List.of(),
        List.of());
  }

  private static void time(String what, Supplier<Integer> action) {
    long sink = 0;
    for (int i = 0; i < 2_000; i++) { // warm-up
      sink += action.get();
    }
    int runs = 2_000;
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      sink += action.get();
      nanos[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(nanos);
    System.out.printf(
        "%-62s median %8.1f µs   p99 %8.1f µs   (result %d)%n",
        what, nanos[runs / 2] / 1e3, nanos[runs * 99 / 100] / 1e3, action.get());
    if (sink == 42) {
      System.out.println();
    }
  }
}
