package dev.calendar.stream.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.notification.Channel;
import dev.calendar.notification.Notification;
import dev.calendar.reminder.DueReminder;
import dev.calendar.stream.reminder.ReminderNotifications;
import dev.calendar.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReminderTextTest {
  // 2027-03-01T23:30Z: Monday evening in UTC, already Tuesday in Tokyo, Monday afternoon in LA.
  private static final Instant START = Instant.parse("2027-03-01T23:30:00Z");
  private static final Instant END = Instant.parse("2027-03-02T00:15:00Z");

  private static Notification reminder(Duration offset) {
    UUID eventId = UUID.randomUUID();
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("eventId", eventId.toString());
    data.put("title", "Team sync");
    data.put("start", START.toString());
    data.put("end", END.toString());
    data.put("occurrenceStart", START.toString());
    data.put("offset", offset.toString());
    return new Notification(
        Notification.SCHEMA_VERSION,
        Notification.reminderKey(eventId, START, offset, Channel.EMAIL, "a@example.com"),
        Notification.Kind.REMINDER,
        Channel.EMAIL,
        null,
        "a@example.com",
        UUID.randomUUID(),
        eventId,
        START,
        offset,
        START.minus(offset),
        null,
        data,
        null);
  }

  @Test
  void wordsTheLocalStartAndEndInTheRecipientsZone() {
    var n = reminder(Duration.ofMinutes(10));

    var berlin = ReminderText.of(n, ZoneId.of("Europe/Berlin"));
    assertThat(berlin.subject()).isEqualTo("Reminder: Team sync");
    assertThat(berlin.body())
        .contains("Team sync starts in 10 minutes.")
        .contains("When: Tuesday, 2 March 2027, 00:30 – 01:15 (Europe/Berlin)")
        .contains("You asked to be reminded 10 minutes ahead.");

    var tokyo = ReminderText.of(n, ZoneId.of("Asia/Tokyo"));
    assertThat(tokyo.body()).contains("When: Tuesday, 2 March 2027, 08:30 – 09:15 (Asia/Tokyo)");

    var losAngeles = ReminderText.of(n, ZoneId.of("America/Los_Angeles"));
    assertThat(losAngeles.body())
        .contains("When: Monday, 1 March 2027, 15:30 – 16:15 (America/Los_Angeles)");

    // In UTC the occurrence crosses midnight: the end names its own date.
    var utc = ReminderText.of(n, ZoneOffset.UTC);
    assertThat(utc.body())
        .contains("When: Monday, 1 March 2027, 23:30 – Tuesday, 2 March 2027, 00:15 (UTC)");
  }

  @Test
  void followsDaylightSavingTime() {
    // New York switches to EDT on 14 March 2027: the same UTC time reads an hour later after it.
    Instant before = Instant.parse("2027-03-13T14:00:00Z");
    Instant after = Instant.parse("2027-03-15T14:00:00Z");
    ZoneId ny = ZoneId.of("America/New_York");
    var winter = new ReminderText("Standup", before, before.plusSeconds(900), null, ny);
    var summer = new ReminderText("Standup", after, after.plusSeconds(900), null, ny);
    assertThat(winter.when())
        .isEqualTo("Saturday, 13 March 2027, 09:00 – 09:15 (America/New_York)");
    assertThat(summer.when()).isEqualTo("Monday, 15 March 2027, 10:00 – 10:15 (America/New_York)");
    assertThat(winter.body()).startsWith("Standup is coming up.");
  }

  @Test
  void wordsOffsets() {
    assertThat(ReminderText.duration(Duration.ofMinutes(1))).isEqualTo("1 minute");
    assertThat(ReminderText.duration(Duration.ofMinutes(90))).isEqualTo("1 hour 30 minutes");
    assertThat(ReminderText.duration(Duration.ofDays(1))).isEqualTo("1 day");
    assertThat(ReminderText.duration(Duration.ofHours(49))).isEqualTo("2 days 1 hour");
    var atStart = ReminderText.of(reminder(Duration.ZERO), ZoneOffset.UTC);
    assertThat(atStart.body()).contains("You asked to be reminded at the start.");
  }

  @Test
  void smsAndPushAreShortAndLocal() {
    var text = ReminderText.of(reminder(Duration.ofHours(1)), ZoneId.of("Asia/Tokyo"));
    assertThat(text.sms()).isEqualTo("Reminder: Team sync at 08:30 on Tue 2 Mar (Asia/Tokyo)");
    assertThat(text.pushBody()).isEqualTo("Starts in 1 hour, at 08:30 on Tue 2 Mar (Asia/Tokyo)");
  }

  @Test
  void guestsGetTheEventsZoneWhenGivenElseUtc() {
    var n = reminder(Duration.ofMinutes(5));
    assertThat(ReminderText.guestZone(n)).isEqualTo(ZoneOffset.UTC);
    ((ObjectNode) n.data()).put("timezone", "Europe/Paris");
    assertThat(ReminderText.guestZone(n)).isEqualTo(ZoneId.of("Europe/Paris"));
    ((ObjectNode) n.data()).put("timezone", "Nowhere/Special");
    assertThat(ReminderText.guestZone(n)).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void aGuestsReminderForABerlinEventSaysTheBerlinTime() throws Exception {
    // Monday 5 July 2027, 09:00-09:30 summer time in Berlin (07:00Z).
    Instant start = Instant.parse("2027-07-05T07:00:00Z");
    var due =
        new DueReminder(
            UUID.randomUUID(),
            start,
            Duration.ofMinutes(15),
            Channel.EMAIL,
            null,
            "guest@example.com",
            UUID.randomUUID(),
            "Planning",
            start,
            start.plus(Duration.ofMinutes(30)),
            false,
            start.minus(Duration.ofMinutes(15)),
            ZoneId.of("Europe/Berlin"));
    // as the notifier reads it from the topic
    Notification n =
        Json.MAPPER
            .readerFor(Notification.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readValue(ReminderNotifications.record("notifications", due).value());

    var text = ReminderText.of(n, ReminderText.guestZone(n));

    assertThat(text.body()).contains("When: Monday, 5 July 2027, 09:00 – 09:30 (Europe/Berlin)");
    // a user is worded in their own profile's zone, whatever the event's is
    assertThat(ReminderText.of(n, ZoneId.of("Asia/Tokyo")).body())
        .contains("When: Monday, 5 July 2027, 16:00 – 16:30 (Asia/Tokyo)");
  }
}
