package dev.calendar.bench;

import dev.calendar.app.NodeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The raw journal write rate on the service's own Cassandra journal, measured in the same run as
 * the service: a local (non-clustered) actor system in the bench JVM drives {@link
 * BenchJournalEntity}s with a bounded number of asks in flight. It uses the service's configuration
 * (journal keyspace, driver pool, serialization, events-by-tag) so the figure is the ceiling the
 * service's entities write against.
 */
public final class JournalBaseline {
  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration FIRST_WRITE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param cassandra host:port of the journal's Cassandra
   * @param tags 0: untagged events; N: entity i tags its events {@code bench-journal-(i mod N)}, so
   *     events-by-tag writes its tag_views rows as the service's tagged entities do
   */
  public record Settings(
      String cassandra, int entities, int inFlight, int tags, Duration warmup, Duration duration) {
    static Settings of(Options o) {
      return new Settings(
          o.cassandra(), o.entities(), o.inFlight(), o.tagsOr(0), o.warmup(), o.duration());
    }

    Settings withTags(int n) {
      return new Settings(cassandra, entities, inFlight, n, warmup, duration);
    }

    String phaseName() {
      return tags == 0 ? "journal persist, untagged" : "journal persist, " + tags + " tag(s)";
    }
  }

  private JournalBaseline() {}

  public static PhaseResult run(Settings s, Executor executor) throws Exception {
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(), "bench-journal", NodeConfig.load(overrides(s.cassandra())));
    try {
      // A fresh id per run: recovery finds no events, and runs never share an entity.
      String run = UUID.randomUUID().toString().substring(0, 8);
      List<ActorRef<BenchJournalEntity.Command>> entities = new ArrayList<>(s.entities());
      for (int i = 0; i < s.entities(); i++) {
        String tag = s.tags() == 0 ? null : "bench-journal-" + (i % s.tags());
        entities.add(
            system.systemActorOf(
                BenchJournalEntity.create(run + "-" + i, tag),
                "bench-journal-" + i,
                Props.empty()));
      }
      firstWrite(system, entities.get(0), s.cassandra());

      AtomicLong next = new AtomicLong();
      return ClosedLoop.run(
          s.phaseName(),
          s.inFlight(),
          s.warmup(),
          s.duration(),
          ASK_TIMEOUT.plusSeconds(5),
          () ->
              append(
                      system,
                      entities.get((int) (next.getAndIncrement() % entities.size())),
                      ASK_TIMEOUT)
                  .thenApply(ack -> Outcome.success("ok")),
          executor);
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * The service's configuration for an actor system in the bench JVM: local (never joins the
   * service's cluster), on the journal's Cassandra at {@code cassandra} (host:port).
   */
  static Map<String, Object> overrides(String cassandra) {
    Map<String, Object> overrides = new HashMap<>();
    // Local: the bench must never join (or disturb) the service's cluster.
    overrides.put("pekko.actor.provider", "local");
    overrides.put("datastax-java-driver.basic.contact-points", List.of(cassandra));
    // The plugin's INFO lines would break up the report.
    overrides.put("pekko.loglevel", "WARNING");
    return overrides;
  }

  /** Fails fast, with a useful message, when Cassandra or the journal's tables are not there. */
  private static void firstWrite(
      ActorSystem<Void> system, ActorRef<BenchJournalEntity.Command> entity, String cassandra)
      throws Exception {
    try {
      append(system, entity, FIRST_WRITE_TIMEOUT)
          .toCompletableFuture()
          .get(FIRST_WRITE_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(
          "no journal write within "
              + FIRST_WRITE_TIMEOUT.toSeconds()
              + " s on Cassandra "
              + cassandra
              + ": is the node (which creates the journal tables) running there?",
          e);
    }
  }

  private static CompletionStage<BenchJournalEntity.Ack> append(
      ActorSystem<Void> system, ActorRef<BenchJournalEntity.Command> entity, Duration timeout) {
    return AskPattern.ask(entity, BenchJournalEntity.Append::new, timeout, system.scheduler());
  }
}
