package dev.calendar.user;

import dev.calendar.journal.PersistFailures;
import dev.calendar.journal.RecoveryFailures;
import dev.calendar.serialization.CborSerializable;
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
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * Owner of one normalized email address (key: the address). Sharding runs at most one instance per
 * address cluster-wide and it handles one command at a time, so two concurrent sign-ups with the
 * same address cannot both claim it: no lock, no read-then-write race.
 */
public final class EmailRegistry
    extends EventSourcedBehaviorWithEnforcedReplies<
        EmailRegistry.Command, EmailRegistry.Claimed, EmailRegistry.State> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "EmailRegistry");

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(Entity.of(TYPE_KEY, ctx -> create(ctx.getEntityId())));
  }

  public static Behavior<Command> create(String normalizedEmail) {
    return Behaviors.setup(ctx -> new EmailRegistry(normalizedEmail, ctx.getSystem()));
  }

  public sealed interface Command extends CborSerializable permits Claim, Lookup {}

  /** Claim the address for a user; claiming again for the same user is a no-op success. */
  public record Claim(UUID userId, ActorRef<ClaimResult> replyTo) implements Command {}

  public record Lookup(ActorRef<Owner> replyTo) implements Command {}

  public sealed interface ClaimResult extends CborSerializable
      permits ClaimAccepted, AlreadyTaken {}

  public record ClaimAccepted() implements ClaimResult {}

  public record AlreadyTaken() implements ClaimResult {}

  /** {@code userId} is null when nobody owns the address. */
  public record Owner(UUID userId) implements CborSerializable {}

  /** The one event: the address now belongs to this user. */
  public record Claimed(UUID userId) implements CborSerializable {}

  public record State(UUID owner) implements CborSerializable {}

  private final ActorSystem<?> system;

  private EmailRegistry(String normalizedEmail, ActorSystem<?> system) {
    super(PersistenceId.of(TYPE_KEY.name(), normalizedEmail), PersistFailures.restartWithBackoff());
    this.system = system;
  }

  @Override
  public State emptyState() {
    return new State(null);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryFailed.class, RecoveryFailures.recorder(system, persistenceId()))
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Claimed, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Claim.class,
            (state, cmd) -> {
              if (state.owner() == null) {
                return Effect()
                    .persist(new Claimed(cmd.userId()))
                    .thenReply(cmd.replyTo(), s -> new ClaimAccepted());
              }
              ClaimResult result =
                  state.owner().equals(cmd.userId()) ? new ClaimAccepted() : new AlreadyTaken();
              return Effect().reply(cmd.replyTo(), result);
            })
        .onCommand(
            Lookup.class, (state, cmd) -> Effect().reply(cmd.replyTo(), new Owner(state.owner())))
        .build();
  }

  @Override
  public EventHandler<State, Claimed> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Claimed.class, (state, event) -> new State(event.userId()))
        .build();
  }
}
