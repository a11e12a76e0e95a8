package dev.calendar.app;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/calendar dev}: real Cassandra and Kafka as child processes, GreenMail and the SMS/push
 * provider sink in-process, then one node. Ctrl-C or SIGTERM stops the node first and the servers
 * after; if this JVM dies outright the servers notice their parent is gone and stop themselves.
 */
final class DevMode {
  private static final Logger log = LoggerFactory.getLogger(DevMode.class);

  private DevMode() {}

  static void run(Env env) throws Exception {
    long started = System.nanoTime();
    LocalServers servers = LocalServers.start(env);
    Node node;
    try {
      Map<String, Object> overrides = servers.nodeOverrides();
      overrides.putAll(NodeConfig.fromEnvironment(env.vars()));
      overrides.put("calendar.dev-mode", true);
      overrides.put("calendar.http.host", env.string("HTTP_HOST", "127.0.0.1"));
      node = Node.start(NodeConfig.load(overrides));
    } catch (Exception | Error e) {
      servers.close();
      throw e;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  servers.close();
                },
                "dev-mode-shutdown"));
    double seconds = (System.nanoTime() - started) / 1e9;
    log.info(
        String.format(
            "%n  calendar dev is up in %.1f s%n"
                + "    HTTP       http://127.0.0.1:%d   (try /health/ready, /openapi.yaml)%n"
                + "    Cassandra  %s%n"
                + "    Kafka      %s%n"
                + "    Mail       smtp://127.0.0.1:%d   imap://127.0.0.1:%d   (any login)%n"
                + "    SMS/push   %s/messages   (what the notifier sent)%n"
                + "    data       %s   logs: %s/*/logs%n"
                + "  Ctrl-C stops everything.",
            seconds,
            node.httpPort(),
            servers.contactPoint(),
            servers.kafka.bootstrapServers(),
            servers.mail.smtpPort(),
            servers.mail.imapPort(),
            servers.providerSink.url(),
            servers.dataDir,
            servers.dataDir));
    node.system().getWhenTerminated().toCompletableFuture().join();
  }
}
