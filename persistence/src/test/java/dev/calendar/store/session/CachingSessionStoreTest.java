package dev.calendar.store.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.session.Revocation;
import dev.calendar.session.SessionRevocations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The session cache, driven by hand: a store whose reads complete when told, a ticker set by hand.
 */
class CachingSessionStoreTest {
  private static final Duration MAX_AGE = Duration.ofSeconds(60);
  private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");
  private static final UUID ADA = UUID.randomUUID();

  private final AtomicLong nanos = new AtomicLong(1_000);
  private final HandStore store = new HandStore();
  private final CachingSessionStore cache =
      new CachingSessionStore(store, 1_000, MAX_AGE, nanos::get);
  private final Sessions sessions =
      new Sessions(
          cache,
          SessionRevocations.local(cache),
          Duration.ofDays(30),
          Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aKnownSessionIsReadOnceThenAnsweredFromMemory() {
    store.put("t", ADA, NOW.plusSeconds(3600));
    assertThat(authenticate("t")).contains(ADA);
    nanos.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(authenticate("t")).contains(ADA);
    assertThat(store.reads).isEqualTo(1);
  }

  @Test
  void anUnknownTokenAlwaysGoesToTheStore() {
    assertThat(authenticate("t")).isEmpty();
    // Started meanwhile, on another node: usable at once.
    store.put("t", ADA, NOW.plusSeconds(3600));
    assertThat(authenticate("t")).contains(ADA);
    assertThat(store.reads).isEqualTo(2);
  }

  @Test
  void aCachedSessionPastItsOwnExpiryIsRefused() {
    var clock = new MutableClock(NOW);
    var timed = new Sessions(cache, SessionRevocations.local(cache), Duration.ofDays(30), clock);
    store.put("t", ADA, NOW.plusSeconds(10));
    assertThat(timed.authenticate("t").toCompletableFuture().join()).contains(ADA);
    clock.now = NOW.plusSeconds(10);
    assertThat(timed.authenticate("t").toCompletableFuture().join()).isEmpty();
    assertThat(store.reads).isEqualTo(1);
  }

  @Test
  void anEntryIsReadAgainOnceItReachesTheMaximumAge() {
    store.put("t", ADA, NOW.plusSeconds(3600));
    authenticate("t");
    nanos.addAndGet(MAX_AGE.toNanos());
    assertThat(authenticate("t")).contains(ADA);
    assertThat(store.reads).isEqualTo(2);
  }

  @Test
  void theMaximumAgeCountsFromWhenTheReadStarted() {
    store.put("t", ADA, NOW.plusSeconds(3600));
    store.holdReads = true;
    var pending = cache.find(Sessions.hash("t"));
    nanos.addAndGet(Duration.ofSeconds(50).toNanos());
    store.completeNext();
    assertThat(pending.toCompletableFuture().join()).isPresent();
    store.holdReads = false;
    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    authenticate("t");
    assertThat(store.reads).isEqualTo(2);
  }

  @Test
  void logOutEndsTheSessionInTheStoreAndInMemory() {
    store.put("t", ADA, NOW.plusSeconds(3600));
    authenticate("t");
    sessions.end(ADA, "t").toCompletableFuture().join();
    assertThat(authenticate("t")).isEmpty();
    assertThat(store.reads).isEqualTo(2);
  }

  @Test
  void endingAllOfAUserDropsTheirCachedSessionsAndReadsTheKeptOneAgain() {
    UUID eve = UUID.randomUUID();
    store.put("a1", ADA, NOW.plusSeconds(3600));
    store.put("a2", ADA, NOW.plusSeconds(3600));
    store.put("e1", eve, NOW.plusSeconds(3600));
    authenticate("a1");
    authenticate("a2");
    authenticate("e1");
    sessions.endAllBut(ADA, "a2").toCompletableFuture().join();
    assertThat(authenticate("a1")).isEmpty();
    assertThat(authenticate("a2")).contains(ADA);
    assertThat(authenticate("e1")).contains(eve);
    assertThat(store.reads).isEqualTo(5);
  }

  @Test
  void aReadThatStartedBeforeALogOutAndEndsAfterItIsNotCached() {
    store.put("t", ADA, NOW.plusSeconds(3600));
    store.holdReads = true;
    var racing = authenticateLater("t");
    // The log-out is done in the store and reaches this node while the read is under way.
    nanos.incrementAndGet();
    store.remove("t");
    cache.revoke(new Revocation.OfToken(Sessions.hash("t")));
    store.completeNext(); // with the row it read before the delete
    assertThat(racing.join()).contains(ADA);

    store.holdReads = false;
    assertThat(authenticate("t")).isEmpty();
    assertThat(cache.size()).isZero();
  }

  @Test
  void aReadThatStartedBeforeEndingAllOfAUserIsNotAnsweredFromMemory() {
    store.put("t", ADA, NOW.plusSeconds(3600));
    store.holdReads = true;
    var racing = authenticateLater("t");
    nanos.incrementAndGet();
    store.remove("t");
    cache.revoke(new Revocation.OfUser(ADA));
    store.completeNext();
    racing.join();

    store.holdReads = false;
    assertThat(authenticate("t")).isEmpty();
    assertThat(store.reads).isEqualTo(2);
  }

  @Test
  void anEntryCachedBeforeAUserRevocationIsAMissAtItsNextUse() {
    // Entries of a user are not searched for at revocation: the mark rejects each at its next hit.
    store.put("t", ADA, NOW.plusSeconds(3600));
    authenticate("t");
    nanos.incrementAndGet();
    cache.revoke(new Revocation.OfUser(ADA));
    nanos.incrementAndGet();
    assertThat(authenticate("t")).contains(ADA); // still in the store: read again
    assertThat(store.reads).isEqualTo(2);
    assertThat(authenticate("t")).contains(ADA); // and cached again, read after the mark
    assertThat(store.reads).isEqualTo(2);
  }

  @Test
  void aReadThatStartsAfterARevocationIsCached() {
    cache.revoke(new Revocation.OfToken(Sessions.hash("t")));
    nanos.incrementAndGet();
    store.put("t", ADA, NOW.plusSeconds(3600));
    authenticate("t");
    authenticate("t");
    assertThat(store.reads).isEqualTo(1);
  }

  @Test
  void marksAreForgottenAfterTheMaximumAge() {
    cache.revoke(new Revocation.OfUser(ADA));
    nanos.addAndGet(MAX_AGE.toNanos());
    store.put("t", ADA, NOW.plusSeconds(3600));
    authenticate("t");
    authenticate("t");
    assertThat(store.reads).isEqualTo(1);
  }

  @Test
  void holdsAtMostMaxEntries() {
    var small = new CachingSessionStore(store, 10, MAX_AGE, nanos::get);
    for (int i = 0; i < 50; i++) {
      store.put("t" + i, ADA, NOW.plusSeconds(3600));
      small.find(Sessions.hash("t" + i)).toCompletableFuture().join();
    }
    assertThat(small.size()).isEqualTo(10);
  }

  private Optional<UUID> authenticate(String token) {
    return authenticateLater(token).join();
  }

  private CompletableFuture<Optional<UUID>> authenticateLater(String token) {
    return sessions.authenticate(token).toCompletableFuture();
  }

  /** Sessions in a map; reads complete at once, or when told to while {@link #holdReads}. */
  private static final class HandStore implements SessionStore {
    private final Map<String, StoredSession> rows = new HashMap<>();
    private final Queue<Runnable> held = new ArrayDeque<>();
    boolean holdReads;
    int reads;

    void put(String token, UUID userId, Instant expiresAt) {
      rows.put(Sessions.hash(token), new StoredSession(userId, expiresAt));
    }

    void remove(String token) {
      rows.remove(Sessions.hash(token));
    }

    /** Completes the oldest held read with what the store held when the read was made. */
    void completeNext() {
      held.remove().run();
    }

    @Override
    public CompletionStage<Optional<StoredSession>> find(String tokenHash) {
      reads++;
      Optional<StoredSession> row = Optional.ofNullable(rows.get(tokenHash));
      if (!holdReads) {
        return CompletableFuture.completedFuture(row);
      }
      var later = new CompletableFuture<Optional<StoredSession>>();
      held.add(() -> later.complete(row));
      return later;
    }

    @Override
    public CompletionStage<Void> save(
        String tokenHash, UUID userId, Instant createdAt, Instant expiresAt) {
      rows.put(tokenHash, new StoredSession(userId, expiresAt));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> delete(UUID userId, String tokenHash) {
      rows.remove(tokenHash);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> deleteAllOf(UUID userId, String keepTokenHash) {
      rows.entrySet()
          .removeIf(
              row -> row.getValue().userId().equals(userId) && !row.getKey().equals(keepTokenHash));
      return CompletableFuture.completedFuture(null);
    }
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
