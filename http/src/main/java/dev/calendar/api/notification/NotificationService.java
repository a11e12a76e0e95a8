package dev.calendar.api.notification;

import dev.calendar.schedule.Interval;
import dev.calendar.store.notification.NotificationHistory;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** A user's delivery history, read from the notification store a page at a time. */
public final class NotificationService {
  /** Reads one page of a user's deliveries in a window. */
  @FunctionalInterface
  interface Pages {
    CompletionStage<NotificationHistory.Page> page(
        UUID userId, Interval window, Optional<NotificationHistory.Cursor> after, int limit);
  }

  private final Pages pages;

  public NotificationService(NotificationHistory history) {
    this(
        (userId, window, after, limit) ->
            history.page(userId, window.start(), window.end(), after, limit));
  }

  /** Over any store: for tests that give canned pages. */
  NotificationService(Pages pages) {
    this.pages = pages;
  }

  /** Up to {@code limit} deliveries of {@code userId} in {@code window}, after {@code cursor}. */
  CompletionStage<NotificationHistory.Page> page(
      UUID userId, Interval window, Optional<NotificationHistory.Cursor> cursor, int limit) {
    return pages.page(userId, window, cursor, limit);
  }
}
