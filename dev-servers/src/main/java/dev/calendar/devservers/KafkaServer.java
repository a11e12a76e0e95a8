package dev.calendar.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka 4.x node in KRaft mode (broker and controller in one JVM) in a child JVM,
 * from the {@code kafka_2.13} artifact.
 *
 * <p>{@link #close()} stops it gracefully; if this JVM dies first the node stops by itself (see
 * {@link ParentWatchdog}). No shutdown hook is registered here: the owner decides the order.
 */
public final class KafkaServer implements AutoCloseable {

  public static final String ARTIFACT = "org.apache.kafka:kafka_2.13:4.4.0";

  /**
   * Kafka's pom brings slf4j-api 1.7 and log4j-core but not the binding between them (the
   * distribution's libs/ has it): without it the broker logs nothing. Same version as the
   * log4j-core that kafka_2.13 4.4.0 depends on.
   */
  static final String SLF4J_BINDING = "org.apache.logging.log4j:log4j-slf4j-impl:2.25.5";

  private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(120);

  /** Logged by KafkaRaftServer when broker and controller are up. */
  private static final String READY_MARKER = "Kafka Server started";

  private final KafkaSettings settings;
  private final ChildProcess process;

  private KafkaServer(KafkaSettings settings, ChildProcess process) {
    this.settings = settings;
    this.process = process;
  }

  /**
   * Starts a node and blocks until its port accepts connections and its log says "Kafka Server
   * started" (at most 120 s, then fails with the log's tail). The storage is formatted only the
   * first time, so topics and offsets in {@code dataDir} survive restarts.
   */
  public static KafkaServer start(KafkaSettings s) {
    long started = System.nanoTime();
    Path dataDir = s.dataDir();
    List<Path> classpath =
        ServerClasspath.resolve(
            "kafka", List.of(ARTIFACT, SLF4J_BINDING), dataDir.getParent().resolve("servers"));
    FreePorts.requireFree(s.host(), s.port(), "Kafka");
    FreePorts.requireFree(s.host(), s.controllerPort(), "Kafka controller");
    Path logPath = dataDir.resolve("logs").resolve("kafka.log");
    Path properties = dataDir.resolve("server.properties");
    try {
      Files.createDirectories(dataDir.resolve("logs"));
      // Rewritten on every start, so changed ports apply to existing data too.
      Files.writeString(properties, serverProperties(s));
      Files.writeString(dataDir.resolve("log4j2.xml"), LOG4J2_XML);
      if (!Files.exists(logDir(s).resolve("meta.properties"))) {
        ChildProcess.run(
            "kafka-storage-format",
            classpath,
            List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", log4jArg(s)),
            "kafka.tools.StorageTool",
            List.of("format", "-t", clusterId(dataDir), "-c", properties.toString()),
            dataDir,
            logPath,
            FORMAT_TIMEOUT);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dataDir, e);
    }
    ChildProcess child =
        ChildProcess.start(
            "kafka",
            classpath,
            jvmArgs(s),
            "kafka.Kafka",
            List.of(properties.toString()),
            dataDir,
            logPath);
    child.awaitReady(
        START_TIMEOUT,
        () -> child.logContains(READY_MARKER) && ChildProcess.accepts(s.host(), s.port()));
    log.info(
        "Kafka ready on {}:{} (pid {}) in {} ms, data in {}",
        s.host(),
        s.port(),
        child.pid(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        dataDir);
    return new KafkaServer(s, child);
  }

  /** {@code host:port} for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return settings.host() + ":" + settings.port();
  }

  public KafkaSettings settings() {
    return settings;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return settings.dataDir().resolve("logs").resolve("kafka.log");
  }

  /** Graceful stop (SIGTERM, up to 30 s, then SIGKILL); idempotent. */
  @Override
  public void close() {
    process.close();
  }

  /** Immediate SIGKILL, for tests that delete the data anyway; idempotent with close(). */
  void kill() {
    process.kill();
  }

  static Path logDir(KafkaSettings s) {
    return s.dataDir().resolve("kraft-logs");
  }

  /**
   * The cluster id stored in {@code dataDir/cluster.id}, made on first use. Kafka's format is a
   * random UUID in URL-safe base64 without padding, not starting with '-'.
   */
  static String clusterId(Path dataDir) throws IOException {
    Path file = dataDir.resolve("cluster.id");
    if (Files.exists(file)) {
      return Files.readString(file).trim();
    }
    String id;
    do {
      UUID uuid = UUID.randomUUID();
      ByteBuffer bytes = ByteBuffer.allocate(16);
      bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    } while (id.startsWith("-"));
    Files.writeString(file, id + "\n");
    return id;
  }

  static List<String> jvmArgs(KafkaSettings s) {
    List<String> args = new ArrayList<>();
    args.add("-Xms" + s.heapMb() + "m");
    args.add("-Xmx" + s.heapMb() + "m");
    // As Kafka's own kafka-run-class.sh / kafka-server-start.sh.
    args.add("-XX:+UseG1GC");
    args.add("-XX:MaxGCPauseMillis=20");
    args.add("-XX:InitiatingHeapOccupancyPercent=35");
    args.add("-XX:+ExplicitGCInvokesConcurrent");
    args.add("-Djava.awt.headless=true");
    args.add("-Dkafka.logs.dir=" + s.dataDir().resolve("logs"));
    args.add(log4jArg(s));
    // No JMX options: Kafka opens no JMX port unless com.sun.management.jmxremote.port is set.
    return args;
  }

  private static String log4jArg(KafkaSettings s) {
    return "-Dlog4j2.configurationFile=" + s.dataDir().resolve("log4j2.xml").toUri();
  }

  static String serverProperties(KafkaSettings s) {
    String controller = s.host() + ":" + s.controllerPort();
    String broker = s.host() + ":" + s.port();
    return """
        # Generated by dev.calendar.devservers.KafkaServer on every start: edits are lost.
        # One KRaft node, broker and controller, for development and tests.
        process.roles=broker,controller
        node.id=1
        controller.quorum.voters=1@%1$s
        controller.listener.names=CONTROLLER
        listeners=PLAINTEXT://%2$s,CONTROLLER://%1$s
        advertised.listeners=PLAINTEXT://%2$s
        inter.broker.listener.name=PLAINTEXT
        listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
        log.dirs=%3$s
        num.partitions=1
        auto.create.topics.enable=true
        # A single broker: every internal topic has one replica.
        offsets.topic.replication.factor=1
        offsets.topic.num.partitions=1
        transaction.state.log.replication.factor=1
        transaction.state.log.min.isr=1
        transaction.state.log.num.partitions=1
        share.coordinator.state.topic.replication.factor=1
        share.coordinator.state.topic.min.isr=1
        # Consumers join a group without the default 3 s wait.
        group.initial.rebalance.delay.ms=0
        """
        .formatted(controller, broker, logDir(s).toString().replace("\\", "\\\\"));
  }

  /**
   * INFO to stdout, which the parent appends to logs/kafka.log. Log4j's own shutdown hook is off:
   * it would stop logging while Kafka's shutdown hook is still at work, hiding how the shutdown
   * went.
   */
  static final String LOG4J2_XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <Configuration status="WARN" shutdownHook="disable">
        <Appenders>
          <Console name="STDOUT" target="SYSTEM_OUT">
            <PatternLayout pattern="[%d] %p %m (%c)%n"/>
          </Console>
        </Appenders>
        <Loggers>
          <Root level="INFO">
            <AppenderRef ref="STDOUT"/>
          </Root>
          <Logger name="kafka.request.logger" level="WARN"/>
          <Logger name="state.change.logger" level="WARN"/>
          <Logger name="org.apache.kafka.storage.internals.log" level="WARN"/>
        </Loggers>
      </Configuration>
      """;
}
