package dev.calendar.stream.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

  @Test
  void doublesFromMinUpToMax() {
    assertThat(backoff.base(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.base(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.base(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.base(5)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.base(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.base(1000)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void jitterStaysWithinBaseAndBaseTimesOnePlusRandomFactor() {
    Random random = new Random(42);
    for (int attempt = 1; attempt <= 10; attempt++) {
      Duration base = backoff.base(attempt);
      Duration upper = Duration.ofNanos((long) (base.toNanos() * 1.2));
      for (int i = 0; i < 1000; i++) {
        Duration d = backoff.delay(attempt, random.nextDouble());
        assertThat(d).isBetween(base, upper);
      }
    }
    assertThat(backoff.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delay(1, 0.5)).isEqualTo(Duration.ofMillis(1100));
    assertThat(backoff.delay(6, 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(36));
  }

  @Test
  void jitterActuallySpreadsTheDelays() {
    Random random = new Random(7);
    long distinct = random.doubles(100).mapToObj(r -> backoff.delay(3, r)).distinct().count();
    assertThat(distinct).isGreaterThan(90);
  }

  @Test
  void rejectsMaxBelowMin() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
