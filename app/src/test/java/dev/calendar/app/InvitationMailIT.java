package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calendar.devservers.MailServer;
import dev.calendar.devservers.TestServers;
import dev.calendar.invitation.CalendarMessage;
import dev.calendar.invitation.Invitations;
import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.meeting.Participant;
import dev.calendar.schedule.Schedule;
import dev.calendar.stream.mail.MailSettings;
import dev.calendar.stream.mail.Mailer;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.ContentType;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An invitation goes out over SMTP to the test GreenMail and is read back over IMAP as the
 * recipient: the text/calendar part carries METHOD:REQUEST, the UID and the attendee.
 */
class InvitationMailIT {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static MailServer mail;
  private static ExecutorService blocking;
  private static Mailer mailer;

  @BeforeAll
  static void start() {
    mail = TestServers.mail();
    blocking = Executors.newFixedThreadPool(2);
    // Through the real HOCON block, as a node would read it.
    var config =
        NodeConfig.load(
            Map.of(
                "calendar.mail.smtp.host", mail.host(),
                "calendar.mail.smtp.port", mail.smtpPort()));
    MailSettings settings = MailSettings.of(config);
    assertThat(settings.from()).isEqualTo("calendar@localhost");
    mailer = new Mailer(settings, blocking);
  }

  @AfterAll
  static void stop() {
    blocking.shutdownNow();
  }

  @Test
  void invitationArrivesWithTextCalendarMethodRequest() throws Exception {
    String to = "guest-" + UUID.randomUUID() + "@external.example";
    UUID eventId = UUID.randomUUID();
    Instant start = LocalDateTime.of(2026, 6, 1, 10, 0).atZone(BERLIN).toInstant();
    var details =
        new MeetingDetails(
            "Planning – Q3",
            "Bring numbers.",
            "Room 2",
            new Schedule(
                start,
                start.plusSeconds(3600),
                BERLIN,
                "FREQ=WEEKLY;COUNT=4",
                List.of(),
                List.of()),
            List.of(new Participant(null, to, "Guest Ü")),
            List.of());
    var meeting =
        new Meeting(eventId, UUID.randomUUID(), details, false, start, start, 1, UUID.randomUUID());
    String ics = Invitations.ics(meeting, "ada@example.com", Map.of(), Instant.now());
    CalendarMessage message =
        CalendarMessage.of(
            meeting,
            CalendarMessage.Change.of(meeting),
            to,
            "Ada invites you to Planning – Q3 on 1 June 2026, 10:00 Europe/Berlin.",
            ics);

    mailer.send(message).toCompletableFuture().get(30, TimeUnit.SECONDS);

    Properties props = new Properties();
    props.put("mail.imap.connectiontimeout", "10000");
    props.put("mail.imap.timeout", "10000");
    Store store = Session.getInstance(props).getStore("imap");
    store.connect(mail.host(), mail.imapPort(), to, "any password");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message[] messages = awaitMessages(inbox);
      assertThat(messages).hasSize(1);
      Message received = messages[0];
      assertThat(received.getSubject()).isEqualTo("Invitation: Planning – Q3");
      assertThat(received.getFrom()[0].toString()).isEqualTo("calendar@localhost");

      List<Part> parts = new ArrayList<>();
      leaves(received, parts);
      Part text = find(parts, "text/plain");
      assertThat(((String) text.getContent())).contains("Ada invites you");

      Part calendarPart = find(parts, "text/calendar");
      ContentType type = new ContentType(calendarPart.getContentType());
      assertThat(type.getParameter("method")).isEqualTo("REQUEST");
      assertThat(type.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
      String body = MailParts.read(calendarPart);
      assertThat(body).contains("\r\n");
      Calendar calendar = new CalendarBuilder().build(new StringReader(body));
      assertThat(calendar.getProperty(Property.METHOD).orElseThrow().getValue())
          .isEqualTo("REQUEST");
      var event = calendar.getComponent("VEVENT").orElseThrow();
      assertThat(event.getProperty(Property.UID).orElseThrow().getValue())
          .isEqualTo(eventId + "@calendar");
      assertThat(event.getProperty(Property.SUMMARY).orElseThrow().getValue())
          .isEqualTo("Planning – Q3");
      assertThat(event.getProperty(Property.ATTENDEE).orElseThrow().getValue())
          .isEqualTo("mailto:" + to);

      Part attachment =
          parts.stream().filter(p -> "invite.ics".equals(fileName(p))).findFirst().orElseThrow();
      assertThat(MailParts.read(attachment)).isEqualTo(body);
      inbox.close(false);
    } finally {
      store.close();
    }
  }

  /** GreenMail stores a message before it answers SMTP, but allow for a slow machine. */
  private static Message[] awaitMessages(Folder inbox) throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> inbox.getMessageCount() > 0);
    return inbox.getMessages();
  }

  private static void leaves(Part part, List<Part> out) throws Exception {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        leaves(multipart.getBodyPart(i), out);
      }
    } else {
      out.add(part);
    }
  }

  private static Part find(List<Part> parts, String mimeType) throws Exception {
    for (Part p : parts) {
      if (p.isMimeType(mimeType)) {
        return p;
      }
    }
    throw new AssertionError("no " + mimeType + " part among " + parts.size());
  }

  private static String fileName(Part p) {
    try {
      return p.getFileName();
    } catch (Exception e) {
      return null;
    }
  }
}
