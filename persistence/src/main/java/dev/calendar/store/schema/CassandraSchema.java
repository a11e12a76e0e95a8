package dev.calendar.store.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.KeyspaceAndTableStatements;
import org.apache.pekko.persistence.cassandra.PluginSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates every keyspace and table the service uses, idempotently. Run once before the journal is
 * used: by each node when {@code calendar.cassandra.create-schema} is on (dev, tests, a single
 * node), otherwise once per deployment with {@code bin/calendar schema}. Concurrent schema changes
 * from many nodes are what Cassandra handles badly, so production turns the per-node run off.
 */
public final class CassandraSchema {
  private static final Logger log = LoggerFactory.getLogger(CassandraSchema.class);
  private static final String PLUGIN = "pekko.persistence.cassandra";
  private static final String OFFSET_STORE = "pekko.projection.cassandra.offset-store";

  private CassandraSchema() {}

  public static void create(ActorSystem<?> system, CqlSession session) {
    Config config = system.settings().config();
    String replication = config.getString("calendar.cassandra.replication");
    String keyspace = config.getString("calendar.cassandra.keyspace");
    var plugin =
        new KeyspaceAndTableStatements(
            system, PLUGIN, PluginSettings.apply(system.classicSystem()));

    String offsetKeyspace = config.getString(OFFSET_STORE + ".keyspace");

    List<String> statements = new ArrayList<>();
    for (String ks :
        new LinkedHashSet<>(
            List.of(
                config.getString(PLUGIN + ".journal.keyspace"),
                config.getString(PLUGIN + ".snapshot.keyspace"),
                keyspace,
                offsetKeyspace))) {
      statements.add("CREATE KEYSPACE IF NOT EXISTS " + ks + " WITH replication = " + replication);
    }
    statements.addAll(plugin.getCreateJournalTablesStatements());
    statements.addAll(plugin.getCreateSnapshotTablesStatements());
    statements.addAll(ServiceTables.statements(keyspace));
    statements.addAll(NotificationTables.statements(keyspace));
    statements.addAll(
        ServiceTables.projectionStatements(
            offsetKeyspace,
            config.getString(OFFSET_STORE + ".table"),
            config.getString(OFFSET_STORE + ".management-table")));

    for (String cql : statements) {
      execute(session, cql);
    }
    List<String> addedColumns = NotificationTables.addedColumns(keyspace);
    for (String cql : addedColumns) {
      addColumn(session, cql);
    }
    if (!session.checkSchemaAgreement()) {
      log.warn("Cassandra schema versions do not agree yet; continuing");
    }
    log.info(
        "Cassandra schema ready ({} statements, keyspace {})",
        statements.size() + addedColumns.size(),
        keyspace);
  }

  private static void execute(CqlSession session, String cql) {
    session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(30)));
  }

  /**
   * {@code ALTER TABLE … ADD}, which has no {@code IF NOT EXISTS} before Cassandra 4.1: a column
   * that is already there (a table created with it, an earlier run) is what we want, not an error.
   */
  private static void addColumn(CqlSession session, String cql) {
    try {
      execute(session, cql);
    } catch (InvalidQueryException e) {
      if (e.getMessage() == null || !e.getMessage().contains("already exists")) {
        throw e;
      }
    }
  }
}
