package dev.calendar.stream.notifier;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.notification.Notification;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The wording of a reminder, in the recipient's time zone: the occurrence's local start and end and
 * how far ahead the reminder was set. Pure, so the wording is tested without any server.
 *
 * @param start the occurrence's start
 * @param end the occurrence's end (null when unknown)
 * @param offset how long before the start the reminder was due (null when unknown)
 */
public record ReminderText(String title, Instant start, Instant end, Duration offset, ZoneId zone) {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter SHORT_DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

  /**
   * From a reminder notification: {@code occurrenceStart} and {@code offset} of the message, title
   * and the occurrence's length from {@code data} ({@code {title, start, end, …}}).
   */
  public static ReminderText of(Notification n, ZoneId zone) {
    JsonNode data = n.data();
    String title = text(data, "title");
    Instant dataStart = instant(data, "start");
    Instant dataEnd = instant(data, "end");
    Instant start = n.occurrenceStart() != null ? n.occurrenceStart() : dataStart;
    if (start == null) {
      throw DeliveryFailure.permanent("reminder without an occurrence start");
    }
    Instant end = null;
    if (dataStart != null && dataEnd != null) {
      end = start.plus(Duration.between(dataStart, dataEnd));
    }
    Duration offset = n.offset();
    if (offset == null && text(data, "offset") != null) {
      try {
        offset = Duration.parse(text(data, "offset"));
      } catch (DateTimeException e) {
        offset = null;
      }
    }
    return new ReminderText(title == null ? "your event" : title, start, end, offset, zone);
  }

  /** The zone a guest's reminder is worded in: the event's, if the message names it, else UTC. */
  public static ZoneId guestZone(Notification n) {
    String id = text(n.data(), "timezone");
    if (id != null) {
      try {
        return ZoneId.of(id);
      } catch (DateTimeException e) {
        return ZoneOffset.UTC;
      }
    }
    return ZoneOffset.UTC;
  }

  public String subject() {
    return "Reminder: " + title;
  }

  /** The email body: what, when (local date and times with the zone), and how soon. */
  public String body() {
    StringBuilder b = new StringBuilder();
    b.append(title).append(offset == null ? " is coming up." : " starts " + inWords() + ".");
    b.append("\n\nWhen: ").append(when()).append("\n");
    if (offset != null) {
      b.append("\nYou asked to be reminded ").append(ahead()).append(".\n");
    }
    return b.toString();
  }

  /** One line for SMS. */
  public String sms() {
    return "Reminder: " + title + " at " + shortStart();
  }

  /** Push notification body (the title is {@link #subject}). */
  public String pushBody() {
    return (offset == null ? "" : "Starts " + inWords() + ", at ") + shortStart();
  }

  /** "10:00 on Mon 1 Mar (Europe/Berlin)": the start where space is short (SMS, push). */
  private String shortStart() {
    ZonedDateTime s = start.atZone(zone);
    return TIME.format(s) + " on " + SHORT_DAY.format(s) + " (" + zoneName() + ")";
  }

  /** "Monday, 1 March 2027, 10:00 – 10:30 (Europe/Berlin)", the end's date only if it differs. */
  String when() {
    ZonedDateTime s = start.atZone(zone);
    StringBuilder w = new StringBuilder().append(DAY.format(s)).append(", ").append(TIME.format(s));
    if (end != null) {
      ZonedDateTime e = end.atZone(zone);
      w.append(" – ");
      if (!e.toLocalDate().equals(s.toLocalDate())) {
        w.append(DAY.format(e)).append(", ");
      }
      w.append(TIME.format(e));
    }
    return w.append(" (").append(zoneName()).append(")").toString();
  }

  /** The zone's IANA id; "UTC" rather than "Z". */
  private String zoneName() {
    return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
  }

  /** "in 1 hour 30 minutes". */
  String inWords() {
    return "in " + duration(offset);
  }

  /** "1 hour 30 minutes ahead", "at the start" for a zero offset. */
  String ahead() {
    return offset.isZero() ? "at the start" : duration(offset) + " ahead";
  }

  static String duration(Duration d) {
    if (d.isZero() || d.isNegative()) {
      return "0 minutes";
    }
    List<String> parts = new ArrayList<>();
    add(parts, d.toDaysPart(), "day");
    add(parts, d.toHoursPart(), "hour");
    add(parts, d.toMinutesPart(), "minute");
    if (parts.isEmpty()) {
      add(parts, d.toSecondsPart(), "second");
    }
    return String.join(" ", parts);
  }

  private static void add(List<String> parts, long n, String unit) {
    if (n > 0) {
      parts.add(n + " " + unit + (n == 1 ? "" : "s"));
    }
  }

  private static String text(JsonNode data, String field) {
    if (data == null || !data.hasNonNull(field) || !data.get(field).isTextual()) {
      return null;
    }
    return data.get(field).asText();
  }

  private static Instant instant(JsonNode data, String field) {
    String t = text(data, field);
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeException e) {
      try {
        return ZonedDateTime.parse(t).toInstant();
      } catch (DateTimeException again) {
        return null;
      }
    }
  }
}
