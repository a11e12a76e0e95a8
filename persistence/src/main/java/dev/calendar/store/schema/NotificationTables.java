package dev.calendar.store.schema;

import java.util.List;

/**
 * Tables of reminders and notifications (docs/notifications.md): the reminder index and scheduler
 * checkpoints, the notifier's delivery log and each user's delivery history, and what each
 * meeting's participants were last told.
 */
final class NotificationTables {
  private NotificationTables() {}

  static List<String> statements(String ks) {
    return List.of(
        // The notifier's delivery log: one row per delivery target (the idempotency key, or
        // key#webhookId for each webhook URL). A row in status sent or dead makes a redelivered
        // message a no-op.
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".notification_deliveries (key text PRIMARY KEY, status text, attempts int,"
            + " sent_at timestamp, error text, updated_at timestamp)"
            + " WITH default_time_to_live = 34560000",
        // GET /users/{id}/notifications: a user's deliveries by due time (kept 400 days).
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".notifications_by_user (user_id uuid, due_at timestamp, key text, kind text,"
            + " channel text, recipient text, event_id uuid, occurrence_start timestamp,"
            + " sent_at timestamp, attempts int, status text, error text,"
            + " PRIMARY KEY ((user_id), due_at, key))"
            + " WITH default_time_to_live = 34560000",
        // What each recipient of a meeting's emails was last told (meeting notifications
        // projection): the fingerprint of the invitation they hold, or 'cancelled', and its iTIP
        // SEQUENCE. recipient: a user id, or a guest's lower-cased address. Kept as long as the
        // meeting, so a late change still reaches everyone told.
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".meeting_recipients (event_id uuid, recipient text, fingerprint text,"
            + " sequence bigint, PRIMARY KEY (event_id, recipient))",
        // The reminder index (ReminderIndex): reminders by partition (floorMod of the event id's
        // hash, calendar.reminders.partitions) and minute of their due time, read by the scheduler
        // minute by minute. A row carries all the notification needs. Rows expire a week after
        // they fall due (TTL set per write). zone: the event's time zone id, in which guests are
        // told the time.
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".reminders_by_minute (partition int, minute timestamp, due_at timestamp, key text,"
            + " event_id uuid, occurrence_start timestamp, occurrence_end timestamp, offset text,"
            + " channel text, user_id uuid, address text, history_user_id uuid, title text,"
            + " recurring boolean, zone text, PRIMARY KEY ((partition, minute), due_at, key))",
        // An event's indexed reminders, to move or withdraw them when it changes.
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".reminders_by_event (event_id uuid, key text, partition int, minute timestamp,"
            + " due_at timestamp, PRIMARY KEY ((event_id), key))",
        // Each scheduler partition's watermark: every reminder due at or before it was handled.
        "CREATE TABLE IF NOT EXISTS "
            + ks
            + ".reminder_checkpoints (partition int PRIMARY KEY, watermark timestamp)");
  }

  /**
   * Columns added to tables after they were first deployed: {@code CREATE TABLE IF NOT EXISTS}
   * leaves an existing table as it is, so each is also added here. On a table created with the
   * column already, Cassandra answers "already exists", which {@link CassandraSchema} ignores.
   */
  static List<String> addedColumns(String ks) {
    return List.of(
        // Rows written before it read as UTC.
        "ALTER TABLE " + ks + ".reminders_by_minute ADD zone text");
  }
}
