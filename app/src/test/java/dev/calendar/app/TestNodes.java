package dev.calendar.app;

import static org.awaitility.Awaitility.await;

import dev.calendar.devservers.FreePorts;
import dev.calendar.devservers.TestServers;
import dev.calendar.session.SessionEvictor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Nodes for integration tests, all on the one real Cassandra and Kafka that {@link TestServers}
 * starts per test JVM. {@link #shared()} is one node reused by tests that need no node of their
 * own.
 */
final class TestNodes {
  private static Node shared;

  /** One manage-link key for every node of a test run, as a cluster shares one. */
  static final String LINK_KEY = DevSecrets.newKey();

  private TestNodes() {}

  static synchronized Node shared() throws Exception {
    if (shared == null) {
      shared = start(FreePorts.next(), List.of());
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "stop-shared-node"));
    }
    return shared;
  }

  /** A node on its own remoting port; with no seeds it forms a cluster of its own. */
  static Node start(int pekkoPort, List<String> seeds) throws Exception {
    return Node.start(NodeConfig.load(overrides(pekkoPort, seeds)));
  }

  static Map<String, Object> overrides(int pekkoPort, List<String> seeds) {
    var cassandra = TestServers.cassandra();
    var kafka = TestServers.kafka();
    Map<String, Object> o = new HashMap<>();
    o.put(
        "datastax-java-driver.basic.contact-points",
        List.of(cassandra.host() + ":" + cassandra.nativePort()));
    o.put("calendar.kafka.bootstrap-servers", kafka.bootstrapServers());
    var mail = TestServers.mail();
    o.put("calendar.mail.smtp.host", mail.host());
    o.put("calendar.mail.smtp.port", mail.smtpPort());
    var providers = TestServers.providerSink();
    o.put("calendar.notifier.sms.base-url", providers.url());
    o.put("calendar.notifier.push.base-url", providers.url());
    o.put("calendar.http.host", "127.0.0.1");
    o.put("calendar.http.port", 0);
    o.put("pekko.remote.artery.canonical.port", pekkoPort);
    o.put("pekko.cluster.seed-nodes", seeds);
    o.put("calendar.dev-mode", true);
    o.put("calendar.booking-pages.link-key", LINK_KEY);
    // Tests book from one address, many at once; the limits have tests of their own.
    o.put("calendar.booking-pages.rate-limits.reads.burst", 100000);
    o.put("calendar.booking-pages.rate-limits.writes.burst", 100000);
    o.put("calendar.booking-pages.rate-limits.writes.per-minute", 100000);
    // Every suite logs in from 127.0.0.1, some with many wrong passwords on purpose; the log-in
    // throttle has its own suite (LoginThrottleIT) on a node of its own.
    o.put("calendar.login-throttle.per-account.burst", 1000);
    o.put("calendar.login-throttle.per-address.burst", 10000);
    // Connections poll within seconds here (minutes in production), so sync tests wait little.
    o.put("calendar.connections.poll-interval", "1s");
    o.put("calendar.connections.min-poll-interval", "1s");
    o.put("calendar.connections.backoff-min", "500ms");
    o.put("calendar.connections.backoff-max", "2s");
    return o;
  }

  /**
   * Waits until {@code node} lists the session evictors of {@code count} nodes. A log-out reaches
   * another node's session cache only once that node's evictor is listed, which the Receptionist
   * spreads by gossip within seconds of the node joining.
   */
  static void awaitSessionEvictors(Node node, int count) {
    var system = node.system();
    await()
        .alias(count + " session evictors listed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                            system.receptionist(),
                            reply -> Receptionist.find(SessionEvictor.KEY, reply),
                            Duration.ofSeconds(5),
                            system.scheduler())
                        .toCompletableFuture()
                        .get()
                        .getServiceInstances(SessionEvictor.KEY)
                        .size()
                    == count);
  }

  static String address(int pekkoPort) {
    return "pekko://calendar@127.0.0.1:" + pekkoPort;
  }
}
