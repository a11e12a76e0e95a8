package dev.calendar.stream.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connected SMTP transports, one per sending thread. Opening a connection (greeting, EHLO, maybe
 * STARTTLS and AUTH) costs several round trips; reusing it leaves one MAIL/RCPT/DATA exchange per
 * message. A transport that fails is closed and dropped, and the next send connects anew.
 */
final class SmtpTransports implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SmtpTransports.class);

  private final Session session;
  private final ThreadLocal<Transport> current = new ThreadLocal<>();
  private final Set<Transport> all = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  SmtpTransports(Session session) {
    this.session = session;
  }

  /**
   * Sends on this thread's transport. A reused connection the server has dropped meanwhile (idle
   * timeout) fails before the message is handed over, so that one case is retried at once on a
   * fresh connection; any other failure is the caller's to retry.
   */
  void send(MimeMessage message) throws MessagingException {
    if (closed) {
      throw new MessagingException("mailer closed");
    }
    Transport transport = current.get();
    boolean reused = transport != null;
    if (transport == null) {
      transport = connect();
    }
    try {
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException e) {
      boolean dropped = reused && !transport.isConnected();
      discard(transport);
      if (!dropped) {
        throw e;
      }
      log.debug("pooled SMTP connection was closed, reconnecting: {}", e.toString());
      Transport fresh = connect();
      try {
        fresh.sendMessage(message, message.getAllRecipients());
      } catch (MessagingException again) {
        discard(fresh);
        throw again;
      }
    }
  }

  private Transport connect() throws MessagingException {
    Transport transport = session.getTransport("smtp");
    transport.connect();
    current.set(transport);
    all.add(transport);
    return transport;
  }

  private void discard(Transport transport) {
    current.remove();
    all.remove(transport);
    try {
      transport.close();
    } catch (MessagingException e) {
      log.debug("closing a failed SMTP connection: {}", e.toString());
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Transport t : all) {
      try {
        t.close();
      } catch (MessagingException e) {
        log.debug("closing an SMTP connection: {}", e.toString());
      }
    }
    all.clear();
  }
}
