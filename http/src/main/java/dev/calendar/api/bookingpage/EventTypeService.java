package dev.calendar.api.bookingpage;

import dev.calendar.api.EntityAsk;
import dev.calendar.api.Problem;
import dev.calendar.api.ProblemHandling;
import dev.calendar.api.user.AccountService;
import dev.calendar.bookingpage.EventType;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.user.UserProfile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** A user's event types, kept by their calendar entity; hosts checked to exist. */
public final class EventTypeService {
  private final EntityAsk<CalendarEntity.Command> calendars;
  private final Function<UUID, CompletionStage<UserProfile>> profiles;
  private final Clock clock;

  public EventTypeService(
      ClusterSharding sharding, AccountService accounts, Duration askTimeout, Clock clock) {
    this(
        EntityAsk.sharded(sharding, CalendarEntity.TYPE_KEY, askTimeout), accounts::profile, clock);
  }

  /** Over any calendars and profiles: for tests that give canned replies. */
  EventTypeService(
      EntityAsk<CalendarEntity.Command> calendars,
      Function<UUID, CompletionStage<UserProfile>> profiles,
      Clock clock) {
    this.calendars = calendars;
    this.profiles = profiles;
    this.clock = clock;
  }

  /**
   * The same owner and idempotency key always name the same type, so a retry that runs again finds
   * its own first try instead of a taken slug.
   */
  static UUID typeId(UUID ownerId, String idempotencyKey) {
    return idempotencyKey == null
        ? UUID.randomUUID()
        : UUID.nameUUIDFromBytes(
            ("event-type:" + ownerId + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
  }

  /** Which of {@code userIds} have no account (looked up together). */
  CompletionStage<Set<UUID>> unknownUsers(Collection<UUID> userIds) {
    Set<UUID> unknown = ConcurrentHashMap.newKeySet();
    CompletableFuture<?>[] lookups =
        userIds.stream()
            .map(
                id ->
                    profiles
                        .apply(id)
                        .toCompletableFuture()
                        .exceptionally(
                            failure -> {
                              var cause = ProblemHandling.unwrap(failure);
                              if (cause instanceof Problem p && p.status() == 404) {
                                unknown.add(id);
                                return null;
                              }
                              throw new CompletionException(cause);
                            }))
            .toArray(CompletableFuture<?>[]::new);
    return CompletableFuture.allOf(lookups).thenApply(done -> Set.copyOf(unknown));
  }

  CompletionStage<EventType> create(UUID ownerId, String idempotencyKey, EventTypeDraft draft) {
    UUID id = typeId(ownerId, idempotencyKey);
    EventType type = draft.toType(id, ownerId, clock.instant());
    return save(ownerId, type, null)
        .thenCompose(
            reply -> {
              if (reply instanceof CalendarEntity.SlugTaken && idempotencyKey != null) {
                // The slug may be held by this very request's first try.
                return find(ownerId, type.slug())
                    .thenApply(
                        held -> {
                          if (held != null && held.id().equals(id)) {
                            return held;
                          }
                          throw problem(reply);
                        });
              }
              return CompletableFuture.completedFuture(stored(reply));
            });
  }

  /** Replaces the type {@code slug} (keeping its id and creation time): the new one's slug too. */
  CompletionStage<EventType> replace(UUID ownerId, String slug, EventTypeDraft draft) {
    EventType type = draft.toType(UUID.randomUUID(), ownerId, clock.instant());
    return save(ownerId, type, slug).thenApply(EventTypeService::stored);
  }

  CompletionStage<Done> delete(UUID ownerId, String slug) {
    return calendars
        .<CalendarEntity.EventTypeReply>ask(
            ownerId.toString(), replyTo -> new CalendarEntity.DeleteEventType(slug, replyTo))
        .thenApply(
            reply -> {
              if (reply instanceof CalendarEntity.EventTypeDeleted) {
                return Done.getInstance();
              }
              throw problem(reply);
            });
  }

  /** The owner's types, in slug order. */
  CompletionStage<List<EventType>> list(UUID ownerId) {
    return calendars
        .<CalendarEntity.EventTypes>ask(ownerId.toString(), CalendarEntity.GetEventTypes::new)
        .thenApply(CalendarEntity.EventTypes::types);
  }

  /** The type {@code slug}, or a 404. */
  CompletionStage<EventType> get(UUID ownerId, String slug) {
    return find(ownerId, slug)
        .thenApply(
            type -> {
              if (type == null) {
                throw Problem.notFound("no such event type");
              }
              return type;
            });
  }

  private CompletionStage<EventType> find(UUID ownerId, String slug) {
    return list(ownerId)
        .thenApply(
            types -> types.stream().filter(t -> t.slug().equals(slug)).findFirst().orElse(null));
  }

  private CompletionStage<CalendarEntity.EventTypeReply> save(
      UUID ownerId, EventType type, String replacing) {
    return calendars.ask(
        ownerId.toString(), replyTo -> new CalendarEntity.SaveEventType(type, replacing, replyTo));
  }

  private static EventType stored(CalendarEntity.EventTypeReply reply) {
    if (reply instanceof CalendarEntity.EventTypeStored stored) {
      return stored.type();
    }
    throw problem(reply);
  }

  private static Problem problem(CalendarEntity.EventTypeReply reply) {
    if (reply instanceof CalendarEntity.SlugTaken taken) {
      return Problem.conflict(
          "you already have an event type with the slug '" + taken.slug() + "'");
    }
    if (reply instanceof CalendarEntity.EventTypeMissing) {
      return Problem.notFound("no such event type");
    }
    if (reply instanceof CalendarEntity.TooManyEventTypes tooMany) {
      return Problem.conflict("at most " + tooMany.max() + " event types per user");
    }
    throw new IllegalStateException("unexpected reply " + reply);
  }
}
