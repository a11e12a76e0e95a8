package dev.calendar.stream.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.Participant;
import dev.calendar.notification.Channel;
import dev.calendar.notification.ReminderRule;
import dev.calendar.reminder.DueReminder;
import dev.calendar.reminder.ReminderPlan;
import dev.calendar.schedule.Schedule;
import dev.calendar.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReminderNotificationsTest {
  private static final UUID EVENT = UUID.fromString("00000000-0000-0000-0000-0000000000ee");
  private static final UUID USER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final Instant START = Instant.parse("2027-03-22T08:00:00Z");

  @Test
  void aWebhookReminderIsAReminderDueMessageWithTheApisData() throws Exception {
    var r = reminder(Channel.WEBHOOK, USER, null);

    var record = ReminderNotifications.record("notifications", r);
    JsonNode message = Json.MAPPER.readTree(record.value());

    assertThat(record.key()).isEqualTo(EVENT + ":" + START + ":PT15M:webhook:" + USER);
    assertThat(message.get("key").asText()).isEqualTo(record.key());
    assertThat(message.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(message.get("kind").asText()).isEqualTo("reminder");
    assertThat(message.get("channel").asText()).isEqualTo("webhook");
    assertThat(message.get("webhookType").asText()).isEqualTo("reminder.due");
    assertThat(message.get("dueAt").asText()).isEqualTo("2027-03-22T07:45:00Z");
    assertThat(message.get("offset").asText()).isEqualTo("PT15M");
    JsonNode data = message.get("data");
    assertThat(data.get("eventId").asText()).isEqualTo(EVENT.toString());
    assertThat(data.get("title").asText()).isEqualTo("Sync");
    assertThat(data.get("start").asText()).isEqualTo(START.toString());
    assertThat(data.get("end").asText()).isEqualTo("2027-03-22T08:30:00Z");
    assertThat(data.get("occurrenceStart").asText()).isEqualTo(START.toString());
    assertThat(data.get("offset").asText()).isEqualTo("PT15M");
    assertThat(data.get("userId").asText()).isEqualTo(USER.toString());
    assertThat(data.get("timezone").asText()).isEqualTo("Europe/Berlin");
  }

  /**
   * The message is a public contract (docs/notifications.md; its data is the body of a {@code
   * reminder.due} webhook): compared field for field with a committed golden file.
   */
  @Test
  void aWebhookReminderMessageHasTheDocumentedShape() throws Exception {
    var record =
        ReminderNotifications.record("notifications", reminder(Channel.WEBHOOK, USER, null));

    JsonNode golden;
    try (var in = getClass().getResourceAsStream("/golden/reminder-due-notification.json")) {
      golden = Json.MAPPER.readTree(in);
    }
    assertThat(Json.MAPPER.readTree(record.value())).isEqualTo(golden);
  }

  @Test
  void theEventsZoneIsCarriedFromThePlanIntoTheMessage() {
    Instant start = Instant.parse("2027-07-05T07:00:00Z");
    var schedule =
        new Schedule(
            start,
            start.plus(Duration.ofMinutes(30)),
            ZoneId.of("America/New_York"),
            null,
            List.of(),
            List.of());
    Instant created = Instant.parse("2027-01-01T00:00:00Z");
    var meeting =
        new Meeting(
            EVENT,
            USER,
            new MeetingDetails(
                "Sync",
                null,
                null,
                schedule,
                List.of(new Participant(null, "guest@example.com", "Guest")),
                List.of(new ReminderRule(Duration.ofMinutes(15), Channel.EMAIL))),
            false,
            created,
            created,
            1,
            UUID.randomUUID());

    List<DueReminder> planned =
        ReminderPlan.next(meeting, ReminderPlan.recipients(meeting, Map.of()), created);

    assertThat(planned).extracting(DueReminder::recipient).contains("guest@example.com");
    assertThat(planned)
        .extracting(r -> ReminderNotifications.of(r).data().get("timezone").asText())
        .containsOnly("America/New_York");
  }

  @Test
  void aGuestsEmailReminderGoesToTheAddressAndTheOrganizersHistory() throws Exception {
    var r = reminder(Channel.EMAIL, null, "guest@example.com");

    JsonNode message = Json.MAPPER.readTree(ReminderNotifications.record("n", r).value());

    // the guest has no profile zone: the notifier words the time in the event's
    assertThat(message.get("data").get("timezone").asText()).isEqualTo("Europe/Berlin");
    assertThat(message.get("userId").isNull()).isTrue();
    assertThat(message.get("address").asText()).isEqualTo("guest@example.com");
    assertThat(message.get("historyUserId").asText()).isEqualTo(USER.toString());
    assertThat(message.get("webhookType").isNull()).isTrue();
    assertThat(message.get("key").asText()).endsWith(":email:guest@example.com");
  }

  private static DueReminder reminder(Channel channel, UUID userId, String address) {
    return new DueReminder(
        EVENT,
        START,
        Duration.ofMinutes(15),
        channel,
        userId,
        address,
        USER,
        "Sync",
        START,
        START.plus(Duration.ofMinutes(30)),
        true,
        START.minus(Duration.ofMinutes(15)),
        ZoneId.of("Europe/Berlin"));
  }
}
