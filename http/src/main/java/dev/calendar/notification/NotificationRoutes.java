package dev.calendar.notification;

import dev.calendar.http.Authentication;
import dev.calendar.http.Caller;
import dev.calendar.http.Problem;
import dev.calendar.http.Replies;
import dev.calendar.http.Windows;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /users/{id}/notifications?start=&end=&cursor=}: the caller's delivery history. */
public final class NotificationRoutes extends AllDirectives {
  static final Duration MAX_WINDOW = Duration.ofDays(366);
  static final int PAGE_SIZE = 100;

  private final NotificationHistory history;
  private final Authentication auth;

  public NotificationRoutes(NotificationHistory history, Authentication auth) {
    this.history = history;
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
            parameterOptional(
                "cursor",
                cursorText -> {
                  Optional<NotificationHistory.Cursor> cursor =
                      cursorText.map(
                          text ->
                              NotificationHistory.Cursor.decode(text)
                                  .orElseThrow(
                                      () ->
                                          Problem.invalid(
                                              "cursor",
                                              "must be a nextCursor from an earlier page")));
                  return onSuccess(
                      history.page(userId, window.start(), window.end(), cursor, PAGE_SIZE),
                      page ->
                          complete(
                              Replies.toHttp(
                                  Replies.json(
                                      200,
                                      new NotificationList(
                                          page.entries(), page.nextCursor().orElse(null))))));
                }));
  }
}
