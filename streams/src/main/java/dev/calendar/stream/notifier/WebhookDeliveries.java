package dev.calendar.stream.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.notification.Notification;
import dev.calendar.store.notification.DeliveryLog;
import dev.calendar.store.notification.DeliveryStatus;
import dev.calendar.wire.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;

/**
 * A webhook notification fans out to each of the user's URLs subscribed to its type. Each URL is
 * its own delivery target ({@code key#webhookId}) with its own attempts, so a redelivered message
 * does not call again a URL that already answered; the notification is sent once every URL is, and
 * dead (with every URL's error) if any is.
 */
final class WebhookDeliveries {
  private final DeliveryLog deliveryLog;
  private final Recipients recipients;
  private final Channels channels;
  private final Retries retries;
  private final DeliveryRecords records;
  private final DeliveryCounters counters;
  private final Executor executor;

  WebhookDeliveries(
      DeliveryLog deliveryLog,
      Recipients recipients,
      Channels channels,
      Retries retries,
      DeliveryRecords records,
      DeliveryCounters counters,
      Executor executor) {
    this.deliveryLog = deliveryLog;
    this.recipients = recipients;
    this.channels = channels;
    this.retries = retries;
    this.records = records;
    this.counters = counters;
    this.executor = executor;
  }

  /** {@code msg_} and 32 hex digits of SHA-256 of the target: the same on every retry. */
  static String webhookId(String target) {
    return "msg_" + EmailChannel.digest(target).substring(0, 32);
  }

  private record TargetResult(String url, int attempts, String error) {}

  CompletionStage<Done> deliver(Notification n, JsonNode original, int first) {
    if (n.userId() == null || n.webhookType() == null) {
      return records.dead(
          n,
          original,
          null,
          new Retries.Outcome(first, "webhook notification without a user or a webhookType"));
    }
    var lookup = new Retries.Attempts(n, n.key(), true);
    List<Recipients.WebhookTarget> found = new ArrayList<>();
    return retries
        .retry(
            lookup,
            first,
            () ->
                recipients
                    .webhooks(n.userId(), n.webhookType())
                    .thenAccept(
                        targets -> {
                          found.clear();
                          found.addAll(targets);
                        }))
        .thenComposeAsync(
            outcome -> {
              if (outcome.error() != null) {
                return records.dead(n, original, null, outcome);
              }
              if (found.isEmpty()) {
                return records.dead(
                    n,
                    original,
                    null,
                    new Retries.Outcome(
                        outcome.attempts(),
                        "user " + n.userId() + " has no webhook subscribed to " + n.webhookType()));
              }
              return deliverToEach(n, original, List.copyOf(found));
            },
            executor);
  }

  private CompletionStage<Done> deliverToEach(
      Notification n, JsonNode original, List<Recipients.WebhookTarget> targets) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", n.webhookType());
    payload.put("timestamp", n.dueAt());
    payload.put("data", n.data());
    String body = Json.write(payload);
    String recipient =
        String.join(", ", targets.stream().map(Recipients.WebhookTarget::url).toList());

    List<CompletableFuture<TargetResult>> results = new ArrayList<>();
    for (Recipients.WebhookTarget t : targets) {
      results.add(deliverToOne(n, t, body, recipient).toCompletableFuture());
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenComposeAsync(
            v -> {
              List<TargetResult> all = results.stream().map(CompletableFuture::join).toList();
              int attempts = all.stream().mapToInt(TargetResult::attempts).max().orElse(0);
              List<String> errors =
                  all.stream()
                      .filter(r -> r.error() != null)
                      .map(r -> r.url() + ": " + r.error())
                      .toList();
              if (errors.isEmpty()) {
                return records.sent(n, recipient, attempts);
              }
              return records.dead(
                  n, original, recipient, new Retries.Outcome(attempts, String.join("; ", errors)));
            },
            executor);
  }

  private CompletionStage<TargetResult> deliverToOne(
      Notification n, Recipients.WebhookTarget t, String body, String historyRecipient) {
    String target = n.key() + "#" + t.id();
    String webhookId = webhookId(target);
    return deliveryLog
        .find(target)
        .thenComposeAsync(
            recorded -> {
              if (recorded.isPresent() && recorded.get().status().isFinal()) {
                counters.alreadySettled.incrementAndGet();
                DeliveryLog.Recorded r = recorded.get();
                return CompletableFuture.completedFuture(
                    new TargetResult(
                        t.url(),
                        r.attempts(),
                        r.status() == DeliveryStatus.SENT ? null : "dead in an earlier run"));
              }
              int first =
                  retries.firstAttempt(recorded.map(DeliveryLog.Recorded::attempts).orElse(0));
              var attempts = new Retries.Attempts(n, target, true);
              attempts.recipient = historyRecipient;
              return retries
                  .retry(
                      attempts,
                      first,
                      () -> channels.webhook().send(t.url(), t.secret(), webhookId, body))
                  .thenComposeAsync(
                      outcome ->
                          records
                              .target(target, outcome)
                              .thenApply(
                                  x ->
                                      new TargetResult(
                                          t.url(), outcome.attempts(), outcome.error())),
                      executor);
            },
            executor);
  }
}
