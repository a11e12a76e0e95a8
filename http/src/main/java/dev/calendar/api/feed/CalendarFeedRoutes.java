package dev.calendar.api.feed;

import dev.calendar.api.Authentication;
import dev.calendar.api.Caller;
import dev.calendar.api.Problem;
import dev.calendar.api.Replies;
import dev.calendar.api.bookingpage.PublicLimits;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.model.headers.EntityTag;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /users/{id}/calendar-feed-token} (self only) and the public {@code GET
 * /users/{id}/calendar.ics?token=}, which answers 304 to an {@code If-None-Match} of its ETag and
 * is limited per client address like the public booking-page reads.
 */
public final class CalendarFeedRoutes extends AllDirectives {
  static final ContentType.WithCharset TEXT_CALENDAR =
      ContentTypes.create(MediaTypes.TEXT_CALENDAR, HttpCharsets.UTF_8);

  // The token answer is a credential; the feed may be kept by its subscriber but revalidated.
  private static final CacheControl NO_STORE = CacheControl.create(CacheDirectives.NO_STORE);
  private static final CacheControl REVALIDATE =
      CacheControl.create(CacheDirectives.PRIVATE(), CacheDirectives.NO_CACHE);

  private final CalendarFeedService feeds;
  private final Authentication auth;
  private final PublicLimits limits;

  public CalendarFeedRoutes(CalendarFeedService feeds, Authentication auth, PublicLimits limits) {
    this.feeds = feeds;
    this.auth = auth;
    this.limits = limits;
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("users")
                .slash(PathMatchers.segment())
                .slash("calendar-feed-token"),
            idText -> post(() -> auth.authenticated(caller -> issue(caller, idText)))),
        path(
            PathMatchers.segment("users").slash(PathMatchers.segment()).slash("calendar.ics"),
            idText ->
                get(
                    () ->
                        limits.read(
                            () -> parameterOptional("token", token -> feed(idText, token))))));
  }

  private Route issue(Caller caller, String idText) {
    UUID id = caller.ownId(idText, "you can only access your own account");
    return respondWithHeader(
        NO_STORE,
        () ->
            onSuccess(
                feeds.issue(id), issued -> complete(Replies.toHttp(Replies.json(201, issued)))));
  }

  private Route feed(String idText, Optional<String> token) {
    UUID id = userId(idText);
    return onSuccess(
        feeds.feed(id, token.orElse(null)),
        feed ->
            respondWithHeader(
                REVALIDATE,
                () ->
                    conditional(
                        EntityTag.create(feed.etag(), false),
                        () ->
                            complete(
                                HttpResponse.create().withEntity(TEXT_CALENDAR, feed.text())))));
  }

  /** A path id that is not a UUID is a feed that does not exist. */
  private static UUID userId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no such calendar feed");
    }
  }
}
