package dev.calendar.stream.notifier;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * {@code calendar.notifier} (and the Kafka servers, dev mode and ask timeout), read once. Tests and
 * benchmarks start a stream on their own topic and group with the {@code with…} copies.
 *
 * @param parallelism notifications in delivery at once; ordered, so offsets are committed in order
 * @param maxAttempts attempts per delivery target before it is dead-lettered
 * @param retry the wait between attempts
 * @param restart the wait before the consumer stream restarts after a failure
 * @param commitMaxBatch offsets are committed after this many messages …
 * @param commitMaxInterval … or this long, whichever comes first
 * @param httpTimeout SMS, push and webhook requests: connect and answer
 */
public record NotifierSettings(
    String bootstrapServers,
    String topic,
    String groupId,
    String deadLetterTopic,
    int parallelism,
    int maxAttempts,
    Backoff retry,
    Backoff restart,
    int commitMaxBatch,
    Duration commitMaxInterval,
    URI smsBaseUrl,
    URI pushBaseUrl,
    Duration httpTimeout,
    int httpThreads,
    boolean devMode,
    Duration askTimeout) {

  public static final String PATH = "calendar.notifier";

  public static NotifierSettings of(Config root) {
    Config c = root.getConfig(PATH);
    return new NotifierSettings(
        root.getString("calendar.kafka.bootstrap-servers"),
        c.getString("topic"),
        c.getString("group-id"),
        c.getString("dead-letter-topic"),
        c.getInt("parallelism"),
        c.getInt("max-attempts"),
        new Backoff(
            c.getDuration("min-backoff"),
            c.getDuration("max-backoff"),
            c.getDouble("random-factor")),
        new Backoff(
            c.getDuration("restart-backoff.min"),
            c.getDuration("restart-backoff.max"),
            c.getDouble("restart-backoff.random-factor")),
        c.getInt("commit.max-batch"),
        c.getDuration("commit.max-interval"),
        URI.create(c.getString("sms.base-url")),
        URI.create(c.getString("push.base-url")),
        c.getDuration("http.timeout"),
        c.getInt("http.threads"),
        root.getBoolean("calendar.dev-mode"),
        root.getDuration("calendar.ask-timeout"));
  }

  public NotifierSettings withTopic(String topic, String groupId) {
    return copy(
        b -> {
          b.topic = topic;
          b.groupId = groupId;
        });
  }

  public NotifierSettings withRetries(int maxAttempts, Backoff retry) {
    return copy(
        b -> {
          b.maxAttempts = maxAttempts;
          b.retry = retry;
        });
  }

  public NotifierSettings withParallelism(int parallelism) {
    return copy(b -> b.parallelism = parallelism);
  }

  public NotifierSettings withCommit(int maxBatch, Duration maxInterval) {
    return copy(
        b -> {
          b.commitMaxBatch = maxBatch;
          b.commitMaxInterval = maxInterval;
        });
  }

  public NotifierSettings withProviders(URI smsBaseUrl, URI pushBaseUrl) {
    return copy(
        b -> {
          b.smsBaseUrl = smsBaseUrl;
          b.pushBaseUrl = pushBaseUrl;
        });
  }

  /** These settings with the changes {@code edit} makes; the one place listing every field. */
  private NotifierSettings copy(Consumer<Copy> edit) {
    var b = new Copy(this);
    edit.accept(b);
    return new NotifierSettings(
        b.bootstrapServers,
        b.topic,
        b.groupId,
        b.deadLetterTopic,
        b.parallelism,
        b.maxAttempts,
        b.retry,
        b.restart,
        b.commitMaxBatch,
        b.commitMaxInterval,
        b.smsBaseUrl,
        b.pushBaseUrl,
        b.httpTimeout,
        b.httpThreads,
        b.devMode,
        b.askTimeout);
  }

  /** A mutable copy of the fields, alive only inside {@link #copy}. */
  private static final class Copy {
    String bootstrapServers;
    String topic;
    String groupId;
    String deadLetterTopic;
    int parallelism;
    int maxAttempts;
    Backoff retry;
    Backoff restart;
    int commitMaxBatch;
    Duration commitMaxInterval;
    URI smsBaseUrl;
    URI pushBaseUrl;
    Duration httpTimeout;
    int httpThreads;
    boolean devMode;
    Duration askTimeout;

    Copy(NotifierSettings s) {
      bootstrapServers = s.bootstrapServers;
      topic = s.topic;
      groupId = s.groupId;
      deadLetterTopic = s.deadLetterTopic;
      parallelism = s.parallelism;
      maxAttempts = s.maxAttempts;
      retry = s.retry;
      restart = s.restart;
      commitMaxBatch = s.commitMaxBatch;
      commitMaxInterval = s.commitMaxInterval;
      smsBaseUrl = s.smsBaseUrl;
      pushBaseUrl = s.pushBaseUrl;
      httpTimeout = s.httpTimeout;
      httpThreads = s.httpThreads;
      devMode = s.devMode;
      askTimeout = s.askTimeout;
    }
  }
}
