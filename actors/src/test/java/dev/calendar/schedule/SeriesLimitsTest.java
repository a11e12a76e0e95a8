package dev.calendar.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** What a series may be: finite work to check, inside the years kept, never overlapping itself. */
class SeriesLimitsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant START = Instant.parse("2030-01-07T08:00:00Z");
  private static final Duration NINETY_MINUTES = Duration.ofMinutes(90);

  @Test
  void aHugeCountIsRefusedWithoutWalkingIt() {
    assertThatThrownBy(
            () -> Schedule.validate("FREQ=DAILY;COUNT=99999999", START, NINETY_MINUTES, BERLIN))
        .isInstanceOf(InvalidRecurrence.class)
        .hasMessageContaining("COUNT may be at most 10000");
    assertThat(Schedule.validate("FREQ=DAILY;COUNT=10000", START, NINETY_MINUTES, BERLIN))
        .isEqualTo("FREQ=DAILY;COUNT=10000");
  }

  @Test
  void aSeriesMayNotRunPastTheLastYearKept() {
    assertThatThrownBy(
            () ->
                Schedule.validate(
                    "FREQ=YEARLY;UNTIL=22500101T000000Z", START, NINETY_MINUTES, BERLIN))
        .isInstanceOf(InvalidRecurrence.class)
        .hasMessageContaining("2200");
    assertThat(
            Schedule.validate("FREQ=YEARLY;UNTIL=21991231T000000Z", START, NINETY_MINUTES, BERLIN))
        .startsWith("FREQ=YEARLY");
  }

  @Test
  void aBoundedSeriesIsLimitedInAllNotOnlyInItsFirstYear() {
    // daily until 2150: 43,800 occurrences, only 366 of them in the first year
    assertThatThrownBy(
            () ->
                Schedule.validate(
                    "FREQ=DAILY;UNTIL=21500101T000000Z", START, NINETY_MINUTES, BERLIN))
        .isInstanceOf(InvalidRecurrence.class)
        .hasMessageContaining("more than 10000");
  }

  @Test
  void aSeriesWhoseOccurrencesOverlapEachOtherIsRefused() {
    assertThatThrownBy(
            () -> Schedule.validate("FREQ=MINUTELY;COUNT=5", START, NINETY_MINUTES, BERLIN))
        .isInstanceOf(InvalidRecurrence.class)
        .hasMessageContaining("overlap each other");
    assertThatThrownBy(
            () -> Schedule.validate("FREQ=DAILY;BYHOUR=9,10", START, NINETY_MINUTES, BERLIN))
        .isInstanceOf(InvalidRecurrence.class)
        .hasMessageContaining("overlap each other");
    // back to back is not an overlap
    assertThat(Schedule.validate("FREQ=HOURLY;COUNT=5", START, Duration.ofHours(1), BERLIN))
        .isEqualTo("FREQ=HOURLY;COUNT=5");
    assertThat(Schedule.validate("FREQ=DAILY", START, NINETY_MINUTES, BERLIN))
        .isEqualTo("FREQ=DAILY");
  }
}
