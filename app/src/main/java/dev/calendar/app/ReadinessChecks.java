package dev.calendar.app;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.calendar.api.ReadinessCheck;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** What {@code /health/ready} asks: a cluster member that is Up, the journal, the broker. */
final class ReadinessChecks {
  private ReadinessChecks() {}

  static List<ReadinessCheck> of(ActorSystem<?> system, CqlSession cassandra, Admin kafka) {
    return List.of(
        check(
            "cluster",
            () ->
                CompletableFuture.completedFuture(
                    Cluster.get(system).selfMember().status() == MemberStatus.up())),
        check(
            "cassandra",
            () ->
                cassandra
                    .executeAsync(
                        SimpleStatement.newInstance("SELECT release_version FROM system.local")
                            .setTimeout(Duration.ofSeconds(2)))
                    .thenApply(rs -> rs.one() != null)),
        check(
            "kafka",
            () ->
                kafka
                    .describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                    .nodes()
                    .toCompletionStage()
                    .thenApply(nodes -> !nodes.isEmpty())));
  }

  private static ReadinessCheck check(
      String name, java.util.function.Supplier<CompletionStage<Boolean>> probe) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public CompletionStage<Boolean> check() {
        return probe.get();
      }
    };
  }
}
