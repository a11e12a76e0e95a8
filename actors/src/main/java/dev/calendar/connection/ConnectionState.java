package dev.calendar.connection;

import dev.calendar.connection.ConnectionSync.Cursor;
import dev.calendar.serialization.CborSerializable;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One connection as persisted. Never connected: {@code userId} null. {@code status} is the last
 * sync's: {@code pending} (none yet), {@code active} or {@code error} (with {@code lastError}).
 *
 * @param account what the other calendar is called (its name once read, else the feed's host)
 * @param lastSyncAt the last sync that succeeded and was written down; a later one that found
 *     nothing new is known only in memory
 * @param refreshInterval how often the feed asks to be read, or null
 * @param disconnectedAt when the user deleted it; then {@code busyRemoved} tells whether its busy
 *     time has left their calendar yet
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
    boolean busyRemoved)
    implements CborSerializable {

  public static final String PENDING = "pending";
  public static final String ACTIVE = "active";
  public static final String ERROR = "error";

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
          false);

  public boolean exists() {
    return userId != null;
  }

  /** Connected and not deleted: it is synced. */
  public boolean live() {
    return userId != null && disconnectedAt == null;
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

  ConnectionState connected(UUID user, String provider, String url, String account, Instant at) {
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
        false);
  }

  ConnectionState synced(Instant at, Cursor cursor, Duration refresh, String account) {
    return new ConnectionState(
        userId,
        provider,
        url,
        account == null ? this.account : account,
        createdAt,
        checkConflicts,
        pushEvents,
        ACTIVE,
        at,
        null,
        lastErrorAt,
        cursor,
        refresh,
        disconnectedAt,
        busyRemoved);
  }

  ConnectionState failed(Instant at, String error) {
    return new ConnectionState(
        userId,
        provider,
        url,
        account,
        createdAt,
        checkConflicts,
        pushEvents,
        ERROR,
        lastSyncAt,
        error,
        at,
        cursor,
        refreshInterval,
        disconnectedAt,
        busyRemoved);
  }

  ConnectionState withSettings(boolean check, boolean push) {
    return new ConnectionState(
        userId,
        provider,
        url,
        account,
        createdAt,
        check,
        push,
        status,
        lastSyncAt,
        lastError,
        lastErrorAt,
        cursor,
        refreshInterval,
        disconnectedAt,
        busyRemoved);
  }

  ConnectionState disconnected(Instant at) {
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
        at,
        false);
  }

  ConnectionState busyGone() {
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
        true);
  }
}
