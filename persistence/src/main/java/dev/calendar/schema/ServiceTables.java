package dev.calendar.schema;

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
        // One row per (caller scope, key): in progress, then the stored answer to replay.
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".idempotency (scope text, key text, request_hash text, state text,"
            + " taken_at timestamp, status int, content_type text, body text, location text,"
            + " PRIMARY KEY ((scope, key)))");
  }
}
