package dev.calendar.api.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.api.EntityAsk;
import dev.calendar.api.Problem;
import dev.calendar.api.ProblemHandling;
import dev.calendar.api.user.AccountService;
import dev.calendar.calendar.CalendarEntity;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.schedule.Interval;
import dev.calendar.user.UserProfile;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Meetings over their entities: ids from idempotency keys, participants checked to exist. */
public final class MeetingService {
  private final EntityAsk<MeetingEntity.Command> meetings;
  private final EntityAsk<CalendarEntity.Command> calendars;
  private final Function<UUID, CompletionStage<UserProfile>> profiles;
  private final Clock clock;

  public MeetingService(
      ClusterSharding sharding, AccountService accounts, Duration askTimeout, Clock clock) {
    // The saga asks each calendar in turn: give it room for a few of them.
    this(
        EntityAsk.sharded(sharding, MeetingEntity.TYPE_KEY, askTimeout.multipliedBy(3)),
        EntityAsk.sharded(sharding, CalendarEntity.TYPE_KEY, askTimeout.multipliedBy(3)),
        accounts::profile,
        clock);
  }

  /** Over any entities and profiles: for tests that give canned replies. */
  MeetingService(
      EntityAsk<MeetingEntity.Command> meetings,
      EntityAsk<CalendarEntity.Command> calendars,
      Function<UUID, CompletionStage<UserProfile>> profiles,
      Clock clock) {
    this.meetings = meetings;
    this.calendars = calendars;
    this.profiles = profiles;
    this.clock = clock;
  }

  /**
   * The same organizer and key always name the same meeting, so retries meet the first try. The
   * organizer is part of the name: another caller's identical key names another meeting, so keys
   * are scoped by caller here without a stored answer (the entity replays its own).
   */
  static UUID meetingId(UUID organizerId, String idempotencyKey) {
    return idempotencyKey == null
        ? UUID.randomUUID()
        : UUID.nameUUIDFromBytes(
            ("meeting:" + organizerId + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
  }

  CompletionStage<Meeting> create(
      UUID organizerId, String idempotencyKey, String requestHash, EventDraft draft) {
    return prepare(draft)
        .thenCompose(
            details ->
                meetings.<MeetingEntity.Reply>ask(
                    meetingId(organizerId, idempotencyKey).toString(),
                    replyTo ->
                        new MeetingEntity.Create(
                            organizerId, details, requestHash, clock.instant(), replyTo)))
        .thenApply(MeetingReplies::meetingOrThrow);
  }

  CompletionStage<Meeting> get(UUID callerId, UUID id) {
    return meetings
        .<MeetingEntity.Reply>ask(
            id.toString(), replyTo -> new MeetingEntity.Get(callerId, replyTo))
        .thenApply(MeetingReplies::meetingOrThrow);
  }

  CompletionStage<Meeting> replace(UUID callerId, UUID id, Long ifMatch, EventDraft draft) {
    return prepare(draft)
        .thenCompose(
            details -> update(callerId, id, ifMatch, new MeetingEntity.ReplaceDetails(details)));
  }

  CompletionStage<Meeting> update(
      UUID callerId, UUID id, Long ifMatch, MeetingEntity.Change change) {
    return meetings
        .<MeetingEntity.Reply>ask(
            id.toString(),
            replyTo ->
                new MeetingEntity.Update(callerId, change, ifMatch, clock.instant(), replyTo))
        .thenApply(MeetingReplies::meetingOrThrow);
  }

  CompletionStage<Meeting> cancel(UUID callerId, UUID id) {
    return meetings
        .<MeetingEntity.Reply>ask(
            id.toString(), replyTo -> new MeetingEntity.Cancel(callerId, clock.instant(), replyTo))
        .thenApply(MeetingReplies::meetingOrThrow);
  }

  CompletionStage<CalendarEntity.Occurrences> occurrences(UUID userId, Interval window) {
    return calendars.ask(
        userId.toString(), replyTo -> new CalendarEntity.GetOccurrences(window, replyTo));
  }

  /**
   * The zone an event takes when its body names none: the user's own. Looked up before the body is
   * checked, since a recurrence rule is checked in the zone it repeats in; null when the body names
   * a zone.
   */
  CompletionStage<ZoneId> defaultZone(UUID userId, JsonNode body) {
    if (EventDraft.namesZone(body)) {
      // The body names its zone (or a bad one, refused as such): no default, no lookup.
      return CompletableFuture.completedFuture(null);
    }
    return profiles.apply(userId).thenApply(UserProfile::timezone);
  }

  /** Checks that every internal participant exists (a 400 naming the first unknown one). */
  private CompletionStage<MeetingDetails> prepare(EventDraft draft) {
    List<UUID> others = draft.internalParticipants();
    CompletableFuture<?>[] checks = new CompletableFuture<?>[others.size()];
    for (int i = 0; i < others.size(); i++) {
      int index = indexOf(draft, others.get(i));
      checks[i] =
          profiles
              .apply(others.get(i))
              .toCompletableFuture()
              .exceptionally(
                  failure -> {
                    var cause = ProblemHandling.unwrap(failure);
                    if (cause instanceof Problem p && p.status() == 404) {
                      throw Problem.invalid("participants[" + index + "].userId", "no such user");
                    }
                    throw new CompletionException(cause);
                  });
    }
    return CompletableFuture.allOf(checks).thenApply(ignored -> draft.details());
  }

  private static int indexOf(EventDraft draft, UUID userId) {
    for (int i = 0; i < draft.participants().size(); i++) {
      if (userId.equals(draft.participants().get(i).userId())) {
        return i;
      }
    }
    return 0;
  }
}
