package dev.calendar.stream.mail;

import com.typesafe.config.Config;
import java.time.Duration;

/** {@code calendar.mail}, read once. An empty {@code user} means no SMTP authentication. */
public record MailSettings(
    String smtpHost,
    int smtpPort,
    String user,
    String password,
    boolean startTls,
    Duration connectTimeout,
    Duration timeout,
    String from) {

  public static MailSettings of(Config config) {
    Config mail = config.getConfig("calendar.mail");
    return new MailSettings(
        mail.getString("smtp.host"),
        mail.getInt("smtp.port"),
        mail.getString("smtp.user"),
        mail.getString("smtp.password"),
        mail.getBoolean("smtp.starttls"),
        mail.getDuration("smtp.connect-timeout"),
        mail.getDuration("smtp.timeout"),
        mail.getString("from"));
  }

  /** Never prints the password. */
  @Override
  public String toString() {
    return "MailSettings[smtp="
        + smtpHost
        + ":"
        + smtpPort
        + ", user="
        + user
        + ", startTls="
        + startTls
        + ", from="
        + from
        + "]";
  }
}
