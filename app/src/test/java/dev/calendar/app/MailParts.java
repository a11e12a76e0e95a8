package dev.calendar.app;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** What integration tests read of a received mail: its plain text and its calendar's METHOD. */
final class MailParts {
  private MailParts() {}

  /** The METHOD of the first text/calendar part (REQUEST, CANCEL ...), or "" when it has none. */
  static String calendarMethod(Part part) {
    try {
      if (part.isMimeType("text/calendar")) {
        for (String line : read(part).split("\r?\n")) {
          if (line.startsWith("METHOD:")) {
            return line.substring("METHOD:".length()).trim();
          }
        }
        return "";
      }
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          String method = calendarMethod(multipart.getBodyPart(i));
          if (!method.isEmpty()) {
            return method;
          }
        }
      }
      return "";
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every text/plain part, in order. */
  static String plainText(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return read(part);
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        all.append(plainText(multipart.getBodyPart(i)));
      }
      return all.toString();
    }
    return "";
  }

  /** The part's decoded bytes as UTF-8 text. */
  static String read(Part part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}
