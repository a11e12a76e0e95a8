package dev.calendar.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.calendar.app.CassandraSessions;
import dev.calendar.app.NodeConfig;
import dev.calendar.notification.Channel;
import dev.calendar.reminder.DueReminder;
import dev.calendar.store.reminder.CassandraReminderIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code bin/calendar bench notifications}: reminders end to end on a running node. The bench
 * writes reminders into the node's reminder index (the same rows the index projection writes),
 * {@code --rate} falling due per second for {@code --duration}, each row written about ten seconds
 * before it falls due; the node's scheduler, Kafka, notifier and SMTP server (GreenMail in dev
 * mode) do the rest; with {@code --channel webhook} each recipient's reminder.due webhook points at
 * a receiver in this program instead. Delivered/s and lateness (due → sent) come from the node's
 * delivery history. Before that, in the same run, raw Kafka produce and consume rates through
 * connectors-kafka.
 */
final class NotificationBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration LEAD = Duration.ofSeconds(10);
  private static final Duration OFFSET = Duration.ofMinutes(10);
  private static final int RECIPIENTS = 20;
  private static final int PARTITIONS_OF_THE_NODE = 8;
  private static final int WEBHOOK_P99_TARGET_MS = 2_000;

  private NotificationBench() {}

  static void run(Options options) throws Exception {
    HttpLoad.run("notifications", options, NotificationBench::run);
  }

  private static void run(HttpLoad http) throws Exception {
    Options options = http.options();
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "bench-notifications",
            NodeConfig.load(JournalBaseline.overrides(options.cassandra())));
    try {
      CqlSession cql = CassandraSessions.of(system);
      String keyspace = system.settings().config().getString("calendar.cassandra.keyspace");
      int partitions =
          system.settings().config().hasPath("calendar.reminders.partitions")
              ? system.settings().config().getInt("calendar.reminders.partitions")
              : PARTITIONS_OF_THE_NODE;

      System.out.println("Kafka baseline …");
      var kafka = KafkaBaseline.run(system, options.kafka(), 50_000, sampleMessage(options.rate()));

      http.step("set-up: signing up " + RECIPIENTS + " recipients");
      var setUp =
          http.signUp(
              RECIPIENTS,
              options.signUpConcurrency(),
              "notify",
              "Bench Recipient",
              "Europe/Berlin");
      if (setUp.accounts().size() < RECIPIENTS) {
        throw new IllegalStateException(
            "set-up: only " + setUp.accounts().size() + " sign-ups succeeded " + setUp.failures());
      }
      List<UUID> users = setUp.accounts().stream().map(Account::id).toList();
      WebhookReceiver receiver = null;
      if (options.channel() == Channel.WEBHOOK) {
        receiver = new WebhookReceiver();
        http.step("set-up: subscribing each recipient's reminder.due webhook");
        subscribe(http, setUp.accounts(), receiver.url());
      }
      int total = (int) (options.rate() * options.duration().toSeconds());
      Instant firstDue = Instant.now().plus(LEAD).plusSeconds(2);
      System.out.printf(
          "Writing %d reminders due from %s at %d/s …%n", total, firstDue, options.rate());
      var index =
          new CassandraReminderIndex(cql, keyspace, partitions, Clock.systemUTC(), http.executor());
      Source.range(0, total - 1)
          .map(i -> firstDue.plusNanos((long) (i * 1e9 / options.rate())))
          // Rows go in about LEAD ahead of their due time, as the projection would write them.
          .throttle(options.rate(), Duration.ofSeconds(1))
          .mapAsyncUnordered(
              64,
              due -> {
                UUID user = users.get((int) (Math.floorMod(due.toEpochMilli(), RECIPIENTS)));
                Instant start = due.plus(OFFSET);
                return index.put(
                    new DueReminder(
                        UUID.randomUUID(),
                        start,
                        OFFSET,
                        options.channel(),
                        user,
                        null,
                        user,
                        "Bench meeting",
                        start,
                        start.plus(Duration.ofMinutes(30)),
                        false,
                        due,
                        ZoneOffset.UTC));
              })
          .runWith(Sink.ignore(), system)
          .toCompletableFuture()
          .get(options.duration().toSeconds() + 600, TimeUnit.SECONDS);
      Instant lastDue = firstDue.plusNanos((long) ((total - 1) * 1e9 / options.rate()));

      // Wait until every reminder is in the history as sent (or give up two minutes after).
      Instant deadline = lastDue.plusSeconds(120);
      List<Row> rows = List.of();
      while (Instant.now().isBefore(deadline)) {
        rows = history(cql, keyspace, users, firstDue, lastDue);
        long done = rows.stream().filter(r -> "sent".equals(r.getString("status"))).count();
        if (done >= total) {
          break;
        }
        Thread.sleep(1_000); // a poll interval of the report program, not a test wait
      }
      long received = receiver == null ? -1 : receiver.received();
      if (receiver != null) {
        receiver.close();
      }
      LoadReport.publish(
          report(options, kafka, total, rows, firstDue, lastDue, received),
          Path.of("bench", "target", "notifications-report.txt"));
    } finally {
      system.terminate();
    }
  }

  private static String report(
      Options options,
      KafkaBaseline.Rates kafka,
      int total,
      List<Row> rows,
      Instant firstDue,
      Instant lastDue,
      long received) {
    Latencies lateness = new Latencies();
    long sent = 0;
    long dead = 0;
    Instant lastSent = firstDue;
    for (Row r : rows) {
      if ("sent".equals(r.getString("status"))) {
        sent++;
        Instant at = r.getInstant("sent_at");
        lateness.recordNanos(Duration.between(r.getInstant("due_at"), at).toNanos());
        if (at.isAfter(lastSent)) {
          lastSent = at;
        }
      } else if ("dead".equals(r.getString("status"))) {
        dead++;
      }
    }
    double span = Duration.between(firstDue, lastSent).toMillis() / 1000.0;
    double offered =
        total / Math.max(0.001, Duration.between(firstDue, lastDue).toMillis() / 1000.0);
    double delivered = sent / Math.max(0.001, span);
    StringBuilder out = new StringBuilder();
    out.append(String.format("%ncalendar bench notifications (%s)%n", options.url()));
    out.append(
        String.format(
            "options: --rate %d --duration %ss --channel %s --kafka %s --cassandra %s%n%n",
            options.rate(),
            options.duration().toSeconds(),
            options.channel().wireName(),
            options.kafka(),
            options.cassandra()));
    out.append(String.format("%-44s %12s%n", "phase", "rate"));
    out.append(
        String.format(
            "%-44s %9.0f/s%n",
            "Kafka produce (connectors-kafka, acks=all)", kafka.producedPerSecond()));
    out.append(
        String.format(
            "%-44s %9.0f/s%n", "Kafka consume (connectors-kafka)", kafka.consumedPerSecond()));
    out.append(String.format("%-44s %9.0f/s%n", "reminders falling due (offered)", offered));
    out.append(
        String.format(
            "%-44s %9.0f/s   (%d of %d sent, %d dead, %d missing)%n",
            options.channel() == Channel.WEBHOOK
                ? "reminders delivered by webhook"
                : "reminders delivered by SMTP",
            delivered,
            sent,
            total,
            dead,
            total - sent - dead));
    if (received >= 0) {
      out.append(String.format("%-44s %12d%n", "webhook calls the receiver answered", received));
    }
    out.append(
        String.format(
            "%nlateness due -> sent: p50 %s ms, p95 %s ms, p99 %s ms, max %s ms%n",
            LoadReport.millis(lateness.millisAt(50)),
            LoadReport.millis(lateness.millisAt(95)),
            LoadReport.millis(lateness.millisAt(99)),
            LoadReport.millis(lateness.millisAt(100))));
    out.append(
        String.format(
            "delivered ÷ Kafka produce rate: %.3f; delivered ÷ offered: %.3f%n",
            delivered / kafka.producedPerSecond(), delivered / offered));
    if (options.channel() == Channel.WEBHOOK && sent > 0) {
      double p99 = lateness.millisAt(99);
      out.append(
          String.format(
              "target (reminders by webhook): p99 lateness < %d ms: %s%n",
              WEBHOOK_P99_TARGET_MS, p99 < WEBHOOK_P99_TARGET_MS ? "met" : "NOT met"));
    }
    return out.toString();
  }

  /** One reminder.due webhook per recipient, to {@code url}. */
  private static void subscribe(HttpLoad http, List<Account> accounts, String url)
      throws Exception {
    String body =
        JSON.writeValueAsString(java.util.Map.of("url", url, "events", List.of("reminder.due")));
    for (Account a : accounts) {
      var r =
          http.send(
                  http.authorized("/users/" + a.id() + "/webhooks", a)
                      .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)))
              .get(30, TimeUnit.SECONDS);
      if (r.statusCode() != 201) {
        throw new IllegalStateException(
            "set-up: subscribing a webhook answered " + r.statusCode() + ": " + r.body());
      }
    }
  }

  /** The recipients' history rows due in [firstDue, lastDue]. */
  private static List<Row> history(
      CqlSession cql, String keyspace, List<UUID> users, Instant firstDue, Instant lastDue) {
    List<Row> rows = new ArrayList<>();
    for (UUID user : users) {
      cql.execute(
              SimpleStatement.newInstance(
                      "SELECT due_at, sent_at, status FROM "
                          + keyspace
                          + ".notifications_by_user WHERE user_id = ? AND due_at >= ?"
                          + " AND due_at <= ?",
                      user,
                      firstDue,
                      lastDue)
                  .setTimeout(Duration.ofSeconds(30)))
          .forEach(rows::add);
    }
    return rows;
  }

  /** A body the size of a reminder notification, for the Kafka baseline. */
  private static String sampleMessage(int seed) {
    ObjectNode n = JSON.createObjectNode();
    n.put("schemaVersion", 1);
    n.put("key", UUID.randomUUID() + ":2031-01-01T09:00:00Z:PT10M:email:" + UUID.randomUUID());
    n.put("kind", "reminder");
    n.put("channel", "email");
    n.put("userId", UUID.randomUUID().toString());
    n.put("historyUserId", UUID.randomUUID().toString());
    n.put("eventId", UUID.randomUUID().toString());
    n.put("occurrenceStart", "2031-01-01T09:00:00Z");
    n.put("offset", "PT10M");
    n.put("dueAt", "2031-01-01T08:50:00Z");
    ObjectNode data = n.putObject("data");
    data.put("title", "Bench meeting " + seed);
    data.put("start", "2031-01-01T09:00:00Z");
    data.put("end", "2031-01-01T09:30:00Z");
    return n.toString();
  }
}
