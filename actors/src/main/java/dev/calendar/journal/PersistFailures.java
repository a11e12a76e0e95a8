package dev.calendar.journal;

import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * What every entity does when a journal write or read fails: restart with backoff (200 ms doubling
 * to 5 s, ±10%), so a Cassandra hiccup does not turn into a storm of recoveries. One place, so all
 * entities behave alike.
 */
public final class PersistFailures {
  private PersistFailures() {}

  public static BackoffSupervisorStrategy restartWithBackoff() {
    return SupervisorStrategy.restartWithBackoff(
        Duration.ofMillis(200), Duration.ofSeconds(5), 0.1);
  }
}
