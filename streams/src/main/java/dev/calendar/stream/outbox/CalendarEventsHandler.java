package dev.calendar.stream.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.meeting.MeetingChange;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.wire.EventView;
import dev.calendar.wire.Json;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pekko.Done;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.apache.pekko.projection.javadsl.Handler;

/**
 * Turns each meeting change into one {@code calendar-events} record (docs/calendar-events.md),
 * keyed by the event id so one event's messages share a partition and stay in order. The next
 * envelope is handled only after the send is acknowledged, which keeps that order across retries.
 */
public final class CalendarEventsHandler extends Handler<EventEnvelope<MeetingEntity.Event>> {
  public static final int SCHEMA_VERSION = 1;

  /** The message envelope; {@code data} is the event as the HTTP API shows it. */
  public record Message(
      int schemaVersion, String type, String id, Instant occurredAt, Object data) {}

  private final String topic;
  private final Function<ProducerRecord<String, String>, CompletionStage<?>> send;

  /** {@code send}: a Kafka producer's send (a {@code SendProducer}), completing when acked. */
  public CalendarEventsHandler(
      String topic, Function<ProducerRecord<String, String>, CompletionStage<?>> send) {
    this.topic = topic;
    this.send = send;
  }

  @Override
  public CompletionStage<Done> process(EventEnvelope<MeetingEntity.Event> envelope) {
    return record(envelope)
        .<CompletionStage<Done>>map(r -> send.apply(r).thenApply(meta -> Done.getInstance()))
        .orElseGet(() -> CompletableFuture.completedFuture(Done.getInstance()));
  }

  /** The record for one journal event, or empty when the event is not a change (a rejection). */
  Optional<ProducerRecord<String, String>> record(EventEnvelope<MeetingEntity.Event> envelope) {
    UUID meetingId = MeetingEntity.meetingIdOf(envelope.persistenceId());
    Optional<MeetingChange> change = MeetingChange.of(meetingId, envelope.event());
    if (change.isEmpty()) {
      return Optional.empty(); // a rejected create: nothing was booked, nothing changed
    }
    String eventId = meetingId.toString();
    // Unique per journal event, so a consumer can drop the duplicates at-least-once brings.
    String messageId = envelope.persistenceId() + ":" + envelope.sequenceNr();
    MeetingChange c = change.get();
    Message message;
    if (c instanceof MeetingChange.Scheduled s) {
      message =
          new Message(
              SCHEMA_VERSION, "event.created", messageId, c.at(), EventView.of(s.meeting()));
    } else if (c instanceof MeetingChange.Changed ch) {
      message =
          new Message(
              SCHEMA_VERSION, "event.updated", messageId, c.at(), EventView.of(ch.meeting()));
    } else {
      var cancelled = (MeetingChange.Cancelled) c;
      message =
          new Message(
              SCHEMA_VERSION, "event.cancelled", messageId, c.at(), cancelledData(cancelled));
    }
    try {
      return Optional.of(
          new ProducerRecord<>(topic, eventId, Json.MAPPER.writeValueAsString(message)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + messageId, e);
    }
  }

  private static Object cancelledData(MeetingChange.Cancelled c) {
    if (c.meeting().isPresent()) {
      return EventView.of(c.meeting().get());
    }
    // Cancellations journaled before they carried the meeting: what is known without the state.
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("id", c.meetingId().toString());
    data.put("status", "cancelled");
    data.put("updatedAt", c.at().toString());
    return data;
  }
}
