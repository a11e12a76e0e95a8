package dev.calendar.bench;

import java.net.URI;
import java.util.OptionalLong;

/**
 * The processes of the test on this machine, found by their listening ports: the node (with its
 * child processes, dev mode's Cassandra and Kafka) and the journal's Cassandra. CPU used by any
 * other process disturbs the run. Empty where they run elsewhere.
 */
record UnderTest(OptionalLong node, OptionalLong cassandra) {
  /**
   * @param node the node's HTTP address, or null when the program does not use a node
   * @param cassandra host:port of the journal's Cassandra
   */
  static UnderTest find(URI node, String cassandra) {
    OptionalLong nodePid = OptionalLong.empty();
    if (node != null) {
      int port =
          node.getPort() != -1 ? node.getPort() : "https".equals(node.getScheme()) ? 443 : 80;
      nodePid = PortOwner.of(node.getHost(), port);
    }
    int colon = cassandra.lastIndexOf(':');
    OptionalLong cassandraPid =
        colon < 0
            ? PortOwner.of(cassandra, 9042)
            : PortOwner.of(
                cassandra.substring(0, colon), Integer.parseInt(cassandra.substring(colon + 1)));
    return new UnderTest(nodePid, cassandraPid);
  }
}
