package dev.calendar.app;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of one node: the HOCON of cluster-config, under overrides taken from the
 * environment (lists that HOCON cannot split from a variable) and from the launcher (dev mode's own
 * servers and ports).
 */
public final class NodeConfig {
  private NodeConfig() {}

  /**
   * Overrides from the process environment, for the production path ({@code bin/calendar node}).
   */
  public static Map<String, Object> fromEnvironment(Map<String, String> env) {
    Map<String, Object> overrides = new HashMap<>();
    String contactPoints = env.get("CASSANDRA_CONTACT_POINTS");
    if (contactPoints != null && !contactPoints.isBlank()) {
      overrides.put("datastax-java-driver.basic.contact-points", list(contactPoints));
    }
    String seeds = env.get("SEED_NODES");
    if (seeds != null && !seeds.isBlank()) {
      overrides.put("pekko.cluster.seed-nodes", list(seeds));
    }
    String proxies = env.get("TRUSTED_PROXIES");
    if (proxies != null && !proxies.isBlank()) {
      overrides.put("calendar.http.trusted-proxies", list(proxies));
    }
    return overrides;
  }

  public static Config load(Map<String, Object> overrides) {
    ConfigFactory.invalidateCaches();
    return ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load()).resolve();
  }

  private static List<String> list(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
