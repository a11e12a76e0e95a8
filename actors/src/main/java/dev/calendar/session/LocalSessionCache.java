package dev.calendar.session;

/**
 * What a node's in-memory cache of sessions offers to revocations. Declared here, implemented next
 * to the session store, so that this package needs nothing from the store.
 */
public interface LocalSessionCache {
  /**
   * From now on, no session the revocation covers is answered from this cache, including one whose
   * store read is still under way.
   */
  void revoke(Revocation revocation);
}
