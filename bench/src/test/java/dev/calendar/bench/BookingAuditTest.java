package dev.calendar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.bench.BookingAudit.Occurrence;
import dev.calendar.bench.BookingLoad.BookedMeeting;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BookingAuditTest {
  private static final Instant NINE = Instant.parse("2031-01-06T09:00:00Z");
  private final UUID alice = UUID.randomUUID();
  private final UUID bob = UUID.randomUUID();
  private final UUID meeting = UUID.randomUUID();
  private final UUID other = UUID.randomUUID();

  private static Occurrence at(UUID event, Instant start) {
    return new Occurrence(event, start, start.plus(Duration.ofMinutes(30)));
  }

  private BookingAudit.Result check(
      Map<UUID, List<Occurrence>> calendars, List<BookedMeeting> booked, long unknown) {
    return BookingAudit.check(2, 1.0, calendars, booked, unknown, new TreeMap<>());
  }

  @Test
  void everyBookingOnceOnEachOfItsCalendarsPasses() {
    var result =
        check(
            Map.of(alice, List.of(at(meeting, NINE)), bob, List.of(at(meeting, NINE))),
            List.of(new BookedMeeting(meeting, Set.of(alice, bob))),
            0);

    assertThat(result.passed()).isTrue();
    assertThat(result.occurrences()).isEqualTo(2);
    assertThat(result.expected()).isEqualTo(2);
    assertThat(result.text())
        .contains("no overlaps, and exactly one occurrence per calendar of every 201");
  }

  @Test
  void overlappingOccurrencesOnOneCalendarFailWhateverTheirOrder() {
    var result =
        check(
            Map.of(
                alice,
                List.of(at(other, NINE.plus(Duration.ofMinutes(15))), at(meeting, NINE)),
                bob,
                List.of(at(meeting, NINE))),
            List.of(
                new BookedMeeting(meeting, Set.of(alice, bob)),
                new BookedMeeting(other, Set.of(alice))),
            0);

    assertThat(result.passed()).isFalse();
    assertThat(result.overlaps()).isEqualTo(1);
    assertThat(result.text()).contains("DOUBLE BOOKINGS FOUND").contains(alice.toString());
  }

  @Test
  void backToBackOccurrencesDoNotOverlap() {
    var result =
        check(
            Map.of(
                alice,
                List.of(at(meeting, NINE), at(other, NINE.plus(Duration.ofMinutes(30)))),
                bob,
                List.of(at(meeting, NINE))),
            List.of(
                new BookedMeeting(meeting, Set.of(alice, bob)),
                new BookedMeeting(other, Set.of(alice))),
            0);

    assertThat(result.overlaps()).isZero();
    assertThat(result.passed()).isTrue();
  }

  @Test
  void a201MissingFromOneParticipantsCalendarIsALostBookingEvenWhenTotalsMatch() {
    // Alice has the meeting twice, Bob not at all: 2 occurrences for 2 expected.
    var result =
        check(
            Map.of(
                alice,
                List.of(at(meeting, NINE), at(meeting, NINE.plus(Duration.ofHours(1)))),
                bob,
                List.of()),
            List.of(new BookedMeeting(meeting, Set.of(alice, bob))),
            0);

    assertThat(result.occurrences()).isEqualTo(result.expected());
    assertThat(result.missing()).isEqualTo(1);
    assertThat(result.repeated()).isEqualTo(1);
    assertThat(result.passed()).isFalse();
    assertThat(result.text()).contains("1 LOST bookings");
  }

  @Test
  void occurrencesOfNo201PassOnlyWhenSomeOutcomeIsUnknown() {
    Map<UUID, List<Occurrence>> calendars = Map.of(alice, List.of(at(other, NINE)), bob, List.of());

    var unexplained = check(calendars, List.of(), 0);
    var explained = check(calendars, List.of(), 2);

    assertThat(unexplained.unannounced()).isEqualTo(1);
    assertThat(unexplained.passed()).isFalse();
    assertThat(unexplained.text()).contains("bookings nobody was told of");
    assertThat(explained.passed()).isTrue();
    assertThat(explained.text()).contains("2 requests of unknown outcome");
  }

  @Test
  void aCalendarThatCouldNotBeReadIsNotCountedAsMissing() {
    var result =
        BookingAudit.check(
            2,
            1.0,
            Map.of(alice, List.of(at(meeting, NINE))),
            List.of(new BookedMeeting(meeting, Set.of(alice, bob))),
            0,
            new TreeMap<>(Map.of("503", 1L)));

    assertThat(result.missing()).isZero();
    assertThat(result.passed()).isFalse();
    assertThat(result.text()).contains("failed reads 503:1");
  }
}
