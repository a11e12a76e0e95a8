package dev.calendar.app;

import com.datastax.oss.driver.api.core.CqlSession;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;

/**
 * The driver session of the journal plugin, shared by everything else on the node (stores, schema,
 * benchmarks) so one node holds one connection pool.
 */
public final class CassandraSessions {
  private CassandraSessions() {}

  /** Waits up to a minute for the session to connect; only for start-up, never on an actor. */
  public static CqlSession of(ActorSystem<?> system) throws Exception {
    return CassandraSessionRegistry.get(system)
        .sessionFor("pekko.persistence.cassandra")
        .underlying()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }
}
