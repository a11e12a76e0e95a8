package dev.calendar.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A host's calendar as {@code bench booking-pages} fills it before measuring: working hours 09:00
 * to 17:00 Monday to Friday in the host's zone, one weekly one-hour meeting, and single meetings of
 * 30, 60 or 90 minutes on the half hour inside working hours over the next {@link #DAYS} days. No
 * two overlap, nor any single one an occurrence of the weekly one, so every {@code POST /events} of
 * the set-up is a 201 and the slot lists have real gaps to find. Pure: the dates come from {@code
 * today}, the choices from {@code random}.
 */
record HostWeek(ZoneId zone, Meeting weekly, List<Meeting> singles) {
  static final LocalTime DAY_START = LocalTime.of(9, 0);
  static final LocalTime DAY_END = LocalTime.of(17, 0);
  static final Set<DayOfWeek> WORKING_DAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

  /** How far ahead of today the single meetings lie: the slot lists' window. */
  static final int DAYS = 31;

  /** The weekly meeting's rule: its first occurrence gives the day and the time. */
  static final String WEEKLY_RULE = "FREQ=WEEKLY";

  // Half-hour cells of the working day: meetings start and end on them.
  private static final int CELL_MINUTES = 30;
  private static final int CELLS_PER_DAY = 16;
  private static final int WEEKLY_CELLS = 2;
  private static final int MAX_SINGLE_CELLS = 3;
  // A full calendar refuses most tries; this many per meeting wanted, then fewer are placed.
  private static final int TRIES_PER_MEETING = 50;

  /** One meeting; for the weekly one, its first occurrence. */
  record Meeting(Instant start, Instant end) {}

  /**
   * @param singles how many single meetings to place (fewer when the days are full)
   */
  static HostWeek generate(ZoneId zone, LocalDate today, int singles, Random random) {
    // The weekly meeting: a random working day of the coming week, a whole hour from 09:00 to
    // 16:00.
    var weekday = DayOfWeek.of(1 + random.nextInt(WORKING_DAYS.size()));
    LocalDate firstWeekly = today.with(TemporalAdjusters.next(weekday));
    int weeklyCell = WEEKLY_CELLS * random.nextInt(CELLS_PER_DAY / WEEKLY_CELLS);
    Meeting weekly = meeting(zone, firstWeekly, weeklyCell, WEEKLY_CELLS);

    // Day d is today + 1 + d: the slot lists start now, so today itself stays as it is.
    boolean[][] taken = new boolean[DAYS][CELLS_PER_DAY];
    List<Integer> workingDays = new ArrayList<>();
    for (int d = 0; d < DAYS; d++) {
      LocalDate date = today.plusDays(1 + d);
      if (WORKING_DAYS.contains(date.getDayOfWeek())) {
        workingDays.add(d);
      }
      if (date.getDayOfWeek() == weekday) {
        for (int c = weeklyCell; c < weeklyCell + WEEKLY_CELLS; c++) {
          taken[d][c] = true;
        }
      }
    }

    List<Meeting> placed = new ArrayList<>();
    for (int tries = singles * TRIES_PER_MEETING; placed.size() < singles && tries > 0; tries--) {
      int d = workingDays.get(random.nextInt(workingDays.size()));
      int cells = 1 + random.nextInt(MAX_SINGLE_CELLS);
      int first = random.nextInt(CELLS_PER_DAY - cells + 1);
      if (free(taken[d], first, cells)) {
        for (int c = first; c < first + cells; c++) {
          taken[d][c] = true;
        }
        placed.add(meeting(zone, today.plusDays(1 + d), first, cells));
      }
    }
    placed.sort(Comparator.comparing(Meeting::start));
    return new HostWeek(zone, weekly, List.copyOf(placed));
  }

  private static boolean free(boolean[] day, int first, int cells) {
    for (int c = first; c < first + cells; c++) {
      if (day[c]) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code cells} half hours from cell {@code first} of {@code date}, local time in {@code zone}.
   */
  private static Meeting meeting(ZoneId zone, LocalDate date, int first, int cells) {
    return new Meeting(
        at(zone, date, first * CELL_MINUTES), at(zone, date, (first + cells) * CELL_MINUTES));
  }

  private static Instant at(ZoneId zone, LocalDate date, int minutesIntoDay) {
    return ZonedDateTime.of(date, DAY_START.plusMinutes(minutesIntoDay), zone).toInstant();
  }
}
