package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.calendar.devservers.TestServers;
import dev.calendar.notification.Channel;
import dev.calendar.notification.Notification;
import dev.calendar.stream.notifier.Backoff;
import dev.calendar.stream.notifier.Deliveries;
import dev.calendar.stream.notifier.EmailChannel;
import dev.calendar.stream.notifier.Notifier;
import dev.calendar.stream.notifier.NotifierSettings;
import dev.calendar.stream.notifier.NotifierStream;
import dev.calendar.webhook.WebhookSignature;
import dev.calendar.wire.Json;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifier against the real Kafka, Cassandra and GreenMail, each test with a stream of its own
 * on its own topic and consumer group, with fast backoff.
 */
class NotifierIT {
  private static Node node;
  private static ActorSystem<?> system;
  private static CqlSession cql;
  private static Api api;
  private static Admin admin;
  private static KafkaProducer<String, String> producer;
  private static NotifierSettings base;
  private static String keyspace;

  private final List<NotifierStream> streams = new ArrayList<>();
  private final List<HttpServer> servers = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    node = TestNodes.shared();
    system = node.system();
    api = new Api(node);
    cql = CassandraSessions.of(system);
    keyspace = system.settings().config().getString("calendar.cassandra.keyspace");
    String bootstrap = TestServers.kafka().bootstrapServers();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // A fresh topic's leaders settle just after creation; an idempotent producer can then loop on
    // OUT_OF_ORDER_SEQUENCE_NUMBER for minutes. One request in flight keeps the order anyway.
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    base = NotifierSettings.of(system.settings().config());
  }

  @AfterAll
  static void stop() {
    producer.close();
    admin.close();
  }

  @AfterEach
  void stopStreams() throws Exception {
    for (NotifierStream s : streams) {
      // An aborted stream's drain fails with the abort; that is expected here.
      s.drainAndShutdown().toCompletableFuture().handle((d, e) -> d).get(30, TimeUnit.SECONDS);
    }
    servers.forEach(s -> s.stop(0));
  }

  // ---- (a) exactly once under a crash ----

  @Test
  void everyReminderArrivesExactlyOnceAcrossAnAbruptCrash() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String topic = newTopic("crash");
    String group = "it-crash-" + run;
    UUID organizer = UUID.randomUUID();
    int count = 200;
    Map<String, String> keyByMessageId = new HashMap<>();
    for (int i = 0; i < count; i++) {
      Notification n = guestReminder("crash-" + run + "-" + i + "@guests.example", organizer);
      keyByMessageId.put(EmailChannel.messageId(n.key()), n.key());
      produce(topic, n);
    }
    producer.flush();

    // Commits held back for long, so the crash leaves settled messages uncommitted: Kafka must
    // deliver them again, and the delivery log must stop them.
    NotifierSettings settings =
        base.withTopic(topic, group).withParallelism(4).withCommit(1000, Duration.ofMinutes(1));
    NotifierStream first = start(settings);
    await().atMost(Duration.ofSeconds(90)).until(() -> mailsFor(run).size() >= 20);
    first.abort();
    int atCrash = mailsFor(run).size();
    // What was already handed to a delivery finishes on its own (a real crash would cut it off,
    // leaving the unknown-outcome window the docs describe; the test waits instead).
    await().atMost(Duration.ofSeconds(30)).until(() -> first.stats().inFlight() == 0);
    first.completion().toCompletableFuture().handle((d, e) -> null).get(30, TimeUnit.SECONDS);
    int beforeRestart = mailsFor(run).size();
    assertThat(beforeRestart).as("the crash came before the end").isLessThan(count);
    assertThat(atCrash).isGreaterThanOrEqualTo(20);

    NotifierStream second = start(settings);
    await()
        .atMost(Duration.ofSeconds(120))
        .conditionEvaluationListener(
            c -> {
              if (c.getRemainingTimeInMS() % 10_000 < 200) {
                System.out.println("second stream " + second.stats());
              }
            })
        .until(() -> distinctMessageIds(mailsFor(run)).size() == count);
    // The first stream committed nothing (commit interval of a minute), so the second one sees
    // all of them again: each either sent now or found settled in the log.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                second.stats().inFlight() == 0
                    && second.stats().sent() + second.stats().alreadySettled() >= count);

    List<MimeMessage> mails = mailsFor(run);
    Map<String, Integer> perId = new HashMap<>();
    for (MimeMessage m : mails) {
      perId.merge(m.getMessageID(), 1, Integer::sum);
    }
    assertThat(perId.keySet()).isEqualTo(keyByMessageId.keySet());
    assertThat(perId.values()).allMatch(c -> c == 1);
    assertThat(mails).hasSize(count);
    // Kafka redelivered messages the first stream had settled but not committed.
    assertThat(second.stats().alreadySettled()).isGreaterThan(0);
    assertThat(second.stats().sent()).isEqualTo(count - beforeRestart);

    List<Row> history =
        cql.execute(
                "SELECT status, recipient, attempts FROM "
                    + keyspace
                    + ".notifications_by_user WHERE user_id = ?",
                organizer)
            .all();
    assertThat(history).hasSize(count);
    assertThat(history).allMatch(r -> "sent".equals(r.getString("status")));
    assertThat(history).allMatch(r -> r.getString("recipient").endsWith("@guests.example"));
  }

  // ---- (b) a provider that always fails ----

  @Test
  void aProviderThatAlwaysFailsEndsOnTheDeadLetterTopic() throws Exception {
    var user = userWith("{\"phone\":\"+4915112345678\"}");
    Stub stub = stub(500);
    NotifierSettings settings =
        startWithProviders(
            "dead", stub, 3, new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 0.2));
    Notification n = userReminder(user, Channel.SMS);
    produce(settings.topic(), n);

    ConsumerRecord<String, String> dead = awaitDeadLetter(settings.deadLetterTopic(), n.key());
    JsonNode letter = Json.MAPPER.readTree(dead.value());
    assertThat(letter.get("notification").get("key").asText()).isEqualTo(n.key());
    assertThat(letter.get("notification").get("channel").asText()).isEqualTo("sms");
    assertThat(letter.get("error").asText()).contains("answered HTTP 500");
    assertThat(letter.get("attempts").asInt()).isEqualTo(3);
    assertThat(Instant.parse(letter.get("failedAt").asText()))
        .isBefore(Instant.now().plusSeconds(1));
    assertThat(stub.calls).hasSize(3);
    JsonNode sms = Json.MAPPER.readTree(stub.calls.peek().body());
    assertThat(sms.get("to").asText()).isEqualTo("+4915112345678");
    assertThat(sms.get("idempotencyKey").asText()).isEqualTo(n.key());
    assertThat(sms.get("text").asText()).startsWith("Reminder: Stand-up at ");

    Row row = awaitHistory(user.id(), n, "dead");
    assertThat(row.getInt("attempts")).isEqualTo(3);
    assertThat(row.getString("error")).contains("answered HTTP 500");
    assertThat(row.getString("recipient")).isEqualTo("+4915112345678");
  }

  @Test
  void aUserWithoutPhoneGoesDeadAtOnce() throws Exception {
    var user = userWith("{\"name\":\"No Phone\"}");
    Stub stub = stub(200);
    NotifierSettings settings =
        startWithProviders(
            "nophone", stub, 5, new Backoff(Duration.ofSeconds(5), Duration.ofSeconds(5), 0));
    Notification n = userReminder(user, Channel.SMS);
    produce(settings.topic(), n);

    JsonNode letter =
        Json.MAPPER.readTree(awaitDeadLetter(settings.deadLetterTopic(), n.key()).value());
    assertThat(letter.get("error").asText()).contains("has no phone number");
    assertThat(letter.get("attempts").asInt()).isEqualTo(1);
    assertThat(stub.calls).isEmpty();
  }

  // ---- (c) a provider failing twice, then succeeding ----

  @Test
  void retriesWithBackoffUntilTheProviderAccepts() throws Exception {
    var user = userWith("{\"pushTokens\":[\"device-a\",\"device-b\"]}");
    Stub stub = stub(500, 503, 200);
    Backoff backoff = new Backoff(Duration.ofMillis(400), Duration.ofSeconds(2), 0.2);
    NotifierSettings settings = startWithProviders("retry", stub, 5, backoff);
    Notification n = userReminder(user, Channel.PUSH);
    produce(settings.topic(), n);

    Row row = awaitHistory(user.id(), n, "sent");
    assertThat(row.getInt("attempts")).isEqualTo(3);
    assertThat(row.getString("recipient")).isEqualTo("2 push tokens");
    assertThat(row.getInstant("sent_at")).isNotNull();
    // Delivered once: no call after the accepted one.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> stub.calls.size() == 3);

    List<Stub.Call> calls = new ArrayList<>(stub.calls);
    assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
        .isGreaterThanOrEqualTo(backoff.base(1));
    assertThat(Duration.between(calls.get(1).at(), calls.get(2).at()))
        .isGreaterThanOrEqualTo(backoff.base(2));
    JsonNode push = Json.MAPPER.readTree(calls.get(2).body());
    assertThat(push.get("tokens")).hasSize(2);
    assertThat(push.get("title").asText()).isEqualTo("Reminder: Stand-up");
    assertThat(push.get("idempotencyKey").asText()).isEqualTo(n.key());
    assertThat(calls).extracting(Stub.Call::path).containsOnly("/push");
  }

  // ---- (d) a signed webhook ----

  @Test
  void reminderWebhookIsSignedAndKeepsItsIdAcrossARetry() throws Exception {
    var user = userWith("{\"name\":\"Hooked\"}");
    Stub receiver = stub(500, 204);
    String url = receiver.url() + "/hook";
    var created =
        api.send(
            "POST",
            "/users/" + user.id() + "/webhooks",
            "{\"url\":\"" + url + "\",\"events\":[\"reminder.due\"]}",
            user.auth());
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String secret = created.json().get("secret").asText();
    String webhookId = created.json().get("id").asText();

    String topic = newTopic("hook");
    start(
        base.withTopic(topic, "it-hook-" + UUID.randomUUID())
            .withRetries(4, new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), 0.2)));
    Notification reminder = userReminder(user, Channel.WEBHOOK);
    Notification n =
        new Notification(
            reminder.schemaVersion(),
            reminder.key(),
            reminder.kind(),
            reminder.channel(),
            reminder.userId(),
            null,
            reminder.historyUserId(),
            reminder.eventId(),
            reminder.occurrenceStart(),
            reminder.offset(),
            reminder.dueAt(),
            "reminder.due",
            reminder.data(),
            null);
    produce(topic, n);

    Row row = awaitHistory(user.id(), n, "sent");
    assertThat(row.getString("recipient")).isEqualTo(url);
    assertThat(row.getInt("attempts")).isEqualTo(2);
    assertThat(receiver.calls).hasSize(2);
    List<Stub.Call> calls = new ArrayList<>(receiver.calls);
    String id = calls.get(0).headers().get("webhook-id");
    assertThat(id).isNotBlank().isEqualTo(calls.get(1).headers().get("webhook-id"));
    assertThat(id).isEqualTo(Deliveries.webhookId(n.key() + "#" + webhookId));
    for (Stub.Call call : calls) {
      assertThat(call.path()).isEqualTo("/hook");
      assertThat(call.headers().get("content-type")).isEqualTo("application/json");
      assertThat(
              WebhookSignature.verify(
                  secret,
                  call.headers().get("webhook-id"),
                  call.headers().get("webhook-timestamp"),
                  call.headers().get("webhook-signature"),
                  call.body(),
                  WebhookSignature.DEFAULT_TOLERANCE,
                  Instant.now()))
          .isTrue();
    }
    Stub.Call last = calls.get(1);
    byte[] altered = last.body().getBytes(StandardCharsets.UTF_8);
    altered[altered.length / 2] ^= 1;
    assertThat(
            WebhookSignature.verify(
                secret,
                last.headers().get("webhook-id"),
                last.headers().get("webhook-timestamp"),
                last.headers().get("webhook-signature"),
                new String(altered, StandardCharsets.UTF_8),
                WebhookSignature.DEFAULT_TOLERANCE,
                Instant.now()))
        .isFalse();
    JsonNode body = Json.MAPPER.readTree(last.body());
    assertThat(body.get("type").asText()).isEqualTo("reminder.due");
    assertThat(body.get("data")).isEqualTo(n.data());
    assertThat(body.has("timestamp")).isTrue();

    String target =
        cql.execute(
                "SELECT status FROM " + keyspace + ".notification_deliveries WHERE key = ?",
                n.key() + "#" + webhookId)
            .one()
            .getString("status");
    assertThat(target).isEqualTo("sent");
  }

  // ---- helpers ----

  private NotifierStream start(NotifierSettings settings) {
    NotifierStream stream = Notifier.start(system, cql, settings);
    streams.add(stream);
    return stream;
  }

  /** A notifier on a new topic of its own, sending SMS and push to {@code stub}. */
  private NotifierSettings startWithProviders(
      String name, Stub stub, int maxAttempts, Backoff retry) throws Exception {
    NotifierSettings settings =
        base.withTopic(newTopic(name), "it-" + name + "-" + UUID.randomUUID())
            .withProviders(stub.url(), stub.url())
            .withRetries(maxAttempts, retry);
    start(settings);
    return settings;
  }

  private static String newTopic(String name) throws Exception {
    String topic = "notifier-it-" + name + "-" + UUID.randomUUID();
    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
    return topic;
  }

  private static void produce(String topic, Notification n) throws Exception {
    producer.send(new ProducerRecord<>(topic, n.key(), Json.MAPPER.writeValueAsString(n)));
  }

  private static Notification guestReminder(String address, UUID organizer) {
    return reminder(null, address, organizer, Channel.EMAIL);
  }

  private static Notification userReminder(User user, Channel channel) {
    return reminder(user.id(), null, user.id(), channel);
  }

  private static Notification reminder(
      UUID userId, String address, UUID historyUserId, Channel channel) {
    UUID eventId = UUID.randomUUID();
    Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
    Duration offset = Duration.ofMinutes(10);
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("eventId", eventId.toString());
    data.put("title", "Stand-up");
    data.put("start", start.toString());
    data.put("end", start.plusSeconds(900).toString());
    data.put("occurrenceStart", start.toString());
    data.put("offset", offset.toString());
    data.put("userId", userId == null ? null : userId.toString());
    String recipient = userId == null ? address : userId.toString();
    return new Notification(
        Notification.SCHEMA_VERSION,
        Notification.reminderKey(eventId, start, offset, channel, recipient),
        Notification.Kind.REMINDER,
        channel,
        userId,
        address,
        historyUserId,
        eventId,
        start,
        offset,
        start.minus(offset),
        null,
        data,
        null);
  }

  private static List<MimeMessage> mailsFor(String run) {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : TestServers.mail().receivedMessages()) {
      try {
        var to = m.getAllRecipients();
        if (to != null && to.length > 0 && to[0].toString().startsWith("crash-" + run + "-")) {
          out.add(m);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return out;
  }

  private static List<String> distinctMessageIds(List<MimeMessage> mails) throws Exception {
    List<String> ids = new ArrayList<>();
    for (MimeMessage m : mails) {
      if (!ids.contains(m.getMessageID())) {
        ids.add(m.getMessageID());
      }
    }
    return ids;
  }

  private static ConsumerRecord<String, String> awaitDeadLetter(String topic, String key) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafka().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-dlq-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<String, String>> found = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (var r : consumer.poll(Duration.ofMillis(500))) {
                  if (key.equals(r.key())) {
                    found.add(r);
                  }
                }
                return !found.isEmpty();
              });
      return found.get(0);
    }
  }

  private static Row awaitHistory(UUID userId, Notification n, String status) {
    Row[] row = new Row[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              row[0] =
                  cql.execute(
                          "SELECT * FROM "
                              + keyspace
                              + ".notifications_by_user WHERE user_id = ? AND due_at = ? AND key = ?",
                          userId,
                          n.dueAt(),
                          n.key())
                      .one();
              return row[0] != null && status.equals(row[0].getString("status"));
            });
    return row[0];
  }

  record User(UUID id, String token) {
    Map<String, String> auth() {
      return Map.of("Authorization", "Bearer " + token);
    }
  }

  private static User userWith(String patch) {
    var body = api.signUp(Api.uniqueEmail("notified"), "password1");
    var user = new User(UUID.fromString(body.get("id").asText()), body.get("token").asText());
    var patched = api.send("PATCH", "/users/" + user.id(), patch, user.auth());
    assertThat(patched.status()).as("%s", patched).isEqualTo(200);
    return user;
  }

  /** A loopback HTTP server answering the given statuses in turn, then the last one forever. */
  private Stub stub(int... statuses) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    Stub stub = new Stub(server, statuses);
    server.createContext("/", stub::handle);
    server.start();
    servers.add(server);
    return stub;
  }

  static final class Stub {
    record Call(String path, Instant at, Map<String, String> headers, String body) {}

    final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private final int[] statuses;
    private final AtomicInteger next = new AtomicInteger();

    Stub(HttpServer server, int[] statuses) {
      this.server = server;
      this.statuses = statuses;
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
      try (exchange) {
        Instant at = Instant.now();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>();
        exchange
            .getRequestHeaders()
            .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        calls.add(
            new Call(
                exchange.getRequestURI().getPath(),
                at,
                Collections.unmodifiableMap(headers),
                body));
        int i = next.getAndIncrement();
        int status = statuses[Math.min(i, statuses.length - 1)];
        byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
        if (status == 204) {
          exchange.sendResponseHeaders(204, -1);
          return;
        }
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    }
  }
}
