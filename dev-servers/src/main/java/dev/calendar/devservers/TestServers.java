package dev.calendar.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One Cassandra and one Kafka per test JVM, started on first use with free ports and a fresh data
 * directory under {@code target/dev-servers/}, killed and deleted when the JVM exits; likewise one
 * in-process mail server ({@link #mail()}) and one SMS/push provider sink ({@link
 * #providerSink()}).
 *
 * <p>System properties: {@code devservers.dir} (default {@code target/dev-servers}, relative to the
 * module, where Surefire and Failsafe run), {@code devservers.cassandra.heapMb} (default 1024),
 * {@code devservers.kafka.heapMb} (default 512). The server classpaths are cached in {@code
 * <devservers.dir>/servers} and shared by all test JVMs of the module.
 */
public final class TestServers {

  private static CassandraServer cassandra;
  private static KafkaServer kafka;
  private static MailServer mail;
  private static ProviderSink providerSink;

  private TestServers() {}

  public static synchronized CassandraServer cassandra() {
    if (cassandra == null) {
      Path dataDir = freshDir("cassandra");
      CassandraServer server =
          CassandraServer.start(
              CassandraSettings.withFreePorts(
                  dataDir, Integer.getInteger("devservers.cassandra.heapMb", 1024)));
      stopAtExit("stop-test-cassandra", server::kill, dataDir);
      cassandra = server;
    }
    return cassandra;
  }

  public static synchronized KafkaServer kafka() {
    if (kafka == null) {
      Path dataDir = freshDir("kafka");
      KafkaServer server =
          KafkaServer.start(
              KafkaSettings.withFreePorts(
                  dataDir, Integer.getInteger("devservers.kafka.heapMb", 512)));
      stopAtExit("stop-test-kafka", server::kill, dataDir);
      kafka = server;
    }
    return kafka;
  }

  /** GreenMail in this JVM (SMTP and IMAP, any login accepted), stopped when the JVM exits. */
  public static synchronized MailServer mail() {
    if (mail == null) {
      MailServer server = MailServer.withFreePorts();
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-test-mail"));
      mail = server;
    }
    return mail;
  }

  /** A stand-in SMS and push provider in this JVM on a free port, stopped when the JVM exits. */
  public static synchronized ProviderSink providerSink() {
    if (providerSink == null) {
      ProviderSink sink = ProviderSink.withFreePort();
      Runtime.getRuntime().addShutdownHook(new Thread(sink::close, "stop-test-provider-sink"));
      providerSink = sink;
    }
    return providerSink;
  }

  private static Path freshDir(String name) {
    Path base = Path.of(System.getProperty("devservers.dir", "target/dev-servers"));
    // Siblings of servers/, so the classpath cache is shared across test JVMs.
    return base.resolve(name + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
        .toAbsolutePath();
  }

  /**
   * At JVM exit: SIGKILL rather than a graceful stop, which would cost seconds (Cassandra drains)
   * for data deleted right after.
   */
  private static void stopAtExit(String name, Runnable kill, Path dataDir) {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  kill.run();
                  deleteRecursively(dataDir);
                },
                name));
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
