package dev.calendar.invitation;

import dev.calendar.meeting.Meeting;
import dev.calendar.meeting.MeetingDetails;
import dev.calendar.schedule.OccurrenceOverride;
import dev.calendar.schedule.Schedule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A short digest of what an invitation shows a guest: title, description, location and the whole
 * schedule (times, zone, rule, EXDATEs, one-occurrence edits). Two meetings with the same
 * fingerprint need no update email. Participants and reminders are left out: adding someone else or
 * changing one's own reminders is no news to the others.
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static String of(Meeting meeting) {
    MeetingDetails d = meeting.details();
    Schedule s = d.schedule();
    StringBuilder text = new StringBuilder();
    field(text, d.title());
    field(text, d.description());
    field(text, d.location());
    field(text, s.start());
    field(text, s.end());
    field(text, s.zone().getId());
    field(text, s.rrule());
    s.exdates().stream().sorted().distinct().forEach(e -> field(text, "x" + e));
    // The last edit of an instance wins (as Schedule reads them), whatever order they came in.
    Map<Instant, OccurrenceOverride> overrides = new TreeMap<>();
    s.overrides().forEach(o -> overrides.put(o.originalStart(), o));
    for (OccurrenceOverride o : overrides.values()) {
      field(text, "o" + o.originalStart());
      field(text, o.start());
      field(text, o.end());
      field(text, o.title());
    }
    return digest(text.toString());
  }

  /** Length-prefixed, so no two different field lists give the same text. */
  private static void field(StringBuilder text, Object value) {
    String v = Objects.toString(value, "\u0000");
    text.append(v.length()).append(':').append(v).append(';');
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
