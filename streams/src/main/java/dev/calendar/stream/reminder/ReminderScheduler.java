package dev.calendar.stream.reminder;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.ShardedDaemonProcessSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ShardedDaemonProcess;

/**
 * The reminder scheduler: one actor per index partition, run by a sharded daemon process so each
 * partition has one actor in the cluster. Each ticks on a timer and runs a {@link PartitionTick};
 * the tick's I/O runs off the actor (pipeToSelf), and ticks that arrive while one is running are
 * skipped.
 */
public final class ReminderScheduler extends AbstractBehavior<ReminderScheduler.Command> {
  public static final String NAME = "reminder-scheduler";

  public sealed interface Command permits Tick, Ticked, TickFailed, Stop {}

  enum Tick implements Command {
    INSTANCE
  }

  record Ticked(PartitionTick.Outcome outcome) implements Command {}

  record TickFailed(Throwable failure) implements Command {}

  /** Sent by the daemon process when the partition moves to another node or the node stops. */
  enum Stop implements Command {
    INSTANCE
  }

  static void init(ActorSystem<?> system, int partitions, Duration interval, PartitionTick tick) {
    ShardedDaemonProcess.get(system)
        .init(
            Command.class,
            NAME,
            partitions,
            i -> create(i, interval, tick),
            ShardedDaemonProcessSettings.create(system),
            Optional.of(Stop.INSTANCE));
  }

  public static Behavior<Command> create(int partition, Duration interval, PartitionTick tick) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
                  return new ReminderScheduler(ctx, partition, tick);
                }));
  }

  private final int partition;
  private final PartitionTick tick;

  /** Where the last successful tick got to; null until loaded. */
  private Instant watermark;

  /** The watermark stored in the index (behind {@link #watermark} after quiet ticks). */
  private Instant savedWatermark;

  private boolean busy;
  private int failuresInARow;

  private ReminderScheduler(ActorContext<Command> ctx, int partition, PartitionTick tick) {
    super(ctx);
    this.partition = partition;
    this.tick = tick;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Ticked.class, this::onTicked)
        .onMessage(TickFailed.class, this::onFailed)
        .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
        .build();
  }

  private Behavior<Command> onTick() {
    if (busy) {
      return this; // the running tick will cover this one's span too
    }
    busy = true;
    getContext()
        .pipeToSelf(
            tick.run(partition, watermark, savedWatermark),
            (outcome, failure) -> failure != null ? new TickFailed(failure) : new Ticked(outcome));
    return this;
  }

  private Behavior<Command> onTicked(Ticked t) {
    busy = false;
    failuresInARow = 0;
    watermark = t.outcome().watermark();
    savedWatermark = t.outcome().saved();
    if (t.outcome().sent() + t.outcome().stale() > 0) {
      getContext()
          .getLog()
          .debug(
              "partition={} sent={} stale={} indexedNext={} watermark={}",
              partition,
              t.outcome().sent(),
              t.outcome().stale(),
              t.outcome().indexedNext(),
              watermark);
    }
    return this;
  }

  private Behavior<Command> onFailed(TickFailed f) {
    busy = false;
    // Reload the watermark next time: the save may or may not have happened.
    watermark = null;
    savedWatermark = null;
    failuresInARow++;
    // Every failure at 500 ms ticks would flood the log; the first and then every 100th.
    if (failuresInARow == 1 || failuresInARow % 100 == 0) {
      getContext()
          .getLog()
          .warn(
              "Reminder tick failed: partition={} failuresInARow={} cause={}",
              partition,
              failuresInARow,
              f.failure().toString());
    }
    return this;
  }
}
