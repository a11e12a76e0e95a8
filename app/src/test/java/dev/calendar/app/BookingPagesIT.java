package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.devservers.MailServer;
import dev.calendar.devservers.TestServers;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Booking pages end to end on a real node (Cassandra, Kafka, SMTP): a guest books a listed slot,
 * gets the invitation with the manage link over IMAP, moves and cancels it; concurrent guests never
 * double-book a slot, exceed a daily limit, or overlap a host's own meeting.
 */
class BookingPagesIT {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static Node shared;
  private static Api api;
  private static MailServer mail;
  private static ExecutorService pool;

  @BeforeAll
  static void start() throws Exception {
    shared = TestNodes.shared();
    api = new Api(shared);
    mail = TestServers.mail();
    pool = Executors.newFixedThreadPool(50);
  }

  @AfterAll
  static void stop() {
    pool.shutdownNow();
  }

  private record Host(String id, String token, String email) {
    Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + token);
    }
  }

  /** A user working 09:00–17:00 Berlin time every day. */
  private static Host host(String name) {
    String email = Api.uniqueEmail(name);
    JsonNode body = api.signUp(email, "password1");
    var host = new Host(body.get("id").asText(), body.get("token").asText(), email);
    StringBuilder weekly = new StringBuilder();
    for (String day : List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")) {
      weekly.append(weekly.length() == 0 ? "" : ",");
      weekly.append('"').append(day).append("\":[{\"start\":\"09:00\",\"end\":\"17:00\"}]");
    }
    var rules =
        api.send(
            "PUT",
            "/users/" + host.id() + "/availability-rules",
            "{\"timezone\":\"Europe/Berlin\",\"weekly\":{" + weekly + "}}",
            host.auth());
    assertThat(rules.status()).as("%s", rules).isEqualTo(200);
    return host;
  }

  private static JsonNode createType(Host owner, String json) {
    var created = api.send("POST", "/users/" + owner.id() + "/event-types", json, owner.auth());
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return created.json();
  }

  /** A date {@code n} days from today in Berlin, inside every type's default 60-day horizon. */
  private static String day(int n) {
    return LocalDate.now(BERLIN).plusDays(n).toString();
  }

  private static Instant berlin(String date, String time) {
    return LocalDate.parse(date).atTime(LocalTime.parse(time)).atZone(BERLIN).toInstant();
  }

  private static List<String> slots(Host owner, String slug, String date) {
    Instant from = berlin(date, "00:00");
    var r =
        api.send(
            "GET",
            "/book/"
                + owner.id()
                + "/"
                + slug
                + "/slots?start="
                + from
                + "&end="
                + from.plus(Duration.ofDays(1)),
            null,
            Map.of());
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    List<String> starts = new ArrayList<>();
    r.json().get("slots").forEach(s -> starts.add(s.get("start").asText()));
    return starts;
  }

  private static Api.Response book(Host owner, String slug, Instant start, String guest) {
    return api.post(
        "/book/" + owner.id() + "/" + slug,
        "{\"start\":\""
            + start
            + "\",\"invitee\":{\"name\":\"Guest\",\"email\":\""
            + guest
            + "\",\"timezone\":\"Asia/Kolkata\"}}");
  }

  private static String guest() {
    return "guest-" + UUID.randomUUID() + "@external.example";
  }

  @Test
  void aGuestBooksAListedSlotGetsTheLinkByMailMovesAndCancels() throws Exception {
    Host owner = host("owner");
    createType(
        owner,
        "{\"slug\":\"intro\",\"title\":\"Intro call\",\"duration\":\"PT30M\","
            + "\"minimumNotice\":\"PT0M\",\"minimumCancelNotice\":\"PT0M\"}");
    String date = day(10);
    Instant nine = berlin(date, "09:00");
    assertThat(slots(owner, "intro", date)).contains(nine.toString()).hasSize(16);

    String guest = guest();
    var booked = book(owner, "intro", nine, guest);
    assertThat(booked.status()).as("%s", booked).isEqualTo(201);
    String eventId = booked.json().get("eventId").asText();
    String token = booked.json().get("manageToken").asText();
    String manageUrl = booked.json().get("manageUrl").asText();
    assertThat(manageUrl).endsWith("/book/manage/" + token);
    assertThat(token.length()).isGreaterThanOrEqualTo(22);

    // The slot is gone from the list; the host's calendar and event show the booking.
    assertThat(slots(owner, "intro", date)).doesNotContain(nine.toString()).hasSize(15);
    var event = api.get("/events/" + eventId, owner.token());
    assertThat(event.status()).isEqualTo(200);
    assertThat(event.text()).contains(guest).doesNotContain("manageHash").doesNotContain(token);

    // The guest's invitation, read over IMAP: METHOD:REQUEST and the manage link.
    Mail invitation = awaitMail(guest, "REQUEST");
    assertThat(invitation.text()).contains(manageUrl);
    // The host hears of it too, without the guest's link.
    Mail notice = awaitMail(owner.email(), "REQUEST");
    assertThat(notice.subject()).isEqualTo("New booking: Intro call");
    assertThat(notice.text()).contains(guest).doesNotContain(token);

    var shown = api.send("GET", "/book/manage/" + token, null, Map.of());
    assertThat(shown.status()).isEqualTo(200);
    assertThat(shown.json().get("status").asText()).isEqualTo("confirmed");
    assertThat(shown.json().get("start").asText()).isEqualTo(nine.toString());

    // Moved to 11:00: the same event, the old slot free again, the new one taken.
    Instant eleven = berlin(date, "11:00");
    var moved = api.post("/book/manage/" + token + "/reschedule", "{\"start\":\"" + eleven + "\"}");
    assertThat(moved.status()).as("%s", moved).isEqualTo(200);
    assertThat(moved.json().get("eventId").asText()).isEqualTo(eventId);
    assertThat(slots(owner, "intro", date))
        .contains(nine.toString())
        .doesNotContain(eleven.toString());

    // Cancelled, twice: the slot is listed again and the guest gets METHOD:CANCEL.
    assertThat(api.send("DELETE", "/book/manage/" + token, null, Map.of()).status()).isEqualTo(204);
    assertThat(api.send("DELETE", "/book/manage/" + token, null, Map.of()).status()).isEqualTo(204);
    assertThat(slots(owner, "intro", date)).contains(eleven.toString()).hasSize(16);
    awaitMail(guest, "CANCEL");
    assertThat(awaitMail(owner.email(), "CANCEL").subject())
        .isEqualTo("Booking cancelled: Intro call");
    // A made-up token for the same event opens nothing.
    String forged =
        token.substring(0, 30) + (token.charAt(30) == 'A' ? 'B' : 'A') + token.substring(31);
    assertThat(api.send("GET", "/book/manage/" + forged, null, Map.of()).status()).isEqualTo(404);
  }

  @Test
  void aMoveKeepsTheEventAndMovesItsReminders() throws Exception {
    Host owner = host("reminding");
    createType(
        owner,
        "{\"slug\":\"remind\",\"title\":\"Remind\",\"duration\":\"PT30M\","
            + "\"minimumNotice\":\"PT0M\",\"minimumCancelNotice\":\"PT0M\","
            + "\"reminders\":[{\"offset\":\"PT15M\",\"channel\":\"email\"}]}");
    Instant ten = berlin(day(17), "10:00");
    Instant three = berlin(day(17), "15:00");
    var booked = book(owner, "remind", ten, guest());
    String eventId = booked.json().get("eventId").asText();
    String token = booked.json().get("manageToken").asText();
    awaitReminderDue(eventId, ten.minus(Duration.ofMinutes(15)));

    var moved = api.post("/book/manage/" + token + "/reschedule", "{\"start\":\"" + three + "\"}");

    assertThat(moved.status()).as("%s", moved).isEqualTo(200);
    assertThat(moved.json().get("eventId").asText()).isEqualTo(eventId);
    awaitReminderDue(eventId, three.minus(Duration.ofMinutes(15)));
  }

  /** Waits until the event's reminders in the index are all due at {@code dueAt}. */
  private static void awaitReminderDue(String eventId, Instant dueAt) throws Exception {
    var cql = CassandraSessions.of(shared.system());
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(250))
        .untilAsserted(
            () -> {
              List<Instant> due = new ArrayList<>();
              cql.execute(
                      "SELECT due_at FROM calendar.reminders_by_event WHERE event_id = ?",
                      UUID.fromString(eventId))
                  .forEach(row -> due.add(row.getInstant("due_at")));
              assertThat(due).isNotEmpty().containsOnly(dueAt);
            });
  }

  @Test
  void rescheduleIntoATakenSlotLeavesTheBookingAsItWas() {
    Host owner = host("mover");
    createType(
        owner,
        "{\"slug\":\"chat\",\"title\":\"Chat\",\"duration\":\"PT30M\","
            + "\"minimumNotice\":\"PT0M\",\"minimumCancelNotice\":\"PT0M\"}");
    Instant ten = berlin(day(11), "10:00");
    Instant two = berlin(day(11), "14:00");
    var first = book(owner, "chat", ten, guest());
    assertThat(book(owner, "chat", two, guest()).status()).isEqualTo(201);
    String token = first.json().get("manageToken").asText();

    var refused = api.post("/book/manage/" + token + "/reschedule", "{\"start\":\"" + two + "\"}");

    assertThat(refused.status()).as("%s", refused).isEqualTo(409);
    var shown = api.send("GET", "/book/manage/" + token, null, Map.of());
    assertThat(shown.json().get("start").asText()).isEqualTo(ten.toString());
    assertThat(slots(owner, "chat", day(11)))
        .doesNotContain(ten.toString())
        .doesNotContain(two.toString());
  }

  @Test
  void fiftyGuestsRacingForOneSlotBookItOnce() throws Exception {
    Host owner = host("popular");
    createType(
        owner,
        "{\"slug\":\"race\",\"title\":\"Race\",\"duration\":\"PT30M\",\"minimumNotice\":\"PT0M\"}");
    Instant slot = berlin(day(12), "09:30");

    List<Integer> statuses = race(50, i -> book(owner, "race", slot, guest()).status());

    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    assertThat(statuses.stream().filter(s -> s == 409)).hasSize(49);
    assertThat(slots(owner, "race", day(12))).doesNotContain(slot.toString());
  }

  @Test
  void aDailyLimitHoldsUnderTwentyConcurrentBookings() throws Exception {
    Host owner = host("limited");
    createType(
        owner,
        "{\"slug\":\"daily\",\"title\":\"Daily\",\"duration\":\"PT15M\",\"minimumNotice\":\"PT0M\","
            + "\"maxPerDay\":3}");
    Instant nine = berlin(day(13), "09:00");

    List<Integer> statuses =
        race(
            20,
            i -> book(owner, "daily", nine.plus(Duration.ofMinutes(15L * i)), guest()).status());

    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(3);
    assertThat(statuses.stream().filter(s -> s == 409)).hasSize(17);
    assertThat(slots(owner, "daily", day(13))).isEmpty();
  }

  @Test
  void fiveSeatsSeatFiveOfTwelveConcurrentGuestsInOneEvent() throws Exception {
    Host owner = host("teacher");
    createType(
        owner,
        "{\"slug\":\"class\",\"title\":\"Class\",\"duration\":\"PT60M\","
            + "\"minimumNotice\":\"PT0M\",\"minimumCancelNotice\":\"PT0M\",\"seats\":5}");
    Instant slot = berlin(day(16), "10:00");
    assertThat(
            api.send("GET", "/book/" + owner.id() + "/class", null, Map.of())
                .json()
                .get("seats")
                .asInt())
        .isEqualTo(5);

    List<Api.Response> answers = new ArrayList<>();
    List<Integer> statuses =
        race(
            12,
            i -> {
              var r = book(owner, "class", slot, guest());
              synchronized (answers) {
                answers.add(r);
              }
              return r.status();
            });

    assertThat(statuses.stream().filter(s -> s == 201)).as("%s", answers).hasSize(5);
    assertThat(statuses.stream().filter(s -> s == 409)).hasSize(7);
    var eventIds =
        answers.stream()
            .filter(r -> r.status() == 201)
            .map(r -> r.json().get("eventId").asText())
            .distinct()
            .toList();
    assertThat(eventIds).hasSize(1);
    var event = api.get("/events/" + eventIds.get(0), owner.token());
    int guests = 0;
    for (JsonNode p : event.json().get("participants")) {
      guests += p.hasNonNull("email") && p.get("userId").isNull() ? 1 : 0;
    }
    assertThat(guests).isEqualTo(5);

    // One guest leaves: a seat opens and the slot is listed again with one seat left.
    String token =
        answers.stream()
            .filter(r -> r.status() == 201)
            .findFirst()
            .orElseThrow()
            .json()
            .get("manageToken")
            .asText();
    assertThat(api.send("DELETE", "/book/manage/" + token, null, Map.of()).status()).isEqualTo(204);
    var listed =
        api.send(
            "GET",
            "/book/" + owner.id() + "/class/slots?start=" + slot + "&end=" + slot.plusSeconds(60),
            null,
            Map.of());
    assertThat(listed.json().get("slots").get(0).get("seatsLeft").asInt()).isEqualTo(1);
  }

  @Test
  void aCollectiveBookingAndAHostsOwnMeetingNeverBothTakeTheTime() throws Exception {
    Host owner = host("lead");
    Host second = host("second");
    Host third = host("third");
    createType(
        owner,
        "{\"slug\":\"panel\",\"title\":\"Panel\",\"duration\":\"PT30M\",\"minimumNotice\":\"PT0M\","
            + "\"hosts\":[\""
            + second.id()
            + "\",\""
            + third.id()
            + "\"]}");
    for (int round = 0; round < 8; round++) {
      Instant slot = berlin(day(14), "09:00").plus(Duration.ofMinutes(30L * round));
      String direct =
          "{\"title\":\"Own meeting\",\"start\":\""
              + slot
              + "\",\"end\":\""
              + slot.plus(Duration.ofMinutes(30))
              + "\",\"timezone\":\"Europe/Berlin\"}";
      var latch = new CountDownLatch(1);
      Future<Integer> page =
          pool.submit(
              () -> {
                latch.await();
                return book(owner, "panel", slot, guest()).status();
              });
      Future<Integer> own =
          pool.submit(
              () -> {
                latch.await();
                return api.send("POST", "/events", direct, third.auth()).status();
              });
      latch.countDown();
      int pageStatus = page.get();
      int ownStatus = own.get();
      assertThat(List.of(pageStatus, ownStatus)).as("round %d", round).containsOnlyOnce(201);
      assertThat(List.of(pageStatus, ownStatus)).contains(409);
    }
  }

  @Test
  void theGapBetweenBufferedBookingsIsOneTypesAfterPlusTheOthersBefore() {
    Host owner = host("buffers");
    createType(
        owner,
        "{\"slug\":\"padded\",\"title\":\"Padded\",\"duration\":\"PT30M\",\"minimumNotice\":\"PT0M\","
            + "\"bufferBefore\":\"PT10M\"}");
    createType(
        owner,
        "{\"slug\":\"short\",\"title\":\"Short\",\"duration\":\"PT30M\",\"slotInterval\":\"PT5M\","
            + "\"minimumNotice\":\"PT0M\",\"bufferAfter\":\"PT15M\"}");
    Instant ten = berlin(day(15), "10:00");
    assertThat(book(owner, "padded", ten, guest()).status()).isEqualTo(201);

    List<String> listed = slots(owner, "short", day(15));

    // 09:35 ends 25 minutes (15 after + 10 before) before 10:00; 09:40 would leave 20.
    assertThat(listed).contains(berlin(day(15), "09:05").toString());
    assertThat(listed).doesNotContain(berlin(day(15), "09:10").toString());
    assertThat(book(owner, "short", berlin(day(15), "09:10"), guest()).status()).isEqualTo(409);
    assertThat(book(owner, "short", berlin(day(15), "09:05"), guest()).status()).isEqualTo(201);
  }

  private interface Attempt {
    int run(int index) throws Exception;
  }

  /** Runs {@code n} attempts at once (released together) and returns their statuses. */
  private static List<Integer> race(int n, Attempt attempt) throws Exception {
    var latch = new CountDownLatch(1);
    List<Future<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Callable<Integer> call =
          () -> {
            latch.await();
            return attempt.run(index);
          };
      futures.add(pool.submit(call));
    }
    latch.countDown();
    List<Integer> statuses = new ArrayList<>();
    for (Future<Integer> f : futures) {
      statuses.add(f.get());
    }
    return statuses;
  }

  /** A mail as read over IMAP, while its folder was open. */
  private record Mail(String subject, String text) {}

  /** Waits for a mail to {@code address} whose calendar part has this METHOD, read over IMAP. */
  private static Mail awaitMail(String address, String method) throws Exception {
    Properties props = new Properties();
    props.put("mail.imap.connectiontimeout", "10000");
    props.put("mail.imap.timeout", "10000");
    List<Mail> found = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Store store = Session.getInstance(props).getStore("imap");
              store.connect(mail.host(), mail.imapPort(), address, "any password");
              try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                for (Message m : inbox.getMessages()) {
                  if (method.equals(MailParts.calendarMethod(m))) {
                    found.add(new Mail(m.getSubject(), MailParts.plainText(m)));
                    return true;
                  }
                }
                return false;
              } finally {
                store.close();
              }
            });
    return found.get(0);
  }
}
