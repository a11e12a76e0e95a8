package dev.calendar.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.api.ratelimit.FakeClock;
import dev.calendar.api.ratelimit.TokenBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  private final FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
  // 3 failures per account then one per 6 s; 5 per address then one per 3 s.
  private final LoginThrottle throttle =
      new LoginThrottle(
          new LoginThrottleSettings(
              new TokenBucket.Limit(3, Duration.ofSeconds(6)),
              new TokenBucket.Limit(5, Duration.ofSeconds(3)),
              1000),
          clock);

  private LoginThrottle.Attempt fail(String email, String address) {
    var attempt = throttle.begin(email, address);
    if (attempt instanceof LoginThrottle.Permit permit) {
      permit.failed();
    }
    return attempt;
  }

  @Test
  void failedAttemptsOnOneAccountAreRefusedAfterTheBurstWhateverTheAddress() {
    for (int i = 0; i < 3; i++) {
      assertThat(fail("ada@example.com", "10.0.0." + i)).isInstanceOf(LoginThrottle.Permit.class);
    }
    var refused = fail("ADA@example.com ", "10.0.0.99");
    assertThat(refused).isEqualTo(new LoginThrottle.Refused(Duration.ofSeconds(6)));
    clock.advance(Duration.ofSeconds(6));
    assertThat(fail("ada@example.com", "10.0.0.100")).isInstanceOf(LoginThrottle.Permit.class);
    assertThat(fail("ada@example.com", "10.0.0.100")).isInstanceOf(LoginThrottle.Refused.class);
  }

  @Test
  void successesCostNothing() {
    for (int i = 0; i < 50; i++) {
      var attempt = throttle.begin("ada@example.com", "10.0.0.1");
      assertThat(attempt).isInstanceOf(LoginThrottle.Permit.class);
      ((LoginThrottle.Permit) attempt).succeeded();
    }
    for (int i = 0; i < 3; i++) {
      assertThat(fail("ada@example.com", "10.0.0.1")).isInstanceOf(LoginThrottle.Permit.class);
    }
    assertThat(fail("ada@example.com", "10.0.0.1")).isInstanceOf(LoginThrottle.Refused.class);
  }

  @Test
  void aSuccessGivesBackOnlyItsOwnTokenNotTheStrangersFailures() {
    for (int i = 0; i < 2; i++) {
      fail("ada@example.com", "10.6.6.6");
    }
    var owner = (LoginThrottle.Permit) throttle.begin("ada@example.com", "10.0.0.1");
    owner.succeeded();
    assertThat(fail("ada@example.com", "10.6.6.6")).isInstanceOf(LoginThrottle.Permit.class);
    assertThat(fail("ada@example.com", "10.6.6.6")).isInstanceOf(LoginThrottle.Refused.class);
  }

  @Test
  void whileThrottledTheOwnerGetsInAsSoonAsOneTokenIsBack() {
    for (int i = 0; i < 3; i++) {
      fail("ada@example.com", "10.6.6.6");
    }
    var refused = (LoginThrottle.Refused) throttle.begin("ada@example.com", "10.0.0.1");
    // Refused attempts take nothing: asking again and again does not push the wait further.
    for (int i = 0; i < 10; i++) {
      throttle.begin("ada@example.com", "10.0.0.1");
    }
    clock.advance(refused.retryAfter());
    var owner = throttle.begin("ada@example.com", "10.0.0.1");
    assertThat(owner).isInstanceOf(LoginThrottle.Permit.class);
    ((LoginThrottle.Permit) owner).succeeded();
    // Its token went back: the next one (the stranger) may fail once more, not twice.
    assertThat(fail("ada@example.com", "10.6.6.6")).isInstanceOf(LoginThrottle.Permit.class);
    assertThat(fail("ada@example.com", "10.6.6.6")).isInstanceOf(LoginThrottle.Refused.class);
  }

  @Test
  void oneAddressSprayingManyAccountsIsRefusedAfterItsBurst() {
    for (int i = 0; i < 5; i++) {
      assertThat(fail("user" + i + "@example.com", "10.6.6.6"))
          .isInstanceOf(LoginThrottle.Permit.class);
    }
    var refused = fail("user5@example.com", "10.6.6.6");
    assertThat(refused).isEqualTo(new LoginThrottle.Refused(Duration.ofSeconds(3)));
    // The refused attempt took nothing from the account it named.
    for (int i = 0; i < 3; i++) {
      assertThat(fail("user5@example.com", "10.0.0." + i)).isInstanceOf(LoginThrottle.Permit.class);
    }
    // Another address is not affected.
    assertThat(fail("user9@example.com", "10.0.0.9")).isInstanceOf(LoginThrottle.Permit.class);
  }

  @Test
  void whenBothAreEmptyTheLongerWaitIsTold() {
    for (int i = 0; i < 3; i++) {
      fail("ada@example.com", "10.6.6.6");
    }
    fail("bob@example.com", "10.6.6.6");
    fail("bob@example.com", "10.6.6.6");
    assertThat(fail("ada@example.com", "10.6.6.6"))
        .isEqualTo(new LoginThrottle.Refused(Duration.ofSeconds(6)));
  }

  @Test
  void anUndecidedAttemptDoesNotCountAndSettlingTwiceChangesNothing() {
    for (int i = 0; i < 10; i++) {
      var permit = (LoginThrottle.Permit) throttle.begin("ada@example.com", "10.0.0.1");
      permit.undecided();
      permit.undecided();
    }
    var permit = (LoginThrottle.Permit) throttle.begin("ada@example.com", "10.0.0.1");
    permit.failed();
    permit.succeeded();
    assertThat(fail("ada@example.com", "10.0.0.1")).isInstanceOf(LoginThrottle.Permit.class);
    assertThat(fail("ada@example.com", "10.0.0.1")).isInstanceOf(LoginThrottle.Permit.class);
    assertThat(fail("ada@example.com", "10.0.0.1")).isInstanceOf(LoginThrottle.Refused.class);
  }

  @Test
  void concurrentGuessesOnOneAccountGetExactlyTheBurst() throws Exception {
    int threads = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      var ready = new CountDownLatch(threads);
      var go = new CountDownLatch(1);
      List<CompletableFuture<LoginThrottle.Attempt>> attempts = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String address = "10.1.0." + i;
        attempts.add(
            CompletableFuture.supplyAsync(
                () -> {
                  ready.countDown();
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                  return fail("ada@example.com", address);
                },
                pool));
      }
      ready.await();
      go.countDown();
      long permitted =
          attempts.stream()
              .map(CompletableFuture::join)
              .filter(a -> a instanceof LoginThrottle.Permit)
              .count();
      assertThat(permitted).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }
}
