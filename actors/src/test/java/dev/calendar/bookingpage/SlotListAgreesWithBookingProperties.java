package dev.calendar.bookingpage;

import static dev.calendar.bookingpage.EventTypes.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarBook;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.Schedule;
import dev.calendar.schedule.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The slot list and the booking decide by the same rules: over random working hours in zones with
 * DST changes, random types and existing bookings (some with buffers of their own), every listed
 * slot books on the calendar as its entity would check it, every unlisted grid start is refused for
 * the reason the list gives, and after booking what was listed no two occupancies overlap.
 */
class SlotListAgreesWithBookingProperties {
  private static final List<String> ZONES =
      List.of("UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe");
  // Around the 2027 DST changes of those zones.
  private static final List<String> DATES =
      List.of("2027-03-13", "2027-03-27", "2027-04-03", "2027-10-02", "2027-10-30", "2027-11-06");

  record Case(
      String zone,
      int fromHour,
      int hours,
      int durationMinutes,
      int stepMinutes,
      int beforeMinutes,
      int afterMinutes,
      int noticeHours,
      Integer maxPerDay,
      String date,
      int nowHoursBefore,
      long seed) {}

  @Provide
  Arbitrary<Case> cases() {
    var shape =
        Combinators.combine(
            Arbitraries.of(ZONES),
            Arbitraries.integers().between(0, 12),
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(3, 24).map(i -> i * 5),
            Arbitraries.of(5, 10, 15, 20, 30, 45, 60),
            Arbitraries.of(0, 0, 5, 10, 15, 30),
            Arbitraries.of(0, 0, 5, 10, 15, 30));
    var rest =
        Combinators.combine(
            Arbitraries.integers().between(0, 30),
            Arbitraries.of(0, 0, 0, 1, 2, 3, 4), // 0: no limit
            Arbitraries.of(DATES),
            Arbitraries.integers().between(0, 40),
            Arbitraries.longs());
    return Combinators.combine(shape.as(List::of), rest.as(List::of))
        .as(
            (a, b) ->
                new Case(
                    (String) a.get(0),
                    (Integer) a.get(1),
                    (Integer) a.get(2),
                    (Integer) a.get(3),
                    (Integer) a.get(4),
                    (Integer) a.get(5),
                    (Integer) a.get(6),
                    (Integer) b.get(0),
                    (Integer) b.get(1) == 0 ? null : (Integer) b.get(1),
                    (String) b.get(2),
                    (Integer) b.get(3),
                    (Long) b.get(4)));
  }

  @Property(tries = 300)
  void listedSlotsBookAndUnlistedStartsAreRefusedForTheListedReason(@ForAll("cases") Case c) {
    ZoneId zone = ZoneId.of(c.zone());
    int toHour = Math.min(24, c.fromHour() + c.hours());
    WorkingHours hours =
        EventTypes.everyDay(
            c.zone(),
            String.format("%02d:00", c.fromHour()),
            toHour == 24 ? "00:00" : String.format("%02d:00", toHour));
    EventType type =
        EventTypes.withLimits(
            EventTypes.withNotice(
                EventTypes.withBuffers(
                    EventTypes.type(
                        Duration.ofMinutes(c.durationMinutes()),
                        Duration.ofMinutes(c.stepMinutes())),
                    Duration.ofMinutes(c.beforeMinutes()),
                    Duration.ofMinutes(c.afterMinutes())),
                Duration.ofHours(c.noticeHours()),
                Duration.ofDays(30)),
            c.maxPerDay(),
            null,
            1);
    Instant windowStart = LocalDate.parse(c.date()).atStartOfDay(zone).toInstant();
    Interval window = new Interval(windowStart, windowStart.plus(Duration.ofDays(3)));
    Instant now = windowStart.minus(Duration.ofHours(c.nowHoursBefore()));

    Random random = new Random(c.seed());
    CalendarBook book = new CalendarBook();
    book.setWorkingHours(hours);
    book.saveEventType(type, null);
    for (int i = random.nextInt(12); i > 0; i--) {
      Instant start = window.start().plus(Duration.ofMinutes(5L * random.nextInt(3 * 24 * 12)));
      Instant end = start.plus(Duration.ofMinutes(15L + 5L * random.nextInt(30)));
      Booking.PageBooking page =
          random.nextBoolean()
              ? null
              : new Booking.PageBooking(
                  UUID.randomUUID(),
                  Duration.ofMinutes(5L * random.nextInt(4)),
                  Duration.ofMinutes(5L * random.nextInt(4)),
                  1,
                  Duration.ZERO);
      UUID id = UUID.randomUUID();
      book.reconcile(
          id, new Booking(id, OWNER, "existing", Schedule.single(start, end, zone), page));
    }

    HostView view = book.hostView(OWNER, type, window, null);
    List<BookingRules.Slot> slots = BookingRules.slots(type, List.of(view), window, now);
    List<Instant> listed = slots.stream().map(BookingRules.Slot::start).toList();

    for (Instant start : BookingRules.grid(type, hours, window)) {
      Booking candidate = candidate(type, start, zone);
      Optional<Refusal> onCalendar = book.pageRefusal(OWNER, candidate, now);
      Refusal fromList = BookingRules.decide(type, List.of(view), start, now).refusal();
      assertThat(onCalendar).as("at %s", start).isEqualTo(Optional.ofNullable(fromList));
      assertThat(listed.contains(start)).as("listed %s", start).isEqualTo(fromList == null);
      // The rules' view of busy time and the calendar's conflict check agree.
      boolean conflicts = !book.conflicts(candidate, OWNER).isEmpty();
      if (fromList == null) {
        assertThat(conflicts).as("conflicts of listed %s", start).isFalse();
      } else if (fromList == Refusal.BUSY) {
        assertThat(conflicts).as("conflicts of busy %s", start).isTrue();
      }
    }

    // Book the listed slots in random order, each checked as the calendar entity checks it.
    List<Booking> booked = new ArrayList<>();
    List<Instant> order = new ArrayList<>(listed);
    Collections.shuffle(order, random);
    for (Instant start : order) {
      Booking candidate = candidate(type, start, zone);
      if (book.pageRefusal(OWNER, candidate, now).isEmpty()
          && book.conflicts(candidate, OWNER).isEmpty()) {
        book.reconcile(candidate.eventId(), candidate);
        booked.add(candidate);
      }
    }
    assertThat(booked.isEmpty()).isEqualTo(listed.isEmpty());
    for (Booking mine : booked) {
      Interval occupancy =
          mine.occupancy(
              mine.schedule()
                  .occurrences(
                      window.start().minus(Duration.ofDays(1)),
                      window.end().plus(Duration.ofDays(1)))
                  .get(0));
      for (Booking other : book.bookings().values()) {
        if (other.eventId().equals(mine.eventId())) {
          continue;
        }
        for (var o :
            other
                .schedule()
                .occurrences(
                    occupancy.start().minus(Duration.ofDays(1)),
                    occupancy.end().plus(Duration.ofDays(1)))) {
          assertThat(other.occupancy(o).overlaps(occupancy))
              .as("%s overlaps %s", mine, other)
              .isFalse();
        }
      }
    }
  }

  private static Booking candidate(EventType type, Instant start, ZoneId zone) {
    UUID id = UUID.randomUUID();
    return new Booking(
        id,
        OWNER,
        type.title(),
        Schedule.single(start, start.plus(type.duration()), zone),
        new Booking.PageBooking(
            type.id(), type.bufferBefore(), type.bufferAfter(), 1, type.minimumCancelNotice()));
  }
}
