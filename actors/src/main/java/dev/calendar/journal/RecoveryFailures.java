package dev.calendar.journal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entities whose recovery failed, counted per node and logged loudly. The journal's replay filter
 * is set to fail: a second writer for one persistence id (a split brain) stops recovery here
 * instead of silently dropping one writer's events, which could erase a confirmed booking.
 */
public final class RecoveryFailures implements Extension {
  private static final Logger log = LoggerFactory.getLogger(RecoveryFailures.class);

  private static final ExtensionId<RecoveryFailures> ID =
      new ExtensionId<>() {
        @Override
        public RecoveryFailures createExtension(ActorSystem<?> system) {
          return new RecoveryFailures();
        }
      };

  private final AtomicLong count = new AtomicLong();

  public static RecoveryFailures get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** The signal handler every entity installs: {@code .onSignal(RecoveryFailed.class, …)}. */
  public static <S> BiConsumer<S, RecoveryFailed> recorder(
      ActorSystem<?> system, PersistenceId id) {
    return (state, signal) -> get(system).record(id, signal.getFailure());
  }

  public void record(PersistenceId id, Throwable failure) {
    count.incrementAndGet();
    log.error(
        "Recovery of persistenceId={} failed; the entity stays down until an operator repairs its"
            + " journal: {}",
        id.id(),
        failure.toString());
  }

  public long count() {
    return count.get();
  }
}
