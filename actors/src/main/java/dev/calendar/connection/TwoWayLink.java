package dev.calendar.connection;

import dev.calendar.connection.ConnectionEntity.Command;
import dev.calendar.connection.ConnectionEntity.Event;
import dev.calendar.connection.ConnectionEntity.GoogleNotification;
import dev.calendar.connection.ConnectionEntity.OutlookNotification;
import dev.calendar.connection.ConnectionEntity.Push;
import dev.calendar.connection.ConnectionEntity.PushDone;
import dev.calendar.connection.ConnectionEntity.WatchDone;
import dev.calendar.connection.ConnectionSync.Channel;
import dev.calendar.connection.ConnectionSync.Copy;
import dev.calendar.connection.ConnectionSync.Failure;
import dev.calendar.connection.ConnectionSync.LocalEvent;
import dev.calendar.connection.ConnectionSync.PushOutcome;
import dev.calendar.connection.ConnectionSync.PushRequest;
import dev.calendar.connection.ConnectionSync.WatchOutcome;
import dev.calendar.connection.ConnectionSync.WatchRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The two-way half of a {@link ConnectionEntity} (Google, Outlook): its watch (opened, checked
 * against notifications, renewed new-before-old), what notifications do, and the outbox of local
 * events written out one at a time. Runs inside the entity, on its thread: the entity hands each of
 * these commands here with its effect factory, and this part persists the entity's events.
 */
final class TwoWayLink {

  /** A failed watch or push is tried again after this long, doubling to {@link #RETRY_MAX}. */
  static final Duration RETRY_MIN = Duration.ofSeconds(2);

  static final Duration RETRY_MAX = Duration.ofMinutes(10);

  static final String RENEW = "renew";
  static final String PUSH_RETRY = "push-retry";

  /** Google's notification states that report a change ({@code sync} only opens a channel). */
  private static final String GOOGLE_SYNC = "sync";

  private static final SecureRandom SECRETS = new SecureRandom();

  private final UUID connectionId;
  private final ConnectionSync sync;
  private final Clock clock;
  private final DoubleSupplier random;
  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final Consumer<ConnectionState> onChange;

  // In memory only: the watch being opened (its id and token, so its first notification, which may
  // come before the provider's answer, is known); a write out under way; failures in a row.
  private Channel opening;
  private boolean pushing;
  private int watchFailures;
  private int pushFailures;

  /** {@code onChange}: the other calendar changed, read it (or once more after this read). */
  TwoWayLink(
      UUID connectionId,
      ConnectionSync sync,
      Clock clock,
      DoubleSupplier random,
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      Consumer<ConnectionState> onChange) {
    this.connectionId = connectionId;
    this.sync = sync;
    this.clock = clock;
    this.random = random;
    this.ctx = ctx;
    this.timers = timers;
    this.onChange = onChange;
  }

  /** A watch is being opened or an event written: a deletion waits for it. */
  boolean busy() {
    return opening != null || pushing;
  }

  /** After recovery: the watch kept open, the outbox worked, every node told. */
  void recovered(ConnectionState state) {
    keepWatching(state);
    pushNext(state);
    if (state.pushEvents()) {
      PushTargets.get(ctx.getSystem()).set(state.userId(), connectionId, true);
    }
  }

  /** The connection is gone or paused: no renewal, no retried write. */
  void stop() {
    timers.cancel(RENEW);
    timers.cancel(PUSH_RETRY);
  }

  /** The provider's refreshed tokens, as the events to write (none if unchanged). */
  private static List<Event> credentials(String sealed) {
    List<Event> events = new ArrayList<>();
    if (sealed != null) {
      events.add(new ConnectionEntity.CredentialsChanged(sealed));
    }
    return events;
  }

  /** Everything stops until the user connects again; notifications are then answered, not read. */
  ReplyEffect<Event, ConnectionState> reauthNeeded(
      EffectFactories<Event, ConnectionState> effects, List<Event> events) {
    timers.cancel(ConnectionEntity.POLL);
    timers.cancel(RENEW);
    timers.cancel(PUSH_RETRY);
    ctx.getLog().info("connection {} needs its user to connect again", connectionId);
    return effects.persist(events).thenNoReply().thenUnstashAll();
  }

  // ---- two-way: notifications ----

  ReplyEffect<Event, ConnectionState> googleNotification(
      EffectFactories<Event, ConnectionState> effects,
      ConnectionState state,
      GoogleNotification cmd) {
    Channel current = state.twoWayLink() ? state.twoWay().channel() : null;
    boolean known =
        state.live()
            && state.twoWayLink()
            && (matches(current, cmd.channelId(), cmd.token())
                || matches(opening, cmd.channelId(), cmd.token()));
    if (!known) {
      if (state.twoWayLink() && cmd.resourceId() != null && !state.needsReauth()) {
        // One of ours that should be closed (replaced, or its connection deleted): close it.
        var stale = new Channel(cmd.channelId(), cmd.resourceId(), cmd.token(), null, null);
        ConnectionEntity.call(
            () -> sync.unwatch(state.provider(), state.twoWay().credentials(), stale));
      }
      return effects.reply(cmd.replyTo(), false);
    }
    if (!GOOGLE_SYNC.equals(cmd.resourceState())) {
      onChange.accept(state);
    }
    return effects.reply(cmd.replyTo(), true);
  }

  ReplyEffect<Event, ConnectionState> outlookNotification(
      EffectFactories<Event, ConnectionState> effects,
      ConnectionState state,
      OutlookNotification cmd) {
    Channel current = state.twoWayLink() ? state.twoWay().channel() : null;
    boolean known =
        state.live()
            && state.twoWayLink()
            && cmd.clientState() != null
            && ((current != null
                    && current.id().equals(cmd.subscriptionId())
                    && current.token().equals(cmd.clientState()))
                || (opening != null && opening.token().equals(cmd.clientState())));
    if (!known) {
      return effects.reply(cmd.replyTo(), false);
    }
    String lifecycle = cmd.lifecycleEvent();
    if (lifecycle == null || "missed".equals(lifecycle)) {
      onChange.accept(state);
      return effects.reply(cmd.replyTo(), true);
    }
    if ("reauthorizationRequired".equals(lifecycle)) {
      if (!state.needsReauth()) {
        openWatch(state);
      }
      return effects.reply(cmd.replyTo(), true);
    }
    if ("subscriptionRemoved".equals(lifecycle) && current != null) {
      // Gone at the provider: a new one, and a read of whatever it did not tell us meanwhile.
      return effects
          .persist(new ConnectionEntity.WatchChanged(null))
          .thenRun(
              s -> {
                keepWatching(s);
                onChange.accept(s);
              })
          .thenReply(cmd.replyTo(), s -> true);
    }
    return effects.reply(cmd.replyTo(), true);
  }

  private static boolean matches(Channel channel, String id, String token) {
    return channel != null
        && channel.id().equals(id)
        && (channel.token() == null || channel.token().equals(token));
  }

  // ---- two-way: the watch ----

  /** Opens a watch if there is none, else arms its renewal. */
  void keepWatching(ConnectionState state) {
    if (!state.twoWayLink() || state.needsReauth()) {
      return;
    }
    Channel channel = state.twoWay().channel();
    if (channel == null || !channel.renewAt().isAfter(clock.instant())) {
      openWatch(state);
    } else {
      timers.startSingleTimer(
          RENEW,
          new ConnectionEntity.Renew(),
          Duration.between(clock.instant(), channel.renewAt()));
    }
  }

  /** Opens a new watch, or renews the current one (the provider decides which it takes). */
  void openWatch(ConnectionState state) {
    if (opening != null) {
      return;
    }
    timers.cancel(RENEW);
    Channel current = state.twoWay().channel();
    opening =
        new Channel(
            connectionId + "_" + Long.toHexString(SECRETS.nextLong()),
            null,
            newToken(),
            null,
            null);
    var request =
        new WatchRequest(
            connectionId,
            state.provider(),
            state.twoWay().credentials(),
            current,
            opening.id(),
            opening.token());
    ctx.pipeToSelf(
        ConnectionEntity.call(() -> sync.watch(request)),
        (outcome, error) ->
            new ConnectionEntity.WatchDone(
                outcome != null
                    ? outcome
                    : new WatchOutcome.NotWatching(
                        new Failure("the watch failed: " + error.getMessage(), false, null, false),
                        null),
                current));
  }

  ReplyEffect<Event, ConnectionState> watchDone(
      EffectFactories<Event, ConnectionState> effects, ConnectionState state, WatchDone cmd) {
    opening = null;
    if (!state.live() || !state.twoWayLink()) {
      if (cmd.outcome() instanceof WatchOutcome.Watching w && state.twoWayLink()) {
        ConnectionEntity.call(
            () -> sync.unwatch(state.provider(), state.twoWay().credentials(), w.channel()));
      }
      return effects.none().thenNoReply().thenUnstashAll();
    }
    if (cmd.outcome() instanceof WatchOutcome.Watching w) {
      watchFailures = 0;
      List<Event> events = credentials(w.credentials());
      events.add(new ConnectionEntity.WatchChanged(w.channel()));
      Channel replaced = cmd.replaced();
      return effects
          .persist(events)
          .thenRun(
              s -> {
                if (replaced != null && !replaced.id().equals(w.channel().id())) {
                  // Only now that the new channel is written down is the old one stopped.
                  ConnectionEntity.call(
                      () -> sync.unwatch(s.provider(), s.twoWay().credentials(), replaced));
                }
                keepWatching(s);
              })
          .thenNoReply()
          .thenUnstashAll();
    }
    var failed = (WatchOutcome.NotWatching) cmd.outcome();
    List<Event> events = credentials(failed.credentials());
    Failure f = failed.failure();
    if (f.needsReauth()) {
      events.add(new ConnectionEntity.ReauthNeeded(clock.instant(), f.reason()));
      return reauthNeeded(effects, events);
    }
    watchFailures++;
    Duration wait = retryDelay(watchFailures, f.retryAfter());
    ctx.getLog()
        .info(
            "connection {} watch failed ({} in a row): {}",
            connectionId,
            watchFailures,
            f.reason());
    timers.startSingleTimer(RENEW, new ConnectionEntity.Renew(), wait);
    return effects.persist(events).thenNoReply().thenUnstashAll();
  }

  // ---- two-way: writing local events out ----

  ReplyEffect<Event, ConnectionState> push(
      EffectFactories<Event, ConnectionState> effects, ConnectionState state, Push cmd) {
    if (!state.ownedBy(cmd.userId())
        || !state.twoWayLink()
        || !state.pushEvents()
        || state.needsReauth()
        || cmd.event().version() <= state.twoWay().knownVersion(cmd.event().eventId())) {
      return effects.reply(cmd.replyTo(), Done.getInstance());
    }
    return effects
        .persist(new ConnectionEntity.PushQueued(cmd.event()))
        .thenRun(this::pushNext)
        .thenReply(cmd.replyTo(), s -> Done.getInstance());
  }

  /** Tells every node whether local events of this connection's user are to reach it. */
  void announcePushing(ConnectionState state) {
    if (state.twoWayLink()) {
      PushTargets.get(ctx.getSystem())
          .set(state.userId(), connectionId, state.live() && state.pushEvents());
    }
  }

  /** Writes the first event waiting, one at a time. */
  void pushNext(ConnectionState state) {
    if (pushing
        || !state.live()
        || !state.twoWayLink()
        || !state.pushEvents()
        || state.needsReauth()
        || state.twoWay().outbox().isEmpty()
        || timers.isTimerActive(PUSH_RETRY)) {
      return;
    }
    LocalEvent event = state.twoWay().outbox().values().iterator().next();
    Copy copy = state.twoWay().copies().get(event.eventId());
    if (copy == null && event.cancelled()) {
      ctx.getSelf().tell(new ConnectionEntity.PushDone(event, new PushOutcome.Pushed(null, null)));
      pushing = true;
      return;
    }
    pushing = true;
    var request =
        new PushRequest(connectionId, state.provider(), state.twoWay().credentials(), event, copy);
    ctx.pipeToSelf(
        ConnectionEntity.call(() -> sync.push(request)),
        (outcome, error) ->
            new ConnectionEntity.PushDone(
                event,
                outcome != null
                    ? outcome
                    : new PushOutcome.NotPushed(
                        new Failure("the write failed: " + error.getMessage(), false, null, false),
                        null)));
  }

  ReplyEffect<Event, ConnectionState> pushDone(
      EffectFactories<Event, ConnectionState> effects, ConnectionState state, PushDone cmd) {
    pushing = false;
    if (!state.live() || !state.twoWayLink()) {
      return effects.none().thenNoReply().thenUnstashAll();
    }
    LocalEvent event = cmd.event();
    List<Event> events;
    if (cmd.outcome() instanceof PushOutcome.Pushed p) {
      pushFailures = 0;
      events = credentials(p.credentials());
      events.add(new ConnectionEntity.EventPushed(event.eventId(), event.version(), p.copy()));
    } else {
      var failed = (PushOutcome.NotPushed) cmd.outcome();
      events = credentials(failed.credentials());
      Failure f = failed.failure();
      if (f.needsReauth()) {
        events.add(new ConnectionEntity.ReauthNeeded(clock.instant(), f.reason()));
        return reauthNeeded(effects, events);
      }
      if (f.permanent()) {
        // Retrying the same write cannot help: let it go, keep the copy as it was.
        ctx.getLog()
            .warn(
                "connection {}: event {} cannot be written out: {}",
                connectionId,
                event.eventId(),
                f.reason());
        events.add(
            new ConnectionEntity.EventPushed(
                event.eventId(), event.version(), state.twoWay().copies().get(event.eventId())));
      } else {
        pushFailures++;
        timers.startSingleTimer(
            PUSH_RETRY, new ConnectionEntity.RetryPush(), retryDelay(pushFailures, f.retryAfter()));
        if (events.isEmpty()) {
          return effects.none().thenNoReply().thenUnstashAll();
        }
        return effects.persist(events).thenNoReply().thenUnstashAll();
      }
    }
    return effects.persist(events).thenRun(this::pushNext).thenNoReply().thenUnstashAll();
  }

  /** From {@link #RETRY_MIN} doubling to {@link #RETRY_MAX}, half random; never before a hint. */
  private Duration retryDelay(int failuresInARow, Duration retryAfter) {
    long max = RETRY_MAX.toMillis();
    long capped = Math.min(max, RETRY_MIN.toMillis() << Math.min(failuresInARow - 1, 20));
    long delay = capped / 2 + Math.round(capped / 2.0 * random.getAsDouble());
    if (retryAfter != null) {
      delay = Math.max(delay, Math.min(retryAfter.toMillis(), max));
    }
    return Duration.ofMillis(delay);
  }

  /** A secret the provider sends back with each notification: 24 random bytes, base64url. */
  private String newToken() {
    byte[] bytes = new byte[24];
    SECRETS.nextBytes(bytes);
    return connectionId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
