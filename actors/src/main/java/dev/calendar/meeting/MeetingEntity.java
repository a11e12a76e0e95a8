package dev.calendar.meeting;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.calendar.bookingpage.ManageLinks;
import dev.calendar.bookingpage.Refusal;
import dev.calendar.calendar.Booking;
import dev.calendar.calendar.CalendarSettings;
import dev.calendar.calendar.Conflict;
import dev.calendar.journal.PersistFailures;
import dev.calendar.journal.RecoveryFailures;
import dev.calendar.schedule.Schedule;
import dev.calendar.serialization.CborSerializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
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

  /** Sharded, with its calendars asked within {@code askTimeout}. */
  public static void init(
      ActorSystem<?> system,
      Duration askTimeout,
      MeetingSettings settings,
      CalendarSettings calendarSettings) {
    var sharding = ClusterSharding.get(system);
    var calendars = new ShardedCalendars(sharding, askTimeout, Clock.systemUTC());
    sharding.init(
        Entity.of(
            TYPE_KEY,
            ctx ->
                create(
                    UUID.fromString(ctx.getEntityId()),
                    Clock.systemUTC(),
                    calendars,
                    settings,
                    calendarSettings)));
  }

  /** With the shipped settings. */
  public static Behavior<Command> create(UUID meetingId, Clock clock, Calendars calendars) {
    return create(meetingId, clock, calendars, MeetingSettings.DEFAULTS, CalendarSettings.DEFAULTS);
  }

  /** {@code calendarSettings} says how long the holds this meeting places last. */
  public static Behavior<Command> create(
      UUID meetingId,
      Clock clock,
      Calendars calendars,
      MeetingSettings settings,
      CalendarSettings calendarSettings) {
    return Behaviors.setup(
        ctx -> new MeetingEntity(meetingId, clock, calendars, settings, calendarSettings, ctx));
  }

  /** The meeting id of a persistence id of this entity ("Meeting|<uuid>"). */
  public static UUID meetingIdOf(String persistenceId) {
    return UUID.fromString(PersistenceId.extractEntityId(persistenceId));
  }

  /** The tag with this index, 0 to {@link MeetingSettings#tagCount} - 1. */
  public static String tag(int index) {
    return "meeting-" + index;
  }

  // ---- commands ----

  public sealed interface Command extends CborSerializable
      permits Create,
          Update,
          Cancel,
          Get,
          GuestGet,
          JoinSeat,
          GuestCancel,
          GuestReschedule,
          GetCalendarState,
          SagaHeld,
          SagaRejected,
          SagaRefused,
          SagaNotBookable,
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

  /** A guest's view, through their manage link ({@code tokenHash}: the hash of its token). */
  public record GuestGet(String tokenHash, ActorRef<Reply> replyTo) implements Command {}

  /**
   * A guest takes a seat of a booking-page slot with several seats. All guests of one slot reach
   * the same meeting (its id comes from the slot), which seats them one at a time: the first
   * creates it with {@code details}; later ones are added while seats are left. A guest already
   * seated (same address) gets the meeting again.
   */
  public record JoinSeat(
      UUID organizerId,
      MeetingDetails details,
      Participant guest,
      int seats,
      Instant at,
      ActorRef<Reply> replyTo)
      implements Command {}

  /**
   * A guest cancels through their manage link: refused inside the booking's minimum cancel notice;
   * a cancelled meeting answers Ok again.
   */
  public record GuestCancel(String tokenHash, Instant at, ActorRef<Reply> replyTo)
      implements Command {}

  /**
   * A guest moves their booking to {@code start} (same length): the new time is held on every
   * calendar, by the booking page's rules, before the old one is let go; if it cannot be, nothing
   * changes.
   */
  public record GuestReschedule(
      String tokenHash, Instant start, Instant at, ActorRef<Reply> replyTo) implements Command {}

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

  record SagaNotBookable(UUID attemptId, Refusal refusal) implements Command {}

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
          NotBookable,
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

  /** A booking page's rules refuse the booking (or the change of one); nothing changed. */
  public record NotBookable(Refusal refusal) implements Reply {}

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
   * No meeting yet ({@link Empty}), a create request that met conflicts ({@link Rejected}), or a
   * meeting, confirmed or cancelled ({@link Booked}). {@code createHash} identifies the create
   * request, so a replay of it gets the original answer.
   */
  public sealed interface State extends CborSerializable permits Empty, Rejected, Booked {
    State EMPTY = new Empty();

    /**
     * Reads a snapshot of the earlier form, one record with nullable {@code meeting}, {@code
     * createHash} and {@code rejection} (its manifest names this interface). Snapshots of the
     * current forms name their record and do not come here.
     */
    @JsonCreator
    static State fromEarlierForm(
        @JsonProperty("meeting") Meeting meeting,
        @JsonProperty("createHash") String createHash,
        @JsonProperty("rejection") List<Conflict> rejection) {
      if (meeting != null) {
        return new Booked(meeting, createHash);
      }
      if (createHash != null) {
        return new Rejected(createHash, rejection == null ? List.of() : rejection);
      }
      return EMPTY;
    }
  }

  public record Empty() implements State {}

  public record Rejected(String createHash, List<Conflict> conflicts) implements State {
    public Rejected {
      conflicts = List.copyOf(conflicts);
    }
  }

  /**
   * A cancelled meeting stays booked with {@code meeting.cancelled()}: a retried cancel finds it.
   */
  public record Booked(Meeting meeting, String createHash) implements State {}

  private final UUID meetingId;
  private final Clock clock;
  private final MeetingSettings settings;
  private final CalendarSettings calendarSettings;
  private final ActorContext<Command> ctx;
  private final MeetingSaga saga;

  /** The saga attempt under way (not persisted: a crash abandons it, its holds settle). */
  private Attempt attempt;

  /** One saga attempt: a create or a change (which hold calendars first) or a cancellation. */
  private sealed interface Attempt permits Holding, Cancelling {
    UUID id();

    ActorRef<Reply> replyTo();
  }

  /** An attempt that holds {@code candidate}'s calendars by {@code plan} before its decision. */
  private sealed interface Holding extends Attempt permits Creating, Changing {
    Meeting candidate();

    MeetingSaga.Plan plan();

    @Override
    default UUID id() {
      return candidate().attemptId();
    }
  }

  private record Creating(
      Meeting candidate, String hash, MeetingSaga.Plan plan, ActorRef<Reply> replyTo)
      implements Holding {}

  private record Changing(Meeting candidate, MeetingSaga.Plan plan, ActorRef<Reply> replyTo)
      implements Holding {}

  /** Nothing to hold: the cancellation is persisted (unless a retry), then the calendars freed. */
  private record Cancelling(UUID id, ActorRef<Reply> replyTo) implements Attempt {}

  private MeetingEntity(
      UUID meetingId,
      Clock clock,
      Calendars calendars,
      MeetingSettings settings,
      CalendarSettings calendarSettings,
      ActorContext<Command> ctx) {
    super(
        PersistenceId.of(TYPE_KEY.name(), meetingId.toString()),
        PersistFailures.restartWithBackoff());
    this.meetingId = meetingId;
    this.clock = clock;
    this.settings = settings;
    this.calendarSettings = calendarSettings;
    this.ctx = ctx;
    this.saga = new MeetingSaga(calendars, ctx.getExecutionContext());
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(settings.tagFor(meetingId));
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
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
    if (abandoned instanceof Holding holding) {
      saga.abandon(holding.plan());
    }
    abandoned
        .replyTo()
        .tell(new Unavailable("the decision could not be saved, or its outcome is unknown"));
  }

  // ---- command handlers ----

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(Empty.class)
        .onCommand(Create.class, whenIdle(this::create))
        .onCommand(
            JoinSeat.class,
            whenIdle(
                (s, c) ->
                    create(s, new Create(c.organizerId(), c.details(), null, c.at(), c.replyTo()))))
        .onCommand(Update.class, whenIdle((s, c) -> Effect().reply(c.replyTo(), new NotFound())))
        .onCommand(Cancel.class, whenIdle((s, c) -> Effect().reply(c.replyTo(), new NotFound())))
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()));
    builder
        .forStateType(Rejected.class)
        .onCommand(
            Create.class,
            whenIdle(
                (s, c) ->
                    Effect()
                        .reply(
                            c.replyTo(), replay(s.createHash(), c, new Conflicts(s.conflicts())))))
        .onCommand(Update.class, whenIdle((s, c) -> Effect().reply(c.replyTo(), new NotFound())))
        .onCommand(Cancel.class, whenIdle((s, c) -> Effect().reply(c.replyTo(), new NotFound())))
        .onCommand(Get.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()));
    builder
        .forStateType(Booked.class)
        .onCommand(
            Create.class,
            whenIdle(
                (s, c) ->
                    Effect().reply(c.replyTo(), replay(s.createHash(), c, new Ok(s.meeting())))))
        .onCommand(Update.class, whenIdle(this::update))
        .onCommand(Cancel.class, whenIdle(this::cancel))
        .onCommand(Get.class, this::get)
        .onCommand(
            GuestGet.class,
            (s, c) ->
                Effect()
                    .reply(
                        c.replyTo(),
                        guestOf(s.meeting(), c.tokenHash()) ? new Ok(s.meeting()) : new NotFound()))
        .onCommand(JoinSeat.class, whenIdle(this::joinSeat))
        .onCommand(GuestCancel.class, whenIdle(this::guestCancel))
        .onCommand(GuestReschedule.class, whenIdle(this::guestReschedule));
    builder
        .forAnyState()
        .onCommand(GuestGet.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()))
        .onCommand(JoinSeat.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()))
        .onCommand(GuestCancel.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()))
        .onCommand(GuestReschedule.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()))
        .onCommand(GetCalendarState.class, this::calendarState)
        .onCommand(SagaHeld.class, this::sagaHeld)
        .onCommand(SagaRejected.class, this::sagaRejected)
        .onCommand(SagaRefused.class, this::sagaRefused)
        .onCommand(SagaNotBookable.class, this::sagaNotBookable)
        .onCommand(SagaFailed.class, this::sagaFailed)
        .onCommand(SagaDone.class, this::sagaDone);
    return builder.build();
  }

  /** One saga at a time: while one runs, commands that could start another wait in the stash. */
  private <S extends State, C extends Command> BiFunction<S, C, ReplyEffect<Event, State>> whenIdle(
      BiFunction<S, C, ReplyEffect<Event, State>> handler) {
    return (state, cmd) -> attempt != null ? Effect().stash() : handler.apply(state, cmd);
  }

  /** A replayed create gets the original answer; another request with the same key is refused. */
  private static Reply replay(String createHash, Create cmd, Reply original) {
    // Null-safe: a meeting journaled without a request hash is not booked again by a create.
    return Objects.equals(createHash, cmd.requestHash()) ? original : new KeyReused();
  }

  private ReplyEffect<Event, State> calendarState(State state, GetCalendarState cmd) {
    Booking confirmed =
        state instanceof Booked booked
                && !booked.meeting().cancelled()
                && booked.meeting().calendars().contains(cmd.userId())
            ? booked.meeting().booking()
            : null;
    return Effect()
        .reply(cmd.replyTo(), new CalendarState(confirmed, attempt == null ? null : attempt.id()));
  }

  private ReplyEffect<Event, State> get(Booked state, Get cmd) {
    Meeting m = state.meeting();
    if (!m.visibleTo(cmd.callerId())) {
      return Effect().reply(cmd.replyTo(), new NotFound());
    }
    return Effect().reply(cmd.replyTo(), new Ok(m));
  }

  private ReplyEffect<Event, State> create(Empty state, Create cmd) {
    var candidate =
        Meeting.first(meetingId, cmd.organizerId(), cmd.details(), cmd.at(), UUID.randomUUID());
    var plan = MeetingSaga.Plan.of(candidate, null, calendarSettings.holdExpiry(clock.instant()));
    startSaga(new Creating(candidate, cmd.requestHash(), plan, cmd.replyTo()));
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> update(Booked state, Update cmd) {
    Meeting current = state.meeting();
    if (!current.visibleTo(cmd.callerId())) {
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
    var candidate = current.withDetails(details, cmd.at(), UUID.randomUUID());
    var plan =
        MeetingSaga.Plan.of(candidate, current, calendarSettings.holdExpiry(clock.instant()));
    startSaga(new Changing(candidate, plan, cmd.replyTo()));
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> cancel(Booked state, Cancel cmd) {
    Meeting current = state.meeting();
    if (!current.visibleTo(cmd.callerId())) {
      return Effect().reply(cmd.replyTo(), new NotFound());
    }
    if (!current.organizerId().equals(cmd.callerId())) {
      return Effect().reply(cmd.replyTo(), new Forbidden("only the organizer can cancel it"));
    }
    // Also when already cancelled: a retry after a lost answer frees the calendars again.
    var removal = new Cancelling(UUID.randomUUID(), cmd.replyTo());
    attempt = removal;
    if (current.cancelled()) {
      pipe(removal.id(), saga.release(meetingId, current.calendars()));
      return Effect().noReply();
    }
    return Effect()
        .persist(new MeetingCancelled(cmd.at(), current.cancelledAt(cmd.at())))
        .thenRun(s -> pipe(removal.id(), saga.release(meetingId, current.calendars())))
        .thenNoReply();
  }

  /** Whether {@code tokenHash} is the manage-link hash of one of the meeting's guests. */
  private static boolean guestOf(Meeting meeting, String tokenHash) {
    return meeting.details().participants().stream()
        .anyMatch(p -> ManageLinks.sameHash(p.manageHash(), tokenHash));
  }

  /** The guest's manage link closes this long before the start (null: not a page booking). */
  private static Refusal closedForGuest(Meeting meeting, Instant at) {
    var page = meeting.details().page();
    if (page == null) {
      return Refusal.UNAVAILABLE;
    }
    Instant closes = meeting.details().schedule().start().minus(page.minimumCancelNotice());
    return at.isAfter(closes) ? Refusal.TOO_LATE_TO_CHANGE : null;
  }

  private ReplyEffect<Event, State> joinSeat(Booked state, JoinSeat cmd) {
    Meeting current = state.meeting();
    if (current.cancelled()) {
      // Every guest cancelled: the slot is booked anew, as the first seat.
      var candidate = current.withDetails(cmd.details(), cmd.at(), UUID.randomUUID());
      var plan = MeetingSaga.Plan.of(candidate, null, calendarSettings.holdExpiry(clock.instant()));
      startSaga(new Changing(candidate, plan, cmd.replyTo()));
      return Effect().noReply();
    }
    List<Participant> participants = current.details().participants();
    if (participants.stream().anyMatch(p -> sameGuest(p, cmd.guest()))) {
      return Effect().reply(cmd.replyTo(), new Ok(current));
    }
    var page = current.details().page();
    if (page == null || page.seatsTaken() >= cmd.seats()) {
      return Effect().reply(cmd.replyTo(), new NotBookable(Refusal.FULL));
    }
    List<Participant> seated = new ArrayList<>(participants);
    seated.add(cmd.guest());
    return changeGuests(current, seated, page.seatsTaken() + 1, cmd.at(), cmd.replyTo());
  }

  private static boolean sameGuest(Participant a, Participant b) {
    return !a.internal() && !b.internal() && a.email().equalsIgnoreCase(b.email());
  }

  /**
   * The meeting with another set of guests: the calendars' copies are held and confirmed again, so
   * the seats they count stay right.
   */
  private ReplyEffect<Event, State> changeGuests(
      Meeting current,
      List<Participant> participants,
      int seatsTaken,
      Instant at,
      ActorRef<Reply> replyTo) {
    var d = current.details();
    var p = d.page();
    var details =
        new MeetingDetails(
                d.title(), d.description(), d.location(), d.schedule(), participants, d.reminders())
            .withPage(
                new Booking.PageBooking(
                    p.eventTypeId(),
                    p.bufferBefore(),
                    p.bufferAfter(),
                    seatsTaken,
                    p.minimumCancelNotice(),
                    p.seats()));
    var candidate = current.withDetails(details, at, UUID.randomUUID());
    var plan =
        MeetingSaga.Plan.of(candidate, current, calendarSettings.holdExpiry(clock.instant()));
    startSaga(new Changing(candidate, plan, replyTo));
    return Effect().noReply();
  }

  private ReplyEffect<Event, State> guestCancel(Booked state, GuestCancel cmd) {
    Meeting current = state.meeting();
    if (!guestOf(current, cmd.tokenHash())) {
      return Effect().reply(cmd.replyTo(), new NotFound());
    }
    if (current.cancelled()) {
      return Effect().reply(cmd.replyTo(), new Ok(current));
    }
    Refusal closed = closedForGuest(current, cmd.at());
    if (closed != null) {
      return Effect().reply(cmd.replyTo(), new NotBookable(closed));
    }
    var page = current.details().page();
    if (page.seatsTaken() > 1) {
      // Other guests keep their seats: only this one leaves.
      List<Participant> rest =
          current.details().participants().stream()
              .filter(p -> !ManageLinks.sameHash(p.manageHash(), cmd.tokenHash()))
              .toList();
      return changeGuests(current, rest, page.seatsTaken() - 1, cmd.at(), cmd.replyTo());
    }
    var removal = new Cancelling(UUID.randomUUID(), cmd.replyTo());
    attempt = removal;
    return Effect()
        .persist(new MeetingCancelled(cmd.at(), current.cancelledAt(cmd.at())))
        .thenRun(s -> pipe(removal.id(), saga.release(meetingId, current.calendars())))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> guestReschedule(Booked state, GuestReschedule cmd) {
    Meeting current = state.meeting();
    if (!guestOf(current, cmd.tokenHash())) {
      return Effect().reply(cmd.replyTo(), new NotFound());
    }
    if (current.cancelled()) {
      return Effect().reply(cmd.replyTo(), new Refused(null, "the booking is cancelled"));
    }
    Refusal closed = closedForGuest(current, cmd.at());
    if (closed != null) {
      return Effect().reply(cmd.replyTo(), new NotBookable(closed));
    }
    if (current.details().page().shared()) {
      // The slot's other guests stay; this guest cancels and books another slot instead.
      return Effect().reply(cmd.replyTo(), new NotBookable(Refusal.SHARED_SLOT));
    }
    var schedule = current.details().schedule();
    var moved =
        Schedule.single(cmd.start(), cmd.start().plus(schedule.duration()), schedule.zone());
    var candidate =
        current.withDetails(current.details().withSchedule(moved), cmd.at(), UUID.randomUUID());
    var plan =
        MeetingSaga.Plan.of(candidate, current, calendarSettings.holdExpiry(clock.instant()));
    startSaga(new Changing(candidate, plan, cmd.replyTo()));
    return Effect().noReply();
  }

  private void startSaga(Holding holding) {
    attempt = holding;
    UUID attemptId = holding.id();
    ctx.pipeToSelf(
        saga.hold(holding.plan()),
        (outcome, failure) -> {
          if (failure != null) {
            return new SagaFailed(attemptId, failure.getMessage());
          }
          if (outcome instanceof MeetingSaga.Rejected rejected) {
            return new SagaRejected(attemptId, rejected.conflicts());
          }
          if (outcome instanceof MeetingSaga.Refused refused) {
            return new SagaRefused(attemptId, refused.reason());
          }
          if (outcome instanceof MeetingSaga.NotBookable notBookable) {
            return new SagaNotBookable(attemptId, notBookable.refusal());
          }
          if (outcome instanceof MeetingSaga.Failed failed) {
            return new SagaFailed(attemptId, failed.reason());
          }
          return new SagaHeld(attemptId);
        });
  }

  private ReplyEffect<Event, State> sagaHeld(State state, SagaHeld msg) {
    if (!isCurrent(msg.attemptId()) || !(attempt instanceof Holding holding)) {
      return Effect().noReply();
    }
    MeetingSaga.Plan plan = holding.plan();
    Event event =
        holding instanceof Creating creating
            ? new MeetingScheduled(creating.candidate(), creating.hash())
            : new MeetingChanged(holding.candidate(), plan.removeFrom());
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
    if (rejected instanceof Creating creating) {
      return Effect()
          .persist(new MeetingRejected(creating.hash(), msg.conflicts()))
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
    boolean recurring =
        attempt instanceof Holding holding && holding.candidate().details().schedule().recurring();
    attempt = null;
    Reply reply = new Refused(recurring ? "recurrenceRule" : null, msg.reason());
    return Effect().reply(replyTo, reply).thenUnstashAll();
  }

  /** Not persisted: a retry of the same request is decided again by the page's rules. */
  private ReplyEffect<Event, State> sagaNotBookable(State state, SagaNotBookable msg) {
    if (!isCurrent(msg.attemptId())) {
      return Effect().noReply();
    }
    ActorRef<Reply> replyTo = attempt.replyTo();
    attempt = null;
    return Effect().reply(replyTo, new NotBookable(msg.refusal())).thenUnstashAll();
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
    return Effect()
        .none()
        .thenReply(replyTo, s -> s instanceof Booked b ? new Ok(b.meeting()) : new NotFound())
        .thenUnstashAll();
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
        .onEvent(MeetingScheduled.class, (s, e) -> new Booked(e.meeting(), e.requestHash()))
        .onEvent(MeetingRejected.class, (s, e) -> new Rejected(e.requestHash(), e.conflicts()))
        .onEvent(MeetingChanged.class, (s, e) -> new Booked(e.meeting(), booked(s, e).createHash()))
        .onEvent(
            MeetingCancelled.class,
            (s, e) -> {
              Booked b = booked(s, e);
              // Events written before the cancelled meeting was added carry only the instant.
              Meeting cancelled =
                  e.meeting() != null ? e.meeting() : b.meeting().cancelledAt(e.at());
              return new Booked(cancelled, b.createHash());
            })
        .build();
  }

  private Booked booked(State state, Event event) {
    if (state instanceof Booked booked) {
      return booked;
    }
    throw new IllegalStateException(
        "meetingId=" + meetingId + ": " + event.getClass().getSimpleName() + " without a meeting");
  }
}
