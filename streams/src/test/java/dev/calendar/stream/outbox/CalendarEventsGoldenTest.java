package dev.calendar.stream.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.MeetingEntity;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.Channel;
import dev.calendar.notification.ReminderRule;
import dev.calendar.schedule.Schedule;
import dev.calendar.wire.Json;
import java.io.InputStream;
import java.time.Duration;
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

/**
 * The {@code calendar-events} message is a public contract (docs/calendar-events.md): its JSON is
 * compared field for field with a committed golden file, so a change to the shape is a deliberate
 * edit of that file, never a side effect of refactoring the classes behind it.
 */
class CalendarEventsGoldenTest {
  private static final UUID ID = UUID.fromString("6b1c3c52-8e2a-4d1c-9a7e-0d7f3f1c2b10");
  private static final UUID ORGANIZER = UUID.fromString("0e8a3f61-0c7f-4f0e-a1a4-3b2d6c1f9e22");
  private static final UUID GUEST = UUID.fromString("5d0b9a3e-7c21-4f4b-8e55-2f9a1c3d4e66");
  private static final Instant START = Instant.parse("2031-03-03T08:00:00Z");

  private static Meeting weeklySync() {
    String rule = "FREQ=WEEKLY;BYDAY=MO;COUNT=10";
    var schedule =
        new Schedule(
            START,
            START.plus(Duration.ofMinutes(30)),
            ZoneId.of("Europe/Berlin"),
            rule,
            List.of(START.plus(Duration.ofDays(14))),
            List.of());
    var details =
        new MeetingDetails(
            "Team sync",
            "Weekly",
            "Room 4",
            schedule,
            List.of(
                new Participant(GUEST, null, null),
                new Participant(null, "guest@example.com", "Guest")),
            List.of(new ReminderRule(Duration.ofMinutes(10), Channel.EMAIL)));
    return new Meeting(
        ID,
        ORGANIZER,
        details,
        false,
        Instant.parse("2026-11-24T10:00:00Z"),
        Instant.parse("2026-11-24T10:00:00Z"),
        1,
        UUID.fromString("00000000-0000-0000-0000-000000000001"));
  }

  @Test
  void anEventCreatedMessageHasTheDocumentedShape() throws Exception {
    List<ProducerRecord<String, String>> sent = new ArrayList<>();
    var handler =
        new CalendarEventsHandler(
            "calendar-events",
            r -> {
              sent.add(r);
              return CompletableFuture.completedFuture(null);
            });
    var event = new MeetingEntity.MeetingScheduled(weeklySync(), "hash");
    handler
        .process(EventEnvelope.create(new Sequence(1), "Meeting|" + ID, 1, event, 0L))
        .toCompletableFuture()
        .get();

    JsonNode actual = Json.MAPPER.readTree(sent.get(0).value());
    assertThat(actual).isEqualTo(golden("event-created.json"));
  }

  private static JsonNode golden(String name) throws Exception {
    try (InputStream in = CalendarEventsGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      return Json.MAPPER.readTree(in);
    }
  }
}
