package dev.calendar.meeting;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.calendar.calendar.Booking;
import dev.calendar.calendar.Conflict;
import dev.calendar.journal.RecoveryFailures;
import dev.calendar.serialization.CborSerializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One meeting (key: meeting id, derived from organizer and idempotency key, so a retried request
 * reaches the same entity and gets the same answer). It runs the booking saga: hold every calendar
 * in id order (so two sagas contending for the same calendars never deadlock or livelock: one of
 * them meets the other's hold first and fails at once), persist the decision, then confirm. One
 * saga at a time; other commands wait in the stash meanwhile.
 */
public final class MeetingEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        MeetingEntity.Command, MeetingEntity.Event, MeetingEntity.State> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "Meeting");

  /**
   * Tags for the projections (read side, outbox); spread over a few so they can run in parallel.
   */
  public static final int TAG_COUNT = 4;

  public static void init(ActorSystem<?> system, Duration askTimeout) {
    var sharding = ClusterSharding.get(system);
    var calendars = new ShardedCalendars(sharding, askTimeout, Clock.systemUTC());
    sharding.init(
        Entity.of(
            TYPE_KEY,
            ctx -> create(UUID.fromString(ctx.getEntityId()), Clock.systemUTC(), calendars)));
  }

  public static Behavior<Command> create(UUID meetingId, Clock clock, Calendars calendars) {
    return Behaviors.setup(ctx -> new MeetingEntity(meetingId, clock, calendars, ctx));
  }

  public static String tagFor(UUID meetingId) {
    return tag(Math.floorMod(meetingId.hashCode(), TAG_COUNT));
  }

  /** The tag with this index, 0 to {@link #TAG_COUNT} - 1. */
  public static String tag(int index) {
    return "meeting-" + index;
  }

  // ---- commands ----

  public sealed interface Command extends CborSerializable
      permits Create,
          Update,
          Cancel,
          Get,
          GetCalendarState,
          SagaHeld,
          SagaRejected,
          SagaRefused,
          SagaFailed,
          SagaDone {}

  /** Book a new meeting. {@code requestHash} identifies the request body for idempotent replays. */
  public record Create(
      UUID organizerId,
      MeetingDetails details,
      String requestHash,
      Instant at,
      ActorRef<Reply> replyTo)
      implements Command {}

  /**
   * Replace the meeting's details (a PUT, or a one-occurrence edit computed by the caller from the
   * current details). {@code expectedVersion} null means "whatever the current version is".
   */
  public record Update(
      UUID callerId, Change change, Long expectedVersion, Instant at, ActorRef<Reply> replyTo)
      implements Command {}

  public record Cancel(UUID callerId, Instant at, ActorRef<Reply> replyTo) implements Command {}

  public record Get(UUID callerId, ActorRef<Reply> replyTo) implements Command {}

  /** Asked by a calendar settling a due hold: what is this meeting's word on that calendar? */
  public record GetCalendarState(UUID userId, ActorRef<CalendarState> replyTo) implements Command {}

  /**
   * {@code confirmed}: the booking the calendar should have now (null: none); {@code
   * attemptInProgress}: the saga attempt being decided right now, if any.
   */
  public record CalendarState(Booking confirmed, UUID attemptInProgress)
      implements CborSerializable {}

  /**
   * What an update does to the current details. It travels inside {@link Update}, so its concrete
   * type is written with it (a command may cross nodes to reach the meeting's shard).
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = ReplaceDetails.class, name = "replace"),
    @JsonSubTypes.Type(value = EditOccurrence.class, name = "edit-occurrence"),
    @JsonSubTypes.Type(value = CancelOccurrence.class, name = "cancel-occurrence")
  })
  public sealed interface Change extends CborSerializable
      permits ReplaceDetails, EditOccurrence, CancelOccurrence {}

  public record ReplaceDetails(MeetingDetails details) implements Change {}

  /** Move and/or retitle one instance; null start/end keep its time, null title its title. */
  public record EditOccurrence(Instant originalStart, Instant start, Instant end, String title)
      implements Change {}

  public record CancelOccurrence(Instant originalStart) implements Change {}

  // internal, from the saga's stages
  record SagaHeld(UUID attemptId) implements Command {}

  record SagaRejected(UUID attemptId, List<Conflict> conflicts) implements Command {}

  record SagaRefused(UUID attemptId, String reason) implements Command {}

  record SagaFailed(UUID attemptId, String reason) implements Command {}

  record SagaDone(UUID attemptId) implements Command {}

  // ---- replies ----

  public sealed interface Reply extends CborSerializable
      permits Ok,
          Conflicts,
          NotFound,
          Forbidden,
          VersionMismatch,
          KeyReused,
          Refused,
          Unavailable {}

  public record Ok(Meeting meeting) implements Reply {}

  public record Conflicts(List<Conflict> conflicts) implements Reply {}

  public record NotFound() implements Reply {}

  public record Forbidden(String reason) implements Reply {}

  public record VersionMismatch(long currentVersion) implements Reply {}

  /** The idempotency key was used before with another request. */
  public record KeyReused() implements Reply {}

  /**
   * The request is well-formed but cannot apply to this meeting (field named when there is one).
   */
  public record Refused(String field, String reason) implements Reply {}

  /**
   * The saga could not finish: a calendar did not answer (nothing was booked), or the decision
   * could not be saved. The same request may be retried with the same key for the one true answer.
   */
  public record Unavailable(String reason) implements Reply {}

  // ---- events ----

  public sealed interface Event extends CborSerializable
      permits MeetingScheduled, MeetingRejected, MeetingChanged, MeetingCancelled {}

  public record MeetingScheduled(Meeting meeting, String requestHash) implements Event {}

  /** The create request met conflicts; a replay of it answers the same 409. */
  public record MeetingRejected(String requestHash, List<Conflict> conflicts) implements Event {}

  public record MeetingChanged(Meeting meeting, List<UUID> removedCalendars) implements Event {}

  /**
   * {@code meeting} is the meeting as cancelled (so the outbox can publish it without the state);
   * null only in events written before it was added.
   */
  public record MeetingCancelled(Instant at, Meeting meeting) implements Event {}

  // ---- state ----

  /**
   * Empty, rejected (no meeting, the conflicts of the create request), or a meeting (confirmed or
   * cancelled). {@code createHash} identifies the create request for replays.
   */
  public record State(Meeting meeting, String createHash, List<Conflict> rejection)
      implements CborSerializable {
    static final State EMPTY = new State(null, null, null);
  }

  private final UUID meetingId;
  private final Clock clock;
  private final ActorContext<Command> ctx;
  private final MeetingSaga saga;

  /** The saga attempt under way (not persisted: a crash abandons it, its holds settle). */
  private Attempt attempt;

  /**
   * {@code plan} is null for a cancellation (nothing to hold); {@code hash} is set for a create.
   */
  private record Attempt(
      UUID id,
      Meeting candidate,
      boolean create,
      String hash,
      MeetingSaga.Plan plan,
      ActorRef<Reply> replyTo) {}

  private MeetingEntity(
      UUID meetingId, Clock clock, Calendars calendars, ActorContext<Command> ctx) {
    super(
        PersistenceId.of(TYPE_KEY.name(), meetingId.toString()),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.1));
    this.meetingId = meetingId;
    this.clock = clock;
    this.ctx = ctx;
    this.saga = new MeetingSaga(calendars, ctx.getExecutionContext());
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(tagFor(meetingId));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(50, 2);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryFailed.class, RecoveryFailures.recorder(ctx.getSystem(), persistenceId()))
        // A failed persist stops this entity (a rejected event) or restarts it (a journal failure,
        // whose outcome is unknown) with the saga unfinished: its calendars settle now by asking
        // the recovered meeting, and its client hears at once. This object outlives a restart, so
        // an attempt still set when recovery completes belongs to the previous run.
        .onSignal(PostStop.instance(), s -> abandonAttempt())
        .onSignal(PreRestart.instance(), s -> abandonAttempt())
        .onSignal(RecoveryCompleted.instance(), s -> abandonAttempt())
        .build();
  }

  private void abandonAttempt() {
    if (attempt == null) {
      return;
    }
    Attempt abandoned = attempt;
    attempt = null;
    ctx.getLog().warn("meetingId={} attempt={} abandoned unfinished", meetingId, abandoned.id());
    if (abandoned.plan() != null) {
      saga.abandon(abandoned.plan());
    }
    abandoned
        .replyTo()
        .tell(new Unavailable("the decision could not be saved, or its outcome is unknown"));
  }

  // ---- command handlers ----

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(GetCalendarState.class, this::calendarState)
        .onCommand(Get.class, this::get)
        .onCommand(SagaHeld.class, this::sagaHeld)
        .onCommand(SagaRejected.class, this::sagaRejected)
        .onCommand(SagaRefused.class, this::sagaRefused)
        .onCommand(SagaFailed.class, this::sagaFailed)
        .onCommand(SagaDone.class, this::sagaDone)
        .onCommand(Create.class, (s, c) -> busy() ? Effect().stash() : create(s, c))
        .onCommand(Update.class, (s, c) -> busy() ? Effect().stash() : update(s, c))
        .onCommand(Cancel.class, (s, c) -> busy() ? Effect().stash() : cancel(s, c))
        .build();
  }

  private boolean busy() {
    return attempt != null;
  }

  private ReplyEffect<Event, State> calendarState(State state, GetCalendarState cmd) {
    Meeting m = state.meeting();
    Booking confirmed =
        m != null && !m.cancelled() && m.calendars().contains(cmd.userId()) ? m.booking() : null;
    return Effect()
        .reply(cmd.replyTo(), new CalendarState(confirmed, attempt == null ? null : attempt.id()));
  }

  private ReplyEffect<Event, State> get(State state, Get cmd) {
    Meeting m = state.meeting();
    if (m == null || !m.visibleTo(cmd.callerId())) {
      return Effect().reply(cmd.replyTo(), new NotFound());
    }
    return Effect().reply(cmd.replyTo(), new Ok(m));
  }

  private ReplyEffect<Event, State> create(State state, Create cmd) {
    if (state.createHash() != null) {
      // A replay: the same request gets the original answer, another request is refused.
      if (!state.createHash().equals(cmd.requestHash())) {
        return Effect().reply(cmd.replyTo(), new KeyReused());
      }
      Reply original =
          state.meeting() != null ? new Ok(state.meeting()) : new Conflicts(state.rejection());
      return Effect().reply(cmd.replyTo(), original);
    }
    var candidate =
        new Meeting(
            meetingId,
            cmd.organizerId(),
            cmd.details(),
            false,
            cmd.at(),
            cmd.at(),
            1,
            UUID.randomUUID());
    startSaga(candidate, null, true, cmd.requestHash(), cmd.replyTo());
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> update(State state, Update cmd) {
    Meeting current = state.meeting();
    if (current == null || !current.visibleTo(cmd.callerId())) {
      return Effect().reply(cmd.replyTo(), new NotFound());
    }
    if (!current.organizerId().equals(cmd.callerId())) {
      return Effect().reply(cmd.replyTo(), new Forbidden("only the organizer can change it"));
    }
    if (current.cancelled()) {
      return Effect().reply(cmd.replyTo(), new Refused(null, "the event is cancelled"));
    }
    if (cmd.expectedVersion() != null && cmd.expectedVersion() != current.version()) {
      return Effect().reply(cmd.replyTo(), new VersionMismatch(current.version()));
    }
    MeetingDetails details;
    try {
      details = Changes.apply(current.details(), cmd.change());
    } catch (Changes.InvalidChange e) {
      return Effect().reply(cmd.replyTo(), new Refused(e.field(), e.getMessage()));
    }
    var candidate =
        new Meeting(
            meetingId,
            current.organizerId(),
            details,
            false,
            current.createdAt(),
            cmd.at(),
            current.version() + 1,
            UUID.randomUUID());
    startSaga(candidate, current, false, null, cmd.replyTo());
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> cancel(State state, Cancel cmd) {
    Meeting current = state.meeting();
    if (current == null || !current.visibleTo(cmd.callerId())) {
      return Effect().reply(cmd.replyTo(), new NotFound());
    }
    if (!current.organizerId().equals(cmd.callerId())) {
      return Effect().reply(cmd.replyTo(), new Forbidden("only the organizer can cancel it"));
    }
    // Also when already cancelled: a retry after a lost answer frees the calendars again.
    var removal = new Attempt(UUID.randomUUID(), current, false, null, null, cmd.replyTo());
    attempt = removal;
    if (current.cancelled()) {
      pipe(removal.id(), saga.release(meetingId, current.calendars()));
      return Effect().noReply();
    }
    return Effect()
        .persist(new MeetingCancelled(cmd.at(), cancelled(current, cmd.at())))
        .thenRun(s -> pipe(removal.id(), saga.release(meetingId, current.calendars())))
        .thenNoReply();
  }

  private void startSaga(
      Meeting candidate, Meeting current, boolean create, String hash, ActorRef<Reply> replyTo) {
    var plan = MeetingSaga.Plan.of(candidate, current, clock.instant());
    attempt = new Attempt(candidate.attemptId(), candidate, create, hash, plan, replyTo);
    ctx.pipeToSelf(
        saga.hold(plan),
        (outcome, failure) -> {
          if (failure != null) {
            return new SagaFailed(candidate.attemptId(), failure.getMessage());
          }
          if (outcome instanceof MeetingSaga.Rejected rejected) {
            return new SagaRejected(candidate.attemptId(), rejected.conflicts());
          }
          if (outcome instanceof MeetingSaga.Refused refused) {
            return new SagaRefused(candidate.attemptId(), refused.reason());
          }
          if (outcome instanceof MeetingSaga.Failed failed) {
            return new SagaFailed(candidate.attemptId(), failed.reason());
          }
          return new SagaHeld(candidate.attemptId());
        });
  }

  private ReplyEffect<Event, State> sagaHeld(State state, SagaHeld msg) {
    if (!isCurrent(msg.attemptId())) {
      return Effect().noReply();
    }
    Meeting decided = attempt.candidate();
    MeetingSaga.Plan plan = attempt.plan();
    Event event =
        attempt.create()
            ? new MeetingScheduled(decided, attempt.hash())
            : new MeetingChanged(decided, plan.removeFrom());
    // Persisting the decision is the commit point: from here the holds become bookings, even if
    // this node dies before the calendars hear of it (they will ask when their holds fall due).
    return Effect()
        .persist(event)
        .thenRun(s -> pipe(msg.attemptId(), saga.confirm(plan)))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> sagaRejected(State state, SagaRejected msg) {
    if (!isCurrent(msg.attemptId())) {
      return Effect().noReply();
    }
    Attempt rejected = attempt;
    attempt = null;
    ActorRef<Reply> replyTo = rejected.replyTo();
    Reply reply = new Conflicts(msg.conflicts());
    if (rejected.create()) {
      return Effect()
          .persist(new MeetingRejected(rejected.hash(), msg.conflicts()))
          .thenReply(replyTo, s -> reply)
          .thenUnstashAll();
    }
    return Effect().reply(replyTo, reply).thenUnstashAll();
  }

  private ReplyEffect<Event, State> sagaRefused(State state, SagaRefused msg) {
    if (!isCurrent(msg.attemptId())) {
      return Effect().noReply();
    }
    ActorRef<Reply> replyTo = attempt.replyTo();
    boolean recurring = attempt.candidate().details().schedule().recurring();
    attempt = null;
    Reply reply = new Refused(recurring ? "recurrenceRule" : null, msg.reason());
    return Effect().reply(replyTo, reply).thenUnstashAll();
  }

  private ReplyEffect<Event, State> sagaFailed(State state, SagaFailed msg) {
    if (!isCurrent(msg.attemptId())) {
      return Effect().noReply();
    }
    ActorRef<Reply> replyTo = attempt.replyTo();
    attempt = null;
    ctx.getLog().warn("meetingId={} saga failed: {}", meetingId, msg.reason());
    return Effect().reply(replyTo, new Unavailable(msg.reason())).thenUnstashAll();
  }

  private ReplyEffect<Event, State> sagaDone(State state, SagaDone msg) {
    if (!isCurrent(msg.attemptId())) {
      return Effect().noReply();
    }
    ActorRef<Reply> replyTo = attempt.replyTo();
    attempt = null;
    return Effect().none().thenReply(replyTo, s -> (Reply) new Ok(s.meeting())).thenUnstashAll();
  }

  private boolean isCurrent(UUID attemptId) {
    return attempt != null && attempt.id().equals(attemptId);
  }

  private void pipe(UUID attemptId, java.util.concurrent.CompletionStage<?> stage) {
    // Confirmation and release are best effort: holds settle by themselves when they fall due.
    ctx.pipeToSelf(stage, (ok, failure) -> new SagaDone(attemptId));
  }

  // ---- event handler ----

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(MeetingScheduled.class, (s, e) -> new State(e.meeting(), e.requestHash(), null))
        .onEvent(MeetingRejected.class, (s, e) -> new State(null, e.requestHash(), e.conflicts()))
        .onEvent(MeetingChanged.class, (s, e) -> new State(e.meeting(), s.createHash(), null))
        .onEvent(
            MeetingCancelled.class,
            (s, e) ->
                new State(
                    e.meeting() != null ? e.meeting() : cancelled(s.meeting(), e.at()),
                    s.createHash(),
                    s.rejection()))
        .build();
  }

  private static Meeting cancelled(Meeting m, Instant at) {
    return new Meeting(
        m.id(),
        m.organizerId(),
        m.details(),
        true,
        m.createdAt(),
        at,
        m.version() + 1,
        m.attemptId());
  }
}
