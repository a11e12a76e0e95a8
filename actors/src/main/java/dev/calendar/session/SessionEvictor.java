package dev.calendar.session;

import dev.calendar.serialization.CborSerializable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One per node: drops revoked sessions from the node's cache and acks, so that the node that ended
 * them knows every member has let go before it answers. Registered with the Receptionist under
 * {@link #KEY}; that listing is how a revocation finds every node.
 */
public final class SessionEvictor {
  public static final ServiceKey<Evict> KEY = ServiceKey.create(Evict.class, "session-evictor");

  private SessionEvictor() {}

  /** Drop what {@code revocation} covers, then answer {@link Done}. */
  public record Evict(Revocation revocation, ActorRef<Done> replyTo) implements CborSerializable {}

  /** Starts this node's evictor for {@code cache}; call once per node. */
  public static ActorRef<Evict> init(ActorSystem<?> system, LocalSessionCache cache) {
    return system.systemActorOf(create(cache), "session-evictor", Props.empty());
  }

  static Behavior<Evict> create(LocalSessionCache cache) {
    return Behaviors.setup(
        context -> {
          context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
          return Behaviors.receiveMessage(
              evict -> {
                cache.revoke(evict.revocation());
                evict.replyTo().tell(Done.getInstance());
                return Behaviors.same();
              });
        });
  }
}
