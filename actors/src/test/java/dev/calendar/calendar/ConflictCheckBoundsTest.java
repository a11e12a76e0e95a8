package dev.calendar.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.calendar.schedule.CheckBudget;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What one conflict check may cost: bounded by the work the request's window needs, never by a
 * rule's COUNT or by how far apart two events are, and refused past its budget.
 */
class ConflictCheckBoundsTest {
  private static final ZoneId UTC = ZoneId.of("UTC");
  private static final UUID USER = UUID.randomUUID();

  private static Booking booking(Schedule schedule) {
    return new Booking(UUID.randomUUID(), USER, "t", schedule);
  }

  /** Not validated: the shapes that data stored before the limits, or a bug, could hold. */
  private static Schedule series(String start, Duration length, String rule) {
    Instant s = Instant.parse(start);
    return new Schedule(s, s.plus(length), UTC, rule, List.of(), List.of());
  }

  private static CalendarBook bookWith(Booking... bookings) {
    var book = new CalendarBook();
    for (Booking b : bookings) {
      book.reconcile(b.eventId(), b);
    }
    return book;
  }

  @Test
  void aHugeCountCostsNoMoreThanAYearOfOccurrences() {
    var weekly = booking(series("2029-01-01T09:00:00Z", Duration.ofHours(1), "FREQ=WEEKLY"));
    var far =
        booking(
            Schedule.single(
                Instant.parse("2199-12-30T09:00:00Z"), Instant.parse("2199-12-30T10:00:00Z"), UTC));
    var book = bookWith(weekly, far);
    var candidate =
        booking(
            series("2030-01-01T09:30:00Z", Duration.ofMinutes(30), "FREQ=DAILY;COUNT=99999999"));

    // 20,000 steps is far less than 99,999,999 occurrences: the check never walks the COUNT
    var conflicts = book.conflicts(candidate, USER, new CheckBudget(20_000));

    assertThat(conflicts).isNotEmpty().allMatch(c -> c.eventId().equals(weekly.eventId()));
  }

  @Test
  void anOldSeriesCostsNothingForAnEventCenturiesLater() {
    var since1901 = booking(series("1901-01-01T09:00:00Z", Duration.ofHours(1), "FREQ=DAILY"));
    var book = bookWith(since1901);
    var candidate =
        booking(
            Schedule.single(
                Instant.parse("2199-06-01T09:30:00Z"), Instant.parse("2199-06-01T10:00:00Z"), UTC));

    var conflicts = book.conflicts(candidate, USER, new CheckBudget(100));

    assertThat(conflicts)
        .singleElement()
        .satisfies(c -> assertThat(c.start()).isEqualTo(Instant.parse("2199-06-01T09:00:00Z")));
  }

  @Test
  void aCheckNeedingMoreThanItsBudgetIsRefusedNotRun() {
    // 300 daily series a minute apart, then a daily candidate for 10,000 days between them all
    var bookings = new Booking[300];
    for (int i = 0; i < bookings.length; i++) {
      bookings[i] =
          booking(
              series(
                  Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofMinutes(2L * i)).toString(),
                  Duration.ofMinutes(1),
                  "FREQ=DAILY"));
    }
    var book = bookWith(bookings);
    var candidate =
        booking(series("2030-01-01T12:00:00Z", Duration.ofMinutes(30), "FREQ=DAILY;COUNT=10000"));

    assertThatThrownBy(() -> book.conflicts(candidate, USER, CheckBudget.standard()))
        .isInstanceOf(CheckBudget.Exhausted.class);
    // the same calendar still answers a one-off booking within a small budget
    var single =
        booking(
            Schedule.single(
                Instant.parse("2031-05-05T12:00:00Z"), Instant.parse("2031-05-05T12:30:00Z"), UTC));
    assertThat(book.conflicts(single, USER, new CheckBudget(5_000))).isEmpty();
  }
}
