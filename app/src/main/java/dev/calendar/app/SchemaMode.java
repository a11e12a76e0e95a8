package dev.calendar.app;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.calendar.store.schema.CassandraSchema;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

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
      CqlSession cql = CassandraSessions.of(system);
      CassandraSchema.create(system, cql);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
