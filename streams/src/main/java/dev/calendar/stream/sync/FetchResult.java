package dev.calendar.stream.sync;

import java.time.Duration;

/** What fetching a feed found: a new body, no change since the validators, or a failure. */
public sealed interface FetchResult
    permits FetchResult.Changed, FetchResult.NotModified, FetchResult.Failed {

  /**
   * The feed's body (an iCalendar file, decoded, without a byte order mark).
   *
   * @param validators to send on the next fetch
   * @param refreshInterval how often the feed asks to be read: its {@code REFRESH-INTERVAL}, else
   *     its {@code X-PUBLISHED-TTL}; null when it names neither. Not bounded here.
   */
  record Changed(String body, Validators validators, Duration refreshInterval)
      implements FetchResult {}

  /** 304: the feed is as it was when it gave the validators sent. */
  record NotModified() implements FetchResult {}

  /**
   * The fetch failed.
   *
   * @param reason for the user and the log, naming the host, status or cause
   * @param permanent trying again cannot help until the subscription changes: the URL is refused
   *     (scheme, address policy), the feed is gone (404, 410), is not a calendar, is over the size
   *     cap or redirects too often. Otherwise (timeouts, network errors, 5xx, 429, other statuses)
   *     a later poll may succeed.
   * @param retryAfter the server's {@code Retry-After} (429, 5xx) as a hint for the next poll; null
   *     when it sent none
   */
  record Failed(String reason, boolean permanent, Duration retryAfter) implements FetchResult {
    static Failed permanent(String reason) {
      return new Failed(reason, true, null);
    }

    static Failed retryable(String reason) {
      return new Failed(reason, false, null);
    }
  }
}
