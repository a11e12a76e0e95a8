package dev.calendar.stream.mail;

import dev.calendar.invitation.CalendarMessage;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends calendar messages over SMTP (Jakarta Mail / Angus). The message is what Google Calendar
 * sends: {@code multipart/mixed} of a {@code multipart/alternative} (text/plain, then {@code
 * text/calendar; method=…}, the part clients act on) and the same calendar as {@code invite.ics}
 * for clients that only show attachments. SMTP blocks, so every send runs on the executor given (a
 * blocking dispatcher, never an actor's thread). Connections are reused: one per executor thread
 * ({@link SmtpTransports}), not one per message.
 */
public final class Mailer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Mailer.class);

  static {
    // Jakarta Mail looks its stream provider up again for every body part it builds or writes,
    // and without this property that is a ServiceLoader scan of every jar on the class path: a
    // tenth of the node's CPU under invitation load. Named here, it is one cached class lookup.
    System.setProperty(
        "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
  }

  private final MailSettings settings;
  private final Session session;
  private final Executor executor;
  private final SmtpTransports transports;

  /**
   * {@code executor}: blocking threads for SMTP; each keeps one connected transport for reuse, so
   * give the mailer a pool of its own and size it for the mail rate wanted.
   */
  public Mailer(MailSettings settings, Executor executor) {
    this.settings = settings;
    this.executor = executor;
    this.session = session(settings);
    this.transports = new SmtpTransports(session);
  }

  /** A message whose Message-ID is ours when given, instead of a fresh one at each save. */
  private static final class FixedIdMessage extends MimeMessage {
    private final String messageId;

    FixedIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      if (messageId == null) {
        super.updateMessageID();
      } else {
        setHeader("Message-ID", messageId);
      }
    }
  }

  /** Completes when the SMTP server has accepted the message; fails with its MessagingException. */
  public CompletionStage<Void> send(CalendarMessage message) {
    return send(message, null);
  }

  /**
   * As {@link #send(CalendarMessage)}, with a fixed {@code Message-ID} (null: a generated one), so
   * a message sent twice in the notifier's unknown-outcome window can be recognised by receivers.
   */
  public CompletionStage<Void> send(CalendarMessage message, String messageId) {
    return deliver(
        message.to(), message.method(), message.subject(), () -> mime(message, messageId));
  }

  /** A plain-text message (reminders), with a fixed {@code Message-ID} when not null. */
  public CompletionStage<Void> sendText(String to, String subject, String text, String messageId) {
    return deliver(to, "text", subject, () -> plain(to, subject, text, messageId));
  }

  private interface MimeFactory {
    MimeMessage create() throws MessagingException;
  }

  private CompletionStage<Void> deliver(
      String to, String method, String subject, MimeFactory factory) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            transports.send(factory.create());
            log.debug("mail sent to={} method={} subject={}", to, method, subject);
          } catch (MessagingException e) {
            log.warn("mail not sent to={} method={}: {}", to, method, e.toString());
            throw new CompletionException(e);
          }
        },
        executor);
  }

  /** Closes the pooled SMTP connections. */
  @Override
  public void close() {
    transports.close();
  }

  MimeMessage plain(String to, String subject, String text, String messageId)
      throws MessagingException {
    MimeMessage mime = new FixedIdMessage(session, messageId);
    mime.setFrom(new InternetAddress(settings.from()));
    mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
    mime.setSubject(subject, "UTF-8");
    mime.setSentDate(Date.from(Instant.now()));
    mime.setText(text, "UTF-8");
    mime.saveChanges();
    return mime;
  }

  MimeMessage mime(CalendarMessage message) throws MessagingException {
    return mime(message, null);
  }

  MimeMessage mime(CalendarMessage message, String messageId) throws MessagingException {
    MimeMessage mime = new FixedIdMessage(session, messageId);
    mime.setFrom(new InternetAddress(settings.from()));
    mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.to(), true));
    mime.setSubject(message.subject(), "UTF-8");
    mime.setSentDate(Date.from(Instant.now()));

    MimeBodyPart text = new MimeBodyPart();
    text.setText(message.text(), "UTF-8");
    MimeBodyPart calendar = new MimeBodyPart();
    calendar.setDataHandler(
        new DataHandler(
            new ByteArrayDataSource(
                message.ics().getBytes(StandardCharsets.UTF_8),
                "text/calendar; method=" + message.method() + "; charset=UTF-8")));
    // Byte-exact: quoted-printable loses the final CRLF of the calendar in transit.
    calendar.setHeader("Content-Transfer-Encoding", "base64");
    MimeMultipart alternative = new MimeMultipart("alternative", text, calendar);
    MimeBodyPart alternativePart = new MimeBodyPart();
    alternativePart.setContent(alternative);

    MimeBodyPart attachment = new MimeBodyPart();
    attachment.setDataHandler(
        new DataHandler(
            new ByteArrayDataSource(
                message.ics().getBytes(StandardCharsets.UTF_8),
                "application/ics; name=invite.ics")));
    attachment.setFileName("invite.ics");
    attachment.setDisposition(MimeBodyPart.ATTACHMENT);

    mime.setContent(new MimeMultipart("mixed", alternativePart, attachment));
    mime.saveChanges();
    return mime;
  }

  private static Session session(MailSettings settings) {
    Properties props = new Properties();
    props.put("mail.transport.protocol", "smtp");
    props.put("mail.smtp.host", settings.smtpHost());
    props.put("mail.smtp.port", Integer.toString(settings.smtpPort()));
    props.put("mail.smtp.connectiontimeout", Long.toString(settings.connectTimeout().toMillis()));
    props.put("mail.smtp.timeout", Long.toString(settings.timeout().toMillis()));
    props.put("mail.smtp.writetimeout", Long.toString(settings.timeout().toMillis()));
    props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
    props.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
    boolean auth = !settings.user().isEmpty();
    props.put("mail.smtp.auth", Boolean.toString(auth));
    if (!auth) {
      return Session.getInstance(props);
    }
    return Session.getInstance(
        props,
        new Authenticator() {
          @Override
          protected PasswordAuthentication getPasswordAuthentication() {
            return new PasswordAuthentication(settings.user(), settings.password());
          }
        });
  }
}
