package dev.calendar.devservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailServerTest {

  @Test
  void acceptsMailOnTheGivenPortAndRefusesATakenOne() throws Exception {
    try (MailServer server = MailServer.withFreePorts()) {
      Properties props = new Properties();
      props.put("mail.smtp.host", server.host());
      props.put("mail.smtp.port", Integer.toString(server.smtpPort()));
      MimeMessage message = new MimeMessage(Session.getInstance(props));
      message.setFrom(new InternetAddress("a@example.com"));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress("b@example.com"));
      message.setSubject("hello");
      message.setText("body");
      Transport.send(message);
      assertThat(server.receivedMessages()).hasSize(1);

      assertThatThrownBy(() -> MailServer.start("127.0.0.1", server.smtpPort(), FreePorts.next()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("SMTP port");
    }
  }
}
