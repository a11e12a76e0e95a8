package dev.calendar.serialization;

/**
 * Marker for every message, event and state that crosses the wire or lands in the journal. Bound to
 * Pekko's Jackson CBOR serializer in {@code calendar-serialization.conf}.
 */
public interface CborSerializable {}
