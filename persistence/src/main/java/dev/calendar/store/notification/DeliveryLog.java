package dev.calendar.store.notification;

import dev.calendar.notification.Notification;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The notifier's record of what it delivered. A delivery target is the notification's idempotency
 * key, or {@code key#webhookId} for each webhook URL; a target in a final status is never sent
 * again. The history is what {@code GET /users/{id}/notifications} lists, one row per notification.
 */
public interface DeliveryLog {

  /** What was recorded for one target. */
  record Recorded(DeliveryStatus status, int attempts) {}

  /** The target's status and attempts so far, empty when nothing was recorded for it yet. */
  CompletionStage<Optional<Recorded>> find(String target);

  /** Records one target's progress; {@code at} is also its sent time when {@code SENT}. */
  CompletionStage<Void> recordTarget(
      String target, DeliveryStatus status, int attempts, String error, Instant at);

  /**
   * Records the notification in its history user's list (a no-op without one). {@code recipient} is
   * the address used: email, phone, "n push tokens", or the webhook URL(s).
   */
  CompletionStage<Void> recordHistory(
      Notification notification,
      String recipient,
      DeliveryStatus status,
      int attempts,
      String error,
      Instant at);
}
