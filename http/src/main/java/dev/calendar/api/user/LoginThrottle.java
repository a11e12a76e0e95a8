package dev.calendar.api.user;

import dev.calendar.api.ratelimit.RateLimiter;
import dev.calendar.user.Emails;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Slows password guessing at {@code POST /sessions} with two token buckets: one per account
 * (normalized email, whether or not it exists) against guessing one password, one per client
 * address against one address trying many accounts. Each attempt takes a token from both before the
 * password is checked; a successful log-in gives both back, so only failed attempts count, and a
 * refused attempt takes nothing. An attacker can therefore keep an account throttled only by
 * failing at the refill rate, which the per-address bucket caps for each address.
 *
 * <p>In memory per node: behind a load balancer a client meets the limits once per node.
 */
public final class LoginThrottle {
  private final RateLimiter<String> accounts;
  private final RateLimiter<String> addresses;

  public LoginThrottle(LoginThrottleSettings settings, Clock clock) {
    this.accounts = new RateLimiter<>(settings.perAccount(), settings.maxTrackedKeys(), clock);
    this.addresses = new RateLimiter<>(settings.perAddress(), settings.maxTrackedKeys(), clock);
  }

  /** The outcome of {@link #begin}: go ahead with a {@link Permit}, or wait. */
  public sealed interface Attempt permits Permit, Refused {}

  /** Too many failed attempts lately: try again after {@code retryAfter}. */
  public record Refused(Duration retryAfter) implements Attempt {}

  /**
   * Tokens held for one attempt; exactly one of its methods settles them (later calls do nothing).
   */
  public final class Permit implements Attempt {
    private final String account;
    private final String address;
    private final AtomicBoolean settled = new AtomicBoolean();

    private Permit(String account, String address) {
      this.account = account;
      this.address = address;
    }

    /** The password was right: the attempt does not count. */
    public void succeeded() {
      giveBack();
    }

    /** The password was wrong (or the account unknown): the attempt counts. */
    public void failed() {
      settled.set(true);
    }

    /** No verdict on the password (the service failed): the attempt does not count. */
    public void undecided() {
      giveBack();
    }

    private void giveBack() {
      if (settled.compareAndSet(false, true)) {
        accounts.giveBack(account);
        addresses.giveBack(address);
      }
    }
  }

  /** Before checking a password for {@code email} from {@code address}. */
  public Attempt begin(String email, String address) {
    String account = Emails.normalize(email);
    Optional<Duration> accountWait = accounts.tryTake(account);
    Optional<Duration> addressWait = addresses.tryTake(address);
    if (accountWait.isEmpty() && addressWait.isEmpty()) {
      return new Permit(account, address);
    }
    if (accountWait.isEmpty()) {
      accounts.giveBack(account);
    }
    if (addressWait.isEmpty()) {
      addresses.giveBack(address);
    }
    Duration wait = accountWait.orElse(Duration.ZERO);
    if (addressWait.isPresent() && addressWait.get().compareTo(wait) > 0) {
      wait = addressWait.get();
    }
    return new Refused(wait);
  }
}
