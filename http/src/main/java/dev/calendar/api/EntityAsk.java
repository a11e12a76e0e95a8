package dev.calendar.api;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Asks one entity of a type, named by its id, and awaits its reply: the only way services reach
 * entities. In a node it is a sharded ask; route tests give canned replies instead.
 */
public interface EntityAsk<C> {

  <R> CompletionStage<R> ask(String entityId, Function<ActorRef<R>, C> message);

  /** Asks through cluster sharding, failing with a timeout after {@code timeout}. */
  static <C> EntityAsk<C> sharded(
      ClusterSharding sharding, EntityTypeKey<C> type, Duration timeout) {
    return new EntityAsk<>() {
      @Override
      public <R> CompletionStage<R> ask(String entityId, Function<ActorRef<R>, C> message) {
        return sharding.entityRefFor(type, entityId).ask(message::apply, timeout);
      }
    };
  }
}
