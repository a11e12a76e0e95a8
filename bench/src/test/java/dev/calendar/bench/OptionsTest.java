package dev.calendar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void bookingPagesHasItsOwnDefaultsAndTheOthersKeepTheCommonOnes() {
    var pages = Options.parse(new String[0], Options.Defaults.of("booking-pages"));
    var booking = Options.parse(new String[0], Options.Defaults.of("booking"));

    assertThat(pages.duration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(pages.concurrency()).isEqualTo(16);
    assertThat(pages.users()).isEqualTo(30);
    assertThat(booking.duration()).isEqualTo(Duration.ofSeconds(20));
    assertThat(booking.concurrency()).isEqualTo(32);
    assertThat(booking.users()).isEqualTo(300);
  }

  @Test
  void givenOptionsWinOverAProgramsDefaults() {
    var pages =
        Options.parse(
            new String[] {"--duration", "30s", "--concurrency", "8", "--users", "12"},
            Options.Defaults.of("booking-pages"));

    assertThat(pages.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(pages.concurrency()).isEqualTo(8);
    assertThat(pages.users()).isEqualTo(12);
  }

  @Test
  void twoWayTakesTwentyUsersAndTheLocalGoogleUnlessTold() {
    var twoWay = Options.parse(new String[0], Options.Defaults.of("two-way"));
    var told =
        Options.parse(
            new String[] {"--google", "http://127.0.0.1:13081/", "--changes", "5", "--burst", "50"},
            Options.Defaults.of("two-way"));

    assertThat(twoWay.users()).isEqualTo(20);
    assertThat(twoWay.google()).hasToString("http://127.0.0.1:3081");
    assertThat(twoWay.changes()).isEqualTo(200);
    assertThat(twoWay.burst()).isEqualTo(2000);
    assertThat(told.google()).hasToString("http://127.0.0.1:13081");
    assertThat(told.changes()).isEqualTo(5);
    assertThat(told.burst()).isEqualTo(50);
  }
}
