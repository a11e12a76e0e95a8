package dev.calendar.stream.sync.google;

import dev.calendar.stream.sync.provider.ErrorKinds;
import dev.calendar.stream.sync.provider.ProviderException.Kind;

/**
 * Google Calendar's error reasons ({@code error.errors[0].reason}) where the status alone misleads:
 * a 403 is a rate limit or a spent quota as often as a refusal, and a 410 is either a lost sync
 * token or an event already deleted.
 */
final class GoogleErrors {
  private GoogleErrors() {}

  /** Any call but a listing. */
  static final ErrorKinds CALLS =
      error -> {
        String reason = error.code() == null ? "" : error.code();
        if (error.status() == 403) {
          switch (reason) {
            case "rateLimitExceeded", "userRateLimitExceeded":
              return Kind.RATE_LIMITED;
            case "quotaExceeded", "dailyLimitExceeded":
              return Kind.QUOTA_EXCEEDED;
            default:
              return Kind.REJECTED;
          }
        }
        if (error.status() == 410) {
          return "fullSyncRequired".equals(reason) ? Kind.SYNC_STATE_LOST : Kind.NOT_FOUND;
        }
        return ErrorKinds.BY_STATUS.kindOf(error);
      };

  /** A listing: there a 410 of any reason means the sync token is gone. */
  static final ErrorKinds LISTING =
      error -> error.status() == 410 ? Kind.SYNC_STATE_LOST : CALLS.kindOf(error);
}
