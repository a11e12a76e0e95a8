package dev.calendar.devservers;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hand check, not run by the build: starts Cassandra and Kafka with free ports under the given
 * directory, prints pids, times and resident memory, then waits for Enter (or forever with {@code
 * --hold}, to try {@code kill -9} on this JVM) and stops both.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.calendar.devservers.ManualCheck /tmp/ds1 [--hold] [--cassandra-only|--kafka-only]
 * </pre>
 */
public final class ManualCheck {

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]).toAbsolutePath();
    boolean hold = java.util.Arrays.asList(args).contains("--hold");
    boolean wantCassandra = !java.util.Arrays.asList(args).contains("--kafka-only");
    boolean wantKafka = !java.util.Arrays.asList(args).contains("--cassandra-only");
    System.out.println("parent pid " + ProcessHandle.current().pid());
    CassandraServer cassandra = null;
    KafkaServer kafka = null;
    try {
      if (wantCassandra) {
        long t0 = System.nanoTime();
        CassandraSettings cs = cassandraSettings(base.resolve("cassandra"));
        cassandra = CassandraServer.start(cs);
        System.out.printf(
            "cassandra pid %d ready on %s:%d in %d ms (rss %s)%n",
            cassandra.pid(),
            cassandra.host(),
            cassandra.nativePort(),
            (System.nanoTime() - t0) / 1_000_000,
            rss(cassandra.pid()));
      }
      if (wantKafka) {
        long t0 = System.nanoTime();
        kafka = KafkaServer.start(kafkaSettings(base.resolve("kafka")));
        System.out.printf(
            "kafka pid %d ready on %s in %d ms (rss %s)%n",
            kafka.pid(),
            kafka.bootstrapServers(),
            (System.nanoTime() - t0) / 1_000_000,
            rss(kafka.pid()));
      }
      Thread.sleep(5000);
      if (cassandra != null) {
        System.out.println("cassandra rss after 5 s: " + rss(cassandra.pid()));
      }
      if (kafka != null) {
        System.out.println("kafka rss after 5 s: " + rss(kafka.pid()));
      }
      if (hold) {
        CassandraServer c = cassandra;
        KafkaServer k = kafka;
        // Like dev mode on Ctrl-C: the children, in their own sessions, must not get the SIGINT;
        // this hook stops them after showing they still serve.
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      sleepQuietly(2000);
                      if (c != null) {
                        System.out.println(
                            "hook: cassandra alive "
                                + c.isAlive()
                                + ", CQL port accepts "
                                + ChildProcess.accepts(c.host(), c.nativePort()));
                        c.close();
                      }
                      if (k != null) {
                        System.out.println("hook: kafka alive " + k.isAlive());
                        k.close();
                      }
                      System.out.println("hook: stopped");
                    }));
        System.out.println("holding; kill me");
        Thread.sleep(Long.MAX_VALUE);
      } else {
        System.out.println("press Enter to stop");
        System.in.read();
      }
    } finally {
      long t0 = System.nanoTime();
      if (cassandra != null) {
        cassandra.close();
        cassandra.close(); // idempotent
      }
      if (kafka != null) {
        kafka.close();
      }
      System.out.printf("stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    }
  }

  /** Same ports as the previous run in that directory, so a restart checks reuse. */
  private static CassandraSettings cassandraSettings(Path dir) throws Exception {
    Path file = dir.resolveSibling(dir.getFileName() + ".ports");
    if (Files.exists(file)) {
      String[] p = Files.readString(file).trim().split(" ");
      return new CassandraSettings(
          dir, "127.0.0.1", Integer.parseInt(p[0]), Integer.parseInt(p[1]), 1024);
    }
    CassandraSettings s = CassandraSettings.withFreePorts(dir, 1024);
    Files.createDirectories(dir.getParent());
    Files.writeString(file, s.nativePort() + " " + s.storagePort());
    return s;
  }

  private static KafkaSettings kafkaSettings(Path dir) throws Exception {
    Path file = dir.resolveSibling(dir.getFileName() + ".ports");
    if (Files.exists(file)) {
      String[] p = Files.readString(file).trim().split(" ");
      return new KafkaSettings(
          dir, "127.0.0.1", Integer.parseInt(p[0]), Integer.parseInt(p[1]), 512);
    }
    KafkaSettings s = KafkaSettings.withFreePorts(dir, 512);
    Files.createDirectories(dir.getParent());
    Files.writeString(file, s.port() + " " + s.controllerPort());
    return s;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String rss(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return line.substring(6).trim();
      }
    }
    return "?";
  }
}
