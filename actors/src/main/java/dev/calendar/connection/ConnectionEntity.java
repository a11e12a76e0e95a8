package dev.calendar.connection;

import dev.calendar.connection.ConnectionSync.Channel;
import dev.calendar.connection.ConnectionSync.Copy;
import dev.calendar.connection.ConnectionSync.Cursor;
import dev.calendar.connection.ConnectionSync.LocalEvent;
import dev.calendar.connection.ConnectionSync.PushOutcome;
import dev.calendar.connection.ConnectionSync.SyncOutcome;
import dev.calendar.connection.ConnectionSync.SyncRequest;
import dev.calendar.connection.ConnectionSync.WatchOutcome;
import dev.calendar.journal.PersistFailures;
import dev.calendar.journal.RecoveryFailures;
import dev.calendar.serialization.CborSerializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
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
 * One connection to another calendar (key: connection id): its state machine, its cursor and its
 * polling timer. Being one writer per connection, two syncs of it never overlap, and a deletion
 * waits for a sync under way, so a late sync cannot bring deleted busy time back.
 *
 * <p>Connections live as long as they are connected: their type is sharded with remembered entities
 * (kept in the journal), so after a restart or a rebalance every connection is started again and
 * its timer armed from what it persisted. An entity with nothing to do (never connected, or deleted
 * and cleaned up) passivates itself, which also forgets it.
 *
 * <p>What is written: a connection, each sync that changed something (its cursor, its status, its
 * account), a change of status to error or of the error's text, settings, deletion. A poll that
 * finds nothing new writes nothing: its time is kept in memory, so it costs no journal write
 * however often feeds are polled.
 */
public final class ConnectionEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        ConnectionEntity.Command, ConnectionEntity.Event, ConnectionState> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "Connection");

  /** A finished entity waits this long for a message before it stops. */
  static final Duration IDLE_BEFORE_STOP = Duration.ofSeconds(10);

  /** Removing a deleted connection's busy time is tried again after this long. */
  static final Duration REMOVAL_RETRY = Duration.ofSeconds(5);

  static final String POLL = "poll";
  private static final String IDLE = "idle";
  private static final String REMOVAL = "removal";

  public static void init(ActorSystem<?> system, ConnectionSync sync, ConnectionSettings settings) {
    ClusterSharding.get(system)
        .init(
            Entity.of(
                    TYPE_KEY,
                    ctx ->
                        create(
                            UUID.fromString(ctx.getEntityId()),
                            ctx.getShard(),
                            sync,
                            settings.schedule(),
                            Clock.systemUTC(),
                            () -> ThreadLocalRandom.current().nextDouble()))
                .withStopMessage(new Stop())
                .withSettings(
                    ClusterShardingSettings.create(system)
                        .withRememberEntities(true)
                        .withRememberEntitiesStoreMode(
                            ClusterShardingSettings.RememberEntitiesStoreModeEventSourced$.MODULE$)
                        .withNoPassivationStrategy()));
  }

  public static Behavior<Command> create(
      UUID connectionId,
      ActorRef<ClusterSharding.ShardCommand> shard,
      ConnectionSync sync,
      PollSchedule schedule,
      Clock clock,
      DoubleSupplier random) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new ConnectionEntity(
                        connectionId, shard, sync, schedule, clock, random, ctx, timers)));
  }

  // ---- commands and replies ----

  public sealed interface Command extends CborSerializable
      permits Connect,
          GoogleNotification,
          OutlookNotification,
          Push,
          Renew,
          WatchDone,
          PushDone,
          RetryPush,
          Get,
          Update,
          Disconnect,
          Poll,
          SyncDone,
          ConflictsApplied,
          BusyRemovalDone,
          RetryRemoval,
          IdleCheck,
          Stop {}

  /**
   * Connects {@code userId} to the calendar at {@code url} (a feed), or to a provider's account
   * with sealed {@code credentials}; the same again (a retried creation) answers the connection as
   * it is.
   */
  public record Connect(
      UUID userId,
      String provider,
      String url,
      String account,
      String credentials,
      ActorRef<Reply> replyTo)
      implements Command {
    public Connect(
        UUID userId, String provider, String url, String account, ActorRef<Reply> replyTo) {
      this(userId, provider, url, account, null, replyTo);
    }
  }

  /**
   * A Google push notification ({@code X-Goog-*} headers). Answered whether it is one of this
   * connection's channels; a channel of this connection that is not current is stopped.
   */
  public record GoogleNotification(
      String channelId,
      String token,
      String resourceId,
      String resourceState,
      ActorRef<Boolean> replyTo)
      implements Command {}

  /**
   * A Microsoft Graph notification: a change ({@code lifecycleEvent} null) or a lifecycle event
   * ({@code reauthorizationRequired}, {@code subscriptionRemoved}, {@code missed}). Answered
   * whether it is this connection's subscription with its clientState.
   */
  public record OutlookNotification(
      String subscriptionId, String clientState, String lifecycleEvent, ActorRef<Boolean> replyTo)
      implements Command {}

  /**
   * A local event of {@code userId} changed: its copy in the provider is to follow (if this
   * connection pushes). Answered once the change is written down here, before it is written out.
   */
  public record Push(UUID userId, LocalEvent event, ActorRef<Done> replyTo) implements Command {}

  record Renew() implements Command {}

  record WatchDone(WatchOutcome outcome, Channel replaced) implements Command {}

  record PushDone(LocalEvent event, PushOutcome outcome) implements Command {}

  record RetryPush() implements Command {}

  public record Get(UUID userId, ActorRef<Reply> replyTo) implements Command {}

  /** Sets what is given (null: unchanged). */
  public record Update(
      UUID userId, Boolean checkConflicts, Boolean pushEvents, ActorRef<Reply> replyTo)
      implements Command {}

  /** Stops syncing and removes the connection's busy time from the calendar. */
  public record Disconnect(UUID userId, ActorRef<Reply> replyTo) implements Command {}

  record Poll() implements Command {}

  record SyncDone(SyncOutcome outcome) implements Command {}

  record ConflictsApplied(
      boolean ok, boolean checkConflicts, boolean pushEvents, ActorRef<Reply> replyTo)
      implements Command {}

  record BusyRemovalDone(boolean ok, ActorRef<Reply> replyTo) implements Command {}

  record RetryRemoval() implements Command {}

  record IdleCheck() implements Command {}

  /** Sharding's stop message (passivation, hand-over). */
  public record Stop() implements Command {}

  public sealed interface Reply extends CborSerializable
      permits Found, NotFound, Taken, Removed, Unavailable {}

  public record Found(ConnectionView connection) implements Reply {}

  /** No such connection of this user. */
  public record NotFound() implements Reply {}

  /** The id is another connection's (a different user or URL). */
  public record Taken() implements Reply {}

  public record Removed() implements Reply {}

  /** The user's calendar did not answer; nothing changed. */
  public record Unavailable(String reason) implements Reply {}

  /**
   * A connection as its user sees it. {@code status}: {@code syncing} (a sync under way, or none
   * done yet), {@code active}, {@code error} (then {@code lastError}), {@code needs_reauth}.
   */
  public record ConnectionView(
      UUID id,
      String provider,
      String status,
      String account,
      String url,
      Instant createdAt,
      Instant lastSyncAt,
      String lastError,
      boolean checkConflicts,
      boolean pushEvents)
      implements CborSerializable {}

  // ---- events ----

  public sealed interface Event extends CborSerializable
      permits Connected,
          Synced,
          SyncFailed,
          SettingsChanged,
          Disconnected,
          BusyRemoved,
          CredentialsChanged,
          ReauthNeeded,
          WatchChanged,
          PushQueued,
          EventPushed {}

  /** {@code credentials}: sealed tokens of a Google or Outlook connection; null for a feed. */
  public record Connected(
      UUID userId, String provider, String url, String account, Instant at, String credentials)
      implements Event {}

  /** Tokens refreshed (sealed). */
  public record CredentialsChanged(String credentials) implements Event {}

  /** The provider refused the grant: the connection waits for its user. */
  public record ReauthNeeded(Instant at, String reason) implements Event {}

  /** The watch now open ({@code channel} null: none). */
  public record WatchChanged(Channel channel) implements Event {}

  /** A local event's latest version, to be written out. */
  public record PushQueued(LocalEvent event) implements Event {}

  /**
   * Version {@code version} of the event is written out as {@code copy} (null: its copy deleted, or
   * there was none to delete); also when a write could never succeed, keeping the copy before.
   */
  public record EventPushed(UUID eventId, long version, Copy copy) implements Event {}

  public record Synced(Instant at, Cursor cursor, Duration refreshInterval, String account)
      implements Event {}

  public record SyncFailed(Instant at, String error) implements Event {}

  public record SettingsChanged(boolean checkConflicts, boolean pushEvents) implements Event {}

  public record Disconnected(Instant at) implements Event {}

  public record BusyRemoved() implements Event {}

  // ---- the entity ----

  private final UUID connectionId;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final ConnectionSync sync;
  private final PollSchedule schedule;
  private final Clock clock;
  private final DoubleSupplier random;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final SyncMetrics metrics;

  // In memory only: a sync or a call to the calendar under way, failures in a row, and the last
  // sync that found nothing new (not written, see the class comment).
  private boolean syncing;
  private boolean calendarCallPending;
  private int failures;
  private Instant lastUnchangedAt;
  // A notification during a sync asks for one more.
  private boolean changedDuringSync;
  // After a failed read, no read before this (the backoff, a Retry-After): notifications wait too.
  private Instant quietUntil;
  private final TwoWayLink link;

  private ConnectionEntity(
      UUID connectionId,
      ActorRef<ClusterSharding.ShardCommand> shard,
      ConnectionSync sync,
      PollSchedule schedule,
      Clock clock,
      DoubleSupplier random,
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers) {
    super(
        PersistenceId.of(TYPE_KEY.name(), connectionId.toString()),
        PersistFailures.restartWithBackoff());
    this.connectionId = connectionId;
    this.shard = shard;
    this.sync = sync;
    this.schedule = schedule;
    this.clock = clock;
    this.random = random;
    this.ctx = ctx;
    this.timers = timers;
    this.metrics = SyncMetrics.get(ctx.getSystem());
    this.link = new TwoWayLink(connectionId, sync, clock, random, ctx, timers, this::changed);
  }

  @Override
  public ConnectionState emptyState() {
    return ConnectionState.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SignalHandler<ConnectionState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::recovered)
        .onSignal(RecoveryFailed.class, RecoveryFailures.recorder(ctx.getSystem(), persistenceId()))
        .build();
  }

  private void recovered(ConnectionState state) {
    if (state.live() && state.needsReauth()) {
      return; // nothing to do until its user connects again
    }
    if (state.live()) {
      failures = ConnectionState.ERROR.equals(state.status()) ? 1 : 0;
      timers.startSingleTimer(POLL, new Poll(), firstPollDelay(state));
      if (state.twoWayLink()) {
        link.recovered(state);
      }
    } else if (state.exists() && !state.busyRemoved()) {
      removeBusy(state, null);
    } else {
      timers.startSingleTimer(IDLE, new IdleCheck(), IDLE_BEFORE_STOP);
    }
  }

  /**
   * Due as the schedule says after the last attempt (now if never read); overdue ones spread over
   * up to a minute, so a restarted cluster does not read every feed at once.
   */
  private Duration firstPollDelay(ConnectionState state) {
    Instant last = state.lastAttemptAt();
    if (last == null) {
      return Duration.ZERO;
    }
    if (state.twoWayLink()) {
      // Notifications sent while no node ran are lost: read the changes since the cursor now.
      return Duration.ofMillis(Math.round(1000 * random.getAsDouble()));
    }
    Duration wait =
        Duration.between(
            clock.instant(), last.plus(schedule.afterSuccess(state.refreshInterval(), () -> 0.5)));
    if (!wait.isNegative()) {
      return wait;
    }
    long spread = Math.min(schedule.interval().toMillis(), 60_000);
    return Duration.ofMillis(Math.round(spread * random.getAsDouble()));
  }

  @Override
  public CommandHandlerWithReply<Command, Event, ConnectionState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Connect.class, this::connect)
        .onCommand(GoogleNotification.class, (s, cmd) -> link.googleNotification(Effect(), s, cmd))
        .onCommand(
            OutlookNotification.class, (s, cmd) -> link.outlookNotification(Effect(), s, cmd))
        .onCommand(Push.class, (s, cmd) -> link.push(Effect(), s, cmd))
        .onCommand(
            Renew.class,
            (state, cmd) -> {
              if (state.live() && state.twoWayLink() && !state.needsReauth()) {
                link.openWatch(state);
              }
              return Effect().noReply();
            })
        .onCommand(WatchDone.class, (s, cmd) -> link.watchDone(Effect(), s, cmd))
        .onCommand(PushDone.class, (s, cmd) -> link.pushDone(Effect(), s, cmd))
        .onCommand(
            RetryPush.class,
            (state, cmd) -> {
              link.pushNext(state);
              return Effect().noReply();
            })
        .onCommand(
            Get.class,
            (state, cmd) ->
                Effect()
                    .reply(
                        cmd.replyTo(),
                        state.ownedBy(cmd.userId()) ? new Found(view(state)) : new NotFound()))
        .onCommand(Update.class, this::update)
        .onCommand(Disconnect.class, this::disconnect)
        .onCommand(
            Poll.class,
            (state, cmd) -> {
              startSync(state);
              return Effect().noReply();
            })
        .onCommand(SyncDone.class, this::syncDone)
        .onCommand(ConflictsApplied.class, this::conflictsApplied)
        .onCommand(BusyRemovalDone.class, this::busyRemovalDone)
        .onCommand(
            RetryRemoval.class,
            (state, cmd) -> {
              if (state.exists() && !state.live() && !state.busyRemoved() && !calendarCallPending) {
                removeBusy(state, null);
              }
              return Effect().noReply();
            })
        .onCommand(
            IdleCheck.class,
            (state, cmd) -> {
              if (state.finished() && !calendarCallPending) {
                shard.tell(new ClusterSharding.Passivate<>(ctx.getSelf()));
              }
              return Effect().noReply();
            })
        .onCommand(Stop.class, (state, cmd) -> Effect().stop().thenNoReply())
        .build();
  }

  private ReplyEffect<Event, ConnectionState> connect(ConnectionState state, Connect cmd) {
    if (state.exists()) {
      boolean retried =
          state.ownedBy(cmd.userId())
              && Objects.equals(state.url(), cmd.url())
              && state.provider().equals(cmd.provider());
      return Effect().reply(cmd.replyTo(), retried ? new Found(view(state)) : new Taken());
    }
    timers.cancel(IDLE);
    return Effect()
        .persist(
            new Connected(
                cmd.userId(),
                cmd.provider(),
                cmd.url(),
                cmd.account(),
                clock.instant(),
                cmd.credentials()))
        .thenRun(
            s -> {
              // Watch first, then read: a change between the two is then both read and notified,
              // never neither.
              link.keepWatching(s);
              startSync(s);
            })
        .thenReply(cmd.replyTo(), s -> new Found(view(s)));
  }

  private ReplyEffect<Event, ConnectionState> update(ConnectionState state, Update cmd) {
    if (!state.ownedBy(cmd.userId())) {
      return Effect().reply(cmd.replyTo(), new NotFound());
    }
    if (calendarCallPending) {
      return Effect().stash();
    }
    boolean check = cmd.checkConflicts() == null ? state.checkConflicts() : cmd.checkConflicts();
    boolean push = cmd.pushEvents() == null ? state.pushEvents() : cmd.pushEvents();
    if (check == state.checkConflicts() && push == state.pushEvents()) {
      return Effect().reply(cmd.replyTo(), new Found(view(state)));
    }
    if (check == state.checkConflicts()) {
      return Effect()
          .persist(new SettingsChanged(check, push))
          .thenRun(link::announcePushing)
          .thenReply(cmd.replyTo(), s -> new Found(view(s)));
    }
    // The calendar first: were it written here first and the calendar then out of reach, the
    // connection would say one thing and the calendar do another.
    calendarCallPending = true;
    ctx.pipeToSelf(
        call(() -> sync.checkConflicts(state.userId(), source(), check)),
        (done, error) -> new ConflictsApplied(error == null, check, push, cmd.replyTo()));
    return Effect().noReply();
  }

  private ReplyEffect<Event, ConnectionState> conflictsApplied(
      ConnectionState state, ConflictsApplied cmd) {
    calendarCallPending = false;
    if (!cmd.ok()) {
      return Effect()
          .reply(cmd.replyTo(), new Unavailable("the calendar did not answer; nothing changed"))
          .thenUnstashAll();
    }
    return Effect()
        .persist(new SettingsChanged(cmd.checkConflicts(), cmd.pushEvents()))
        .thenRun(link::announcePushing)
        .thenReply(cmd.replyTo(), s -> new Found(view(s)))
        .thenUnstashAll();
  }

  private ReplyEffect<Event, ConnectionState> disconnect(ConnectionState state, Disconnect cmd) {
    if (!state.ownedBy(cmd.userId())) {
      return Effect().reply(cmd.replyTo(), new NotFound());
    }
    if (syncing || calendarCallPending || link.busy()) {
      // After the sync under way has written its busy time, or it would outlive the deletion;
      // after a watch being opened is known, so it can be stopped.
      return Effect().stash();
    }
    timers.cancel(POLL);
    link.stop();
    return Effect()
        .persist(new Disconnected(clock.instant()))
        .thenRun(
            s -> {
              link.announcePushing(s);
              if (s.twoWayLink() && s.twoWay().channel() != null) {
                // Best effort: a channel left open is answered 404 when it next notifies.
                call(
                    () ->
                        sync.unwatch(s.provider(), s.twoWay().credentials(), s.twoWay().channel()));
              }
              removeBusy(s, cmd.replyTo());
            })
        .thenNoReply();
  }

  private void removeBusy(ConnectionState state, ActorRef<Reply> replyTo) {
    calendarCallPending = true;
    ctx.pipeToSelf(
        call(() -> sync.removeBusy(state.userId(), source())),
        (done, error) -> new BusyRemovalDone(error == null, replyTo));
  }

  private ReplyEffect<Event, ConnectionState> busyRemovalDone(
      ConnectionState state, BusyRemovalDone cmd) {
    calendarCallPending = false;
    if (!cmd.ok()) {
      // The connection is gone either way; its busy time goes when the calendar answers.
      timers.startSingleTimer(REMOVAL, new RetryRemoval(), REMOVAL_RETRY);
      if (cmd.replyTo() != null) {
        cmd.replyTo().tell(new Removed());
      }
      return Effect().none().thenNoReply().thenUnstashAll();
    }
    return Effect()
        .persist(new BusyRemoved())
        .thenRun(
            s -> {
              if (cmd.replyTo() != null) {
                cmd.replyTo().tell(new Removed());
              }
              timers.startSingleTimer(IDLE, new IdleCheck(), IDLE_BEFORE_STOP);
            })
        .thenNoReply()
        .thenUnstashAll();
  }

  // ---- syncing ----

  private void startSync(ConnectionState state) {
    if (!state.live() || syncing) {
      return;
    }
    if (state.needsReauth()) {
      return;
    }
    syncing = true;
    changedDuringSync = false;
    timers.cancel(POLL);
    TwoWay link = state.twoWay();
    var request =
        new SyncRequest(
            connectionId,
            state.userId(),
            state.provider(),
            state.url(),
            state.cursor(),
            source(),
            link == null ? null : link.credentials(),
            link == null ? java.util.Set.of() : link.ownExternalIds());
    ctx.pipeToSelf(
        call(() -> sync.sync(request)),
        (outcome, error) ->
            new SyncDone(
                outcome != null
                    ? outcome
                    : new SyncOutcome.Failed(
                        "the calendar did not take the changes: " + error.getMessage(),
                        false,
                        null)));
  }

  private ReplyEffect<Event, ConnectionState> syncDone(ConnectionState state, SyncDone cmd) {
    syncing = false;
    if (!state.live()) {
      return Effect().none().thenNoReply().thenUnstashAll();
    }
    SyncOutcome outcome = cmd.outcome();
    metrics.record(outcome);
    Instant now = clock.instant();
    List<Event> events = new ArrayList<>();
    String credentials =
        outcome instanceof SyncOutcome.Changed c
            ? c.credentials()
            : outcome instanceof SyncOutcome.Failed f ? f.credentials() : null;
    if (credentials != null) {
      events.add(new CredentialsChanged(credentials));
    }
    if (outcome instanceof SyncOutcome.Failed f && f.needsReauth()) {
      events.add(new ReauthNeeded(now, f.reason()));
      return link.reauthNeeded(Effect(), events);
    }
    Event event = null;
    Duration next;
    if (outcome instanceof SyncOutcome.Failed f) {
      failures++;
      next = schedule.afterFailure(failures, f.permanent(), f.retryAfter(), random);
      quietUntil = now.plus(next);
      if (!ConnectionState.ERROR.equals(state.status()) || !f.reason().equals(state.lastError())) {
        event = new SyncFailed(now, f.reason());
      }
      ctx.getLog()
          .info("connection {} sync failed ({} in a row): {}", connectionId, failures, f.reason());
    } else if (outcome instanceof SyncOutcome.Changed c) {
      failures = 0;
      quietUntil = null;
      lastUnchangedAt = now;
      next = schedule.afterSuccess(c.refreshInterval(), random);
      boolean worthWriting =
          !ConnectionState.ACTIVE.equals(state.status())
              || !c.cursor().equals(state.cursor())
              || c.changedAnything()
              || !Objects.equals(c.refreshInterval(), state.refreshInterval())
              || (c.account() != null && !c.account().equals(state.account()));
      if (worthWriting) {
        event = new Synced(now, c.cursor(), c.refreshInterval(), c.account());
      }
    } else {
      failures = 0;
      quietUntil = null;
      lastUnchangedAt = now;
      next = schedule.afterSuccess(state.refreshInterval(), random);
      if (!ConnectionState.ACTIVE.equals(state.status())) {
        event = new Synced(now, state.cursor(), state.refreshInterval(), null);
      }
    }
    timers.startSingleTimer(POLL, new Poll(), next);
    if (event != null) {
      events.add(event);
    }
    boolean again = changedDuringSync && !(outcome instanceof SyncOutcome.Failed);
    if (events.isEmpty()) {
      if (again) {
        startSync(state);
      }
      return Effect().none().thenNoReply().thenUnstashAll();
    }
    return Effect()
        .persist(events)
        .thenRun(
            s -> {
              if (again) {
                startSync(s);
              }
            })
        .thenNoReply()
        .thenUnstashAll();
  }

  /** The other calendar changed: read it now, or once more after the read under way. */
  private void changed(ConnectionState state) {
    if (state.needsReauth()) {
      return;
    }
    if (syncing) {
      changedDuringSync = true;
    } else if (quietUntil != null && clock.instant().isBefore(quietUntil)) {
      // Backing off (or told to wait): the read already due at the end of the wait takes it.
      return;
    } else {
      startSync(state);
    }
  }

  // ---- helpers ----

  private String source() {
    return ConnectionSettings.sourceOf(connectionId);
  }

  /** The call's stage; one that throws instead counts as failed. */
  static <T> CompletionStage<T> call(Supplier<CompletionStage<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private ConnectionView view(ConnectionState s) {
    String status =
        s.needsReauth()
            ? ConnectionState.NEEDS_REAUTH
            : syncing || ConnectionState.PENDING.equals(s.status()) ? "syncing" : s.status();
    Instant lastSync = s.lastSyncAt();
    if (lastUnchangedAt != null && (lastSync == null || lastUnchangedAt.isAfter(lastSync))) {
      lastSync = lastUnchangedAt;
    }
    return new ConnectionView(
        connectionId,
        s.provider(),
        status,
        s.account(),
        s.url(),
        s.createdAt(),
        lastSync,
        ConnectionState.ERROR.equals(s.status()) || s.needsReauth() ? s.lastError() : null,
        s.checkConflicts(),
        s.pushEvents());
  }

  // ---- events ----

  @Override
  public EventHandler<ConnectionState, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            Connected.class,
            (s, e) ->
                s.connected(
                    e.userId(), e.provider(), e.url(), e.account(), e.at(), e.credentials()))
        .onEvent(
            CredentialsChanged.class,
            (s, e) -> s.withTwoWay(s.twoWay().withCredentials(e.credentials())))
        .onEvent(ReauthNeeded.class, (s, e) -> s.reauthNeeded(e.at(), e.reason()))
        .onEvent(WatchChanged.class, (s, e) -> s.withTwoWay(s.twoWay().withChannel(e.channel())))
        .onEvent(PushQueued.class, (s, e) -> s.withTwoWay(s.twoWay().queued(e.event())))
        .onEvent(
            EventPushed.class,
            (s, e) -> s.withTwoWay(s.twoWay().pushed(e.eventId(), e.version(), e.copy())))
        .onEvent(
            Synced.class, (s, e) -> s.synced(e.at(), e.cursor(), e.refreshInterval(), e.account()))
        .onEvent(SyncFailed.class, (s, e) -> s.failed(e.at(), e.error()))
        .onEvent(
            SettingsChanged.class, (s, e) -> s.withSettings(e.checkConflicts(), e.pushEvents()))
        .onEvent(Disconnected.class, (s, e) -> s.disconnected(e.at()))
        .onEvent(BusyRemoved.class, (s, e) -> s.busyGone())
        .build();
  }
}
