package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calendar.devservers.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The outbox end to end: meeting changes over HTTP arrive on calendar-events, in order. */
class CalendarEventsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  // A day nothing else in the test run books.
  private static final Instant START =
      LocalDate.of(2031, 6, 2).atTime(9, 0).atZone(ZoneId.of("UTC")).toInstant();

  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = new Api(TestNodes.shared());
  }

  @Test
  void publishesCreatedUpdatedAndCancelledInOrder() throws Exception {
    var user = api.signUp(Api.uniqueEmail("outbox"), "password1");
    Map<String, String> auth = Map.of("Authorization", "Bearer " + user.get("token").asText());

    var created =
        api.send("POST", "/events", event("Plan", START, START.plus(30, ChronoUnit.MINUTES)), auth);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.json().get("id").asText();
    Instant moved = START.plus(1, ChronoUnit.HOURS);
    var updated =
        api.send(
            "PUT",
            "/events/" + id,
            event("Plan, moved", moved, moved.plus(30, ChronoUnit.MINUTES)),
            auth);
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    var cancelled = api.send("DELETE", "/events/" + id, null, auth);
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(204);

    List<JsonNode> messages = consume(id, 3, Duration.ofSeconds(30));

    assertThat(messages)
        .extracting(m -> m.get("type").asText())
        .containsExactly("event.created", "event.updated", "event.cancelled");
    assertThat(messages).allSatisfy(m -> assertThat(m.get("schemaVersion").asInt()).isEqualTo(1));
    assertThat(messages).extracting(m -> m.get("data").get("id").asText()).containsOnly(id);
    assertThat(messages)
        .extracting(m -> m.get("data").get("version").asLong())
        .containsExactly(1L, 2L, 3L);
    assertThat(messages).extracting(m -> m.get("id").asText()).doesNotHaveDuplicates();
    assertThat(messages.get(0).get("data").get("title").asText()).isEqualTo("Plan");
    assertThat(messages.get(1).get("data").get("start").asText()).isEqualTo(moved.toString());
    assertThat(messages.get(2).get("data").get("status").asText()).isEqualTo("cancelled");
  }

  private static String event(String title, Instant start, Instant end) {
    return "{\"title\":\""
        + title
        + "\",\"start\":\""
        + start
        + "\",\"end\":\""
        + end
        + "\",\"timezone\":\"Europe/Berlin\",\"participants\":[]}";
  }

  /** The first {@code count} distinct messages keyed {@code eventId}, in topic order. */
  private static List<JsonNode> consume(String eventId, int count, Duration within)
      throws Exception {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestServers.kafka().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "calendar-events-it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<JsonNode> found = new ArrayList<>();
    List<String> seenIds = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("calendar-events"));
      long deadline = System.nanoTime() + within.toNanos();
      while (found.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          if (!eventId.equals(r.key())) {
            continue;
          }
          JsonNode message = JSON.readTree(r.value());
          // At least once: a redelivered message has the same id; keep the first.
          if (!seenIds.contains(message.get("id").asText())) {
            seenIds.add(message.get("id").asText());
            found.add(message);
          }
        }
      }
    }
    assertThat(found).as("messages for event %s within %s", eventId, within).hasSize(count);
    return found;
  }
}
