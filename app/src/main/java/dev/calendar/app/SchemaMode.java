package dev.calendar.app;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.calendar.schema.CassandraSchema;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/** {@code bin/calendar schema}: one run per deployment creates every keyspace and table. */
final class SchemaMode {
  private SchemaMode() {}

  static void run(Env env) throws Exception {
    Map<String, Object> overrides = NodeConfig.fromEnvironment(env.vars());
    // This run does not join a cluster; it only needs a driver session.
    overrides.put("pekko.actor.provider", "local");
    ActorSystem<Void> system =
        ActorSystem.create(Behaviors.empty(), "calendar-schema", NodeConfig.load(overrides));
    try {
      CqlSession cql =
          CassandraSessionRegistry.get(system)
              .sessionFor("pekko.persistence.cassandra")
              .underlying()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      CassandraSchema.create(system, cql);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
