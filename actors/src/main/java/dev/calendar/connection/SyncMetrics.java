package dev.calendar.connection;

import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/** Syncs of connections counted on this node, for {@code GET /metrics}. */
public final class SyncMetrics implements Extension {
  private static final ExtensionId<SyncMetrics> ID =
      new ExtensionId<>() {
        @Override
        public SyncMetrics createExtension(ActorSystem<?> system) {
          return new SyncMetrics();
        }
      };

  private final LongAdder changed = new LongAdder();
  private final LongAdder unchanged = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder blocksAdded = new LongAdder();
  private final LongAdder blocksUpdated = new LongAdder();
  private final LongAdder blocksRemoved = new LongAdder();

  public static SyncMetrics get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  void record(ConnectionSync.SyncOutcome outcome) {
    if (outcome instanceof ConnectionSync.SyncOutcome.Changed c) {
      changed.increment();
      blocksAdded.add(c.added());
      blocksUpdated.add(c.updated());
      blocksRemoved.add(c.removed());
    } else if (outcome instanceof ConnectionSync.SyncOutcome.Unchanged) {
      unchanged.increment();
    } else {
      failed.increment();
    }
  }

  /** Syncs that found a new version of the other calendar (applied, changed or not). */
  public long changed() {
    return changed.sum();
  }

  /** Syncs that found nothing new (an ICS feed's 304). */
  public long unchanged() {
    return unchanged.sum();
  }

  /** Syncs that failed (the connection shows {@code error}). */
  public long failed() {
    return failed.sum();
  }

  public long blocksAdded() {
    return blocksAdded.sum();
  }

  public long blocksUpdated() {
    return blocksUpdated.sum();
  }

  public long blocksRemoved() {
    return blocksRemoved.sum();
  }
}
