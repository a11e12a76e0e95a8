package dev.calendar.connection;

import dev.calendar.connection.ConnectionSync.Channel;
import dev.calendar.connection.ConnectionSync.Copy;
import dev.calendar.connection.ConnectionSync.LocalEvent;
import dev.calendar.serialization.CborSerializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a two-way connection (Google, Outlook) holds beyond a feed's.
 *
 * @param credentials its OAuth tokens, sealed (see {@link ConnectionSync})
 * @param channel the watch that brings change notifications, or null while none is open
 * @param copies the mapping table: each local event written to the provider, by its local id, with
 *     the provider's id and the version written; the one source for dedup and echo suppression
 * @param outbox local events still to be written out, the latest version of each, in arrival order
 */
public record TwoWay(
    String credentials, Channel channel, Map<UUID, Copy> copies, Map<UUID, LocalEvent> outbox)
    implements CborSerializable {

  public TwoWay {
    copies = copies == null ? Map.of() : Map.copyOf(copies);
    outbox = outbox == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outbox));
  }

  static TwoWay of(String credentials) {
    return new TwoWay(credentials, null, Map.of(), Map.of());
  }

  TwoWay withCredentials(String next) {
    return new TwoWay(next, channel, copies, outbox);
  }

  TwoWay withChannel(Channel next) {
    return new TwoWay(credentials, next, copies, outbox);
  }

  /** {@code event} to be written out, replacing an older version waiting. */
  TwoWay queued(LocalEvent event) {
    var next = new LinkedHashMap<>(outbox);
    next.remove(event.eventId());
    next.put(event.eventId(), event);
    return new TwoWay(credentials, channel, copies, next);
  }

  /**
   * Version {@code version} of the event is written ({@code copy}), or its copy deleted ({@code
   * copy} null); a newer version that arrived meanwhile stays queued.
   */
  TwoWay pushed(UUID eventId, long version, Copy copy) {
    var nextCopies = new HashMap<>(copies);
    if (copy == null) {
      nextCopies.remove(eventId);
    } else {
      nextCopies.put(eventId, copy);
    }
    var nextOutbox = new LinkedHashMap<>(outbox);
    LocalEvent waiting = nextOutbox.get(eventId);
    if (waiting != null && waiting.version() <= version) {
      nextOutbox.remove(eventId);
    }
    return new TwoWay(credentials, channel, nextCopies, nextOutbox);
  }

  /** The newest version of the event known here, queued or written; -1 if none. */
  long knownVersion(UUID eventId) {
    LocalEvent waiting = outbox.get(eventId);
    Copy copy = copies.get(eventId);
    long v = waiting == null ? -1 : waiting.version();
    return copy == null ? v : Math.max(v, copy.version());
  }

  /** The provider's ids of the copies written: never busy time from outside. */
  Set<String> ownExternalIds() {
    Set<String> ids = new HashSet<>();
    copies.values().forEach(c -> ids.add(c.externalId()));
    return ids;
  }
}
