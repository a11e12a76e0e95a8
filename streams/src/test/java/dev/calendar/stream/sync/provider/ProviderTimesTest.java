package dev.calendar.stream.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.stream.outbound.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProviderTimesTest {
  private static final Instant NINE_IN_BERLIN = Instant.parse("2026-12-10T08:00:00Z");

  @Test
  void rfc3339CarriesTheZonesOffsetAtThatInstant() {
    assertThat(ProviderTimes.rfc3339(NINE_IN_BERLIN, ZoneId.of("Europe/Berlin")))
        .isEqualTo("2026-12-10T09:00:00+01:00");
    assertThat(
            ProviderTimes.rfc3339(
                Instant.parse("2026-07-10T07:00:00Z"), ZoneId.of("Europe/Berlin")))
        .isEqualTo("2026-07-10T09:00:00+02:00");
    assertThat(ProviderTimes.rfc3339(NINE_IN_BERLIN, ZoneOffset.UTC))
        .isEqualTo("2026-12-10T08:00:00Z");
  }

  @Test
  void rfc3339IsReadWithAnyOffset() {
    assertThat(ProviderTimes.parseRfc3339("2026-12-10T09:00:00+01:00")).isEqualTo(NINE_IN_BERLIN);
    assertThat(ProviderTimes.parseRfc3339("2026-12-10T08:00:00.000Z")).isEqualTo(NINE_IN_BERLIN);
  }

  @Test
  void graphTimesAreTheWallClockInTheZoneWithoutOffset() {
    assertThat(ProviderTimes.graphLocal(NINE_IN_BERLIN, ZoneId.of("Europe/Berlin")))
        .isEqualTo("2026-12-10T09:00:00");
    assertThat(ProviderTimes.graphLocal(NINE_IN_BERLIN, ZoneOffset.UTC))
        .isEqualTo("2026-12-10T08:00:00");
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    Clock clock = Clock.fixed(Instant.parse("2026-12-10T08:00:00Z"), ZoneOffset.UTC);

    assertThat(RetryAfter.parse("120", clock)).isEqualTo(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("Thu, 10 Dec 2026 08:01:30 GMT", clock))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse("Thu, 10 Dec 2026 07:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", clock)).isNull();
    assertThat(RetryAfter.parse(null, clock)).isNull();
  }
}
