package dev.calendar.stream.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.notification.Channel;
import dev.calendar.notification.Notification;
import dev.calendar.user.UserProfile;
import java.time.ZoneId;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;

/**
 * Email, SMS and push: one delivery target, the notification's key. Finds the recipient's address
 * (a guest's own, or the user's profile) and the text for the channel, then hands it over.
 */
final class DirectDeliveries {
  private final Recipients recipients;
  private final Channels channels;
  private final Retries retries;
  private final DeliveryRecords records;
  private final Executor executor;

  DirectDeliveries(
      Recipients recipients,
      Channels channels,
      Retries retries,
      DeliveryRecords records,
      Executor executor) {
    this.recipients = recipients;
    this.channels = channels;
    this.retries = retries;
    this.records = records;
    this.executor = executor;
  }

  CompletionStage<Done> deliver(Notification n, JsonNode original, int first) {
    var attempts = new Retries.Attempts(n, n.key(), true);
    return retries
        .retry(attempts, first, () -> send(n, attempts))
        .thenComposeAsync(
            outcome ->
                outcome.error() == null
                    ? records.sent(n, attempts.recipient, outcome.attempts())
                    : records.dead(n, original, attempts.recipient, outcome),
            executor);
  }

  private CompletionStage<Void> send(Notification n, Retries.Attempts attempts) {
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

  private CompletionStage<Void> sendToUser(
      Notification n, UserProfile p, Retries.Attempts attempts) {
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
}
