package dev.calendar.stream.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A {@code calendar-events} message as two-way sync reads it. */
class LocalChangesTest {
  private final UUID organizer = UUID.randomUUID();
  private final UUID participant = UUID.randomUUID();
  private final UUID eventId = UUID.randomUUID();

  private String message(String status, String rule) {
    return "{\"schemaVersion\":1,\"type\":\"event.updated\",\"id\":\"Meeting|x:2\","
        + "\"data\":{\"id\":\""
        + eventId
        + "\",\"organizerId\":\""
        + organizer
        + "\",\"title\":\"Sync\",\"start\":\"2031-03-04T10:00:00Z\",\"end\":\"2031-03-04T10:30:00Z\","
        + "\"timezone\":\"Europe/Berlin\",\"recurrenceRule\":"
        + (rule == null ? "null" : "\"" + rule + "\"")
        + ",\"exdates\":[\"2031-03-11T10:00:00Z\"],\"occurrenceOverrides\":[],"
        + "\"participants\":[{\"userId\":\""
        + participant
        + "\",\"email\":\"p@example.com\",\"name\":\"P\"},{\"userId\":null,\"email\":\"guest@example.com\"}],"
        + "\"reminders\":[],\"status\":\""
        + status
        + "\",\"version\":2,\"futureField\":1}}";
  }

  @Test
  void anEventIsReadWithItsUsersAndItsRuleAsLines() {
    var change = LocalChanges.of(message("confirmed", "FREQ=WEEKLY;COUNT=4"));
    assertThat(change.users()).containsExactly(organizer, participant);
    var e = change.event();
    assertThat(e.eventId()).isEqualTo(eventId);
    assertThat(e.version()).isEqualTo(2);
    assertThat(e.cancelled()).isFalse();
    assertThat(e.start()).isEqualTo(Instant.parse("2031-03-04T10:00:00Z"));
    assertThat(e.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(e.recurrence())
        .containsExactly("RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE:20310311T100000Z");
  }

  @Test
  void aCancelledEventIsToGoAndASingleOneHasNoLines() {
    var e = LocalChanges.of(message("cancelled", null)).event();
    assertThat(e.cancelled()).isTrue();
    assertThat(e.recurrence()).isEmpty();
  }

  @Test
  void aMessageOfAnotherShapeIsSkipped() {
    assertThat(LocalChanges.of("{\"type\":\"something\"}")).isNull();
    assertThat(LocalChanges.of("not json")).isNull();
  }
}
