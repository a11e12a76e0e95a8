package dev.calendar.connection;

import dev.calendar.journal.PersistFailures;
import dev.calendar.serialization.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * Which connections one user has (key: user id), in creation order. One writer per user makes the
 * per-user limit exact. Each connection's state is its own {@link ConnectionEntity}'s; a listed id
 * whose entity is gone (a deletion cut short) is simply not shown.
 */
public final class ConnectionDirectory
    extends EventSourcedBehaviorWithEnforcedReplies<
        ConnectionDirectory.Command, ConnectionDirectory.Event, ConnectionDirectory.State> {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "ConnectionDirectory");

  public static void init(ActorSystem<?> system, int maxPerUser) {
    ClusterSharding.get(system)
        .init(Entity.of(TYPE_KEY, ctx -> create(UUID.fromString(ctx.getEntityId()), maxPerUser)));
  }

  public static Behavior<Command> create(UUID userId, int maxPerUser) {
    return new ConnectionDirectory(userId, maxPerUser);
  }

  public sealed interface Command extends CborSerializable permits Add, Remove, ListIds {}

  /** Lists {@code connectionId}; adding a listed id again answers {@link Added} too. */
  public record Add(UUID connectionId, ActorRef<AddReply> replyTo) implements Command {}

  public record Remove(UUID connectionId, ActorRef<Done> replyTo) implements Command {}

  public record ListIds(ActorRef<Ids> replyTo) implements Command {}

  public sealed interface AddReply extends CborSerializable permits Added, LimitReached {}

  public record Added() implements AddReply {}

  public record LimitReached(int limit) implements AddReply {}

  public record Ids(List<UUID> ids) implements CborSerializable {}

  public sealed interface Event extends CborSerializable
      permits ConnectionListed, ConnectionUnlisted {}

  public record ConnectionListed(UUID connectionId) implements Event {}

  public record ConnectionUnlisted(UUID connectionId) implements Event {}

  public record State(List<UUID> ids) implements CborSerializable {
    static final State EMPTY = new State(List.of());

    public State {
      ids = List.copyOf(ids);
    }

    State with(UUID id) {
      var next = new ArrayList<>(ids);
      next.add(id);
      return new State(next);
    }

    State without(UUID id) {
      return new State(ids.stream().filter(i -> !i.equals(id)).toList());
    }
  }

  private final int maxPerUser;

  private ConnectionDirectory(UUID userId, int maxPerUser) {
    super(
        PersistenceId.of(TYPE_KEY.name(), userId.toString()), PersistFailures.restartWithBackoff());
    this.maxPerUser = maxPerUser;
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
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Add.class,
            (state, cmd) -> {
              if (state.ids().contains(cmd.connectionId())) {
                return Effect().reply(cmd.replyTo(), new Added());
              }
              if (state.ids().size() >= maxPerUser) {
                return Effect().reply(cmd.replyTo(), new LimitReached(maxPerUser));
              }
              return Effect()
                  .persist(new ConnectionListed(cmd.connectionId()))
                  .thenReply(cmd.replyTo(), s -> new Added());
            })
        .onCommand(
            Remove.class,
            (state, cmd) ->
                state.ids().contains(cmd.connectionId())
                    ? Effect()
                        .persist(new ConnectionUnlisted(cmd.connectionId()))
                        .thenReply(cmd.replyTo(), s -> Done.getInstance())
                    : Effect().reply(cmd.replyTo(), Done.getInstance()))
        .onCommand(
            ListIds.class, (state, cmd) -> Effect().reply(cmd.replyTo(), new Ids(state.ids())))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ConnectionListed.class, (s, e) -> s.with(e.connectionId()))
        .onEvent(ConnectionUnlisted.class, (s, e) -> s.without(e.connectionId()))
        .build();
  }
}
