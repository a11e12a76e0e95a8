package dev.calendar.bookingpage;

import static dev.calendar.bookingpage.EventTypes.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarBook;
import dev.calendar.calendar.Hold;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A slot with seats on the owner's calendar: guests join its one event until it is full. */
class SeatsOnACalendarTest {
  private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
  private static final Instant TEN = Instant.parse("2027-02-01T10:00:00Z");
  private final EventType type = EventTypes.withLimits(EventTypes.minutes(60), null, null, 3);
  private final UUID meeting = UUID.randomUUID();

  private Booking seated(int seats) {
    return new Booking(
        meeting,
        OWNER,
        "Class",
        Schedule.single(TEN, TEN.plus(Duration.ofHours(1)), ZoneOffset.UTC),
        new Booking.PageBooking(type.id(), Duration.ZERO, Duration.ZERO, seats, Duration.ZERO));
  }

  private CalendarBook book() {
    var book = new CalendarBook();
    book.setWorkingHours(EventTypes.everyDay("UTC", "09:00", "17:00"));
    book.saveEventType(type, null);
    return book;
  }

  @Test
  void theNextGuestJoinsTheSlotsEventWhileItIsHeldOrConfirmed() {
    var book = book();
    book.placeHold(new Hold(UUID.randomUUID(), seated(1), NOW.plusSeconds(60)), null);
    var window = new Interval(TEN, TEN.plusSeconds(60));

    var held =
        BookingRules.decide(type, List.of(book.hostView(OWNER, type, window, null)), TEN, NOW);
    assertThat(held.refusal()).isNull();
    assertThat(held.joins()).isEqualTo(meeting);

    book.reconcile(meeting, seated(2));
    var confirmed =
        BookingRules.decide(type, List.of(book.hostView(OWNER, type, window, null)), TEN, NOW);
    assertThat(confirmed.joins()).isEqualTo(meeting);
    assertThat(confirmed.seatsLeft()).isEqualTo(1);
    // the meeting's next version (a third guest) passes the calendar's own check
    assertThat(book.pageRefusal(OWNER, seated(3), NOW)).isEmpty();
    assertThat(book.conflicts(seated(3), OWNER)).isEmpty();

    book.reconcile(meeting, seated(3));
    assertThat(
            BookingRules.decide(type, List.of(book.hostView(OWNER, type, window, null)), TEN, NOW)
                .refusal())
        .isEqualTo(Refusal.FULL);
  }
}
