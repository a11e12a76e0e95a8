package dev.calendar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageOutcomeTest {
  @Test
  void answersMapToTheirOutcomes() {
    assertThat(PageOutcome.ofList(200)).isEqualTo(new PageOutcome.Listed());
    assertThat(PageOutcome.ofList(429)).isEqualTo(new PageOutcome.Limited());
    assertThat(PageOutcome.ofList(404)).isEqualTo(new PageOutcome.Unexpected(404));
    assertThat(PageOutcome.ofBooking(201)).isEqualTo(new PageOutcome.Booked());
    assertThat(PageOutcome.ofBooking(409)).isEqualTo(new PageOutcome.Taken());
    assertThat(PageOutcome.ofBooking(429)).isEqualTo(new PageOutcome.Limited());
    assertThat(PageOutcome.ofBooking(200)).isEqualTo(new PageOutcome.Unexpected(200));
  }

  @Test
  void onlyA200ListAndA201BookingAreSuccesses() {
    assertThat(new PageOutcome.Listed().ok()).isTrue();
    assertThat(new PageOutcome.Booked().ok()).isTrue();
    assertThat(new PageOutcome.Taken().ok()).isFalse();
    assertThat(new PageOutcome.Limited().ok()).isFalse();
    assertThat(new PageOutcome.NoSlotLeft().ok()).isFalse();
    assertThat(new PageOutcome.Unexpected(500).label()).isEqualTo("500");
  }
}
