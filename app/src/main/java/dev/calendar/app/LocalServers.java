package dev.calendar.app;

import dev.calendar.devservers.CassandraServer;
import dev.calendar.devservers.CassandraSettings;
import dev.calendar.devservers.KafkaServer;
import dev.calendar.devservers.KafkaSettings;
import dev.calendar.devservers.MailServer;
import dev.calendar.devservers.ProviderSink;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Cassandra and Kafka of dev mode, as child processes with data under DATA_DIR (default
 * {@code var/}), an in-process GreenMail (SMTP and IMAP, mail kept in memory) and an in-process
 * SMS/push provider sink that logs what it is sent. Cassandra and Kafka start in parallel; ports
 * come from the environment.
 */
final class LocalServers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalServers.class);

  final Path dataDir;
  final CassandraServer cassandra;
  final KafkaServer kafka;
  final MailServer mail;
  final ProviderSink providerSink;

  private LocalServers(
      Path dataDir,
      CassandraServer cassandra,
      KafkaServer kafka,
      MailServer mail,
      ProviderSink providerSink) {
    this.dataDir = dataDir;
    this.cassandra = cassandra;
    this.kafka = kafka;
    this.mail = mail;
    this.providerSink = providerSink;
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
    ProviderSink providerSink;
    try {
      providerSink =
          ProviderSink.start(
              "127.0.0.1", env.integer("PROVIDER_SINK_PORT", ProviderSink.DEFAULT_PORT));
    } catch (RuntimeException e) {
      mail.close();
      throw e;
    }
    log.info("Starting Cassandra and Kafka with data under {}", dataDir);
    var cassandra = CompletableFuture.supplyAsync(() -> CassandraServer.start(cassandraSettings));
    var kafka = CompletableFuture.supplyAsync(() -> KafkaServer.start(kafkaSettings));
    try {
      return new LocalServers(dataDir, cassandra.join(), kafka.join(), mail, providerSink);
    } catch (RuntimeException e) {
      cassandra.thenAccept(CassandraServer::close);
      kafka.thenAccept(KafkaServer::close);
      mail.close();
      providerSink.close();
      throw e;
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
    return overrides;
  }

  String contactPoint() {
    return cassandra.host() + ":" + cassandra.nativePort();
  }

  /** Mail, the provider sink and Kafka first: they have no dependants; Cassandra last. */
  @Override
  public void close() {
    mail.close();
    providerSink.close();
    kafka.close();
    cassandra.close();
  }
}
