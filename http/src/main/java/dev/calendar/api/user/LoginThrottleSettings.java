package dev.calendar.api.user;

import com.typesafe.config.Config;
import dev.calendar.api.ratelimit.TokenBucket;

/** {@code calendar.login-throttle}, read once. */
public record LoginThrottleSettings(
    TokenBucket.Limit perAccount, TokenBucket.Limit perAddress, int maxTrackedKeys) {

  public static LoginThrottleSettings of(Config config) {
    Config c = config.getConfig("calendar.login-throttle");
    return new LoginThrottleSettings(
        limit(c.getConfig("per-account")),
        limit(c.getConfig("per-address")),
        c.getInt("max-tracked-keys"));
  }

  private static TokenBucket.Limit limit(Config c) {
    return new TokenBucket.Limit(c.getInt("burst"), c.getDuration("refill-every"));
  }
}
