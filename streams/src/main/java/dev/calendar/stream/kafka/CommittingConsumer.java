package dev.calendar.stream.kafka;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.kafka.CommitterSettings;
import org.apache.pekko.kafka.ConsumerMessage;
import org.apache.pekko.kafka.ConsumerSettings;
import org.apache.pekko.kafka.Subscriptions;
import org.apache.pekko.kafka.javadsl.Committer;
import org.apache.pekko.kafka.javadsl.Consumer;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A consumer whose offsets are committed only after their messages were processed: committable
 * source → {@code mapAsync(parallelism)} (ordered, so offsets are committed in order) → committer,
 * restarted with backoff when it fails (the uncommitted messages then come again, so processing
 * must bear a message twice). The running consumer's control is kept in {@code control}, for a
 * drain and shutdown.
 */
public final class CommittingConsumer {
  private CommittingConsumer() {}

  public static Source<Done, NotUsed> source(
      ConsumerSettings<String, String> consumer,
      String topic,
      CommitterSettings committer,
      RestartSettings restart,
      int parallelism,
      AtomicReference<Consumer.Control> control,
      BiFunction<String, String, CompletionStage<?>> process) {
    return RestartSource.onFailuresWithBackoff(
        restart,
        () ->
            Consumer.committableSource(consumer, Subscriptions.topics(topic))
                .mapMaterializedValue(
                    c -> {
                      control.set(c);
                      return c;
                    })
                .mapAsync(
                    parallelism,
                    (ConsumerMessage.CommittableMessage<String, String> message) ->
                        process
                            .apply(message.record().key(), message.record().value())
                            .thenApply(done -> message.committableOffset()))
                .via(Committer.flow(committer)));
  }
}
