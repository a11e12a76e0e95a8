package dev.calendar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BookingOutcomeTest {
  @Test
  void labelsAreTheReportsOwnAndCarryTheMethodOnlyInTheMixedPhase() {
    assertThat(new BookingOutcome.Booked(3, false).label()).isEqualTo("201/3");
    assertThat(new BookingOutcome.Booked(3, true).label()).isEqualTo("POST 201/3");
    assertThat(new BookingOutcome.Conflicted(false).label()).isEqualTo("409");
    assertThat(new BookingOutcome.Conflicted(true).label()).isEqualTo("POST 409");
    assertThat(new BookingOutcome.Unexpected(503, false).label()).isEqualTo("503");
    assertThat(new BookingOutcome.Read(200, true).label()).isEqualTo("GET 200");
    assertThat(new BookingOutcome.Read(404, false).label()).isEqualTo("404");
  }

  @Test
  void onlyA201AndA200ReadAreSuccesses() {
    assertThat(new BookingOutcome.Booked(2, false).ok()).isTrue();
    assertThat(new BookingOutcome.Read(200, false).ok()).isTrue();
    assertThat(new BookingOutcome.Read(401, false).ok()).isFalse();
    assertThat(new BookingOutcome.Conflicted(false).ok()).isFalse();
    assertThat(new BookingOutcome.Unexpected(500, false).ok()).isFalse();
  }
}
