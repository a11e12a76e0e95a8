package dev.calendar.stream.notifier;

import dev.calendar.invitation.CalendarMessage;
import dev.calendar.notification.Notification;
import dev.calendar.stream.mail.Mailer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.concurrent.CompletionStage;

/**
 * Email: reminders are worded here ({@link ReminderText}); invitations, updates and cancellations
 * arrive finished in {@code mail} and go out as they are. Every message carries a {@code
 * Message-ID} derived from the idempotency key, the same on every attempt, so a receiver can drop a
 * copy sent twice in the unknown-outcome window.
 */
public final class EmailChannel {
  private final Mailer mailer;

  public EmailChannel(Mailer mailer) {
    this.mailer = mailer;
  }

  public CompletionStage<Void> send(Notification n, String to, ZoneId zone) {
    String messageId = messageId(n.key());
    if (n.kind() == Notification.Kind.REMINDER) {
      ReminderText text = ReminderText.of(n, zone);
      return mailer.sendText(to, text.subject(), text.body(), messageId);
    }
    Notification.Mail mail = n.mail();
    if (mail == null) {
      throw DeliveryFailure.permanent(n.kind().wireName() + " email without mail content");
    }
    return mailer.send(
        new CalendarMessage(to, mail.subject(), mail.text(), mail.ics(), mail.method()), messageId);
  }

  /** {@code <hex of SHA-256(key), 32 digits>@calendar.notifier}: stable, and no address leaks. */
  public static String messageId(String key) {
    return "<" + digest(key).substring(0, 32) + "@calendar.notifier>";
  }

  static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
