package dev.calendar.devservers;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GreenMail SMTP and IMAP server in this JVM, for dev mode and integration tests. Authentication
 * is off: any login is accepted, and a mailbox is created for every address mail is sent to, so a
 * recipient reads their mail over IMAP with their address as user name and any password. Messages
 * are kept in memory only.
 */
public final class MailServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MailServer.class);

  public static final int DEFAULT_SMTP_PORT = 3025;
  public static final int DEFAULT_IMAP_PORT = 3143;

  /** GreenMail's default of 2 s is tight when a test JVM is still warming up on 2 cores. */
  private static final long STARTUP_TIMEOUT_MS = 10_000;

  private final String host;
  private final GreenMail greenMail;

  private MailServer(String host, GreenMail greenMail) {
    this.host = host;
    this.greenMail = greenMail;
  }

  /** Starts SMTP and IMAP on {@code host}; fails clearly if a port is taken. */
  public static MailServer start(String host, int smtpPort, int imapPort) {
    FreePorts.requireFree(host, smtpPort, "SMTP");
    FreePorts.requireFree(host, imapPort, "IMAP");
    ServerSetup smtp = new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP);
    ServerSetup imap = new ServerSetup(imapPort, host, ServerSetup.PROTOCOL_IMAP);
    smtp.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
    imap.setServerStartupTimeout(STARTUP_TIMEOUT_MS);
    GreenMail greenMail =
        new GreenMail(new ServerSetup[] {smtp, imap})
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
    log.info("GreenMail up: smtp={}:{} imap={}:{}", host, smtpPort, host, imapPort);
    return new MailServer(host, greenMail);
  }

  /** On free ports of 127.0.0.1. */
  public static MailServer withFreePorts() {
    return start("127.0.0.1", FreePorts.next(), FreePorts.next());
  }

  public String host() {
    return host;
  }

  public int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  public int imapPort() {
    return greenMail.getImap().getPort();
  }

  /** Every message received so far, for tests that do not need to go through IMAP. */
  public List<MimeMessage> receivedMessages() {
    return List.of(greenMail.getReceivedMessages());
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
