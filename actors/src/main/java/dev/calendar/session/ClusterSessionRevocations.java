package dev.calendar.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations for a cluster: this node's cache is told directly, then every {@link SessionEvictor}
 * the Receptionist lists on a reachable member is asked, and the answer waits for all their acks.
 *
 * <p>A member that does not ack within {@code timeout} is logged at WARN and not waited for longer:
 * the sessions are already ended in the store, and whatever that member still caches ages out
 * within the cache's maximum entry age. The same bound holds for a member that just joined and is
 * not listed here yet (the Receptionist spreads registrations by gossip, within seconds).
 */
public final class ClusterSessionRevocations implements SessionRevocations {
  private static final Logger log = LoggerFactory.getLogger(ClusterSessionRevocations.class);

  private final ActorSystem<?> system;
  private final LocalSessionCache localCache;
  private final Duration timeout;

  public ClusterSessionRevocations(
      ActorSystem<?> system, LocalSessionCache localCache, Duration timeout) {
    this.system = system;
    this.localCache = localCache;
    this.timeout = timeout;
  }

  @Override
  public CompletionStage<Void> revoke(Revocation revocation) {
    // Directly, so the node that answers never depends on the listing for its own cache.
    localCache.revoke(revocation);
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
            system.receptionist(),
            reply -> Receptionist.find(SessionEvictor.KEY, reply),
            timeout,
            system.scheduler())
        .thenCompose(listing -> askAll(listing.getServiceInstances(SessionEvictor.KEY), revocation))
        .exceptionally(
            failure -> {
              log.warn(
                  "Could not list the session evictors; other nodes keep {} cached until it ages"
                      + " out",
                  revocation,
                  failure);
              return null;
            });
  }

  private CompletionStage<Void> askAll(
      Set<ActorRef<SessionEvictor.Evict>> evictors, Revocation revocation) {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (ActorRef<SessionEvictor.Evict> evictor : evictors) {
      acks.add(
          AskPattern.<SessionEvictor.Evict, Done>ask(
                  evictor,
                  reply -> new SessionEvictor.Evict(revocation, reply),
                  timeout,
                  system.scheduler())
              .<Void>handle(
                  (done, failure) -> {
                    if (failure != null) {
                      log.warn(
                          "No ack from the session evictor on {} within {}; it keeps {} cached"
                              + " until it ages out",
                          evictor.path().address(),
                          timeout,
                          revocation,
                          failure);
                    }
                    return null;
                  })
              .toCompletableFuture());
    }
    return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
  }
}
