package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.calendar.devservers.TestServers;
import dev.calendar.notification.Channel;
import dev.calendar.reminder.DueReminder;
import dev.calendar.store.reminder.CassandraReminderIndex;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reminders end to end: events created, moved and cancelled over HTTP; their reminders read back
 * from the notifications topic as the notifier would.
 */
class ReminderSchedulerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration OFFSET = Duration.ofSeconds(30);

  /**
   * How late a reminder may reach Kafka after its due time: a 500 ms tick, the read, the send; with
   * room for a GC pause or a busy CI machine (the benchmark measures the real figures).
   */
  private static final Duration ON_TIME = Duration.ofSeconds(4);

  private static Api api;
  private static Node node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.shared();
    api = new Api(node);
  }

  private record Received(String key, long timestampMillis, JsonNode message) {}

  @Test
  void remindersFireOnTimeFollowTheirEventAndAreWithdrawnWithIt() throws Exception {
    try (var consumer = consumer()) {
      Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

      // A: stays put, due 15 s from now.
      var alice = user("alice");
      Instant startA = t0.plusSeconds(45);
      String a = create(alice, "Stays", startA);
      String keyA = key(a, startA, alice);

      // B: moved 15 s later right after creation; its reminder moves with it.
      var bob = user("bob");
      Instant startB = t0.plusSeconds(45);
      String b = create(bob, "Moves", startB);
      Instant movedB = t0.plusSeconds(60);
      var put = api.send("PUT", "/events/" + b, body("Moves", movedB), auth(bob));
      assertThat(put.status()).as(put.toString()).isEqualTo(200);
      String oldKeyB = key(b, startB, bob);
      String keyB = key(b, movedB, bob);

      // C: cancelled right after creation; due 20 s from now, before B's new due time.
      var carol = user("carol");
      Instant startC = t0.plusSeconds(50);
      String c = create(carol, "Cancelled", startC);
      var delete = api.send("DELETE", "/events/" + c, null, auth(carol));
      assertThat(delete.status()).as(delete.toString()).isEqualTo(204);

      List<Received> seen = new ArrayList<>();
      List<String> ours = List.of(a, b, c);
      // B's moved reminder is the last one due: once it is in, the others had their chance.
      pollUntil(
          consumer,
          ours,
          seen,
          Duration.ofSeconds(90),
          () -> seen.stream().anyMatch(r -> r.key().equals(keyB)));
      // a little longer, for any duplicate of B on its heels
      Instant until = Instant.now().plus(ON_TIME);
      pollUntil(consumer, ours, seen, Duration.ofSeconds(10), () -> Instant.now().isAfter(until));

      assertThat(seen).extracting(Received::key).containsExactlyInAnyOrder(keyA, keyB);
      assertOnTime(only(seen, keyA), startA.minus(OFFSET));
      assertOnTime(only(seen, keyB), movedB.minus(OFFSET));
      assertThat(seen).extracting(Received::key).doesNotContain(oldKeyB);
      assertThat(seen).noneMatch(r -> r.key().startsWith(c));

      JsonNode message = only(seen, keyA).message();
      assertThat(message.get("kind").asText()).isEqualTo("reminder");
      assertThat(message.get("channel").asText()).isEqualTo("email");
      assertThat(message.get("userId").asText()).isEqualTo(alice.get("id").asText());
      assertThat(message.get("data").get("title").asText()).isEqualTo("Stays");
      assertThat(message.get("data").get("occurrenceStart").asText()).isEqualTo(startA.toString());
    }
  }

  @Test
  void aReminderWhoseOccurrenceIsOverIsRecordedDeadAndNotSent() throws Exception {
    CqlSession cql = CassandraSessions.of(node.system());
    String keyspace = node.system().settings().config().getString("calendar.cassandra.keyspace");
    int partitions = node.system().settings().config().getInt("calendar.reminders.partitions");
    // Filled directly, as a benchmark would.
    var index =
        new CassandraReminderIndex(
            cql, keyspace, partitions, Clock.systemUTC(), node.system().executionContext());
    try (var consumer = consumer()) {
      Instant due = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(3);
      UUID user = UUID.randomUUID();
      // an occurrence that is over by the time its reminder falls due (zero length, at due time)
      DueReminder over = row(UUID.randomUUID(), user, due, due, due, ZoneOffset.UTC);
      // its event's zone must come back from the index into data.timezone
      DueReminder control =
          row(
              UUID.randomUUID(),
              user,
              due.plusSeconds(1),
              due.plusSeconds(1),
              due.plusSeconds(3600),
              ZoneId.of("Europe/Berlin"));
      index.put(over).toCompletableFuture().get(10, TimeUnit.SECONDS);
      index.put(control).toCompletableFuture().get(10, TimeUnit.SECONDS);

      List<Received> seen = new ArrayList<>();
      List<String> ids = List.of(over.eventId().toString(), control.eventId().toString());
      pollUntil(
          consumer,
          ids,
          seen,
          Duration.ofSeconds(30),
          () -> seen.stream().anyMatch(r -> r.key().equals(control.key())));
      assertThat(seen).extracting(Received::key).containsExactly(control.key());
      assertThat(seen.get(0).message().get("data").get("timezone").asText())
          .isEqualTo("Europe/Berlin");

      var history =
          cql.execute(
                  "SELECT status, error, kind FROM "
                      + keyspace
                      + ".notifications_by_user WHERE user_id = ? AND due_at = ? AND key = ?",
                  user,
                  due,
                  over.key())
              .one();
      assertThat(history).as("history row of the stale reminder").isNotNull();
      assertThat(history.getString("status")).isEqualTo("dead");
      assertThat(history.getString("error")).isEqualTo("stale");
      assertThat(history.getString("kind")).isEqualTo("reminder");
    }
  }

  private static DueReminder row(
      UUID eventId, UUID user, Instant start, Instant due, Instant end, ZoneId zone) {
    return new DueReminder(
        eventId,
        start,
        Duration.between(due, start),
        Channel.EMAIL,
        user,
        null,
        user,
        "Direct",
        start,
        end,
        false,
        due,
        zone);
  }

  private static void assertOnTime(Received r, Instant due) {
    assertThat(Instant.ofEpochMilli(r.timestampMillis()))
        .as("%s produced at its due time %s", r.key(), due)
        .isAfterOrEqualTo(due)
        .isBefore(due.plus(ON_TIME));
  }

  private static Received only(List<Received> seen, String key) {
    List<Received> matching = seen.stream().filter(r -> r.key().equals(key)).toList();
    assertThat(matching).as("messages keyed %s", key).hasSize(1);
    return matching.get(0);
  }

  /** Polls every 10 ms, collecting our reminders into {@code seen}, until {@code done} holds. */
  private static void pollUntil(
      KafkaConsumer<String, String> consumer,
      List<String> eventIds,
      List<Received> seen,
      Duration atMost,
      BooleanSupplier done) {
    await()
        .atMost(atMost)
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              poll(consumer, eventIds, seen);
              return done.getAsBoolean();
            });
  }

  private static void poll(
      KafkaConsumer<String, String> consumer, List<String> eventIds, List<Received> seen)
      throws Exception {
    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
      if (r.key() != null && eventIds.stream().anyMatch(id -> r.key().startsWith(id + ":"))) {
        seen.add(new Received(r.key(), r.timestamp(), JSON.readTree(r.value())));
      }
    }
  }

  private static KafkaConsumer<String, String> consumer() {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            TestServers.kafka().bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "reminders-it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of("notifications"));
    return consumer;
  }

  private static JsonNode user(String name) {
    return api.signUp(Api.uniqueEmail("reminders-" + name), "password1");
  }

  private static Map<String, String> auth(JsonNode user) {
    return Map.of("Authorization", "Bearer " + user.get("token").asText());
  }

  private static String create(JsonNode user, String title, Instant start) {
    var created = api.send("POST", "/events", body(title, start), auth(user));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private static String key(String eventId, Instant start, JsonNode user) {
    return eventId + ":" + start + ":" + OFFSET + ":email:" + user.get("id").asText();
  }

  private static String body(String title, Instant start) {
    return "{\"title\":\""
        + title
        + "\",\"start\":\""
        + start
        + "\",\"end\":\""
        + start.plusSeconds(600)
        + "\",\"timezone\":\"UTC\",\"participants\":[],"
        + "\"reminders\":[{\"offset\":\""
        + OFFSET
        + "\",\"channel\":\"email\"}]}";
  }
}
