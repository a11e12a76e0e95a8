package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calendar.devservers.MailServer;
import dev.calendar.devservers.TestServers;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reminders end to end on one node, through the real journal, projections, Cassandra index,
 * scheduler, Kafka, notifier and SMTP into the test GreenMail: a reminder arrives within seconds of
 * its due time, once; a moved event reminds at its new time only; a cancelled one not at all, and
 * its guest gets a METHOD:CANCEL.
 */
class ReminderMailIT {
  /** How late a reminder may arrive: the scheduler ticks, Kafka, the notifier and SMTP. */
  private static final Duration LATENESS = Duration.ofSeconds(5);

  private static Api api;
  private static MailServer mail;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
    mail = TestServers.mail();
  }

  @Test
  void remindsOnceOnTimeMovesWithTheEventAndIsWithdrawnByACancel() throws Exception {
    // Whole seconds, so the due times compare cleanly with what the mail says.
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    // 1. A reminder one minute before an event two minutes from now.
    var kept = organizer("kept");
    Instant keptStart = now.plus(2, ChronoUnit.MINUTES);
    book(kept, "Kept", keptStart, List.of());
    Instant keptDue = keptStart.minus(1, ChronoUnit.MINUTES);

    // 2. The same, then moved 30 s later: the reminder moves with it.
    var moved = organizer("moved");
    String movedId = book(moved, "Moved", keptStart, List.of());
    Instant movedStart = keptStart.plusSeconds(30);
    var put =
        api.send("PUT", "/events/" + movedId, body("Moved", movedStart, List.of()), moved.auth());
    assertThat(put.status()).as(put.toString()).isEqualTo(200);
    Instant movedDue = movedStart.minus(1, ChronoUnit.MINUTES);

    // 3. The same with a guest, then cancelled: no reminder, and the guest is told.
    var cancelled = organizer("cancelled");
    String guest = "guest-" + java.util.UUID.randomUUID() + "@external.example";
    String cancelledId = book(cancelled, "Cancelled", keptStart, List.of(guest));
    var delete = api.send("DELETE", "/events/" + cancelledId, null, cancelled.auth());
    assertThat(delete.status()).as(delete.toString()).isEqualTo(204);

    // The guest's cancellation comes within seconds (outbox lag), long before any reminder.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> to(guest).stream().anyMatch(m -> MailParts.calendarMethod(m).equals("CANCEL")));

    Instant keptArrived = firstReminderArrival(kept.email(), keptDue);
    assertThat(keptArrived).isBetween(keptDue, keptDue.plus(LATENESS));
    Instant movedArrived = firstReminderArrival(moved.email(), movedDue);
    assertThat(movedArrived).isBetween(movedDue, movedDue.plus(LATENESS));

    // Once: nothing more comes while the notifier has time to send duplicates, and the
    // cancelled event's organizer never got one although its due time has long passed.
    Instant quietUntil = Instant.now().plus(LATENESS);
    await()
        .atMost(LATENESS.plusSeconds(5))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> Instant.now().isAfter(quietUntil));
    assertThat(reminders(kept.email())).hasSize(1);
    assertThat(reminders(moved.email())).hasSize(1);
    assertThat(reminders(cancelled.email())).isEmpty();
    assertThat(reminders(guest)).isEmpty();

    var history =
        api.send(
            "GET",
            "/users/"
                + kept.id()
                + "/notifications?start="
                + now
                + "&end="
                + now.plus(1, ChronoUnit.DAYS),
            null,
            kept.auth());
    assertThat(history.status()).as(history.toString()).isEqualTo(200);
    var entries = history.json().get("notifications");
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).get("kind").asText()).isEqualTo("reminder");
    assertThat(entries.get(0).get("status").asText()).isEqualTo("sent");
    assertThat(Instant.parse(entries.get(0).get("dueAt").asText())).isEqualTo(keptDue);
  }

  private record Organizer(String id, String email, Map<String, String> auth) {}

  private static Organizer organizer(String name) {
    String email = Api.uniqueEmail("reminder-" + name);
    var user = api.signUp(email, "password1");
    return new Organizer(
        user.get("id").asText(),
        email,
        Map.of("Authorization", "Bearer " + user.get("token").asText()));
  }

  private static String book(
      Organizer organizer, String title, Instant start, List<String> guests) {
    var created = api.send("POST", "/events", body(title, start, guests), organizer.auth());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private static String body(String title, Instant start, List<String> guests) {
    StringBuilder participants = new StringBuilder();
    for (String g : guests) {
      participants.append(participants.isEmpty() ? "" : ",").append("{\"email\":\"" + g + "\"}");
    }
    return "{\"title\":\""
        + title
        + "\",\"start\":\""
        + start
        + "\",\"end\":\""
        + start.plus(30, ChronoUnit.MINUTES)
        + "\",\"timezone\":\"Europe/Berlin\",\"participants\":["
        + participants
        + "],\"reminders\":[{\"offset\":\"PT1M\",\"channel\":\"email\"}]}";
  }

  /** When the first reminder to {@code address} was seen; fails if it came before {@code due}. */
  private static Instant firstReminderArrival(String address, Instant due) {
    AtomicReference<Instant> seen = new AtomicReference<>();
    await()
        .atMost(Duration.between(Instant.now(), due).plus(LATENESS).plusSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!reminders(address).isEmpty()) {
                seen.set(Instant.now());
                return true;
              }
              return false;
            });
    return seen.get();
  }

  private static List<MimeMessage> reminders(String address) throws MessagingException {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : to(address)) {
      if (m.getSubject() != null && m.getSubject().startsWith("Reminder")) {
        out.add(m);
      }
    }
    return out;
  }

  private static List<MimeMessage> to(String address) throws MessagingException {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : mail.receivedMessages()) {
      Address[] recipients = m.getAllRecipients();
      if (recipients != null
          && java.util.Arrays.stream(recipients)
              .anyMatch(a -> a.toString().equalsIgnoreCase(address))) {
        out.add(m);
      }
    }
    return out;
  }
}
