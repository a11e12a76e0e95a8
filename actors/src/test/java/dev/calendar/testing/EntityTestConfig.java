package dev.calendar.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;

/** In-memory journal for entity unit tests, with the service's real serialization bindings. */
public final class EntityTestConfig {
  private EntityTestConfig() {}

  public static Config config() {
    return ConfigFactory.parseString("pekko.actor.provider = local")
        .withFallback(EventSourcedBehaviorTestKit.config())
        .withFallback(ConfigFactory.load());
  }
}
