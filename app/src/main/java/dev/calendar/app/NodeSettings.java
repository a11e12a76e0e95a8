package dev.calendar.app;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * What {@link Node} needs from the configuration, read once and typed, so wiring never reaches into
 * raw config paths. Defaults are in the {@code calendar-*.conf} files of cluster-config.
 */
record NodeSettings(
    boolean joinSelf,
    String keyspace,
    boolean createSchema,
    String kafkaBootstrapServers,
    Duration askTimeout,
    boolean remindersEnabled,
    boolean notifierEnabled,
    Passwords passwords,
    Duration sessionTtl,
    SessionCache sessionCache,
    Idempotency idempotency,
    String httpHost,
    int httpPort,
    String publicBaseUrl) {

  /** Argon2id cost. */
  record Passwords(int memoryKib, int iterations, int parallelism) {}

  /** Sessions kept in each node's memory: how many, and how long after their read at most. */
  record SessionCache(long maxEntries, Duration maxAge) {}

  /** How long keys are kept, how long a claim holds, how long a replay waits for the first. */
  record Idempotency(Duration ttl, Duration inProgressLease, Duration waitForInProgress) {}

  static NodeSettings of(Config config) {
    var calendar = config.getConfig("calendar");
    return new NodeSettings(
        config.getStringList("pekko.cluster.seed-nodes").isEmpty(),
        calendar.getString("cassandra.keyspace"),
        calendar.getBoolean("cassandra.create-schema"),
        calendar.getString("kafka.bootstrap-servers"),
        calendar.getDuration("ask-timeout"),
        calendar.getBoolean("reminders.enabled"),
        calendar.getBoolean("notifier.enabled"),
        new Passwords(
            calendar.getInt("passwords.memory-kib"),
            calendar.getInt("passwords.iterations"),
            calendar.getInt("passwords.parallelism")),
        calendar.getDuration("sessions.ttl"),
        new SessionCache(
            calendar.getLong("sessions.cache.max-entries"),
            calendar.getDuration("sessions.cache.max-age")),
        new Idempotency(
            calendar.getDuration("idempotency.ttl"),
            calendar.getDuration("idempotency.in-progress-lease"),
            calendar.getDuration("idempotency.wait-for-in-progress")),
        calendar.getString("http.host"),
        calendar.getInt("http.port"),
        publicBaseUrl(calendar.getString("http.public-base-url")));
  }

  /** An absolute http(s) URL, kept without a trailing slash; anything else stops the node. */
  static String publicBaseUrl(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("calendar.http.public-base-url is not a URL: " + text, e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null) {
      throw new IllegalArgumentException(
          "calendar.http.public-base-url must be an http or https URL without query or fragment,"
              + " such as https://calendar.example.com: "
              + text);
    }
    return text.replaceAll("/+$", "");
  }
}
