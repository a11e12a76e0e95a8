package dev.calendar.api.calendar;

import dev.calendar.api.AsciiText;
import dev.calendar.api.Instants;
import dev.calendar.schedule.Interval;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.apache.pekko.util.ByteString;

/**
 * {@code {userId, timezone, busy: [{start, end}], free: [...]}}, written directly: a busy
 * calendar's answer holds hundreds of spans, and writing them through Jackson's reflection took a
 * third of a read's CPU. Ids, zone ids and instants need no escaping.
 */
final class AvailabilityJson {
  private static final byte[] FIRST_START = ascii("{\"start\":\"");
  private static final byte[] NEXT_START = ascii(",{\"start\":\"");
  private static final byte[] END = ascii("\",\"end\":\"");
  private static final byte[] CLOSE = ascii("\"}");

  private AvailabilityJson() {}

  static ByteString write(UUID userId, ZoneId zone, List<Interval> busy, List<Interval> free) {
    AsciiText out = new AsciiText(96 + 64 * (busy.size() + free.size()));
    out.append("{\"userId\":\"").append(userId.toString()).append("\",\"timezone\":\"");
    out.append(zone.getId());
    out.append("\",\"busy\":");
    var writer = new Instants.Writer(out);
    spans(writer, busy);
    out.append(",\"free\":");
    spans(writer, free);
    return out.append('}').toByteString();
  }

  private static void spans(Instants.Writer out, List<Interval> spans) {
    out.text("[");
    for (int i = 0; i < spans.size(); i++) {
      Interval span = spans.get(i);
      out.text(i == 0 ? FIRST_START : NEXT_START).append(span.start());
      out.text(END).append(span.end()).text(CLOSE);
    }
    out.text("]");
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
