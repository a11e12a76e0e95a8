package dev.calendar.store.schema;

import java.util.List;

/** The service's own tables (besides the journal's), one statement each. */
final class ServiceTables {
  private ServiceTables() {}

  static List<String> statements(String ks) {
    return List.of(
        // A session row lives exactly as long as the session (TTL); only the token's hash is kept.
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".sessions (token_hash text PRIMARY KEY, user_id uuid, created_at timestamp,"
            + " expires_at timestamp)",
        // The same sessions by user, so that a password change can end all of them but one.
        // Written before the sessions row and deleted after it: a usable session is always listed.
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".sessions_by_user (user_id uuid, token_hash text, expires_at timestamp,"
            + " PRIMARY KEY ((user_id), token_hash))",
        // One row per (caller scope, key): in progress, then the stored answer to replay.
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".idempotency (scope text, key text, request_hash text, state text,"
            + " taken_at timestamp, status int, content_type text, body text, location text,"
            + " PRIMARY KEY ((scope, key)))");
  }

  /**
   * pekko-projection-cassandra's offset store and management tables (its own DDL, which would
   * create the keyspace with a fixed replication of 1, is not used).
   */
  static List<String> projectionStatements(String ks, String offsetTable, String managementTable) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "."
            + offsetTable
            + " (projection_name text, partition int, projection_key text, offset text,"
            + " manifest text, last_updated timestamp,"
            + " PRIMARY KEY ((projection_name, partition), projection_key))",
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + "."
            + managementTable
            + " (projection_name text, partition int, projection_key text, paused boolean,"
            + " last_updated timestamp,"
            + " PRIMARY KEY ((projection_name, partition), projection_key))");
  }
}
