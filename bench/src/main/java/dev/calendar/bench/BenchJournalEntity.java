package dev.calendar.bench;

import dev.calendar.serialization.CborSerializable;
import java.time.Duration;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;

/**
 * The trivial event-sourced entity of the journal baseline: each {@link Append} persists one small
 * event and replies once it is stored. Its persistence ids start with {@code BenchJournal|}, a
 * prefix no service entity uses.
 */
public final class BenchJournalEntity
    extends EventSourcedBehaviorWithEnforcedReplies<
        BenchJournalEntity.Command, BenchJournalEntity.Appended, BenchJournalEntity.State> {

  public static final String ENTITY_TYPE = "BenchJournal";

  public sealed interface Command extends CborSerializable permits Append {}

  public record Append(ActorRef<Ack> replyTo) implements Command {}

  public record Ack(long sequenceNr) implements CborSerializable {}

  /** The event: small on purpose, so the baseline measures the journal, not serialization. */
  public record Appended(long atMillis) implements CborSerializable {}

  public record State(long events) implements CborSerializable {}

  private final Set<String> tags;

  /**
   * @param id the part after {@code BenchJournal|}; use a fresh one per run so recovery is empty
   * @param tag the events-by-tag tag of every event, or null for untagged events
   */
  public static Behavior<Command> create(String id, String tag) {
    return new BenchJournalEntity(id, tag);
  }

  private BenchJournalEntity(String id, String tag) {
    super(
        PersistenceId.of(ENTITY_TYPE, id),
        // A failed write stops the entity; come back so the run goes on and counts the failure.
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(100), Duration.ofSeconds(2), 0.1));
    this.tags = tag == null ? Set.of() : Set.of(tag);
  }

  @Override
  public State emptyState() {
    return new State(0);
  }

  @Override
  public CommandHandlerWithReply<Command, Appended, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Append.class,
            (state, cmd) ->
                Effect()
                    .persist(new Appended(System.currentTimeMillis()))
                    .thenReply(cmd.replyTo(), s -> new Ack(s.events())))
        .build();
  }

  @Override
  public EventHandler<State, Appended> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Appended.class, (state, event) -> new State(state.events() + 1))
        .build();
  }

  @Override
  public Set<String> tagsFor(Appended event) {
    return tags;
  }
}
