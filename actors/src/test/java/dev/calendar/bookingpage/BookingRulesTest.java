package dev.calendar.bookingpage;

import static dev.calendar.bookingpage.EventTypes.CO_HOST;
import static dev.calendar.bookingpage.EventTypes.OWNER;
import static dev.calendar.bookingpage.EventTypes.everyDay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.schedule.Interval;
import dev.calendar.schedule.WorkingHours;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BookingRulesTest {
  private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");

  private static HostView host(UUID id, WorkingHours hours, HostView.Occupied... occupied) {
    return new HostView(id, hours, List.of(occupied), List.of());
  }

  private static Interval day(String date, String zone) {
    ZonedDateTime start = LocalDate.parse(date).atStartOfDay(ZoneId.of(zone));
    return new Interval(start.toInstant(), start.plusDays(1).toInstant());
  }

  private static List<String> localStarts(List<BookingRules.Slot> slots, String zone) {
    return slots.stream()
        .map(s -> LocalTime.ofInstant(s.start(), ZoneId.of(zone)).toString())
        .toList();
  }

  @Test
  void theGridStartsAtEachRangeAndStepsBySlotIntervalWhileTheSlotFits() {
    var type = EventTypes.type(Duration.ofMinutes(30), Duration.ofMinutes(20));
    var owner = host(OWNER, everyDay("UTC", "09:00", "10:30"));

    var slots = BookingRules.slots(type, List.of(owner), day("2027-02-01", "UTC"), NOW);

    // 09:00, 09:20, 09:40 and 10:00 end by 10:30; 10:20 would end at 10:50
    assertThat(localStarts(slots, "UTC")).containsExactly("09:00", "09:20", "09:40", "10:00");
  }

  @Test
  void berlinKeepsItsLocalHoursOnBothChangeDaysOf2027() {
    var type = EventTypes.minutes(60);
    var owner = host(OWNER, everyDay("Europe/Berlin", "09:00", "11:00"));

    for (String date : List.of("2027-03-27", "2027-03-28", "2027-10-30", "2027-10-31")) {
      var slots = BookingRules.slots(type, List.of(owner), day(date, "Europe/Berlin"), NOW);
      assertThat(localStarts(slots, "Europe/Berlin")).as(date).containsExactly("09:00", "10:00");
    }
    var before = BookingRules.slots(type, List.of(owner), day("2027-03-27", "Europe/Berlin"), NOW);
    var after = BookingRules.slots(type, List.of(owner), day("2027-03-28", "Europe/Berlin"), NOW);
    assertThat(before.get(0).start()).isEqualTo(Instant.parse("2027-03-27T08:00:00Z"));
    assertThat(after.get(0).start()).isEqualTo(Instant.parse("2027-03-28T07:00:00Z"));
    var autumn = BookingRules.slots(type, List.of(owner), day("2027-10-31", "Europe/Berlin"), NOW);
    assertThat(autumn.get(0).start()).isEqualTo(Instant.parse("2027-10-31T08:00:00Z"));
  }

  @Test
  void newYorkKeepsItsLocalHoursOnBothChangeDaysOf2027() {
    var type = EventTypes.minutes(30);
    var owner = host(OWNER, everyDay("America/New_York", "09:00", "10:00"));

    var spring =
        BookingRules.slots(type, List.of(owner), day("2027-03-14", "America/New_York"), NOW);
    var autumn =
        BookingRules.slots(type, List.of(owner), day("2027-11-07", "America/New_York"), NOW);

    assertThat(spring)
        .extracting(BookingRules.Slot::start)
        .containsExactly(
            Instant.parse("2027-03-14T13:00:00Z"), Instant.parse("2027-03-14T13:30:00Z"));
    assertThat(autumn)
        .extracting(BookingRules.Slot::start)
        .containsExactly(
            Instant.parse("2027-11-07T14:00:00Z"), Instant.parse("2027-11-07T14:30:00Z"));
  }

  @Test
  void aStartInTheSpringGapDoesNotExistAndTheAutumnRepeatIsListedOnce() {
    var type = EventTypes.minutes(30);
    var owner = host(OWNER, everyDay("Europe/Berlin", "01:00", "04:00"));

    var spring = BookingRules.slots(type, List.of(owner), day("2027-03-28", "Europe/Berlin"), NOW);
    var autumn = BookingRules.slots(type, List.of(owner), day("2027-10-31", "Europe/Berlin"), NOW);

    assertThat(localStarts(spring, "Europe/Berlin"))
        .containsExactly("01:00", "01:30", "03:00", "03:30");
    assertThat(localStarts(autumn, "Europe/Berlin"))
        .containsExactly("01:00", "01:30", "02:00", "02:30", "03:00", "03:30");
    // 02:00 is taken at the earlier offset (CEST), and the later 02:00 (CET) is not a slot
    assertThat(autumn.get(2).start()).isEqualTo(Instant.parse("2027-10-31T00:00:00Z"));
    Instant laterTwo = Instant.parse("2027-10-31T01:00:00Z");
    assertThat(BookingRules.forOwner(type, owner, laterTwo, NOW).refusal())
        .isEqualTo(Refusal.NOT_A_SLOT);
  }

  @Test
  void theGapBetweenTwoBufferedBookingsIsExactlyOneBufferAfterPlusTheOtherBefore() {
    // An existing booking at 10:00 of another type with 10 minutes before it occupies 09:50-10:30;
    // this type has 15 minutes after, on a 5-minute grid.
    var type =
        EventTypes.withBuffers(
            EventTypes.type(Duration.ofMinutes(30), Duration.ofMinutes(5)),
            Duration.ZERO,
            Duration.ofMinutes(15));
    var existing =
        new HostView.Occupied(
            UUID.randomUUID(),
            new Interval(
                Instant.parse("2027-02-01T09:50:00Z"), Instant.parse("2027-02-01T10:30:00Z")));
    var owner = host(OWNER, everyDay("UTC", "09:00", "12:00"), existing);

    var slots = BookingRules.slots(type, List.of(owner), day("2027-02-01", "UTC"), NOW);

    var beforeIt = slots.stream().filter(s -> s.start().isBefore(existing.interval().end()));
    var lastBefore = beforeIt.reduce((a, b) -> b).orElseThrow();
    assertThat(lastBefore.end()).isEqualTo(Instant.parse("2027-02-01T09:35:00Z"));
    assertThat(Duration.between(lastBefore.end(), Instant.parse("2027-02-01T10:00:00Z")))
        .isEqualTo(Duration.ofMinutes(25));
    assertThat(
            BookingRules.forOwner(type, owner, Instant.parse("2027-02-01T09:10:00Z"), NOW)
                .refusal())
        .isEqualTo(Refusal.BUSY);
  }

  @Test
  void noticeAndHorizonBoundTheSlots() {
    var type =
        EventTypes.withNotice(EventTypes.minutes(60), Duration.ofHours(4), Duration.ofDays(2));
    var owner = host(OWNER, everyDay("UTC", "00:00", "00:00"));
    Instant now = Instant.parse("2027-02-01T10:30:00Z");

    assertThat(
            BookingRules.forOwner(type, owner, Instant.parse("2027-02-01T14:00:00Z"), now)
                .refusal())
        .isEqualTo(Refusal.TOO_SOON);
    assertThat(
            BookingRules.forOwner(type, owner, Instant.parse("2027-02-01T15:00:00Z"), now)
                .bookable())
        .isTrue();
    assertThat(
            BookingRules.forOwner(type, owner, Instant.parse("2027-02-03T11:00:00Z"), now)
                .refusal())
        .isEqualTo(Refusal.BEYOND_HORIZON);
  }

  @Test
  void limitsCountTheTypesBookingsByTheHostsLocalDayAndIsoWeek() {
    var type = EventTypes.withLimits(EventTypes.minutes(60), 2, 3, 1);
    WorkingHours hours = everyDay("Pacific/Auckland", "09:00", "17:00");
    // Monday 2027-02-01 in Auckland (UTC+13): 09:00 local is 20:00Z the day before
    Instant mon9 = Instant.parse("2027-01-31T20:00:00Z");
    var twoOnMonday =
        List.of(
            new HostView.TypeBooking(UUID.randomUUID(), mon9, 1),
            new HostView.TypeBooking(UUID.randomUUID(), mon9.plus(Duration.ofHours(1)), 1));
    var owner = new HostView(OWNER, hours, List.of(), twoOnMonday);

    assertThat(BookingRules.forOwner(type, owner, mon9.plus(Duration.ofHours(3)), NOW).refusal())
        .isEqualTo(Refusal.DAY_LIMIT);
    Instant tue9 = mon9.plus(Duration.ofDays(1));
    assertThat(BookingRules.forOwner(type, owner, tue9, NOW).bookable()).isTrue();

    var threeThisWeek =
        new HostView(
            OWNER,
            hours,
            List.of(),
            List.of(
                twoOnMonday.get(0),
                twoOnMonday.get(1),
                new HostView.TypeBooking(UUID.randomUUID(), tue9, 1)));
    assertThat(
            BookingRules.forOwner(type, threeThisWeek, tue9.plus(Duration.ofDays(1)), NOW)
                .refusal())
        .isEqualTo(Refusal.WEEK_LIMIT);
    // the next ISO week starts on Monday 2027-02-08, local
    assertThat(
            BookingRules.forOwner(type, threeThisWeek, mon9.plus(Duration.ofDays(7)), NOW)
                .bookable())
        .isTrue();
  }

  @Test
  void aSeatedSlotIsJoinedUntilFull() {
    var type = EventTypes.withLimits(EventTypes.minutes(60), null, null, 3);
    Instant start = Instant.parse("2027-02-01T09:00:00Z");
    UUID event = UUID.randomUUID();
    var occupied =
        new HostView.Occupied(event, new Interval(start, start.plus(Duration.ofHours(1))));
    WorkingHours hours = everyDay("UTC", "09:00", "17:00");

    var twoTaken =
        new HostView(
            OWNER, hours, List.of(occupied), List.of(new HostView.TypeBooking(event, start, 2)));
    var joining = BookingRules.forOwner(type, twoTaken, start, NOW);
    assertThat(joining.joins()).isEqualTo(event);
    assertThat(joining.seatsLeft()).isEqualTo(1);

    var full =
        new HostView(
            OWNER, hours, List.of(occupied), List.of(new HostView.TypeBooking(event, start, 3)));
    assertThat(BookingRules.forOwner(type, full, start, NOW).refusal()).isEqualTo(Refusal.FULL);
    var slots = BookingRules.slots(type, List.of(twoTaken), day("2027-02-01", "UTC"), NOW);
    assertThat(slots.get(0).seatsLeft()).isEqualTo(1);
  }

  @Test
  void aCollectiveTypeNeedsEveryHostWorkingAndFree() {
    var type = EventTypes.collective(EventTypes.minutes(60));
    var owner = host(OWNER, everyDay("UTC", "09:00", "17:00"));
    Instant busyAt = Instant.parse("2027-02-01T11:00:00Z");
    var coHost =
        host(
            CO_HOST,
            everyDay("Europe/Berlin", "09:00", "17:00"), // 08:00-16:00 UTC in winter
            new HostView.Occupied(
                UUID.randomUUID(), new Interval(busyAt, busyAt.plus(Duration.ofHours(1)))));

    var slots = BookingRules.slots(type, List.of(owner, coHost), day("2027-02-01", "UTC"), NOW);

    assertThat(localStarts(slots, "UTC"))
        .containsExactly("09:00", "10:00", "12:00", "13:00", "14:00", "15:00");
    assertThat(
            BookingRules.decide(
                    type, List.of(owner, coHost), Instant.parse("2027-02-01T16:00:00Z"), NOW)
                .refusal())
        .isEqualTo(Refusal.HOST_NOT_WORKING);
    assertThat(BookingRules.decide(type, List.of(owner, coHost), busyAt, NOW).refusal())
        .isEqualTo(Refusal.BUSY);
  }

  @Test
  void withoutWorkingHoursNothingIsBookable() {
    var owner = host(OWNER, null);

    assertThat(
            BookingRules.slots(
                EventTypes.minutes(30), List.of(owner), day("2027-02-01", "UTC"), NOW))
        .isEmpty();
  }
}
