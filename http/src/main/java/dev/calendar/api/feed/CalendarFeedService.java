package dev.calendar.api.feed;

import dev.calendar.api.EntityAsk;
import dev.calendar.api.Problem;
import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.digest.Sha256;
import dev.calendar.external.IcsFeed;
import dev.calendar.invitation.InvitationPlan;
import dev.calendar.invitation.Invitations;
import dev.calendar.user.FeedTokens;
import dev.calendar.user.UserEntity;
import dev.calendar.user.UserProfile;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Issues feed tokens (the user entity keeps only their hash) and renders a user's confirmed
 * bookings as the feed, for whoever holds the current token. Organizers other than the user are
 * named by their account's address, looked up per render.
 */
public final class CalendarFeedService {
  private static final String NO_FEED = "no such calendar feed";

  private final EntityAsk<UserEntity.Command> users;
  private final EntityAsk<CalendarEntity.Command> calendars;
  private final Function<UUID, CompletionStage<UserProfile>> profiles;
  private final String publicBaseUrl;
  private final SecureRandom random;
  private final Clock clock;

  /**
   * @param profiles looks up an organizer's account
   * @param publicBaseUrl where clients reach the service (config {@code
   *     calendar.http.public-base-url}), the start of the feed's URL
   */
  public CalendarFeedService(
      EntityAsk<UserEntity.Command> users,
      EntityAsk<CalendarEntity.Command> calendars,
      Function<UUID, CompletionStage<UserProfile>> profiles,
      String publicBaseUrl,
      SecureRandom random,
      Clock clock) {
    this.users = users;
    this.calendars = calendars;
    this.profiles = profiles;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    this.random = random;
    this.clock = clock;
  }

  /** A new token and the feed URL it opens (shown once: only its hash is kept). */
  public record Issued(String token, String url) {}

  /** The feed's text and its entity tag (unquoted), a hash of the text. */
  public record Feed(String text, String etag) {}

  /** A new token for {@code userId}'s feed; the one before stops working. */
  public CompletionStage<Issued> issue(UUID userId) {
    String token = FeedTokens.newToken(random);
    return users
        .<UserEntity.Result>ask(
            userId.toString(),
            r -> new UserEntity.IssueFeedToken(FeedTokens.hash(token), clock.instant(), r))
        .thenApply(
            result -> {
              if (!(result instanceof UserEntity.Found)) {
                throw Problem.notFound("no such user");
              }
              return new Issued(token, url(userId, token));
            });
  }

  String url(UUID userId, String token) {
    return publicBaseUrl + "/users/" + userId + "/calendar.ics?token=" + token;
  }

  /**
   * The feed of {@code userId} when {@code token} is its current token; otherwise 404, the same for
   * a wrong, revoked or malformed token and an unknown user.
   */
  public CompletionStage<Feed> feed(UUID userId, String token) {
    if (!FeedTokens.wellFormed(token)) {
      return CompletableFuture.failedFuture(Problem.notFound(NO_FEED));
    }
    return users
        .<UserEntity.Result>ask(
            userId.toString(), r -> new UserEntity.OpenFeed(FeedTokens.hash(token), r))
        .thenCompose(
            result -> {
              if (!(result instanceof UserEntity.Found found)) {
                throw Problem.notFound(NO_FEED);
              }
              return calendars
                  .<CalendarEntity.Bookings>ask(userId.toString(), CalendarEntity.GetBookings::new)
                  .thenCompose(bookings -> render(found.profile(), bookings.confirmed()));
            });
  }

  private CompletionStage<Feed> render(UserProfile user, List<Booking> bookings) {
    TreeSet<UUID> others = new TreeSet<>();
    bookings.stream()
        .map(Booking::organizerId)
        .filter(id -> !id.equals(user.id()))
        .forEach(others::add);
    Map<UUID, CompletableFuture<Organizer>> organizers = new TreeMap<>();
    organizers.put(user.id(), CompletableFuture.completedFuture(Organizer.of(user.id(), user)));
    for (UUID id : others) {
      organizers.put(
          id,
          profiles
              .apply(id)
              .thenApply(p -> Organizer.of(id, p))
              // An organizer whose account cannot be read now is named by id, not dropped.
              .exceptionally(failure -> Organizer.unknown(id))
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(organizers.values().toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              List<IcsFeed.Entry> entries = new ArrayList<>();
              for (Booking b : bookings) {
                Organizer o = organizers.get(b.organizerId()).join();
                entries.add(
                    new IcsFeed.Entry(
                        Invitations.uid(b.eventId()),
                        InvitationPlan.sequence(b.version()),
                        b.updatedAt(),
                        b.title(),
                        b.schedule(),
                        o.address(),
                        o.name()));
              }
              String text = IcsFeed.write(name(user), user.timezone(), entries);
              return new Feed(text, etag(text));
            });
  }

  /** X-WR-CALNAME: what a calendar app names the subscription at first (the user's name). */
  static String name(UserProfile user) {
    return user.name() == null || user.name().isBlank() ? user.email() : user.name();
  }

  /** A strong ETag: 128 bits of the text's SHA-256, so it changes exactly when the text does. */
  static String etag(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOf(Sha256.of(text), 16));
  }

  /** ORGANIZER: a calendar address and a name (CN, or null). */
  private record Organizer(URI address, String name) {
    /** The account's address; its id when the account or a usable address is missing. */
    static Organizer of(UUID id, UserProfile p) {
      if (p == null || p.email() == null || p.email().isBlank()) {
        return unknown(id);
      }
      try {
        return new Organizer(new URI("mailto", p.email().trim(), null), p.name());
      } catch (java.net.URISyntaxException e) {
        return unknown(id);
      }
    }

    static Organizer unknown(UUID id) {
      return new Organizer(URI.create("urn:uuid:" + id), null);
    }
  }
}
