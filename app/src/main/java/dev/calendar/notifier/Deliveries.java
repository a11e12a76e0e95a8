package dev.calendar.notifier;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.calendar.http.Json;
import dev.calendar.notification.DeliveryLog;
import dev.calendar.notification.DeliveryStatus;
import dev.calendar.notification.Notification;
import dev.calendar.reminder.Channel;
import dev.calendar.user.UserProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.pattern.Patterns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one consumed notification, completing when it is settled: sent and recorded, or
 * dead-lettered and recorded, or found already settled in the delivery log (a redelivery, a no-op).
 * Only then may its offset be committed. Failed attempts are retried after {@link Backoff} waits on
 * the actor system's scheduler, never on a sleeping thread. A webhook notification fans out to each
 * of the user's subscribed URLs, each its own delivery target ({@code key#webhookId}).
 */
public final class Deliveries {
  private static final Logger log = LoggerFactory.getLogger(Deliveries.class);
  private static final ObjectReader READER =
      Json.MAPPER
          .readerFor(Notification.class)
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final int MAX_ERROR_LENGTH = 500;

  private final NotifierSettings settings;
  private final DeliveryLog deliveryLog;
  private final Recipients recipients;
  private final Channels channels;
  private final DeadLetters deadLetters;
  private final ActorSystem<?> system;
  private final Executor executor;
  private final Clock clock;

  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dead = new AtomicLong();
  private final AtomicLong alreadySettled = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();

  /** Counters since start; {@code alreadySettled} counts redelivered messages found in the log. */
  public record Stats(long sent, long dead, long alreadySettled, long retries, int inFlight) {}

  public Deliveries(
      NotifierSettings settings,
      DeliveryLog deliveryLog,
      Recipients recipients,
      Channels channels,
      DeadLetters deadLetters,
      ActorSystem<?> system,
      Clock clock) {
    this.settings = settings;
    this.deliveryLog = deliveryLog;
    this.recipients = recipients;
    this.channels = channels;
    this.deadLetters = deadLetters;
    this.system = system;
    this.executor = system.executionContext();
    this.clock = clock;
  }

  public Stats stats() {
    return new Stats(sent.get(), dead.get(), alreadySettled.get(), retries.get(), inFlight.get());
  }

  /** Settles the record with this key and value; fails only when the log or Kafka failed. */
  public CompletionStage<Done> process(String recordKey, String value) {
    inFlight.incrementAndGet();
    CompletionStage<Done> result;
    try {
      result = settle(recordKey, value);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((d, e) -> inFlight.decrementAndGet());
  }

  private CompletionStage<Done> settle(String recordKey, String value) {
    JsonNode original;
    Notification n;
    try {
      original = Json.MAPPER.readTree(value);
      n = READER.readValue(original);
    } catch (Exception e) {
      return unreadable(recordKey, value, "unreadable notification: " + firstLine(e.getMessage()));
    }
    if (n.key() == null || n.kind() == null || n.channel() == null) {
      return unreadable(recordKey, value, "notification without key, kind or channel");
    }
    return deliveryLog
        .find(n.key())
        .thenComposeAsync(
            recorded -> {
              if (recorded.isPresent() && recorded.get().status().isFinal()) {
                alreadySettled.incrementAndGet();
                log.debug("already {} key={}", recorded.get().status().wireName(), n.key());
                return CompletableFuture.completedFuture(Done.getInstance());
              }
              int done = recorded.map(DeliveryLog.Recorded::attempts).orElse(0);
              int first = Math.min(done + 1, settings.maxAttempts());
              if (recorded.isEmpty()) {
                recordPending(n);
              }
              return n.channel() == Channel.WEBHOOK
                  ? deliverWebhooks(n, original, first)
                  : deliverDirect(n, original, first);
            },
            executor);
  }

  /**
   * Not waited for: the driver stamps each write when it is sent, so a later {@code failed} or
   * {@code sent} write of the same row wins whatever order they arrive in, and the delivery need
   * not wait two round trips first. A lost {@code pending} only delays when the row shows up.
   */
  private void recordPending(Notification n) {
    var now = clock.instant();
    both(
            deliveryLog.recordTarget(n.key(), DeliveryStatus.PENDING, 0, null, now),
            deliveryLog.recordHistory(n, null, DeliveryStatus.PENDING, 0, null, now))
        .whenComplete(
            (v, e) -> {
              if (e != null) {
                log.warn("pending not recorded key={}: {}", n.key(), e.toString());
              }
            });
  }

  // ---- email, sms, push: one target, the key ----

  private CompletionStage<Done> deliverDirect(Notification n, JsonNode original, int first) {
    Attempts attempts = new Attempts(n, n.key(), true);
    return retry(attempts, first, () -> sendDirect(n, attempts))
        .thenComposeAsync(
            outcome ->
                outcome.error() == null
                    ? settledSent(n, n.key(), attempts.recipient, outcome.attempts(), true)
                    : settledDead(n, original, attempts.recipient, outcome),
            executor);
  }

  private CompletionStage<Void> sendDirect(Notification n, Attempts attempts) {
    if (n.channel() == Channel.EMAIL && n.userId() == null) {
      if (n.address() == null || n.address().isBlank()) {
        throw DeliveryFailure.permanent("guest notification without an address");
      }
      attempts.recipient = n.address();
      return channels.email().send(n, n.address(), ReminderText.guestZone(n));
    }
    if (n.userId() == null) {
      throw DeliveryFailure.permanent(n.channel().wireName() + " needs a user as recipient");
    }
    return recipients
        .profile(n.userId())
        .thenComposeAsync(profile -> sendToUser(n, profile, attempts), executor);
  }

  private CompletionStage<Void> sendToUser(Notification n, UserProfile p, Attempts attempts) {
    ZoneId zone = p.timezone() != null ? p.timezone() : ReminderText.guestZone(n);
    switch (n.channel()) {
      case EMAIL -> {
        attempts.recipient = p.email();
        return channels.email().send(n, p.email(), zone);
      }
      case SMS -> {
        if (p.phone() == null || p.phone().isBlank()) {
          throw DeliveryFailure.permanent("user " + p.id() + " has no phone number for sms");
        }
        attempts.recipient = p.phone();
        String text =
            n.kind() == Notification.Kind.REMINDER ? ReminderText.of(n, zone).sms() : subjectOf(n);
        return channels.sms().send(p.phone(), text, n.key());
      }
      case PUSH -> {
        if (p.pushTokens().isEmpty()) {
          throw DeliveryFailure.permanent("user " + p.id() + " has no push tokens");
        }
        int count = p.pushTokens().size();
        attempts.recipient = count + (count == 1 ? " push token" : " push tokens");
        if (n.kind() == Notification.Kind.REMINDER) {
          ReminderText text = ReminderText.of(n, zone);
          return channels.push().send(p.pushTokens(), text.subject(), text.pushBody(), n.key());
        }
        return channels.push().send(p.pushTokens(), subjectOf(n), subjectOf(n), n.key());
      }
      default -> throw DeliveryFailure.permanent("unexpected channel " + n.channel());
    }
  }

  private static String subjectOf(Notification n) {
    if (n.mail() != null && n.mail().subject() != null) {
      return n.mail().subject();
    }
    return "Calendar " + n.kind().wireName();
  }

  // ---- webhooks: one target per subscribed URL ----

  private CompletionStage<Done> deliverWebhooks(Notification n, JsonNode original, int first) {
    if (n.userId() == null || n.webhookType() == null) {
      return settledDead(
          n,
          original,
          null,
          new Outcome(first, "webhook notification without a user or a webhookType"));
    }
    Attempts lookup = new Attempts(n, n.key(), true);
    List<Recipients.WebhookTarget> found = new ArrayList<>();
    return retry(
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
                return settledDead(n, original, null, outcome);
              }
              if (found.isEmpty()) {
                return settledDead(
                    n,
                    original,
                    null,
                    new Outcome(
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
                return settledSent(n, n.key(), recipient, attempts, true);
              }
              return settledDead(
                  n, original, recipient, new Outcome(attempts, String.join("; ", errors)));
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
                alreadySettled.incrementAndGet();
                DeliveryLog.Recorded r = recorded.get();
                return CompletableFuture.completedFuture(
                    new TargetResult(
                        t.url(),
                        r.attempts(),
                        r.status() == DeliveryStatus.SENT ? null : "dead in an earlier run"));
              }
              int first =
                  Math.min(
                      recorded.map(DeliveryLog.Recorded::attempts).orElse(0) + 1,
                      settings.maxAttempts());
              Attempts attempts = new Attempts(n, target, true);
              attempts.recipient = historyRecipient;
              return retry(
                      attempts,
                      first,
                      () -> channels.webhook().send(t.url(), t.secret(), webhookId, body))
                  .thenComposeAsync(
                      outcome -> {
                        var status =
                            outcome.error() == null ? DeliveryStatus.SENT : DeliveryStatus.DEAD;
                        return deliveryLog
                            .recordTarget(
                                target,
                                status,
                                outcome.attempts(),
                                outcome.error(),
                                clock.instant())
                            .thenApply(
                                x ->
                                    new TargetResult(t.url(), outcome.attempts(), outcome.error()));
                      },
                      executor);
            },
            executor);
  }

  /** {@code msg_} and 32 hex digits of SHA-256 of the target: the same on every retry. */
  public static String webhookId(String target) {
    return "msg_" + EmailChannel.digest(target).substring(0, 32);
  }

  // ---- retries ----

  /** One delivery target's attempts; {@code recipient}: the address the last attempt used. */
  private static final class Attempts {
    final Notification notification;
    final String target;
    final boolean history;
    volatile String recipient;

    Attempts(Notification notification, String target, boolean history) {
      this.notification = notification;
      this.target = target;
      this.history = history;
    }
  }

  /** How a target's attempts ended: {@code error} null when sent. */
  private record Outcome(int attempts, String error) {}

  private record TargetResult(String url, int attempts, String error) {}

  private CompletionStage<Outcome> retry(
      Attempts a, int attempt, Supplier<CompletionStage<Void>> action) {
    CompletionStage<Void> tried;
    try {
      tried = action.get();
    } catch (RuntimeException e) {
      tried = CompletableFuture.failedFuture(e);
    }
    return tried
        .handle((v, error) -> error)
        .thenComposeAsync(
            error -> {
              if (error == null) {
                return CompletableFuture.completedFuture(new Outcome(attempt, null));
              }
              DeliveryFailure failure = asFailure(error);
              if (failure.isPermanent() || attempt >= settings.maxAttempts()) {
                return CompletableFuture.completedFuture(
                    new Outcome(attempt, failure.getMessage()));
              }
              retries.incrementAndGet();
              Duration wait =
                  settings.retry().delay(attempt, ThreadLocalRandom.current().nextDouble());
              log.info(
                  "delivery attempt {} failed target={} retryIn={}ms: {}",
                  attempt,
                  a.target,
                  wait.toMillis(),
                  failure.getMessage());
              return recordFailed(a, attempt, failure.getMessage())
                  .thenCompose(
                      v ->
                          Patterns.after(
                              wait,
                              system.classicSystem().scheduler(),
                              system.executionContext(),
                              () -> retry(a, attempt + 1, action)));
            },
            executor);
  }

  private CompletionStage<Void> recordFailed(Attempts a, int attempt, String error) {
    CompletionStage<Void> target =
        deliveryLog.recordTarget(a.target, DeliveryStatus.FAILED, attempt, error, clock.instant());
    if (!a.history) {
      return target;
    }
    return both(
        target,
        deliveryLog.recordHistory(
            a.notification, a.recipient, DeliveryStatus.FAILED, attempt, error, clock.instant()));
  }

  // ---- settling ----

  private CompletionStage<Done> settledSent(
      Notification n, String target, String recipient, int attempts, boolean history) {
    var now = clock.instant();
    CompletionStage<Void> writes =
        deliveryLog.recordTarget(target, DeliveryStatus.SENT, attempts, null, now);
    if (history) {
      writes =
          both(
              writes,
              deliveryLog.recordHistory(n, recipient, DeliveryStatus.SENT, attempts, null, now));
    }
    return writes.thenApply(
        v -> {
          sent.incrementAndGet();
          return Done.getInstance();
        });
  }

  /** Dead-letters first: the log says dead only once the dead letter is safely in Kafka. */
  private CompletionStage<Done> settledDead(
      Notification n, JsonNode original, String recipient, Outcome outcome) {
    var now = clock.instant();
    log.warn(
        "delivery dead key={} channel={} attempts={}: {}",
        n.key(),
        n.channel().wireName(),
        outcome.attempts(),
        outcome.error());
    return deadLetters
        .publish(
            n.key(), new DeadLetters.DeadLetter(original, outcome.error(), outcome.attempts(), now))
        .thenCompose(
            v ->
                both(
                    deliveryLog.recordTarget(
                        n.key(), DeliveryStatus.DEAD, outcome.attempts(), outcome.error(), now),
                    deliveryLog.recordHistory(
                        n,
                        recipient,
                        DeliveryStatus.DEAD,
                        outcome.attempts(),
                        outcome.error(),
                        now)))
        .thenApply(
            v -> {
              dead.incrementAndGet();
              return Done.getInstance();
            });
  }

  /** A message that is not a notification: dead-lettered as text, nothing else to record. */
  private CompletionStage<Done> unreadable(String recordKey, String value, String error) {
    log.warn("unreadable notification key={}: {}", recordKey, error);
    JsonNode original;
    try {
      original = value == null ? TextNode.valueOf("") : Json.MAPPER.readTree(value);
    } catch (Exception e) {
      original = TextNode.valueOf(value);
    }
    return deadLetters
        .publish(
            recordKey == null ? UUID.randomUUID().toString() : recordKey,
            new DeadLetters.DeadLetter(original, error, 0, clock.instant()))
        .thenApply(
            v -> {
              dead.incrementAndGet();
              return Done.getInstance();
            });
  }

  // ---- helpers ----

  private static DeliveryFailure asFailure(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof DeliveryFailure f) {
      return f;
    }
    String message;
    if (e instanceof TimeoutException) {
      message = "timed out: " + firstLine(e.getMessage());
    } else if (e instanceof jakarta.mail.MessagingException) {
      message = "SMTP: " + firstLine(e.getMessage());
    } else {
      message = e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
    }
    return DeliveryFailure.retryable(message);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.lines().findFirst().orElse("");
    return line.length() > MAX_ERROR_LENGTH ? line.substring(0, MAX_ERROR_LENGTH) : line;
  }

  private CompletionStage<Void> both(CompletionStage<Void> a, CompletionStage<Void> b) {
    return a.thenCombine(b, (x, y) -> (Void) null);
  }
}
