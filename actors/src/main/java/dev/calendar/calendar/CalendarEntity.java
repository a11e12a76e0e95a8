package dev.calendar.calendar;

import dev.calendar.bookingpage.EventType;
import dev.calendar.bookingpage.HostView;
import dev.calendar.bookingpage.Refusal;
import dev.calendar.external.ExternalBusy;
import dev.calendar.journal.PersistFailures;
import dev.calendar.journal.RecoveryFailures;
import dev.calendar.schedule.CheckBudget;
import dev.calendar.schedule.Interval;
import dev.calendar.schedule.WorkingHours;
import dev.calendar.serialization.CborSerializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
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
 * One user's calendar (key: user id). It handles one command at a time, so checking that a time is
 * free and taking it are one step: no lock, no race, no double booking. Meetings take time in two
 * steps (hold, then confirm) so that a meeting with several participants is booked for all or for
 * none; a hold that outlives its expiry is settled by asking the meeting what it decided.
 */
public final class CalendarEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        CalendarEntity.Command, CalendarEntity.Event, CalendarBook> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "Calendar");

  /** Asks a meeting for its decision on a due hold ({@code owners}: the sharded meetings). */
  public static void init(ActorSystem<?> system, CalendarSettings settings, HoldOwners owners) {
    ClusterSharding.get(system)
        .init(
            Entity.of(
                    TYPE_KEY,
                    ctx ->
                        create(
                            UUID.fromString(ctx.getEntityId()),
                            Clock.systemUTC(),
                            settings,
                            owners))
                // Sharding stops idle calendars, and hands them over when a node leaves, with
                // this message, so confirmations not yet written are written first.
                .withStopMessage(new Passivate()));
  }

  /** With the shipped settings. */
  public static Behavior<Command> create(UUID userId, Clock clock, HoldOwners owners) {
    return create(userId, clock, CalendarSettings.DEFAULTS, owners);
  }

  public static Behavior<Command> create(
      UUID userId, Clock clock, CalendarSettings settings, HoldOwners owners) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> new CalendarEntity(userId, clock, settings, owners, ctx, timers)));
  }

  // ---- commands ----

  public sealed interface Command extends CborSerializable
      permits PlaceHold,
          CheckConflicts,
          ConfirmHold,
          ReleaseHold,
          RemoveBooking,
          SetWorkingHours,
          GetAvailability,
          GetOccurrences,
          HoldDue,
          Settle,
          Passivate,
          SaveEventType,
          DeleteEventType,
          GetEventTypes,
          GetBookingPage,
          GetHostView,
          StageExternalBusy,
          ReplaceExternalBusy,
          PatchExternalBusy,
          RemoveExternalSource,
          CheckExternalConflicts,
          DropStaged,
          GetBookings {}

  /**
   * Hold time for a meeting's saga attempt. {@code confirmed} is the meeting's currently confirmed
   * booking in this calendar (null if none), kept while the new attempt is decided. {@code
   * answerBy} is when the asker stops waiting (null: no limit); a command still queued then is
   * dropped unchecked, as nobody is left to use its answer.
   */
  public record PlaceHold(
      Hold hold, Booking confirmed, Instant answerBy, ActorRef<HoldReply> replyTo)
      implements Command {}

  /** Read-only: what the booking would conflict with here. */
  public record CheckConflicts(Booking booking, Instant answerBy, ActorRef<HoldReply> replyTo)
      implements Command {}

  public record ConfirmHold(UUID meetingId, UUID attemptId, ActorRef<Done> replyTo)
      implements Command {}

  public record ReleaseHold(UUID meetingId, UUID attemptId, ActorRef<Done> replyTo)
      implements Command {}

  public record RemoveBooking(UUID eventId, ActorRef<Done> replyTo) implements Command {}

  public record SetWorkingHours(WorkingHours hours, ActorRef<Done> replyTo) implements Command {}

  /**
   * Busy and free time in {@code window}; {@code knownRevision}: the revision of an answer the
   * asker keeps (0: none), and a calendar still at it answers without busy and free time.
   */
  public record GetAvailability(Interval window, long knownRevision, ActorRef<Availability> replyTo)
      implements Command {}

  public record GetOccurrences(Interval window, ActorRef<Occurrences> replyTo) implements Command {}

  /** Timer: the hold of this attempt is due to be settled. */
  public record HoldDue(UUID meetingId, UUID attemptId) implements Command {}

  /** The meeting's answer about a due hold (null decision when it could not be asked). */
  public record Settle(UUID meetingId, UUID attemptId, HoldOwners.Decision decision)
      implements Command {}

  /** Sharding's stop message: write what is only in memory, then stop. */
  public record Passivate() implements Command {}

  /**
   * Creates an event type ({@code replacing} null) or replaces the one with slug {@code replacing}
   * (keeping its id and creation time). Slugs are unique per owner.
   */
  public record SaveEventType(EventType type, String replacing, ActorRef<EventTypeReply> replyTo)
      implements Command {}

  public record DeleteEventType(String slug, ActorRef<EventTypeReply> replyTo) implements Command {}

  public record GetEventTypes(ActorRef<EventTypes> replyTo) implements Command {}

  /**
   * The owner's event type {@code slug} (null when there is none) and this calendar as the booking
   * rules see it around {@code window}, in one step. {@code knownRevision}: the revision of the
   * calendar whose view of this window the asker holds (0: none); when it is still the calendar's,
   * the view is left out of the answer.
   */
  public record GetBookingPage(
      String slug, Interval window, long knownRevision, ActorRef<BookingPage> replyTo)
      implements Command {}

  /**
   * A co-host's calendar as the booking rules see it around {@code window}; {@code knownRevision}
   * as in {@link GetBookingPage}.
   */
  public record GetHostView(Interval window, long knownRevision, ActorRef<HostViewReply> replyTo)
      implements Command {}

  /**
   * Part of a large replacement of busy time, kept in memory (not persisted) under {@code
   * stagingId} until the {@link ReplaceExternalBusy} that names it: a message between nodes must
   * stay small, a replacement must be one step.
   */
  public record StageExternalBusy(UUID stagingId, List<ExternalBusy> part, ActorRef<Done> replyTo)
      implements Command {}

  /**
   * Replaces every busy block of {@code source} with the staged parts of {@code stagingId} (null:
   * none) followed by {@code busy}, in one persisted step; creates the source (checking conflicts)
   * if it is new. Nothing is written when nothing changes.
   */
  public record ReplaceExternalBusy(
      String source, UUID stagingId, List<ExternalBusy> busy, ActorRef<ExternalBusyReply> replyTo)
      implements Command {}

  /**
   * Changes part of {@code source}'s busy time in one persisted step: {@code upserts} replace the
   * blocks of the same key or are added, every block of an id in {@code removed} goes (a two-way
   * provider's incremental changes). Creates the source (checking conflicts) if it is new; nothing
   * is written when nothing changes.
   */
  public record PatchExternalBusy(
      String source,
      List<ExternalBusy> upserts,
      List<String> removed,
      ActorRef<ExternalBusyReply> replyTo)
      implements Command {}

  /** Removes the source and its busy time. */
  public record RemoveExternalSource(String source, ActorRef<Done> replyTo) implements Command {}

  /**
   * Whether the source's busy time blocks bookings (kept either way); a source not known yet is
   * created empty with it.
   */
  public record CheckExternalConflicts(String source, boolean check, ActorRef<Done> replyTo)
      implements Command {}

  /** Timer: staged parts nobody committed. */
  public record DropStaged(UUID stagingId) implements Command {}

  public sealed interface ExternalBusyReply extends CborSerializable
      permits ExternalBusyChanged, StagingLost, TooMuchExternalBusy {}

  /** What a replacement changed, by key: blocks new, changed, gone and the same as before. */
  public record ExternalBusyChanged(int added, int updated, int removed, int unchanged)
      implements ExternalBusyReply {}

  /** The staged parts are gone (the calendar restarted or waited too long): send them again. */
  public record StagingLost() implements ExternalBusyReply {}

  /**
   * A calendar keeps at most {@code max} busy blocks from other calendars, all sources together.
   */
  public record TooMuchExternalBusy(int max) implements ExternalBusyReply {}

  /** Read-only: the confirmed bookings (holds are not events yet), for the user's feed. */
  public record GetBookings(ActorRef<Bookings> replyTo) implements Command {}

  /** Confirmed bookings, in event id order. */
  public record Bookings(List<Booking> confirmed) implements CborSerializable {
    public Bookings {
      confirmed = List.copyOf(confirmed);
    }
  }

  public sealed interface EventTypeReply extends CborSerializable
      permits EventTypeStored, EventTypeDeleted, SlugTaken, EventTypeMissing, TooManyEventTypes {}

  public record EventTypeStored(EventType type) implements EventTypeReply {}

  public record EventTypeDeleted() implements EventTypeReply {}

  public record SlugTaken(String slug) implements EventTypeReply {}

  public record EventTypeMissing(String slug) implements EventTypeReply {}

  public record TooManyEventTypes(int max) implements EventTypeReply {}

  public record EventTypes(List<EventType> types) implements CborSerializable {}

  /**
   * {@code type} null: no such event type; then {@code view} is null too. {@code view} null with a
   * type: the calendar is still at the asker's known revision, so the asker's view holds.
   */
  public record BookingPage(EventType type, HostView view, long revision)
      implements CborSerializable {}

  /** {@code view} null: the calendar is still at the asker's known revision. */
  public record HostViewReply(HostView view, long revision) implements CborSerializable {}

  public sealed interface HoldReply extends CborSerializable
      permits HoldPlaced, HoldRejected, HoldRefused, PageRefused {}

  public record HoldPlaced() implements HoldReply {}

  public record HoldRejected(List<Conflict> conflicts) implements HoldReply {}

  /** The booking could not be checked within the work one check may take. */
  public record HoldRefused(String reason) implements HoldReply {}

  /** A booking-page booking that the page's rules refuse on this calendar. */
  public record PageRefused(Refusal refusal) implements HoldReply {}

  /** {@code busy} and {@code free} null: unchanged since the asker's known revision. */
  public record Availability(
      List<Interval> busy, List<Interval> free, WorkingHours hours, long revision)
      implements CborSerializable {}

  public record Occurrences(List<CalendarBook.Listed> items) implements CborSerializable {}

  // ---- events ----

  public sealed interface Event extends CborSerializable
      permits HoldTaken,
          HoldConfirmed,
          ConfirmationsRecorded,
          HoldReleased,
          BookingRemoved,
          Settled,
          WorkingHoursSet,
          EventTypeSaved,
          EventTypeRemoved,
          ExternalBusyReplaced,
          ExternalBusyPatched,
          ExternalSourceRemoved,
          ExternalConflictsChecked {}

  /**
   * A hold placed. {@code confirmedEarlier}: holds confirmed since the last event (see {@link
   * CalendarBook#confirmUnrecorded}); null in events written before confirmations were carried.
   */
  public record HoldTaken(Hold hold, Booking confirmed, List<CalendarBook.HoldKey> confirmedEarlier)
      implements Event {}

  /** Written by calendars before confirmations were carried by the next event; still replayed. */
  public record HoldConfirmed(UUID meetingId, UUID attemptId) implements Event {}

  /** Confirmations still in memory when the calendar stopped. */
  public record ConfirmationsRecorded(List<CalendarBook.HoldKey> confirmed) implements Event {}

  public record HoldReleased(UUID meetingId, UUID attemptId) implements Event {}

  public record BookingRemoved(UUID eventId) implements Event {}

  /** The meeting's word replaced whatever hold and booking this calendar had for it. */
  public record Settled(UUID meetingId, Booking confirmed) implements Event {}

  public record WorkingHoursSet(WorkingHours hours) implements Event {}

  /** {@code previousSlug}: the slug the type had before (a replacement), or null. */
  public record EventTypeSaved(EventType type, String previousSlug) implements Event {}

  public record EventTypeRemoved(String slug) implements Event {}

  /** Every busy block of {@code source}, all at once. */
  public record ExternalBusyReplaced(String source, List<ExternalBusy> busy) implements Event {}

  /** Part of {@code source}'s busy time changed: see {@link PatchExternalBusy}. */
  public record ExternalBusyPatched(String source, List<ExternalBusy> upserts, List<String> removed)
      implements Event {}

  public record ExternalSourceRemoved(String source) implements Event {}

  public record ExternalConflictsChecked(String source, boolean check) implements Event {}

  private final UUID userId;
  private final Clock clock;
  private final CalendarSettings settings;
  private final HoldOwners owners;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  // Parts of replacements of busy time on their way here: see StageExternalBusy. In memory only.
  private final Map<UUID, List<ExternalBusy>> staged = new HashMap<>();

  private CalendarEntity(
      UUID userId,
      Clock clock,
      CalendarSettings settings,
      HoldOwners owners,
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers) {
    super(
        PersistenceId.of(TYPE_KEY.name(), userId.toString()), PersistFailures.restartWithBackoff());
    this.userId = userId;
    this.clock = clock;
    this.settings = settings;
    this.owners = owners;
    this.ctx = ctx;
    this.timers = timers;
  }

  @Override
  public CalendarBook emptyState() {
    return new CalendarBook();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), settings.keepSnapshots());
  }

  @Override
  public SignalHandler<CalendarBook> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(), book -> book.holds().values().forEach(this::armTimer))
        .onSignal(RecoveryFailed.class, RecoveryFailures.recorder(ctx.getSystem(), persistenceId()))
        .build();
  }

  // ---- command handlers ----

  @Override
  public CommandHandlerWithReply<Command, Event, CalendarBook> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(PlaceHold.class, this::placeHold)
        .onCommand(CheckConflicts.class, this::checkConflicts)
        .onCommand(ConfirmHold.class, this::confirmHold)
        .onCommand(ReleaseHold.class, this::releaseHold)
        .onCommand(RemoveBooking.class, this::removeBooking)
        .onCommand(
            SetWorkingHours.class,
            (book, cmd) ->
                Effect()
                    .persist(new WorkingHoursSet(cmd.hours()))
                    .thenReply(cmd.replyTo(), b -> Done.getInstance()))
        .onCommand(
            GetAvailability.class,
            (book, cmd) -> {
              if (cmd.knownRevision() == book.revision()) {
                return Effect()
                    .reply(
                        cmd.replyTo(),
                        new Availability(null, null, book.workingHours(), book.revision()));
              }
              var busy = book.busy(cmd.window());
              return Effect()
                  .reply(
                      cmd.replyTo(),
                      new Availability(
                          busy,
                          book.free(cmd.window(), busy),
                          book.workingHours(),
                          book.revision()));
            })
        .onCommand(
            GetOccurrences.class,
            (book, cmd) ->
                Effect().reply(cmd.replyTo(), new Occurrences(book.occurrences(cmd.window()))))
        .onCommand(HoldDue.class, this::holdDue)
        .onCommand(Settle.class, this::settle)
        .onCommand(Passivate.class, this::passivate)
        .onCommand(SaveEventType.class, this::saveEventType)
        .onCommand(DeleteEventType.class, this::deleteEventType)
        .onCommand(
            GetEventTypes.class,
            (book, cmd) ->
                Effect()
                    .reply(cmd.replyTo(), new EventTypes(List.copyOf(book.eventTypes().values()))))
        .onCommand(GetBookingPage.class, this::bookingPage)
        .onCommand(StageExternalBusy.class, this::stageExternalBusy)
        .onCommand(ReplaceExternalBusy.class, this::replaceExternalBusy)
        .onCommand(PatchExternalBusy.class, this::patchExternalBusy)
        .onCommand(
            RemoveExternalSource.class,
            (book, cmd) ->
                book.externalSources().containsKey(cmd.source())
                    ? Effect()
                        .persist(new ExternalSourceRemoved(cmd.source()))
                        .thenReply(cmd.replyTo(), b -> Done.getInstance())
                    : Effect().reply(cmd.replyTo(), Done.getInstance()))
        .onCommand(
            CheckExternalConflicts.class,
            (book, cmd) -> {
              var source = book.externalSources().get(cmd.source());
              if (source != null && source.checkConflicts() == cmd.check()) {
                return Effect().reply(cmd.replyTo(), Done.getInstance());
              }
              return Effect()
                  .persist(new ExternalConflictsChecked(cmd.source(), cmd.check()))
                  .thenReply(cmd.replyTo(), b -> Done.getInstance());
            })
        .onCommand(
            DropStaged.class,
            (book, cmd) -> {
              staged.remove(cmd.stagingId());
              return Effect().noReply();
            })
        .onCommand(
            GetHostView.class,
            (book, cmd) ->
                Effect()
                    .reply(
                        cmd.replyTo(),
                        new HostViewReply(
                            cmd.knownRevision() == book.revision()
                                ? null
                                : book.hostViewForCoHost(userId, cmd.window(), null),
                            book.revision())))
        .onCommand(
            GetBookings.class,
            (book, cmd) ->
                Effect()
                    .reply(
                        cmd.replyTo(),
                        new Bookings(
                            book.bookings().values().stream()
                                .sorted(Comparator.comparing(Booking::eventId))
                                .toList())))
        .build();
  }

  private ReplyEffect<Event, CalendarBook> saveEventType(CalendarBook book, SaveEventType cmd) {
    EventType type = cmd.type();
    EventType previous = null;
    if (cmd.replacing() != null) {
      previous = book.eventType(cmd.replacing()).orElse(null);
      if (previous == null) {
        return Effect().reply(cmd.replyTo(), new EventTypeMissing(cmd.replacing()));
      }
      type = previous.replacedBy(type);
    } else if (book.eventTypes().size() >= EventType.MAX_PER_USER) {
      return Effect().reply(cmd.replyTo(), new TooManyEventTypes(EventType.MAX_PER_USER));
    }
    EventType holder = book.eventType(type.slug()).orElse(null);
    if (holder != null && (previous == null || !holder.id().equals(previous.id()))) {
      return Effect().reply(cmd.replyTo(), new SlugTaken(type.slug()));
    }
    EventType saved = type;
    return Effect()
        .persist(new EventTypeSaved(saved, cmd.replacing()))
        .thenReply(cmd.replyTo(), b -> new EventTypeStored(saved));
  }

  private ReplyEffect<Event, CalendarBook> deleteEventType(CalendarBook book, DeleteEventType cmd) {
    if (book.eventType(cmd.slug()).isEmpty()) {
      return Effect().reply(cmd.replyTo(), new EventTypeMissing(cmd.slug()));
    }
    return Effect()
        .persist(new EventTypeRemoved(cmd.slug()))
        .thenReply(cmd.replyTo(), b -> new EventTypeDeleted());
  }

  private ReplyEffect<Event, CalendarBook> stageExternalBusy(
      CalendarBook book, StageExternalBusy cmd) {
    var parts = staged.computeIfAbsent(cmd.stagingId(), id -> new ArrayList<>());
    if (parts.size() + cmd.part().size() > ExternalBusyLimits.MAX_PER_CALENDAR) {
      staged.remove(cmd.stagingId()); // the replacement will be refused: keep nothing
    } else {
      parts.addAll(cmd.part());
      timers.startSingleTimer(
          cmd.stagingId(), new DropStaged(cmd.stagingId()), ExternalBusyLimits.STAGING_TIMEOUT);
    }
    return Effect().reply(cmd.replyTo(), Done.getInstance());
  }

  private ReplyEffect<Event, CalendarBook> replaceExternalBusy(
      CalendarBook book, ReplaceExternalBusy cmd) {
    List<ExternalBusy> busy = new ArrayList<>();
    if (cmd.stagingId() != null) {
      timers.cancel(cmd.stagingId());
      var parts = staged.remove(cmd.stagingId());
      if (parts == null) {
        return Effect().reply(cmd.replyTo(), new StagingLost());
      }
      busy.addAll(parts);
    }
    busy.addAll(cmd.busy());
    int elsewhere =
        book.externalSources().values().stream()
            .filter(s -> !s.id().equals(cmd.source()))
            .mapToInt(s -> s.busy().size())
            .sum();
    if (elsewhere + busy.size() > ExternalBusyLimits.MAX_PER_CALENDAR) {
      return Effect()
          .reply(cmd.replyTo(), new TooMuchExternalBusy(ExternalBusyLimits.MAX_PER_CALENDAR));
    }
    var before = book.externalSources().get(cmd.source());
    var change = ExternalBusyLimits.change(before == null ? List.of() : before.busy(), busy);
    if (before != null && change.added() + change.updated() + change.removed() == 0) {
      return Effect().reply(cmd.replyTo(), change);
    }
    return Effect()
        .persist(new ExternalBusyReplaced(cmd.source(), busy))
        .thenReply(cmd.replyTo(), b -> change);
  }

  private ReplyEffect<Event, CalendarBook> patchExternalBusy(
      CalendarBook book, PatchExternalBusy cmd) {
    var before = book.externalSources().get(cmd.source());
    List<ExternalBusy> old = before == null ? List.of() : before.busy();
    List<ExternalBusy> after = CalendarBook.patched(old, cmd.upserts(), cmd.removed());
    int elsewhere =
        book.externalSources().values().stream()
            .filter(s -> !s.id().equals(cmd.source()))
            .mapToInt(s -> s.busy().size())
            .sum();
    if (elsewhere + after.size() > ExternalBusyLimits.MAX_PER_CALENDAR) {
      return Effect()
          .reply(cmd.replyTo(), new TooMuchExternalBusy(ExternalBusyLimits.MAX_PER_CALENDAR));
    }
    var change = ExternalBusyLimits.change(old, after);
    if (before != null && change.added() + change.updated() + change.removed() == 0) {
      return Effect().reply(cmd.replyTo(), change);
    }
    return Effect()
        .persist(new ExternalBusyPatched(cmd.source(), cmd.upserts(), cmd.removed()))
        .thenReply(cmd.replyTo(), b -> change);
  }

  private ReplyEffect<Event, CalendarBook> bookingPage(CalendarBook book, GetBookingPage cmd) {
    EventType type = book.eventType(cmd.slug()).orElse(null);
    boolean known = cmd.knownRevision() == book.revision();
    HostView view = type == null || known ? null : book.hostView(userId, type, cmd.window(), null);
    return Effect().reply(cmd.replyTo(), new BookingPage(type, view, book.revision()));
  }

  private HoldReply decide(CalendarBook book, Booking booking) {
    try {
      List<Conflict> conflicts = book.conflicts(booking, userId, CheckBudget.standard());
      return conflicts.isEmpty() ? new HoldPlaced() : new HoldRejected(conflicts);
    } catch (CheckBudget.Exhausted e) {
      ctx.getLog().warn("userId={} meetingId={} check refused: {}", userId, booking.eventId(), e);
      return new HoldRefused(e.getMessage());
    }
  }

  /** Whether the asker has given up: then the work is skipped (and nobody hears of it). */
  private boolean abandoned(Instant answerBy) {
    if (answerBy != null && clock.instant().isAfter(answerBy)) {
      ctx.getLog().debug("userId={} dropped a check its asker stopped waiting for", userId);
      return true;
    }
    return false;
  }

  private ReplyEffect<Event, CalendarBook> checkConflicts(CalendarBook book, CheckConflicts cmd) {
    if (abandoned(cmd.answerBy())) {
      return Effect().noReply();
    }
    return Effect().reply(cmd.replyTo(), decide(book, cmd.booking()));
  }

  private ReplyEffect<Event, CalendarBook> placeHold(CalendarBook book, PlaceHold cmd) {
    if (abandoned(cmd.answerBy())) {
      return Effect().noReply();
    }
    var existing = book.hold(cmd.hold().meetingId());
    if (existing.isPresent() && existing.get().attemptId().equals(cmd.hold().attemptId())) {
      return Effect().reply(cmd.replyTo(), new HoldPlaced()); // a retried request
    }
    var refusal = book.pageRefusal(userId, cmd.hold().booking(), clock.instant());
    if (refusal.isPresent()) {
      return Effect().reply(cmd.replyTo(), new PageRefused(refusal.get()));
    }
    HoldReply decision = decide(book, cmd.hold().booking());
    if (!(decision instanceof HoldPlaced)) {
      return Effect().reply(cmd.replyTo(), decision);
    }
    return Effect()
        .persist(new HoldTaken(cmd.hold(), cmd.confirmed(), book.unrecordedConfirmations()))
        .thenRun(b -> armTimer(cmd.hold()))
        .thenReply(cmd.replyTo(), b -> decision);
  }

  private ReplyEffect<Event, CalendarBook> confirmHold(CalendarBook book, ConfirmHold cmd) {
    if (!holds(book, cmd.meetingId(), cmd.attemptId())) {
      return Effect().reply(cmd.replyTo(), Done.getInstance()); // already settled
    }
    timers.cancel(cmd.meetingId());
    book.confirmUnrecorded(cmd.meetingId(), cmd.attemptId());
    return Effect().reply(cmd.replyTo(), Done.getInstance());
  }

  private ReplyEffect<Event, CalendarBook> passivate(CalendarBook book, Passivate cmd) {
    var unrecorded = book.unrecordedConfirmations();
    if (unrecorded.isEmpty()) {
      return Effect().stop().thenNoReply();
    }
    return Effect().persist(new ConfirmationsRecorded(unrecorded)).thenStop().thenNoReply();
  }

  private ReplyEffect<Event, CalendarBook> releaseHold(CalendarBook book, ReleaseHold cmd) {
    if (!holds(book, cmd.meetingId(), cmd.attemptId())) {
      return Effect().reply(cmd.replyTo(), Done.getInstance());
    }
    timers.cancel(cmd.meetingId());
    return Effect()
        .persist(new HoldReleased(cmd.meetingId(), cmd.attemptId()))
        .thenReply(cmd.replyTo(), b -> Done.getInstance());
  }

  private ReplyEffect<Event, CalendarBook> removeBooking(CalendarBook book, RemoveBooking cmd) {
    if (!book.bookings().containsKey(cmd.eventId()) && book.hold(cmd.eventId()).isEmpty()) {
      return Effect().reply(cmd.replyTo(), Done.getInstance());
    }
    timers.cancel(cmd.eventId());
    return Effect()
        .persist(new BookingRemoved(cmd.eventId()))
        .thenReply(cmd.replyTo(), b -> Done.getInstance());
  }

  /** A hold is due: ask its meeting what it decided, and settle on that answer. */
  private ReplyEffect<Event, CalendarBook> holdDue(CalendarBook book, HoldDue cmd) {
    if (holds(book, cmd.meetingId(), cmd.attemptId())) {
      ctx.pipeToSelf(
          owners.decisionFor(cmd.meetingId(), userId),
          (decision, failure) -> new Settle(cmd.meetingId(), cmd.attemptId(), decision));
    }
    return Effect().noReply();
  }

  private ReplyEffect<Event, CalendarBook> settle(CalendarBook book, Settle cmd) {
    if (!holds(book, cmd.meetingId(), cmd.attemptId())) {
      return Effect().noReply();
    }
    var decision = cmd.decision();
    if (decision == null || cmd.attemptId().equals(decision.attemptInProgress())) {
      // The meeting is unreachable or still deciding this attempt: ask again later.
      timers.startSingleTimer(
          cmd.meetingId(), new HoldDue(cmd.meetingId(), cmd.attemptId()), settings.retrySettle());
      return Effect().noReply();
    }
    return Effect().persist(new Settled(cmd.meetingId(), decision.confirmed())).thenNoReply();
  }

  private static boolean holds(CalendarBook book, UUID meetingId, UUID attemptId) {
    return book.hold(meetingId).map(h -> h.attemptId().equals(attemptId)).orElse(false);
  }

  private void armTimer(Hold hold) {
    Duration delay = Duration.between(clock.instant(), hold.expiresAt());
    timers.startSingleTimer(
        hold.meetingId(),
        new HoldDue(hold.meetingId(), hold.attemptId()),
        delay.isNegative() ? Duration.ZERO : delay);
  }

  // ---- event handler ----

  @Override
  public EventHandler<CalendarBook, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            HoldTaken.class,
            (book, e) -> {
              if (e.confirmedEarlier() != null) {
                book.recordConfirmations(e.confirmedEarlier());
              }
              book.placeHold(e.hold(), e.confirmed());
              return book;
            })
        .onEvent(
            HoldConfirmed.class,
            (book, e) -> {
              book.confirmHold(e.meetingId(), e.attemptId());
              return book;
            })
        .onEvent(
            ConfirmationsRecorded.class,
            (book, e) -> {
              book.recordConfirmations(e.confirmed());
              return book;
            })
        .onEvent(
            HoldReleased.class,
            (book, e) -> {
              book.releaseHold(e.meetingId(), e.attemptId());
              return book;
            })
        .onEvent(
            BookingRemoved.class,
            (book, e) -> {
              book.reconcile(e.eventId(), null);
              return book;
            })
        .onEvent(
            ExternalBusyReplaced.class,
            (book, e) -> {
              book.replaceExternalBusy(e.source(), e.busy());
              return book;
            })
        .onEvent(
            ExternalBusyPatched.class,
            (book, e) -> {
              book.replaceExternalBusy(
                  e.source(),
                  CalendarBook.patched(
                      book.externalSources().containsKey(e.source())
                          ? book.externalSources().get(e.source()).busy()
                          : List.of(),
                      e.upserts(),
                      e.removed()));
              return book;
            })
        .onEvent(
            ExternalSourceRemoved.class,
            (book, e) -> {
              book.removeExternalSource(e.source());
              return book;
            })
        .onEvent(
            ExternalConflictsChecked.class,
            (book, e) -> {
              book.checkExternalConflicts(e.source(), e.check());
              return book;
            })
        .onEvent(
            Settled.class,
            (book, e) -> {
              book.reconcile(e.meetingId(), e.confirmed());
              return book;
            })
        .onEvent(
            WorkingHoursSet.class,
            (book, e) -> {
              book.setWorkingHours(e.hours());
              return book;
            })
        .onEvent(
            EventTypeSaved.class,
            (book, e) -> {
              book.saveEventType(e.type(), e.previousSlug());
              return book;
            })
        .onEvent(
            EventTypeRemoved.class,
            (book, e) -> {
              book.deleteEventType(e.slug());
              return book;
            })
        .build();
  }
}
