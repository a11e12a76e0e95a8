package dev.calendar.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Entities of one type that answer every ask with what the test gives: a reply, or a throwable to
 * fail the ask with. Keeps the ids and commands it was asked, in order.
 */
public final class CannedEntity<C> implements EntityAsk<C> {
  public record Asked<C>(String entityId, C command) {}

  private final List<Asked<C>> asked = new CopyOnWriteArrayList<>();
  private volatile Function<C, Object> answer =
      command -> new AssertionError("no answer given for " + command);

  /** From now on every ask is answered by {@code answer}. */
  public CannedEntity<C> answer(Function<C, Object> answer) {
    this.answer = answer;
    return this;
  }

  public CannedEntity<C> reply(Object reply) {
    return answer(command -> reply);
  }

  /** Forgets what was asked and the answer. */
  public void reset() {
    asked.clear();
    answer = command -> new AssertionError("no answer given for " + command);
  }

  public List<Asked<C>> asked() {
    return List.copyOf(asked);
  }

  public C lastCommand() {
    return asked.get(asked.size() - 1).command();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R> CompletionStage<R> ask(String entityId, Function<ActorRef<R>, C> message) {
    C command = message.apply(null);
    asked.add(new Asked<>(entityId, command));
    Object reply = answer.apply(command);
    if (reply instanceof Throwable failure) {
      return CompletableFuture.failedFuture(failure);
    }
    return CompletableFuture.completedFuture((R) reply);
  }
}
