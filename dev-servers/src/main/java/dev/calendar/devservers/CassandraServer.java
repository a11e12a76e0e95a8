package dev.calendar.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Cassandra 5.0 node in a child JVM, from the {@code cassandra-all} artifact.
 *
 * <p>{@link #close()} stops it gracefully; if this JVM dies first the node stops by itself (see
 * {@link ParentWatchdog}). No shutdown hook is registered here: the owner decides the order (dev
 * mode stops the application node before its database).
 */
public final class CassandraServer implements AutoCloseable {

  public static final String ARTIFACT = "org.apache.cassandra:cassandra-all:5.0.9";

  /** SimpleSnitch puts every node in this data center; the driver needs it as local DC. */
  public static final String LOCAL_DATACENTER = "datacenter1";

  private static final Logger log = LoggerFactory.getLogger(CassandraServer.class);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  /** Logged by CassandraDaemon once CQL clients are served. */
  private static final String READY_MARKER = "Startup complete";

  /**
   * The module flags of Cassandra 5.0's conf/jvm17-server.options (JPMS and Netty sections):
   * without them it fails on Java 17 reflecting into JDK internals.
   */
  private static final List<String> JVM17_OPTIONS =
      List.of(
          "-Djdk.attach.allowAttachSelf=true",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports=java.sql/java.sql=ALL-UNNAMED",
          "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "-Dio.netty.tryReflectionSetAccessible=true",
          "-Dio.netty.allocator.useCacheForAllThreads=true",
          "-Dio.netty.allocator.maxOrder=11");

  private final CassandraSettings settings;
  private final ChildProcess process;

  private CassandraServer(CassandraSettings settings, ChildProcess process) {
    this.settings = settings;
    this.process = process;
  }

  /**
   * Starts a node and blocks until its CQL port accepts connections and its log says "Startup
   * complete" (at most 180 s, then fails with the log's tail). Data already in {@code dataDir} is
   * kept.
   */
  public static CassandraServer start(CassandraSettings s) {
    long started = System.nanoTime();
    Path dataDir = s.dataDir();
    List<Path> classpath =
        ServerClasspath.resolve("cassandra", ARTIFACT, dataDir.getParent().resolve("servers"));
    FreePorts.requireFree(s.host(), s.nativePort(), "Cassandra CQL");
    FreePorts.requireFree(s.host(), s.storagePort(), "Cassandra storage");
    try {
      Files.createDirectories(dataDir.resolve("logs"));
      Files.createDirectories(dataDir.resolve("triggers")); // Cassandra warns when it is missing
      // Rewritten on every start, so changed ports apply to existing data too.
      Files.writeString(dataDir.resolve("cassandra.yaml"), yaml(s));
      Files.writeString(dataDir.resolve("logback.xml"), LOGBACK_XML);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dataDir, e);
    }
    ChildProcess child =
        ChildProcess.start(
            "cassandra",
            classpath,
            jvmArgs(s, classpath),
            "org.apache.cassandra.service.CassandraDaemon",
            List.of(),
            dataDir,
            dataDir.resolve("logs").resolve("cassandra.log"));
    child.awaitReady(
        START_TIMEOUT,
        () -> child.logContains(READY_MARKER) && ChildProcess.accepts(s.host(), s.nativePort()));
    log.info(
        "Cassandra ready on {}:{} (pid {}) in {} ms, data in {}",
        s.host(),
        s.nativePort(),
        child.pid(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
        dataDir);
    return new CassandraServer(s, child);
  }

  public String host() {
    return settings.host();
  }

  public int nativePort() {
    return settings.nativePort();
  }

  public CassandraSettings settings() {
    return settings;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path logFile() {
    return settings.dataDir().resolve("logs").resolve("cassandra.log");
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

  static List<String> jvmArgs(CassandraSettings s, List<Path> classpath) {
    Path dataDir = s.dataDir();
    List<String> args = new ArrayList<>();
    args.add("-Xms" + s.heapMb() + "m");
    args.add("-Xmx" + s.heapMb() + "m");
    args.add("-XX:+UseG1GC");
    args.add("-XX:+HeapDumpOnOutOfMemoryError");
    // Cassandra warns that running on after an OutOfMemoryError risks corrupt data.
    args.add("-XX:+ExitOnOutOfMemoryError");
    args.add("-XX:HeapDumpPath=" + dataDir.resolve("logs"));
    args.add("-Djava.net.preferIPv4Stack=true");
    args.addAll(JVM17_OPTIONS);
    // Cassandra measures object sizes with jamm, which must be loaded as an agent on Java 17.
    classpath.stream()
        .filter(jar -> jar.getFileName().toString().startsWith("jamm-"))
        .findFirst()
        .ifPresent(jamm -> args.add("-javaagent:" + jamm));
    args.add("-Dcassandra.config=" + dataDir.resolve("cassandra.yaml").toUri());
    args.add("-Dlogback.configurationFile=" + dataDir.resolve("logback.xml").toUri());
    args.add("-Dcassandra.storagedir=" + dataDir);
    args.add("-Dcassandra.logdir=" + dataDir.resolve("logs"));
    // Keeps stdout open (the daemon closes it otherwise) so logging reaches cassandra.log.
    args.add("-Dcassandra-foreground=yes");
    // A single node need not wait for a ring to form.
    args.add("-Dcassandra.skip_wait_for_gossip_to_settle=0");
    args.add("-Dcassandra.ring_delay_ms=100");
    args.add("-Dcassandra.superuser_setup_delay_ms=0");
    // Nobody to tell about our shutdown; saves 2 s on every stop.
    args.add("-Dcassandra.shutdown_announce_in_ms=0");
    args.add("-Dcassandra.triggers_dir=" + dataDir.resolve("triggers"));
    // No JMX: cassandra.jmx.local.port / remote.port are deliberately not set, so no fixed 7199
    // is opened and two nodes can run side by side.
    return args;
  }

  static String yaml(CassandraSettings s) {
    Path dir = s.dataDir();
    return """
        # Generated by dev.calendar.devservers.CassandraServer on every start: edits are lost.
        # A single development / test node; durability relaxed (periodic commit log sync).
        cluster_name: 'calendar-dev'
        num_tokens: 1
        partitioner: org.apache.cassandra.dht.Murmur3Partitioner
        endpoint_snitch: SimpleSnitch
        seed_provider:
          - class_name: org.apache.cassandra.locator.SimpleSeedProvider
            parameters:
              - seeds: "%1$s:%3$d"
        listen_address: %1$s
        rpc_address: %1$s
        storage_port: %3$d
        native_transport_port: %2$d
        start_native_transport: true
        data_file_directories:
          - %4$s
        commitlog_directory: %5$s
        saved_caches_directory: %6$s
        hints_directory: %7$s
        cdc_raw_directory: %8$s
        commitlog_sync: periodic
        commitlog_sync_period: 10000ms
        """
        .formatted(
            s.host(),
            s.nativePort(),
            s.storagePort(),
            quoted(dir.resolve("data")),
            quoted(dir.resolve("commitlog")),
            quoted(dir.resolve("saved_caches")),
            quoted(dir.resolve("hints")),
            quoted(dir.resolve("cdc_raw")));
  }

  /** YAML single-quoted scalar: no escapes except a doubled quote. */
  private static String quoted(Path path) {
    return "'" + path.toString().replace("'", "''") + "'";
  }

  /** INFO to stdout, which the parent appends to logs/cassandra.log. */
  static final String LOGBACK_XML =
      """
      <configuration scan="false">
        <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder>
            <pattern>%-5level [%thread] %date{ISO8601} %logger{20}:%line - %msg%n</pattern>
          </encoder>
        </appender>
        <root level="INFO">
          <appender-ref ref="STDOUT"/>
        </root>
      </configuration>
      """;
}
