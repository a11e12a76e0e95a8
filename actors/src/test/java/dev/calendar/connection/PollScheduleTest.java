package dev.calendar.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  private final PollSchedule schedule =
      new PollSchedule(
          Duration.ofMinutes(15),
          Duration.ofMinutes(5),
          Duration.ofHours(24),
          0.1,
          Duration.ofMinutes(1),
          Duration.ofHours(6));

  @Test
  void aSuccessWaitsTheIntervalSpreadByTheJitter() {
    assertThat(schedule.afterSuccess(null, () -> 0.5)).isEqualTo(Duration.ofMinutes(15));
    assertThat(schedule.afterSuccess(null, () -> 0.0)).isEqualTo(Duration.ofSeconds(810));
    assertThat(schedule.afterSuccess(null, () -> 1.0)).isEqualTo(Duration.ofSeconds(990));
  }

  @Test
  void aFeedsRefreshIntervalCountsWithinTheBounds() {
    assertThat(schedule.afterSuccess(Duration.ofHours(1), () -> 0.5))
        .isEqualTo(Duration.ofHours(1));
    assertThat(schedule.afterSuccess(Duration.ofSeconds(10), () -> 0.5))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(schedule.afterSuccess(Duration.ofDays(7), () -> 0.5))
        .isEqualTo(Duration.ofHours(24));
  }

  @Test
  void failuresBackOffExponentiallyUpToTheMaximum() {
    // Half of each wait is random: with 1.0 the whole exponential step, with 0.0 half of it.
    assertThat(schedule.afterFailure(1, false, null, () -> 1.0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(schedule.afterFailure(2, false, null, () -> 1.0)).isEqualTo(Duration.ofMinutes(2));
    assertThat(schedule.afterFailure(3, false, null, () -> 0.0)).isEqualTo(Duration.ofMinutes(2));
    assertThat(schedule.afterFailure(9, false, null, () -> 1.0))
        .isEqualTo(Duration.ofHours(4).plusMinutes(16));
    assertThat(schedule.afterFailure(10, false, null, () -> 1.0)).isEqualTo(Duration.ofHours(6));
    assertThat(schedule.afterFailure(1000, false, null, () -> 1.0)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void aServersRetryAfterIsHonouredUpToTheMaximum() {
    assertThat(schedule.afterFailure(1, false, Duration.ofMinutes(30), () -> 0.0))
        .isEqualTo(Duration.ofMinutes(30));
    assertThat(schedule.afterFailure(1, false, Duration.ofDays(2), () -> 0.0))
        .isEqualTo(Duration.ofHours(6));
  }

  @Test
  void aFailureRetryingCannotMendWaitsTheLongest() {
    assertThat(schedule.afterFailure(1, true, null, () -> 0.0)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    assertThatThrownBy(
            () ->
                new PollSchedule(
                    Duration.ZERO,
                    Duration.ofMinutes(5),
                    Duration.ofHours(1),
                    0.1,
                    Duration.ofMinutes(1),
                    Duration.ofHours(1)))
        .hasMessageContaining("poll-interval");
    assertThatThrownBy(
            () ->
                new PollSchedule(
                    Duration.ofMinutes(15),
                    Duration.ofMinutes(5),
                    Duration.ofHours(1),
                    1.5,
                    Duration.ofMinutes(1),
                    Duration.ofHours(1)))
        .hasMessageContaining("jitter");
  }
}
