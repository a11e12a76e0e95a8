package dev.calendar.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import dev.calendar.meeting.MeetingSettings;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The shipped configuration keeps the values that were constants before. */
class CalendarSettingsTest {
  @Test
  void theShippedCalendarSettingsAreTheDefaults() {
    var settings = CalendarSettings.of(ConfigFactory.load());
    assertThat(settings).isEqualTo(CalendarSettings.DEFAULTS);
    assertThat(settings.holdTtl()).isEqualTo(Duration.ofSeconds(15));
    assertThat(settings.retrySettle()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.askTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.snapshotEvery()).isEqualTo(100);
    assertThat(settings.keepSnapshots()).isEqualTo(2);
    Instant now = Instant.parse("2031-03-01T08:00:00Z");
    assertThat(settings.holdExpiry(now)).isEqualTo(now.plusSeconds(15));
  }

  @Test
  void theShippedMeetingSettingsAreTheDefaults() {
    var settings = MeetingSettings.of(ConfigFactory.load());
    assertThat(settings).isEqualTo(MeetingSettings.DEFAULTS);
    assertThat(settings).isEqualTo(new MeetingSettings(4, 50, 2));
  }
}
