package dev.calendar.connection;

import dev.calendar.serialization.CborSerializable;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * What a {@link ConnectionEntity} asks of the world: read the other calendar and put what it holds
 * into the user's calendar, and change that busy time. Each provider's protocol lives behind {@link
 * #sync}; none of these calls may fail their stage for a provider's error (that is a {@link
 * SyncOutcome.Failed}), only for the calendar being out of reach.
 */
public interface ConnectionSync {

  /** Reads the connection once (conditionally, from {@code request.cursor()}) and applies it. */
  CompletionStage<SyncOutcome> sync(SyncRequest request);

  /** Removes the connection's busy time from the user's calendar. */
  CompletionStage<Done> removeBusy(UUID userId, String source);

  /** Whether the connection's busy time blocks bookings in the user's calendar. */
  CompletionStage<Done> checkConflicts(UUID userId, String source, boolean check);

  /** One read of one connection: whose, from where, since when. */
  record SyncRequest(
      UUID connectionId, UUID userId, String provider, String url, Cursor cursor, String source) {}

  /**
   * Where the last read left off: for an ICS feed its {@code ETag} and {@code Last-Modified}
   * (either may be null). {@link #NONE}: read everything.
   */
  record Cursor(String etag, String lastModified) implements CborSerializable {
    public static final Cursor NONE = new Cursor(null, null);
  }

  /** What one read found and did. */
  sealed interface SyncOutcome {
    /**
     * The calendar read and applied: {@code account} names it (its name, else its host), {@code
     * refreshInterval} is how often it asks to be read (null: it does not say).
     */
    record Changed(
        Cursor cursor,
        Duration refreshInterval,
        String account,
        int added,
        int updated,
        int removed,
        int unchanged)
        implements SyncOutcome {
      public boolean changedAnything() {
        return added + updated + removed > 0;
      }
    }

    /** Nothing changed since the cursor (an ICS feed's 304). */
    record Unchanged() implements SyncOutcome {}

    /**
     * The read failed: {@code reason} is shown to the user as {@code lastError}; {@code permanent}:
     * retrying soon cannot help; {@code retryAfter}: the server's hint, or null.
     */
    record Failed(String reason, boolean permanent, Duration retryAfter) implements SyncOutcome {}
  }
}
