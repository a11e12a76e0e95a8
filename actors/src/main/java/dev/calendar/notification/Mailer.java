package dev.calendar.notification;

import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
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
 * blocking dispatcher, never an actor's thread).
 */
public final class Mailer {
  private static final Logger log = LoggerFactory.getLogger(Mailer.class);

  private final MailSettings settings;
  private final Session session;
  private final Executor executor;

  public Mailer(MailSettings settings, Executor executor) {
    this.settings = settings;
    this.executor = executor;
    this.session = session(settings);
  }

  /** Completes when the SMTP server has accepted the message; fails with its MessagingException. */
  public CompletionStage<Void> send(CalendarMessage message) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            Transport.send(mime(message));
            log.info(
                "mail sent to={} method={} subject={}",
                message.to(),
                message.method(),
                message.subject());
          } catch (MessagingException e) {
            log.warn(
                "mail not sent to={} method={}: {}", message.to(), message.method(), e.toString());
            throw new CompletionException(e);
          }
        },
        executor);
  }

  MimeMessage mime(CalendarMessage message) throws MessagingException {
    MimeMessage mime = new MimeMessage(session);
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
