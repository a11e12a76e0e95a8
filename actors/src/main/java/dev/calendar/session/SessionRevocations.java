package dev.calendar.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Tells the session caches that sessions were ended in the store. Completes once the caches that
 * answered have dropped them; it never fails, because the sessions are already ended in the store
 * and a cache that was not reached forgets them within its maximum entry age.
 */
public interface SessionRevocations {
  CompletionStage<Void> revoke(Revocation revocation);

  /** Only this node's cache: for a single node without a cluster, and for tests. */
  static SessionRevocations local(LocalSessionCache cache) {
    return revocation -> {
      cache.revoke(revocation);
      return CompletableFuture.completedFuture(null);
    };
  }

  /** No cache anywhere: every session check reads the store. */
  static SessionRevocations none() {
    return revocation -> CompletableFuture.completedFuture(null);
  }
}
