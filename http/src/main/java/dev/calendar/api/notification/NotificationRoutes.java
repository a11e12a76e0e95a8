package dev.calendar.api.notification;

import dev.calendar.api.Authentication;
import dev.calendar.api.Caller;
import dev.calendar.api.Paging;
import dev.calendar.api.Problem;
import dev.calendar.api.Replies;
import dev.calendar.api.Windows;
import dev.calendar.schedule.Interval;
import dev.calendar.store.notification.NotificationHistory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /users/{id}/notifications?start=&end=&limit=&cursor=}: the caller's delivery history,
 * {@code limit} entries a page.
 */
public final class NotificationRoutes extends AllDirectives {
  static final Duration MAX_WINDOW = Duration.ofDays(366);

  private final NotificationService notifications;
  private final Authentication auth;

  public NotificationRoutes(NotificationService notifications, Authentication auth) {
    this.notifications = notifications;
    this.auth = auth;
  }

  public record NotificationList(
      List<NotificationHistory.Entry> notifications, String nextCursor) {}

  public Route route() {
    return path(
        PathMatchers.segment("users").slash(PathMatchers.segment()).slash("notifications"),
        idText -> get(() -> auth.authenticated(caller -> list(caller, idText))));
  }

  private Route list(Caller caller, String idText) {
    UUID userId = caller.ownId(idText, "you can only read your own notifications");
    return Windows.window(
        MAX_WINDOW,
        window ->
            Paging.limit(
                limit ->
                    parameterOptional(
                        "cursor", cursorText -> page(userId, window, limit, cursorText))));
  }

  private Route page(UUID userId, Interval window, int limit, Optional<String> cursorText) {
    Optional<NotificationHistory.Cursor> cursor =
        cursorText.map(
            text ->
                NotificationHistory.Cursor.decode(text)
                    .orElseThrow(
                        () ->
                            Problem.invalid(
                                "cursor", "must be a nextCursor from an earlier page")));
    return onSuccess(
        notifications.page(userId, window, cursor, limit),
        page ->
            complete(
                Replies.toHttp(
                    Replies.json(
                        200,
                        new NotificationList(page.entries(), page.nextCursor().orElse(null))))));
  }
}
