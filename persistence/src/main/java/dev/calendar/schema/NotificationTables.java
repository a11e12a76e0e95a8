package dev.calendar.schema;

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
            + " sequence bigint, PRIMARY KEY (event_id, recipient))");
  }
}
