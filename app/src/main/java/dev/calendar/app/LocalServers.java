package dev.calendar.app;

import dev.calendar.devservers.CassandraServer;
import dev.calendar.devservers.CassandraSettings;
import dev.calendar.devservers.KafkaServer;
import dev.calendar.devservers.KafkaSettings;
import dev.calendar.devservers.MailServer;
import dev.calendar.devservers.ProviderSink;
import dev.calendar.devservers.google.GoogleCalendarServer;
import dev.calendar.devservers.outlook.OutlookServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Cassandra and Kafka of dev mode, as child processes with data under DATA_DIR (default
 * {@code var/}), an in-process GreenMail (SMTP and IMAP, mail kept in memory), an in-process
 * SMS/push provider sink that logs what it is sent, and in-process local Google Calendar and
 * Microsoft Graph providers for two-way sync (unless GOOGLE_API_BASE_URL or
 * MICROSOFT_GRAPH_BASE_URL point elsewhere). Cassandra and Kafka start in parallel; ports come from
 * the environment.
 */
final class LocalServers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalServers.class);

  final Path dataDir;
  final CassandraServer cassandra;
  final KafkaServer kafka;
  final MailServer mail;
  final ProviderSink providerSink;
  final GoogleCalendarServer google;
  final OutlookServer outlook;
  private final Env env;

  private LocalServers(
      Path dataDir,
      CassandraServer cassandra,
      KafkaServer kafka,
      MailServer mail,
      ProviderSink providerSink,
      GoogleCalendarServer google,
      OutlookServer outlook,
      Env env) {
    this.dataDir = dataDir;
    this.cassandra = cassandra;
    this.kafka = kafka;
    this.mail = mail;
    this.providerSink = providerSink;
    this.google = google;
    this.outlook = outlook;
    this.env = env;
  }

  static LocalServers start(Env env) {
    Path dataDir = Path.of(env.string("DATA_DIR", "var")).toAbsolutePath().normalize();
    var cassandraSettings =
        new CassandraSettings(
            dataDir.resolve("cassandra"),
            "127.0.0.1",
            env.integer("CASSANDRA_PORT", CassandraSettings.DEFAULT_NATIVE_PORT),
            env.integer("CASSANDRA_STORAGE_PORT", CassandraSettings.DEFAULT_STORAGE_PORT),
            env.integer("CASSANDRA_HEAP_MB", CassandraSettings.DEFAULT_HEAP_MB));
    var kafkaSettings =
        new KafkaSettings(
            dataDir.resolve("kafka"),
            "127.0.0.1",
            env.integer("KAFKA_PORT", KafkaSettings.DEFAULT_PORT),
            env.integer("KAFKA_CONTROLLER_PORT", KafkaSettings.DEFAULT_CONTROLLER_PORT),
            env.integer("KAFKA_HEAP_MB", KafkaSettings.DEFAULT_HEAP_MB));
    int smtpPort = env.integer("SMTP_PORT", MailServer.DEFAULT_SMTP_PORT);
    int imapPort = env.integer("IMAP_PORT", MailServer.DEFAULT_IMAP_PORT);
    // Before the slow servers: a taken mail port fails the start at once.
    MailServer mail = MailServer.start("127.0.0.1", smtpPort, imapPort);
    ProviderSink providerSink = null;
    GoogleCalendarServer google = null;
    OutlookServer outlook = null;
    try {
      providerSink =
          ProviderSink.start(
              "127.0.0.1", env.integer("PROVIDER_SINK_PORT", ProviderSink.DEFAULT_PORT));
      if (env.string("GOOGLE_API_BASE_URL", "").isEmpty()) {
        google =
            GoogleCalendarServer.start(
                "127.0.0.1",
                env.integer("GOOGLE_PROVIDER_PORT", GoogleCalendarServer.DEFAULT_PORT));
      }
      if (env.string("MICROSOFT_GRAPH_BASE_URL", "").isEmpty()) {
        outlook =
            OutlookServer.start(
                "127.0.0.1", env.integer("OUTLOOK_PROVIDER_PORT", OutlookServer.DEFAULT_PORT));
      }
    } catch (RuntimeException e) {
      mail.close();
      closeAll(providerSink, google, outlook);
      throw e;
    }
    log.info("Starting Cassandra and Kafka with data under {}", dataDir);
    var cassandra = CompletableFuture.supplyAsync(() -> CassandraServer.start(cassandraSettings));
    var kafka = CompletableFuture.supplyAsync(() -> KafkaServer.start(kafkaSettings));
    try {
      return new LocalServers(
          dataDir, cassandra.join(), kafka.join(), mail, providerSink, google, outlook, env);
    } catch (RuntimeException e) {
      cassandra.thenAccept(CassandraServer::close);
      kafka.thenAccept(KafkaServer::close);
      mail.close();
      closeAll(providerSink, google, outlook);
      throw e;
    }
  }

  private static void closeAll(AutoCloseable... servers) {
    for (AutoCloseable server : servers) {
      if (server != null) {
        try {
          server.close();
        } catch (Exception e) {
          log.warn("could not stop {}", server, e);
        }
      }
    }
  }

  /** Config overrides that point a node at these servers. */
  Map<String, Object> nodeOverrides() {
    Map<String, Object> overrides = new HashMap<>();
    overrides.put(
        "datastax-java-driver.basic.contact-points",
        List.of(cassandra.host() + ":" + cassandra.nativePort()));
    overrides.put("calendar.kafka.bootstrap-servers", kafka.bootstrapServers());
    overrides.put("calendar.mail.smtp.host", mail.host());
    overrides.put("calendar.mail.smtp.port", mail.smtpPort());
    overrides.put("calendar.notifier.sms.base-url", providerSink.url());
    overrides.put("calendar.notifier.push.base-url", providerSink.url());
    overrides.put("calendar.booking-pages.link-key", DevSecrets.manageLinkKey(dataDir));
    if (env.string("CALENDAR_TOKEN_KEY", "").isEmpty()) {
      overrides.put("calendar.two-way.token-key", DevSecrets.tokenKey(dataDir));
    }
    // Unless the environment names real (or other) providers, the local ones.
    if (google != null) {
      TwoWaySetup.pointAt(
          overrides,
          "google",
          google.url() + "/calendar/v3",
          google.url() + "/token",
          env.string("GOOGLE_CLIENT_ID", GoogleCalendarServer.DEFAULT_CLIENT_ID),
          env.string("GOOGLE_CLIENT_SECRET", GoogleCalendarServer.DEFAULT_CLIENT_SECRET));
    }
    if (outlook != null) {
      TwoWaySetup.pointAt(
          overrides,
          "outlook",
          outlook.url() + "/v1.0",
          outlook.url() + "/token",
          env.string("MICROSOFT_CLIENT_ID", OutlookServer.DEFAULT_CLIENT_ID),
          env.string("MICROSOFT_CLIENT_SECRET", OutlookServer.DEFAULT_CLIENT_SECRET));
    }
    return overrides;
  }

  String contactPoint() {
    return cassandra.host() + ":" + cassandra.nativePort();
  }

  /** Mail, the provider sink and Kafka first: they have no dependants; Cassandra last. */
  @Override
  public void close() {
    mail.close();
    closeAll(providerSink, google, outlook);
    kafka.close();
    cassandra.close();
  }
}
