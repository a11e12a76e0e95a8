package dev.calendar.connection;

import dev.calendar.connection.ConnectionSync.Cursor;
import dev.calendar.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * One connection as persisted. Never connected: {@code userId} null. {@code status} is the last
 * sync's: {@code pending} (none yet), {@code active}, {@code error} (with {@code lastError}) or
 * {@code needs_reauth} (the provider refused the grant; only the user can mend it).
 *
 * @param account what the other calendar is called (its name once read, else the feed's host; the
 *     account's address for Google and Outlook)
 * @param lastSyncAt the last sync that succeeded and was written down; a later one that found
 *     nothing new is known only in memory
 * @param refreshInterval how often the feed asks to be read, or null
 * @param disconnectedAt when the user deleted it; then {@code busyRemoved} tells whether its busy
 *     time has left their calendar yet
 * @param twoWay tokens, watch and copies of a Google or Outlook connection; null for a feed
 */
public record ConnectionState(
    UUID userId,
    String provider,
    String url,
    String account,
    Instant createdAt,
    boolean checkConflicts,
    boolean pushEvents,
    String status,
    Instant lastSyncAt,
    String lastError,
    Instant lastErrorAt,
    Cursor cursor,
    Duration refreshInterval,
    Instant disconnectedAt,
    boolean busyRemoved,
    TwoWay twoWay)
    implements CborSerializable {

  public static final String PENDING = "pending";
  public static final String ACTIVE = "active";
  public static final String ERROR = "error";
  public static final String NEEDS_REAUTH = "needs_reauth";

  static final ConnectionState EMPTY =
      new ConnectionState(
          null,
          null,
          null,
          null,
          null,
          true,
          false,
          PENDING,
          null,
          null,
          null,
          Cursor.NONE,
          null,
          null,
          false,
          null);

  public boolean exists() {
    return userId != null;
  }

  /** Connected and not deleted: it is synced. */
  public boolean live() {
    return userId != null && disconnectedAt == null;
  }

  /** Google or Outlook: watched, and written to. */
  public boolean twoWayLink() {
    return twoWay != null;
  }

  public boolean needsReauth() {
    return NEEDS_REAUTH.equals(status);
  }

  /** Nothing of it is left to do: never connected, or deleted and its busy time gone. */
  boolean finished() {
    return userId == null || (disconnectedAt != null && busyRemoved);
  }

  boolean ownedBy(UUID user) {
    return live() && userId.equals(user);
  }

  /** When it was last read, well or not; null if never. */
  Instant lastAttemptAt() {
    if (lastSyncAt == null) {
      return lastErrorAt;
    }
    return lastErrorAt == null || lastSyncAt.isAfter(lastErrorAt) ? lastSyncAt : lastErrorAt;
  }

  ConnectionState connected(
      UUID user, String provider, String url, String account, Instant at, String credentials) {
    return new ConnectionState(
        user,
        provider,
        url,
        account,
        at,
        true,
        false,
        PENDING,
        null,
        null,
        null,
        Cursor.NONE,
        null,
        null,
        false,
        credentials == null ? null : TwoWay.of(credentials));
  }

  ConnectionState synced(Instant at, Cursor cursor, Duration refresh, String account) {
    return edit(
        e -> {
          e.account = account == null ? this.account : account;
          e.status = ACTIVE;
          e.lastSyncAt = at;
          e.lastError = null;
          e.cursor = cursor;
          e.refreshInterval = refresh;
        });
  }

  ConnectionState failed(Instant at, String error) {
    return erred(ERROR, at, error);
  }

  ConnectionState reauthNeeded(Instant at, String error) {
    return erred(NEEDS_REAUTH, at, error);
  }

  private ConnectionState erred(String status, Instant at, String error) {
    return edit(
        e -> {
          e.status = status;
          e.lastError = error;
          e.lastErrorAt = at;
        });
  }

  ConnectionState withSettings(boolean check, boolean push) {
    return edit(
        e -> {
          e.checkConflicts = check;
          e.pushEvents = push;
        });
  }

  ConnectionState disconnected(Instant at) {
    return edit(
        e -> {
          e.disconnectedAt = at;
          e.busyRemoved = false;
        });
  }

  ConnectionState busyGone() {
    return edit(e -> e.busyRemoved = true);
  }

  ConnectionState withTwoWay(TwoWay next) {
    return edit(e -> e.twoWay = next);
  }

  private ConnectionState edit(Consumer<Edit> change) {
    Edit e = new Edit(this);
    change.accept(e);
    return e.build();
  }

  /** The fields as variables, so each change above names only what it changes. */
  private static final class Edit {
    final UUID userId;
    final String provider;
    final String url;
    String account;
    final Instant createdAt;
    boolean checkConflicts;
    boolean pushEvents;
    String status;
    Instant lastSyncAt;
    String lastError;
    Instant lastErrorAt;
    Cursor cursor;
    Duration refreshInterval;
    Instant disconnectedAt;
    boolean busyRemoved;
    TwoWay twoWay;

    Edit(ConnectionState s) {
      userId = s.userId;
      provider = s.provider;
      url = s.url;
      account = s.account;
      createdAt = s.createdAt;
      checkConflicts = s.checkConflicts;
      pushEvents = s.pushEvents;
      status = s.status;
      lastSyncAt = s.lastSyncAt;
      lastError = s.lastError;
      lastErrorAt = s.lastErrorAt;
      cursor = s.cursor;
      refreshInterval = s.refreshInterval;
      disconnectedAt = s.disconnectedAt;
      busyRemoved = s.busyRemoved;
      twoWay = s.twoWay;
    }

    ConnectionState build() {
      return new ConnectionState(
          userId,
          provider,
          url,
          account,
          createdAt,
          checkConflicts,
          pushEvents,
          status,
          lastSyncAt,
          lastError,
          lastErrorAt,
          cursor,
          refreshInterval,
          disconnectedAt,
          busyRemoved,
          twoWay);
    }
  }
}
