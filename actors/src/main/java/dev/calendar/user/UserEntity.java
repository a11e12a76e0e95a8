package dev.calendar.user;

import dev.calendar.journal.PersistFailures;
import dev.calendar.journal.RecoveryFailures;
import dev.calendar.serialization.CborSerializable;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One user account (key: user id). Email uniqueness is not decided here but by {@link
 * EmailRegistry}; a registered user whose email claim failed is simply never reachable.
 */
public final class UserEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        UserEntity.Command, UserEntity.Event, UserEntity.State> {

  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "User");

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system)
        .init(Entity.of(TYPE_KEY, ctx -> create(UUID.fromString(ctx.getEntityId()))));
  }

  public static Behavior<Command> create(UUID userId) {
    return Behaviors.setup(ctx -> new UserEntity(userId, ctx.getSystem()));
  }

  // ---- commands and replies ----

  public sealed interface Command extends CborSerializable
      permits Register, GetProfile, GetCredentials, UpdateProfile, IssueFeedToken, OpenFeed {}

  /** Registers the account; registering again with the same email answers the same profile. */
  public record Register(
      String email,
      String name,
      ZoneId timezone,
      String passwordHash,
      Instant at,
      ActorRef<Result> replyTo)
      implements Command {}

  public record GetProfile(ActorRef<Result> replyTo) implements Command {}

  public record UpdateProfile(ProfilePatch patch, Instant at, ActorRef<Result> replyTo)
      implements Command {}

  public record GetCredentials(ActorRef<Credentials> replyTo) implements Command {}

  /**
   * Keeps {@code tokenHash} (see {@link FeedTokens#hash}) as the hash of the calendar feed's token,
   * replacing any earlier one, which stops working. Answers the profile, or NotFound.
   */
  public record IssueFeedToken(String tokenHash, Instant at, ActorRef<Result> replyTo)
      implements Command {}

  /**
   * Read-only: the profile when {@code tokenHash} is the hash of the account's current feed token,
   * else NotFound (no account, no token issued, another or an earlier token).
   */
  public record OpenFeed(String tokenHash, ActorRef<Result> replyTo) implements Command {}

  public sealed interface Result extends CborSerializable permits Found, NotFound, EmailMismatch {}

  public record Found(UserProfile profile) implements Result {}

  public record NotFound() implements Result {}

  /** The id is already registered with another email (an id derived from a reused key). */
  public record EmailMismatch() implements Result {}

  /** The stored password hash, or null when the account does not exist. */
  public record Credentials(UUID userId, String passwordHash) implements CborSerializable {}

  // ---- events ----

  public sealed interface Event extends CborSerializable
      permits Registered, ProfileUpdated, PasswordChanged, FeedTokenIssued {}

  public record Registered(UserProfile profile, String passwordHash) implements Event {}

  public record ProfileUpdated(UserProfile profile) implements Event {}

  public record PasswordChanged(String passwordHash, Instant at) implements Event {}

  /** A new calendar-feed token: only its hash; the one before no longer opens the feed. */
  public record FeedTokenIssued(String tokenHash, Instant at) implements Event {}

  // ---- state ----

  /**
   * {@code profile} is null until the account is registered; {@code feedTokenHash} until a feed
   * token is issued (and in snapshots taken before feeds existed).
   */
  public record State(UserProfile profile, String passwordHash, String feedTokenHash)
      implements CborSerializable {
    static final State EMPTY = new State(null, null, null);

    State(UserProfile profile, String passwordHash) {
      this(profile, passwordHash, null);
    }

    boolean registered() {
      return profile != null;
    }
  }

  private final UUID userId;
  private final ActorSystem<?> system;

  private UserEntity(UUID userId, ActorSystem<?> system) {
    super(
        PersistenceId.of(TYPE_KEY.name(), userId.toString()), PersistFailures.restartWithBackoff());
    this.userId = userId;
    this.system = system;
  }

  @Override
  public State emptyState() {
    return State.EMPTY;
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryFailed.class, RecoveryFailures.recorder(system, persistenceId()))
        .build();
  }

  // ---- command handlers ----

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forState(state -> !state.registered())
        .onCommand(Register.class, this::register)
        .onCommand(GetProfile.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()))
        .onCommand(UpdateProfile.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()))
        .onCommand(IssueFeedToken.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()))
        .onCommand(OpenFeed.class, (s, c) -> Effect().reply(c.replyTo(), new NotFound()))
        .onCommand(
            GetCredentials.class,
            (s, c) -> Effect().reply(c.replyTo(), new Credentials(userId, null)));
    builder
        .forState(State::registered)
        .onCommand(Register.class, this::registerAgain)
        .onCommand(GetProfile.class, (s, c) -> Effect().reply(c.replyTo(), new Found(s.profile())))
        .onCommand(UpdateProfile.class, this::update)
        .onCommand(
            IssueFeedToken.class,
            (s, c) ->
                Effect()
                    .persist(new FeedTokenIssued(c.tokenHash(), c.at()))
                    .thenReply(c.replyTo(), after -> new Found(after.profile())))
        .onCommand(
            OpenFeed.class,
            (s, c) ->
                Effect()
                    .reply(
                        c.replyTo(),
                        FeedTokens.sameHash(s.feedTokenHash(), c.tokenHash())
                            ? new Found(s.profile())
                            : new NotFound()))
        .onCommand(
            GetCredentials.class,
            (s, c) -> Effect().reply(c.replyTo(), new Credentials(userId, s.passwordHash())));
    return builder.build();
  }

  private ReplyEffect<Event, State> register(State state, Register cmd) {
    var profile =
        new UserProfile(
            userId,
            cmd.email(),
            cmd.name(),
            cmd.timezone(),
            List.of(),
            null,
            List.of(),
            cmd.at(),
            cmd.at());
    return Effect()
        .persist(new Registered(profile, cmd.passwordHash()))
        .thenReply(cmd.replyTo(), s -> new Found(s.profile()));
  }

  private ReplyEffect<Event, State> registerAgain(State state, Register cmd) {
    // A retried sign-up (same idempotency key, so same id) converges on the first registration.
    Result reply =
        state.profile().email().equals(cmd.email())
            ? new Found(state.profile())
            : new EmailMismatch();
    return Effect().reply(cmd.replyTo(), reply);
  }

  private ReplyEffect<Event, State> update(State state, UpdateProfile cmd) {
    List<Event> events = new ArrayList<>(2);
    if (cmd.patch().changesProfile()) {
      events.add(new ProfileUpdated(state.profile().apply(cmd.patch(), cmd.at())));
    }
    if (cmd.patch().passwordHash() != null) {
      events.add(new PasswordChanged(cmd.patch().passwordHash(), cmd.at()));
    }
    if (events.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Found(state.profile()));
    }
    return Effect().persist(events).thenReply(cmd.replyTo(), s -> new Found(s.profile()));
  }

  // ---- event handlers ----

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Registered.class, (s, e) -> new State(e.profile(), e.passwordHash()))
        .onEvent(
            ProfileUpdated.class,
            (s, e) -> new State(e.profile(), s.passwordHash(), s.feedTokenHash()))
        .onEvent(
            PasswordChanged.class,
            (s, e) ->
                new State(withUpdatedAt(s.profile(), e.at()), e.passwordHash(), s.feedTokenHash()))
        .onEvent(
            FeedTokenIssued.class,
            (s, e) -> new State(s.profile(), s.passwordHash(), e.tokenHash()))
        .build();
  }

  private static UserProfile withUpdatedAt(UserProfile p, Instant at) {
    return new UserProfile(
        p.id(),
        p.email(),
        p.name(),
        p.timezone(),
        p.defaultReminders(),
        p.phone(),
        p.pushTokens(),
        p.createdAt(),
        at);
  }
}
