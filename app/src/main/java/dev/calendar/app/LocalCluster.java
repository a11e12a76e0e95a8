package dev.calendar.app;

import dev.calendar.devservers.ParentWatchdog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/calendar cluster N}: one Cassandra, one Kafka and N node JVMs on 127.0.0.1, with HTTP
 * on HTTP_PORT+i and remoting on PEKKO_PORT+i. Node 0 is the seed and creates the schema. Each node
 * runs under {@link ParentWatchdog}, so it exits when this process dies; kill one with {@code kill
 * -9 <pid>} to watch the cluster heal.
 */
final class LocalCluster {
  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

  private LocalCluster() {}

  static void run(Env env, int size) throws Exception {
    if (size < 1 || size > 9) {
      throw new IllegalArgumentException("cluster size must be 1 to 9");
    }
    LocalServers servers = LocalServers.start(env);
    List<Process> nodes = new ArrayList<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  nodes.forEach(Process::destroy);
                  nodes.forEach(LocalCluster::awaitExit);
                  servers.close();
                },
                "cluster-shutdown"));
    int httpBase = env.integer("HTTP_PORT", 8080);
    int pekkoBase = env.integer("PEKKO_PORT", 25520);
    String seed = "pekko://calendar@127.0.0.1:" + pekkoBase;
    Path logs = Files.createDirectories(servers.dataDir.resolve("logs"));
    for (int i = 0; i < size; i++) {
      Map<String, String> nodeEnv =
          Map.of(
              "HTTP_PORT", Integer.toString(httpBase + i),
              "PEKKO_PORT", Integer.toString(pekkoBase + i),
              "SEED_NODES", seed,
              "CASSANDRA_CONTACT_POINTS", servers.contactPoint(),
              "KAFKA_BOOTSTRAP_SERVERS", servers.kafka.bootstrapServers(),
              "CASSANDRA_CREATE_SCHEMA", Boolean.toString(i == 0));
      Process process = spawn(nodeEnv, logs.resolve("node-" + i + ".log"));
      nodes.add(process);
      awaitReady(httpBase + i, process);
      log.info(
          "node {} ready: http://127.0.0.1:{} pid {} log {}",
          i,
          httpBase + i,
          process.pid(),
          logs.resolve("node-" + i + ".log"));
    }
    log.info("cluster of {} nodes is up; Ctrl-C stops everything", size);
    for (Process node : nodes) {
      node.waitFor();
    }
  }

  private static Process spawn(Map<String, String> nodeEnv, Path logFile) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=4");
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ParentWatchdog.class.getName());
    command.add(Main.class.getName());
    command.add("node");
    var builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().putAll(nodeEnv);
    // stdin stays a pipe that this JVM never closes: its EOF tells the node we are gone.
    return builder.start();
  }

  private static void awaitReady(int httpPort, Process process) throws Exception {
    var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("node on port " + httpPort + " exited; see its log");
      }
      try {
        if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500); // polling interval while waiting for the node's readiness
    }
    throw new IllegalStateException("node on port " + httpPort + " not ready within 3 minutes");
  }

  private static void awaitExit(Process process) {
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
