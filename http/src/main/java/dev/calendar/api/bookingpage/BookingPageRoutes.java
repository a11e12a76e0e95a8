package dev.calendar.api.bookingpage;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.calendar.api.Fields;
import dev.calendar.api.Idempotency;
import dev.calendar.api.JsonBodies;
import dev.calendar.api.Problem;
import dev.calendar.api.Replies;
import dev.calendar.api.Windows;
import dev.calendar.bookingpage.EventType;
import dev.calendar.meeting.Meeting;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The public side of booking pages, for anyone with the link and no account: a type's description
 * and slots, booking a slot, and the guest's manage link (see, cancel, move). Rate-limited per
 * client address.
 */
public final class BookingPageRoutes extends AllDirectives {
  static final Duration MAX_SLOT_WINDOW = Duration.ofDays(31);

  private final BookingPageService pages;
  private final PublicLimits limits;

  public BookingPageRoutes(BookingPageService pages, PublicLimits limits) {
    this.pages = pages;
    this.limits = limits;
  }

  record TypeInfo(
      UUID ownerId,
      String slug,
      String title,
      String description,
      String duration,
      String timezone,
      String location,
      int seats) {}

  record BookedView(
      UUID eventId, Instant start, Instant end, String manageToken, String manageUrl) {}

  record GuestView(
      UUID eventId,
      String title,
      Instant start,
      Instant end,
      String timezone,
      String status,
      String hostName,
      String location) {}

  public Route route() {
    return pathPrefix(
        "book",
        () ->
            concat(
                pathPrefix(
                    "manage",
                    () ->
                        concat(
                            path(
                                PathMatchers.segment(),
                                token ->
                                    limits.write(
                                        () ->
                                            concat(
                                                get(() -> showGuest(token)),
                                                delete(() -> cancel(token))))),
                            path(
                                PathMatchers.segment().slash("reschedule"),
                                token -> post(() -> limits.write(() -> reschedule(token)))))),
                path(
                    PathMatchers.segment().slash(PathMatchers.segment()),
                    (owner, slug) ->
                        concat(
                            get(() -> limits.read(() -> info(ownerId(owner), slug(slug)))),
                            post(() -> limits.write(() -> book(ownerId(owner), slug(slug)))))),
                path(
                    PathMatchers.segment().slash(PathMatchers.segment()).slash("slots"),
                    (owner, slug) ->
                        get(() -> limits.read(() -> slots(ownerId(owner), slug(slug)))))));
  }

  /** An id that is not a user's is a page that does not exist. */
  private static UUID ownerId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw Problem.notFound("no such booking page");
    }
  }

  private static String slug(String text) {
    if (!Slugs.isValid(text)) {
      throw Problem.notFound("no such booking page");
    }
    return text;
  }

  private Route info(UUID ownerId, String slug) {
    return onSuccess(
        pages.describe(ownerId, slug),
        page -> {
          EventType t = page.type();
          return ok(
              new TypeInfo(
                  t.ownerId(),
                  t.slug(),
                  t.title(),
                  t.description(),
                  t.duration().toString(),
                  zoneOf(page).getId(),
                  t.location(),
                  t.seats()));
        });
  }

  private Route slots(UUID ownerId, String slug) {
    return parameterOptional(
        "timezone",
        zoneText -> {
          Optional<ZoneId> label = zoneText.map(BookingPageRoutes::zone);
          return Windows.window(
              MAX_SLOT_WINDOW,
              window ->
                  onSuccess(
                      pages.slots(ownerId, slug, window),
                      listed -> {
                        ZoneId zone = label.orElseGet(() -> zoneOf(listed.from().page()));
                        return complete(
                            HttpResponse.create()
                                .withEntity(
                                    ContentTypes.APPLICATION_JSON, slotList(zone, listed.json())));
                      }));
        });
  }

  /**
   * {@code {"timezone":…,"slots":[…]}} around a kept list's JSON; a zone id needs no escaping (its
   * characters are letters, digits, '/', '_', '-' and '+').
   */
  static byte[] slotList(ZoneId zone, byte[] slots) {
    byte[] head = ("{\"timezone\":\"" + zone.getId() + "\",\"slots\":").getBytes(US_ASCII);
    byte[] out = new byte[head.length + slots.length + 1];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(slots, 0, out, head.length, slots.length);
    out[out.length - 1] = '}';
    return out;
  }

  private Route book(UUID ownerId, String slug) {
    return JsonBodies.route(
        body ->
            optionalHeaderValueByName(
                Idempotency.HEADER,
                header -> {
                  GuestBooking guest = GuestBooking.parse(body);
                  String key = Idempotency.key(header, body, true).orElse(null);
                  return onSuccess(
                      pages.book(ownerId, slug, guest, key, Idempotency.requestHash(body)),
                      booked -> {
                        Meeting m = booked.meeting();
                        var view =
                            new BookedView(
                                m.id(),
                                m.details().schedule().start(),
                                m.details().schedule().end(),
                                booked.manageToken(),
                                booked.manageUrl());
                        return complete(Replies.toHttp(Replies.created(view, booked.manageUrl())));
                      });
                }));
  }

  private Route showGuest(String token) {
    return onSuccess(
        pages.manage(token),
        found -> {
          Meeting m = found.getKey();
          var s = m.details().schedule();
          return ok(
              new GuestView(
                  m.id(),
                  m.details().title(),
                  s.start(),
                  s.end(),
                  s.zone().getId(),
                  m.cancelled() ? "cancelled" : "confirmed",
                  found.getValue().name(),
                  m.details().location()));
        });
  }

  private Route cancel(String token) {
    return onSuccess(
        pages.cancel(token),
        m -> complete(HttpResponse.create().withStatus(StatusCodes.NO_CONTENT)));
  }

  private Route reschedule(String token) {
    return JsonBodies.route(
        body -> {
          var f = new Fields(body);
          Instant start = f.requiredInstant("start");
          f.throwIfInvalid();
          return onSuccess(
              pages.reschedule(token, start),
              m ->
                  ok(
                      new BookedView(
                          m.id(),
                          m.details().schedule().start(),
                          m.details().schedule().end(),
                          token,
                          pages.links().url(token))));
        });
  }

  private static ZoneId zone(String text) {
    try {
      return ZoneId.of(text);
    } catch (RuntimeException e) {
      throw Problem.invalid("timezone", "is not a known time zone");
    }
  }

  /** The zone the host's working hours are in (UTC when none are set). */
  private static ZoneId zoneOf(BookingPageService.Page page) {
    var hours = page.hosts().get(0).hours();
    return hours == null ? ZoneOffset.UTC : hours.zone();
  }

  private Route ok(Object body) {
    return complete(Replies.toHttp(Replies.json(200, body)));
  }
}
