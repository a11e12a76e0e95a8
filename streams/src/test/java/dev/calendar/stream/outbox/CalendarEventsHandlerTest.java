package dev.calendar.stream.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.schedule.Schedule;
import dev.calendar.wire.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.pekko.persistence.query.Sequence;
import org.apache.pekko.projection.eventsourced.EventEnvelope;
import org.junit.jupiter.api.Test;

class CalendarEventsHandlerTest {
  private static final UUID ID = UUID.fromString("6b1c3c52-8e2a-4d1c-9a7e-0d7f3f1c2b10");
  private static final UUID ORGANIZER = UUID.fromString("0e8a3f61-0c7f-4f0e-a1a4-3b2d6c1f9e22");
  private static final Instant START = Instant.parse("2031-03-04T09:00:00Z");
  private static final Instant CREATED = Instant.parse("2026-11-24T10:00:00Z");
  private static final Instant UPDATED = Instant.parse("2026-11-24T11:00:00Z");

  private final List<ProducerRecord<String, String>> sent = new ArrayList<>();
  private final CalendarEventsHandler handler =
      new CalendarEventsHandler(
          "calendar-events",
          record -> {
            sent.add(record);
            return CompletableFuture.completedFuture(null);
          });

  private static Meeting meeting(boolean cancelled, Instant updatedAt, long version) {
    var details =
        new MeetingDetails(
            "Sync",
            null,
            null,
            Schedule.single(START, START.plusSeconds(1800), ZoneId.of("Europe/Berlin")),
            List.of(),
            List.of());
    return new Meeting(
        ID, ORGANIZER, details, cancelled, CREATED, updatedAt, version, UUID.randomUUID());
  }

  private static EventEnvelope<MeetingEntity.Event> envelope(long seqNr, MeetingEntity.Event e) {
    return EventEnvelope.create(new Sequence(seqNr), "Meeting|" + ID, seqNr, e, 0L);
  }

  private JsonNode publish(long seqNr, MeetingEntity.Event event) throws Exception {
    handler.process(envelope(seqNr, event)).toCompletableFuture().get();
    ProducerRecord<String, String> record = sent.get(sent.size() - 1);
    assertThat(record.topic()).isEqualTo("calendar-events");
    assertThat(record.key()).isEqualTo(ID.toString());
    return Json.MAPPER.readTree(record.value());
  }

  @Test
  void publishesCreatedUpdatedAndCancelledKeyedByEventId() throws Exception {
    JsonNode created =
        publish(1, new MeetingEntity.MeetingScheduled(meeting(false, CREATED, 1), "hash"));
    assertThat(created.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(created.get("type").asText()).isEqualTo("event.created");
    assertThat(created.get("id").asText()).isEqualTo("Meeting|" + ID + ":1");
    assertThat(created.get("occurredAt").asText()).isEqualTo(CREATED.toString());
    assertThat(created.get("data").get("id").asText()).isEqualTo(ID.toString());
    assertThat(created.get("data").get("title").asText()).isEqualTo("Sync");
    assertThat(created.get("data").get("start").asText()).isEqualTo(START.toString());
    assertThat(created.get("data").get("status").asText()).isEqualTo("confirmed");

    JsonNode updated =
        publish(2, new MeetingEntity.MeetingChanged(meeting(false, UPDATED, 2), List.of()));
    assertThat(updated.get("type").asText()).isEqualTo("event.updated");
    assertThat(updated.get("id").asText()).isEqualTo("Meeting|" + ID + ":2");
    assertThat(updated.get("data").get("version").asLong()).isEqualTo(2);

    Instant at = UPDATED.plusSeconds(60);
    JsonNode cancelled = publish(3, new MeetingEntity.MeetingCancelled(at, meeting(true, at, 3)));
    assertThat(cancelled.get("type").asText()).isEqualTo("event.cancelled");
    assertThat(cancelled.get("occurredAt").asText()).isEqualTo(at.toString());
    assertThat(cancelled.get("data").get("status").asText()).isEqualTo("cancelled");
    assertThat(cancelled.get("data").get("version").asLong()).isEqualTo(3);
  }

  @Test
  void skipsRejectedCreates() throws Exception {
    handler
        .process(envelope(1, new MeetingEntity.MeetingRejected("hash", List.of())))
        .toCompletableFuture()
        .get();
    assertThat(sent).isEmpty();
  }

  @Test
  void publishesAnOldCancellationWithoutItsMeeting() throws Exception {
    Instant at = UPDATED;
    JsonNode cancelled = publish(4, new MeetingEntity.MeetingCancelled(at, null));
    assertThat(cancelled.get("type").asText()).isEqualTo("event.cancelled");
    assertThat(cancelled.get("data").get("id").asText()).isEqualTo(ID.toString());
    assertThat(cancelled.get("data").get("status").asText()).isEqualTo("cancelled");
  }
}
