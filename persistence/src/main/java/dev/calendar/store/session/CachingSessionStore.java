package dev.calendar.store.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.calendar.session.LocalSessionCache;
import dev.calendar.session.Revocation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Keeps the sessions this node has read in memory, so that an authenticated request does not read
 * Cassandra each time. A decorator of the store (rather than logic inside {@link Sessions}) so that
 * {@link Sessions} stays about tokens, and the cache can be tested against a hand-driven store.
 *
 * <ul>
 *   <li>Only sessions the store knows are kept: an unknown token always goes to the store, so a
 *       session started on another node is usable here at once.
 *   <li>Bounded in entries, and every entry is dropped {@code maxAge} after its store read
 *       <em>started</em>: that bounds how long a node that missed a revocation can go on accepting
 *       an ended session. The session's own expiry is checked by {@link Sessions} on every answer,
 *       cached or not.
 *   <li>Ended sessions are taken out through {@link #revoke}, on every node (see {@code
 *       dev.calendar.session}). A store read that started before a revocation may complete after it
 *       with the old row; to keep that row out, a revocation leaves a mark with the time it arrived
 *       (per token hash, or per user), and an entry whose read started at or before a mark that
 *       covers it is a miss. A mark is forgotten after {@code maxAge}: by then every entry read
 *       before it has aged out.
 * </ul>
 *
 * <p>{@link #delete} and {@link #deleteAllOf} only pass through: the cache learns of ended sessions
 * from the revocation that {@link Sessions} sends after them, like the caches of the other nodes.
 */
public final class CachingSessionStore implements SessionStore, LocalSessionCache {
  /** A cached session and the ticker time its store read started. */
  private record Entry(StoredSession session, long readStartedAt) {}

  private final SessionStore store;
  private final Ticker ticker;
  private final Cache<String, Entry> entries;
  private final Cache<String, Long> revokedTokens;
  private final Cache<UUID, Long> revokedUsers;

  public CachingSessionStore(SessionStore store, long maxEntries, Duration maxAge) {
    this(store, maxEntries, maxAge, Ticker.systemTicker());
  }

  CachingSessionStore(SessionStore store, long maxEntries, Duration maxAge, Ticker ticker) {
    this.store = store;
    this.ticker = ticker;
    long maxAgeNanos = maxAge.toNanos();
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfter(
                new Expiry<String, Entry>() {
                  @Override
                  public long expireAfterCreate(String key, Entry entry, long now) {
                    return Math.max(0, entry.readStartedAt() + maxAgeNanos - now);
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, Entry entry, long now, long currentDuration) {
                    return expireAfterCreate(key, entry, now);
                  }

                  @Override
                  public long expireAfterRead(
                      String key, Entry entry, long now, long currentDuration) {
                    return currentDuration;
                  }
                })
            .ticker(ticker)
            // Upkeep on the calling thread: cheap here, and it keeps eviction deterministic.
            .executor(Runnable::run)
            .build();
    // Not bounded in count (dropping a mark early would let a stale read in); they are as many as
    // the revocations of the last maxAge.
    this.revokedTokens = marks(maxAge, ticker);
    this.revokedUsers = marks(maxAge, ticker);
  }

  private static <K> Cache<K, Long> marks(Duration maxAge, Ticker ticker) {
    return Caffeine.newBuilder()
        .expireAfterWrite(maxAge)
        .ticker(ticker)
        .executor(Runnable::run)
        .build();
  }

  @Override
  public CompletionStage<Optional<StoredSession>> find(String tokenHash) {
    long started = ticker.read();
    Entry cached = entries.getIfPresent(tokenHash);
    if (cached != null) {
      if (!revoked(tokenHash, cached)) {
        return CompletableFuture.completedFuture(Optional.of(cached.session()));
      }
      entries.asMap().remove(tokenHash, cached);
    }
    return store
        .find(tokenHash)
        .thenApply(
            found -> {
              found.ifPresent(
                  session -> {
                    var entry = new Entry(session, started);
                    // Checked again on every hit: a revocation may arrive between here and put.
                    if (!revoked(tokenHash, entry)) {
                      entries.put(tokenHash, entry);
                    }
                  });
              return found;
            });
  }

  private boolean revoked(String tokenHash, Entry entry) {
    return coveredBy(revokedTokens.getIfPresent(tokenHash), entry)
        || coveredBy(revokedUsers.getIfPresent(entry.session().userId()), entry);
  }

  /** At or before: with equal ticker times the read may have seen the row before the delete. */
  private static boolean coveredBy(Long revokedAt, Entry entry) {
    return revokedAt != null && entry.readStartedAt() - revokedAt <= 0;
  }

  @Override
  public void revoke(Revocation revocation) {
    long now = ticker.read();
    if (revocation instanceof Revocation.OfToken token) {
      revokedTokens.put(token.tokenHash(), now);
      entries.invalidate(token.tokenHash());
    } else if (revocation instanceof Revocation.OfUser user) {
      // The user's entries are not searched for: the mark makes each a miss at its next use, and
      // they age out otherwise.
      revokedUsers.put(user.userId(), now);
    }
  }

  /** Entries now held, after pending evictions; for tests. */
  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  @Override
  public CompletionStage<Void> save(
      String tokenHash, UUID userId, Instant createdAt, Instant expiresAt) {
    return store.save(tokenHash, userId, createdAt, expiresAt);
  }

  @Override
  public CompletionStage<Void> delete(UUID userId, String tokenHash) {
    return store.delete(userId, tokenHash);
  }

  @Override
  public CompletionStage<Void> deleteAllOf(UUID userId, String keepTokenHash) {
    return store.deleteAllOf(userId, keepTokenHash);
  }
}
