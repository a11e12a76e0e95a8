package dev.calendar.stream.sync.provider;

import java.time.Duration;

/** A provider's refusal or failure, sorted by what the caller should do about it. */
public final class ProviderException extends RuntimeException {

  public enum Kind {
    /** The grant is revoked or the code bad: the user must connect again. Never retried. */
    INVALID_GRANT,
    /** The access token was refused (401): refresh it and try once more. */
    UNAUTHORIZED,
    /** The cursor is no longer valid (Google 410 fullSyncRequired, Graph syncStateNotFound). */
    SYNC_STATE_LOST,
    /** Too many requests (429, Google 403 rateLimitExceeded): wait, {@code retryAfter} if given. */
    RATE_LIMITED,
    /** A quota for the day or project is used up (Google 403 quotaExceeded): cool down. */
    QUOTA_EXCEEDED,
    /** The item (event, channel, subscription) does not exist. */
    NOT_FOUND,
    /** The provider cannot do this (Google cannot extend a channel). */
    UNSUPPORTED,
    /** 5xx, or no answer: retry later. */
    UNAVAILABLE,
    /** Any other refusal (400, 403 of another reason): retrying the same cannot help. */
    REJECTED
  }

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;

  public ProviderException(Kind kind, int status, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public ProviderException(Kind kind, int status, String message) {
    this(kind, status, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The provider's {@code Retry-After}, or null. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
