package dev.calendar.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calendar.testing.EntityTestConfig;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.SerializationTestKit;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Revocations reach every listed evictor and wait for their acks; one that does not ack delays the
 * answer by the timeout only.
 */
class SessionEvictorTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  /** Remembers what it was told to drop. */
  private static final class Recording implements LocalSessionCache {
    final List<Revocation> revoked = new CopyOnWriteArrayList<>();

    @Override
    public void revoke(Revocation revocation) {
      revoked.add(revocation);
    }
  }

  @Test
  void everyListedEvictorDropsTheSessionBeforeTheRevocationCompletes() {
    var here = new Recording();
    var there = new Recording();
    testKit.spawn(SessionEvictor.create(here));
    testKit.spawn(SessionEvictor.create(there));
    // A member that never acks: listed, but silent.
    var silent = testKit.<SessionEvictor.Evict>createTestProbe();
    testKit.system().receptionist().tell(Receptionist.register(SessionEvictor.KEY, silent.ref()));
    awaitListed(3);

    var revocations = new ClusterSessionRevocations(testKit.system(), here, TIMEOUT);
    var revocation = new Revocation.OfToken("hash");
    long started = System.nanoTime();
    revocations.revoke(revocation).toCompletableFuture().join();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(TIMEOUT);
    // Told directly, then again as a listed evictor.
    assertThat(here.revoked).containsExactly(revocation, revocation);
    assertThat(there.revoked).containsExactly(revocation);
    assertThat(silent.receiveMessage().revocation()).isEqualTo(revocation);
  }

  @Test
  void evictAndItsRevocationsCrossTheWire() {
    var serialization = new SerializationTestKit(testKit.system());
    var replyTo = testKit.<Done>createTestProbe().ref();
    serialization.verifySerialization(
        new SessionEvictor.Evict(new Revocation.OfToken("hash"), replyTo), true);
    serialization.verifySerialization(
        new SessionEvictor.Evict(new Revocation.OfUser(UUID.randomUUID()), replyTo), true);
  }

  private static void awaitListed(int count) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                            testKit.system().receptionist(),
                            reply -> Receptionist.find(SessionEvictor.KEY, reply),
                            Duration.ofSeconds(1),
                            testKit.system().scheduler())
                        .toCompletableFuture()
                        .join()
                        .getServiceInstances(SessionEvictor.KEY)
                        .size()
                    == count);
  }
}
