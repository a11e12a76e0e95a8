package dev.calendar.connection;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.ORMultiMap;
import org.apache.pekko.cluster.ddata.ORMultiMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * Which connections write their user's events out ({@code pushEvents}), by user, on every node:
 * replicated data (an OR-multimap), so the consumer of local changes finds a user's pushing
 * connections in memory and sends nothing at all for the many users without one.
 *
 * <p>Kept by the connections themselves: each says so when it starts and when its setting or its
 * existence changes; after a restart of the whole cluster the remembered connections start again
 * and fill it anew.
 */
public final class PushTargets implements Extension {
  private static final ExtensionId<PushTargets> ID =
      new ExtensionId<>() {
        @Override
        public PushTargets createExtension(ActorSystem<?> system) {
          return new PushTargets(system);
        }
      };

  static final ORMultiMapKey<String, String> KEY = new ORMultiMapKey<>("push-targets");

  public static PushTargets get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  private final ActorRef<Message> keeper;
  private volatile Map<String, java.util.Set<String>> targets = Map.of();

  private PushTargets(ActorSystem<?> system) {
    keeper = system.systemActorOf(keeper(), "push-targets", Props.empty());
  }

  /** Says whether {@code connectionId} of {@code userId} writes events out. */
  public void set(UUID userId, UUID connectionId, boolean pushing) {
    keeper.tell(new SetTarget(userId.toString(), connectionId.toString(), pushing));
  }

  /** No connection anywhere writes events out. */
  public boolean none() {
    return targets.isEmpty();
  }

  /** The user's connections that write events out, as this node knows them now. */
  public Set<String> of(UUID userId) {
    return targets.getOrDefault(userId.toString(), Set.of());
  }

  private interface Message {}

  private record SetTarget(String userId, String connectionId, boolean pushing)
      implements Message {}

  private record Changed(Replicator.SubscribeResponse<ORMultiMap<String, String>> response)
      implements Message {}

  private record Updated(Replicator.UpdateResponse<ORMultiMap<String, String>> response)
      implements Message {}

  private Behavior<Message> keeper() {
    return Behaviors.setup(
        ctx ->
            DistributedData.<Message, ORMultiMap<String, String>>withReplicatorMessageAdapter(
                replicator -> {
                  SelfUniqueAddress node = DistributedData.get(ctx.getSystem()).selfUniqueAddress();
                  replicator.subscribe(KEY, Changed::new);
                  return Behaviors.receive(Message.class)
                      .onMessage(
                          SetTarget.class,
                          m -> {
                            replicator.askUpdate(
                                replyTo ->
                                    new Replicator.Update<>(
                                        KEY,
                                        ORMultiMap.emptyWithValueDeltas(),
                                        Replicator.writeLocal(),
                                        replyTo,
                                        map ->
                                            m.pushing()
                                                ? map.addBindingBy(
                                                    m.userId(), m.connectionId(), node)
                                                : map.removeBindingBy(
                                                    m.userId(), m.connectionId(), node)),
                                Updated::new);
                            return Behaviors.same();
                          })
                      .onMessage(
                          Changed.class,
                          m -> {
                            if (m.response()
                                instanceof Replicator.Changed<ORMultiMap<String, String>> c) {
                              targets = Map.copyOf(c.get(KEY).getEntries());
                            }
                            return Behaviors.same();
                          })
                      .onMessage(Updated.class, m -> Behaviors.same())
                      .build();
                }));
  }
}
