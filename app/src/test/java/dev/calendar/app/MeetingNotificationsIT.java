package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calendar.devservers.TestServers;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meeting changes over HTTP become invitation, update and cancellation emails (with their iTIP
 * calendar) and event webhooks on the {@code notifications} topic, read back with a consumer of its
 * own.
 */
class MeetingNotificationsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  // A day nothing else in the test run books.
  private static final Instant START =
      LocalDate.of(2031, 7, 7).atTime(9, 0).atZone(ZoneOffset.UTC).toInstant();
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private static Api api;
  private KafkaConsumer<String, String> consumer;

  /** Every notification of the event under test seen so far, by key (duplicates dropped). */
  private final Map<String, JsonNode> seen = new LinkedHashMap<>();

  private String eventId;

  @BeforeAll
  static void startNode() throws Exception {
    api = new Api(TestNodes.shared());
  }

  @BeforeEach
  void subscribe() {
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "meeting-notifications-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer());
    consumer.subscribe(List.of("notifications"));
  }

  @AfterEach
  void close() {
    consumer.close();
  }

  private record User(String id, String token) {
    Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + token);
    }
  }

  private static User signUp(String name) {
    JsonNode body = api.signUp(Api.uniqueEmail(name), "password1");
    return new User(body.get("id").asText(), body.get("token").asText());
  }

  @Test
  void invitesUpdatesAndCancelsEveryParticipantButTheOrganizer() throws Exception {
    User ada = signUp("ada");
    User bob = signUp("bob");
    String carol = "carol-" + UUID.randomUUID() + "@external.example";
    var hook =
        api.send(
            "POST",
            "/users/" + bob.id() + "/webhooks",
            "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"event.created\"]}",
            bob.auth());
    assertThat(hook.status()).as("%s", hook).isEqualTo(201);

    // Created with Bob (a user) and Carol (a guest, her address in capitals).
    var created =
        api.send(
            "POST",
            "/events",
            event("Planning", START, List.of(bob.id()), List.of(carol.toUpperCase())),
            ada.auth());
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    eventId = created.json().get("id").asText();

    List<JsonNode> invitations = awaitFrom(1, 3);
    assertThat(emails(invitations))
        .extracting(n -> n.get("kind").asText())
        .containsOnly("invitation");
    assertThat(recipients(emails(invitations))).containsExactlyInAnyOrder(bob.id(), carol);
    for (JsonNode n : emails(invitations)) {
      VEvent e = vevent(n, "REQUEST");
      assertThat(e.getProperty(Property.UID).orElseThrow().getValue())
          .isEqualTo(eventId + "@calendar");
      assertThat(e.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("0");
      assertThat(n.get("mail").get("subject").asText()).isEqualTo("Invitation: Planning");
      assertThat(n.get("key").asText()).endsWith(":invitation:email:" + recipient(n));
      assertThat(n.get("dueAt").asText()).isNotBlank();
    }
    JsonNode guestInvite = forRecipient(invitations, carol);
    assertThat(guestInvite.get("userId").isNull()).isTrue();
    assertThat(guestInvite.get("historyUserId").asText()).isEqualTo(ada.id());
    assertThat(forRecipient(invitations, bob.id()).get("historyUserId").asText())
        .isEqualTo(bob.id());

    // Bob's event.created webhook: one notification, the event as GET /events/{id} shows it.
    List<JsonNode> webhooks = webhooks(invitations);
    assertThat(webhooks).hasSize(1);
    JsonNode webhook = webhooks.get(0);
    assertThat(webhook.get("userId").asText()).isEqualTo(bob.id());
    assertThat(webhook.get("webhookType").asText()).isEqualTo("event.created");
    assertThat(webhook.get("key").asText())
        .isEqualTo("Meeting|" + eventId + ":1:webhook:" + bob.id());
    JsonNode shown = api.send("GET", "/events/" + eventId, null, ada.auth()).json();
    assertThat(webhook.get("data")).isEqualTo(shown);

    // Moved: both are updated, with a higher SEQUENCE.
    Instant later = START.plus(2, ChronoUnit.HOURS);
    var moved =
        api.send(
            "PUT",
            "/events/" + eventId,
            event("Planning", later, List.of(bob.id()), List.of(carol)),
            ada.auth());
    assertThat(moved.status()).as("%s", moved).isEqualTo(200);
    List<JsonNode> updates = awaitFrom(2, 2);
    assertThat(updates).extracting(n -> n.get("kind").asText()).containsOnly("update");
    assertThat(recipients(updates)).containsExactlyInAnyOrder(bob.id(), carol);
    for (JsonNode n : updates) {
      VEvent e = vevent(n, "REQUEST");
      assertThat(e.getProperty(Property.SEQUENCE).orElseThrow().getValue()).isEqualTo("1");
      assertThat(n.get("mail").get("ics").asText())
          .contains("DTSTART;TZID=Europe/Berlin:20310707T130000");
    }

    // Carol removed: a cancellation to her alone; Bob's invitation shows nothing new.
    var removed =
        api.send(
            "PUT",
            "/events/" + eventId,
            event("Planning", later, List.of(bob.id()), List.of()),
            ada.auth());
    assertThat(removed.status()).as("%s", removed).isEqualTo(200);
    List<JsonNode> removal = awaitFrom(3, 1);
    JsonNode toCarol = removal.get(0);
    assertThat(toCarol.get("kind").asText()).isEqualTo("cancellation");
    assertThat(toCarol.get("address").asText()).isEqualTo(carol);
    VEvent cancelForCarol = vevent(toCarol, "CANCEL");
    assertThat(cancelForCarol.getProperty(Property.UID).orElseThrow().getValue())
        .isEqualTo(eventId + "@calendar");
    assertThat(
            Integer.parseInt(
                cancelForCarol.getProperty(Property.SEQUENCE).orElseThrow().getValue()))
        .isGreaterThan(1);

    // Cancelled: Bob, the one still invited, is told; Carol is not told twice.
    var cancelled = api.send("DELETE", "/events/" + eventId, null, ada.auth());
    assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(204);
    List<JsonNode> cancellation = awaitFrom(4, 1);
    assertThat(cancellation.get(0).get("kind").asText()).isEqualTo("cancellation");
    assertThat(cancellation.get(0).get("userId").asText()).isEqualTo(bob.id());
    VEvent cancelForBob = vevent(cancellation.get(0), "CANCEL");
    assertThat(cancelForBob.getProperty(Property.STATUS).orElseThrow().getValue())
        .isEqualTo("CANCELLED");

    // Everything produced so far is in: nothing more for any change, nothing for the organizer.
    drain();
    assertThat(from(3)).hasSize(1);
    assertThat(from(4)).hasSize(1);
    assertThat(seen.values()).noneMatch(n -> ada.id().equals(n.path("userId").asText()));
    assertThat(webhooks(List.copyOf(seen.values()))).hasSize(1);
  }

  private static String event(
      String title, Instant start, List<String> userIds, List<String> guests) {
    List<Map<String, String>> participants = new ArrayList<>();
    userIds.forEach(id -> participants.add(Map.of("userId", id)));
    guests.forEach(g -> participants.add(Map.of("email", g, "name", "Carol")));
    try {
      return JSON.writeValueAsString(
          Map.of(
              "title",
              title,
              "location",
              "Room 1",
              "start",
              start.toString(),
              "end",
              start.plus(30, ChronoUnit.MINUTES).toString(),
              "timezone",
              "Europe/Berlin",
              "participants",
              participants));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits until the change with journal sequence number {@code seqNr} brought {@code count}. */
  private List<JsonNode> awaitFrom(long seqNr, int count) {
    await()
        .pollInSameThread()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              poll();
              return from(seqNr).size() >= count;
            });
    return from(seqNr);
  }

  /** Reads the topic up to the end offsets of now: everything acknowledged before is seen. */
  private void drain() {
    var partitions = consumer.assignment();
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    await()
        .pollInSameThread()
        .atMost(WITHIN)
        .until(
            () -> {
              poll();
              return end.entrySet().stream()
                  .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
  }

  private void poll() throws Exception {
    for (var r : consumer.poll(Duration.ofMillis(200))) {
      JsonNode n = JSON.readTree(r.value());
      if (eventId != null && eventId.equals(n.path("eventId").asText())) {
        seen.putIfAbsent(r.key(), n); // at least once: a repeat has the same key
      }
    }
  }

  /** The notifications of one journal event (keys start {@code Meeting|<id>:<seqNr>:}). */
  private List<JsonNode> from(long seqNr) {
    String prefix = "Meeting|" + eventId + ":" + seqNr + ":";
    return seen.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .toList();
  }

  private static List<JsonNode> emails(List<JsonNode> ns) {
    return filter(ns, n -> "email".equals(n.get("channel").asText()));
  }

  private static List<JsonNode> webhooks(List<JsonNode> ns) {
    return filter(ns, n -> "webhook".equals(n.get("channel").asText()));
  }

  private static List<JsonNode> filter(List<JsonNode> ns, Predicate<JsonNode> p) {
    return ns.stream().filter(p).toList();
  }

  private static String recipient(JsonNode n) {
    return n.get("userId").isNull() ? n.get("address").asText() : n.get("userId").asText();
  }

  private static List<String> recipients(List<JsonNode> ns) {
    return ns.stream().map(MeetingNotificationsIT::recipient).toList();
  }

  private static JsonNode forRecipient(List<JsonNode> ns, String recipient) {
    return emails(ns).stream()
        .filter(n -> recipient.equals(recipient(n)))
        .findFirst()
        .orElseThrow();
  }

  /** The mail's calendar, parsed strictly, with the method expected; its first VEVENT. */
  private static VEvent vevent(JsonNode n, String method) throws Exception {
    JsonNode mail = n.get("mail");
    assertThat(mail.get("method").asText()).isEqualTo(method);
    Calendar c = new CalendarBuilder().build(new StringReader(mail.get("ics").asText()));
    assertThat(c.getProperty(Property.METHOD).orElseThrow().getValue()).isEqualTo(method);
    return c.<VEvent>getComponent(Component.VEVENT).orElseThrow();
  }
}
