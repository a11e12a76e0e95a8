package dev.calendar.app;

import java.util.Map;

/**
 * Entry point. {@code dev}: real local Cassandra and Kafka plus one node; {@code node}: a node
 * against external servers (production); {@code cluster N}: N local nodes on one Cassandra and one
 * Kafka; {@code schema}: create keyspaces and tables once, then exit.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length == 0 ? "dev" : args[0];
    Env env = Env.system();
    switch (mode) {
      case "dev" -> DevMode.run(env);
      case "node" -> runNode(env);
      case "cluster" -> LocalCluster.run(env, args.length > 1 ? Integer.parseInt(args[1]) : 3);
      case "schema" -> SchemaMode.run(env);
      default -> {
        System.err.println("usage: calendar dev | node | cluster N | schema");
        System.exit(2);
      }
    }
  }

  private static void runNode(Env env) throws Exception {
    Map<String, Object> overrides = NodeConfig.fromEnvironment(env.vars());
    // A node that the Split Brain Resolver downs must exit so its supervisor restarts it.
    overrides.put("pekko.coordinated-shutdown.exit-jvm", true);
    Node node = Node.start(NodeConfig.load(overrides));
    node.system().getWhenTerminated().toCompletableFuture().join();
  }
}
