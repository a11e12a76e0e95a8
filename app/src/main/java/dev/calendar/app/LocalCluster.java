package dev.calendar.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/calendar cluster N}: one Cassandra, one Kafka and N node JVMs on 127.0.0.1, with HTTP
 * on HTTP_PORT+i and remoting on PEKKO_PORT+i. Node 0 is the seed and creates the schema. Kill one
 * with {@code kill -9 <pid>} to watch the cluster heal; each node exits when this process dies.
 */
final class LocalCluster {
  private static final Logger log = LoggerFactory.getLogger(LocalCluster.class);

  private LocalCluster() {}

  static void run(Env env, int size) throws Exception {
    if (size < 1 || size > 9) {
      throw new IllegalArgumentException("cluster size must be 1 to 9");
    }
    LocalServers servers = LocalServers.start(env);
    List<NodeProcess> nodes = new ArrayList<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  nodes.forEach(NodeProcess::close);
                  servers.close();
                },
                "cluster-shutdown"));
    int httpBase = env.integer("HTTP_PORT", 8080);
    int pekkoBase = env.integer("PEKKO_PORT", 25520);
    String seed = "pekko://calendar@127.0.0.1:" + pekkoBase;
    Path logs = Files.createDirectories(servers.dataDir.resolve("logs"));
    for (int i = 0; i < size; i++) {
      Path logFile = logs.resolve("node-" + i + ".log");
      NodeProcess node =
          NodeProcess.start(
              Map.of(
                  "HTTP_PORT", Integer.toString(httpBase + i),
                  "PEKKO_PORT", Integer.toString(pekkoBase + i),
                  "SEED_NODES", seed,
                  "CASSANDRA_CONTACT_POINTS", servers.contactPoint(),
                  "KAFKA_BOOTSTRAP_SERVERS", servers.kafka.bootstrapServers(),
                  "SMTP_HOST", servers.mail.host(),
                  "SMTP_PORT", Integer.toString(servers.mail.smtpPort()),
                  "MANAGE_LINK_KEY", DevSecrets.manageLinkKey(servers.dataDir),
                  "CASSANDRA_CREATE_SCHEMA", Boolean.toString(i == 0)),
              logFile);
      nodes.add(node);
      node.awaitReady(Duration.ofMinutes(3));
      log.info(
          "node {} ready: http://127.0.0.1:{} pid {} log {}",
          i,
          node.httpPort(),
          node.pid(),
          logFile);
    }
    log.info("cluster of {} nodes is up; Ctrl-C stops everything", size);
    Thread.currentThread().join(); // until Ctrl-C: the shutdown hook stops nodes and servers
  }
}
