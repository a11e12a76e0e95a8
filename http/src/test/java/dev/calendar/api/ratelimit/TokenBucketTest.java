package dev.calendar.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  private static final TokenBucket.Limit THREE_THEN_ONE_PER_10S =
      new TokenBucket.Limit(3, Duration.ofSeconds(10));

  @Test
  void allowsABurstOfCapacityThenRefuses() {
    var bucket = new TokenBucket(THREE_THEN_ONE_PER_10S, T0);
    assertThat(bucket.available(T0)).isEqualTo(3);
    assertThat(bucket.tryTake(T0)).isTrue();
    assertThat(bucket.tryTake(T0)).isTrue();
    assertThat(bucket.tryTake(T0)).isTrue();
    assertThat(bucket.available(T0)).isZero();
    assertThat(bucket.tryTake(T0)).isFalse();
    assertThat(bucket.waitForToken(T0)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void refillsOneTokenPerPeriodAndTellsHowLongToWait() {
    var bucket = new TokenBucket(THREE_THEN_ONE_PER_10S, T0);
    for (int i = 0; i < 3; i++) {
      bucket.tryTake(T0);
    }
    Instant t4 = T0.plusSeconds(4);
    assertThat(bucket.tryTake(t4)).isFalse();
    assertThat(bucket.waitForToken(t4)).isEqualTo(Duration.ofSeconds(6));
    Instant t10 = T0.plusSeconds(10);
    assertThat(bucket.waitForToken(t10)).isZero();
    assertThat(bucket.tryTake(t10)).isTrue();
    assertThat(bucket.tryTake(t10)).isFalse();
    assertThat(bucket.waitForToken(t10)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void neverHoldsMoreThanItsCapacity() {
    var bucket = new TokenBucket(THREE_THEN_ONE_PER_10S, T0);
    bucket.tryTake(T0);
    Instant muchLater = T0.plus(Duration.ofDays(1));
    assertThat(bucket.isFull(muchLater)).isTrue();
    assertThat(bucket.available(muchLater)).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.tryTake(muchLater)).isTrue();
    }
    assertThat(bucket.tryTake(muchLater)).isFalse();
  }

  @Test
  void aTokenGivenBackCanBeTakenAgainButNotBeyondCapacity() {
    var bucket = new TokenBucket(THREE_THEN_ONE_PER_10S, T0);
    for (int i = 0; i < 3; i++) {
      bucket.tryTake(T0);
    }
    bucket.giveBack(T0);
    assertThat(bucket.available(T0)).isEqualTo(1);
    assertThat(bucket.tryTake(T0)).isTrue();
    assertThat(bucket.tryTake(T0)).isFalse();

    var full = new TokenBucket(THREE_THEN_ONE_PER_10S, T0);
    full.giveBack(T0);
    full.giveBack(T0);
    assertThat(full.available(T0)).isEqualTo(3);
    assertThat(full.isFull(T0)).isTrue();
  }

  @Test
  void aPartlyRefilledTokenIsNotYetAToken() {
    var bucket = new TokenBucket(THREE_THEN_ONE_PER_10S, T0);
    for (int i = 0; i < 3; i++) {
      bucket.tryTake(T0);
    }
    assertThat(bucket.available(T0.plusSeconds(9))).isZero();
    assertThat(bucket.available(T0.plusSeconds(10))).isEqualTo(1);
    assertThat(bucket.available(T0.plusSeconds(25))).isEqualTo(2);
    assertThat(bucket.isFull(T0.plusSeconds(29))).isFalse();
    assertThat(bucket.isFull(T0.plusSeconds(30))).isTrue();
  }

  @Test
  void refusesNonsenseLimits() {
    assertThatThrownBy(() -> new TokenBucket.Limit(0, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenBucket.Limit(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
