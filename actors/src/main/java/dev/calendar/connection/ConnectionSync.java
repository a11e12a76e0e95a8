package dev.calendar.connection;

import dev.calendar.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * What a {@link ConnectionEntity} asks of the world: read the other calendar and put what it holds
 * into the user's calendar, change that busy time, and for two-way providers (Google, Outlook) keep
 * a watch open and write the user's events out. Each provider's protocol lives behind these calls;
 * none of them may fail its stage for a provider's error (that is an outcome), only for the
 * calendar being out of reach.
 *
 * <p>OAuth tokens travel as {@code credentials}: sealed (encrypted) text that only the
 * implementation opens. An outcome's {@code credentials} is the replacement after a refresh, or
 * null when they did not change.
 */
public interface ConnectionSync {

  /** Reads the connection once (conditionally, from {@code request.cursor()}) and applies it. */
  CompletionStage<SyncOutcome> sync(SyncRequest request);

  /** Removes the connection's busy time from the user's calendar. */
  CompletionStage<Done> removeBusy(UUID userId, String source);

  /** Whether the connection's busy time blocks bookings in the user's calendar. */
  CompletionStage<Done> checkConflicts(UUID userId, String source, boolean check);

  /** Exchanges an OAuth authorization code of {@code provider} for sealed credentials. */
  CompletionStage<Authorization> authorize(String provider, String code, String redirectUri);

  /**
   * Opens a watch (change notifications to this service) on the connection's calendar, or renews
   * {@code request.current()}: Google opens a new channel (the caller stops the old once the new
   * one is written down), Microsoft extends the subscription.
   */
  CompletionStage<WatchOutcome> watch(WatchRequest request);

  /** Stops a watch; best effort (a watch the provider no longer knows counts as stopped). */
  CompletionStage<Done> unwatch(String provider, String credentials, Channel channel);

  /** Writes one local event to the provider: creates, changes or deletes its copy. */
  CompletionStage<PushOutcome> push(PushRequest request);

  /**
   * One read of one connection: whose, from where, since when. {@code credentials}: sealed OAuth
   * tokens (null for ICS); {@code ownExternalIds}: the provider's ids of the copies of this
   * service's events, which are never busy time from outside.
   */
  record SyncRequest(
      UUID connectionId,
      UUID userId,
      String provider,
      String url,
      Cursor cursor,
      String source,
      String credentials,
      Set<String> ownExternalIds) {
    public SyncRequest(
        UUID connectionId, UUID userId, String provider, String url, Cursor cursor, String source) {
      this(connectionId, userId, provider, url, cursor, source, null, Set.of());
    }
  }

  /**
   * Where the last read left off: for an ICS feed its {@code ETag} and {@code Last-Modified}
   * (either may be null); for Google its sync token, for Microsoft its delta link ({@code token}),
   * with the window fixed at the last full listing. {@link #NONE}: read everything.
   */
  record Cursor(
      String etag, String lastModified, String token, Instant windowStart, Instant windowEnd)
      implements CborSerializable {
    public static final Cursor NONE = new Cursor(null, null, null, null, null);

    public Cursor(String etag, String lastModified) {
      this(etag, lastModified, null, null, null);
    }

    public static Cursor token(String token, Instant windowStart, Instant windowEnd) {
      return new Cursor(null, null, token, windowStart, windowEnd);
    }
  }

  /**
   * An open watch: Google's channel ({@code id} ours, {@code resourceId} Google's) or Microsoft's
   * subscription ({@code id} Microsoft's); {@code token} comes back with each notification (the
   * channel token, the clientState); {@code renewAt}: when to renew it, before {@code expiration}.
   */
  record Channel(String id, String resourceId, String token, Instant expiration, Instant renewAt)
      implements CborSerializable {}

  /** {@code current} null: open a new watch with {@code channelId} and {@code token}. */
  record WatchRequest(
      UUID connectionId,
      String provider,
      String credentials,
      Channel current,
      String channelId,
      String token) {}

  /** An OAuth code's answer: the sealed credentials and the account, or why not. */
  sealed interface Authorization {
    record Granted(String credentials, String account) implements Authorization {}

    /** {@code badCode}: the code was refused (the caller's mistake), else the provider failed. */
    record Refused(String reason, boolean badCode) implements Authorization {}
  }

  sealed interface WatchOutcome {
    record Watching(Channel channel, String credentials) implements WatchOutcome {}

    record NotWatching(Failure failure, String credentials) implements WatchOutcome {}
  }

  /**
   * Why a call to a provider failed: shown to the user as {@code lastError}; {@code permanent}:
   * retrying soon cannot help; {@code retryAfter}: the server's hint, or null; {@code needsReauth}:
   * the grant is gone and only the user can mend it.
   */
  record Failure(String reason, boolean permanent, Duration retryAfter, boolean needsReauth)
      implements CborSerializable {}

  /**
   * An event of this service as it is to appear in the other calendar; {@code cancelled} (or not
   * the user's any more): its copy is to go.
   */
  record LocalEvent(
      UUID eventId,
      long version,
      boolean cancelled,
      String title,
      String description,
      String location,
      Instant start,
      Instant end,
      String timeZone,
      List<String> recurrence)
      implements CborSerializable {}

  /** The copy of a local event in the provider: its id there and the version we wrote. */
  record Copy(String externalId, String etag, long version) implements CborSerializable {}

  /** {@code copy}: the copy written before, or null. */
  record PushRequest(
      UUID connectionId, String provider, String credentials, LocalEvent event, Copy copy) {}

  sealed interface PushOutcome {
    /** The copy as the provider now holds it; null when it was deleted. */
    record Pushed(Copy copy, String credentials) implements PushOutcome {}

    record NotPushed(Failure failure, String credentials) implements PushOutcome {}
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
        int unchanged,
        String credentials)
        implements SyncOutcome {
      public Changed(
          Cursor cursor,
          Duration refreshInterval,
          String account,
          int added,
          int updated,
          int removed,
          int unchanged) {
        this(cursor, refreshInterval, account, added, updated, removed, unchanged, null);
      }

      public boolean changedAnything() {
        return added + updated + removed > 0;
      }
    }

    /** Nothing changed since the cursor (an ICS feed's 304). */
    record Unchanged() implements SyncOutcome {}

    /**
     * The read failed: {@code reason} is shown to the user as {@code lastError}; {@code permanent}:
     * retrying soon cannot help; {@code retryAfter}: the server's hint, or null; {@code
     * needsReauth}: the provider refused the grant.
     */
    record Failed(
        String reason,
        boolean permanent,
        Duration retryAfter,
        boolean needsReauth,
        String credentials)
        implements SyncOutcome {
      public Failed(String reason, boolean permanent, Duration retryAfter) {
        this(reason, permanent, retryAfter, false, null);
      }

      public static Failed of(Failure f, String credentials) {
        return new Failed(f.reason(), f.permanent(), f.retryAfter(), f.needsReauth(), credentials);
      }
    }
  }
}
