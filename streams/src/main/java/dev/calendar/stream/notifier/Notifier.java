package dev.calendar.stream.notifier;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import dev.calendar.store.notification.CassandraDeliveryLog;
import dev.calendar.store.notification.DeliveryLog;
import dev.calendar.stream.kafka.KafkaProducers;
import dev.calendar.stream.mail.MailSettings;
import dev.calendar.stream.mail.Mailer;
import dev.calendar.stream.outbound.HostResolver;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.kafka.javadsl.SendProducer;

/**
 * Starts the notifier on a node (docs/notifications.md, "Notifier"). {@link #init} reads {@code
 * calendar.notifier}; {@link #start} takes explicit settings (a test's or a benchmark's own topic,
 * group and backoff) and optionally explicit channels. Every stream started here is drained on
 * coordinated shutdown, before the resources it uses (SMTP connections, HTTP threads, the
 * dead-letter producer) are closed.
 */
public final class Notifier {
  private static final AtomicInteger STARTED = new AtomicInteger();

  private Notifier() {}

  /** The notifier as configured, on the node's Cassandra session. */
  public static NotifierStream init(ActorSystem<?> system, CqlSession cql) {
    return start(system, cql, NotifierSettings.of(system.settings().config()));
  }

  /** A stream with these settings and the channels they configure. */
  public static NotifierStream start(
      ActorSystem<?> system, CqlSession cql, NotifierSettings settings) {
    return start(system, cql, settings, channels(system, settings));
  }

  /** A stream with these settings and these channels. */
  public static NotifierStream start(
      ActorSystem<?> system, CqlSession cql, NotifierSettings settings, Channels channels) {
    Config config = system.settings().config();
    DeliveryLog deliveryLog =
        new CassandraDeliveryLog(cql, config.getString("calendar.cassandra.keyspace"));
    var recipients =
        new Recipients(
            ClusterSharding.get(system), settings.askTimeout(), system.executionContext());
    SendProducer<String, String> producer =
        KafkaProducers.idempotentTo(system, settings.bootstrapServers());
    var deliveries =
        new Deliveries(
            settings,
            deliveryLog,
            recipients,
            channels,
            new DeadLetters(settings.deadLetterTopic(), producer::send),
            system,
            Clock.systemUTC());
    NotifierStream stream = NotifierStream.run(system, settings, deliveries);
    int n = STARTED.incrementAndGet();
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseServiceRequestsDone(),
        "drain-notifier-" + n,
        () -> stream.drainAndShutdown().exceptionally(e -> Done.getInstance()));
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "close-notifier-producer-" + n,
        () -> producer.close().thenApply(d -> Done.getInstance()));
    return stream;
  }

  /**
   * The channels {@code settings} configure: SMTP from {@code calendar.mail} on the notifier's own
   * mail dispatcher (one pooled connection per thread), SMS and push over one HTTP client with its
   * own threads, webhooks over Pekko's client (which connects to the address it checked). Closed on
   * coordinated shutdown.
   */
  public static Channels channels(ActorSystem<?> system, NotifierSettings settings) {
    Config config = system.settings().config();
    var mailThreads =
        system
            .dispatchers()
            .lookup(DispatcherSelector.fromConfig(NotifierSettings.PATH + ".email.dispatcher"));
    var mailer = new Mailer(MailSettings.of(config), mailThreads);
    ExecutorService http =
        Executors.newFixedThreadPool(
            settings.httpThreads(),
            r -> {
              Thread t = new Thread(r, "notifier-http");
              t.setDaemon(true);
              return t;
            });
    var client = new ProviderClient(settings.httpTimeout(), http);
    var blocking =
        system.dispatchers().lookup(DispatcherSelector.fromConfig("calendar.blocking-dispatcher"));
    int n = STARTED.get() + 1;
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
            "close-notifier-channels-" + n + "-" + System.identityHashCode(mailer),
            () ->
                CompletableFuture.supplyAsync(
                    () -> {
                      mailer.close();
                      http.shutdown();
                      return Done.getInstance();
                    },
                    blocking));
    return new Channels(
        new EmailChannel(mailer),
        new SmsChannel(client, settings.smsBaseUrl()),
        new PushChannel(client, settings.pushBaseUrl()),
        new WebhookChannel(
            system,
            defaultTrust(),
            settings.httpTimeout(),
            settings.devMode(),
            HostResolver.SYSTEM,
            blocking,
            Clock.systemUTC()));
  }

  private static SSLContext defaultTrust() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }
}
