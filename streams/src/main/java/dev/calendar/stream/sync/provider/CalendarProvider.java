package dev.calendar.stream.sync.provider;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * One calendar provider's protocol (Google Calendar v3, Microsoft Graph) over plain HTTP and JSON:
 * tokens, change notifications, reading changes, writing events. Stateless: every call gets the
 * access token to use, and the caller keeps tokens, channels and cursors.
 *
 * <p>Every stage fails only with a {@link ProviderException}, whose {@link ProviderException.Kind}
 * tells the caller what to do (refresh and retry, resync, wait, ask the user to reconnect).
 */
public interface CalendarProvider {

  /** {@code google} or {@code outlook}. */
  String name();

  /** Exchanges an OAuth authorization code; {@code INVALID_GRANT} for a bad or used code. */
  CompletionStage<Grant> exchangeCode(String code, String redirectUri);

  /**
   * New tokens from {@code tokens.refreshToken()}; {@code INVALID_GRANT} when the grant was
   * revoked. Microsoft returns a new refresh token that replaces the old; Google keeps the old one,
   * which the result then carries unchanged.
   */
  CompletionStage<Tokens> refresh(Tokens tokens);

  /**
   * Starts change notifications to {@code spec.address()}: Google a channel with the given id and
   * token; Microsoft a subscription to the user's events whose clientState is the token (its id is
   * Microsoft's). The provider may shorten the expiration.
   */
  CompletionStage<Watch> watch(String accessToken, WatchSpec spec);

  /**
   * Moves a watch's expiration: Microsoft {@code PATCH /subscriptions/{id}}; Google cannot ({@code
   * UNSUPPORTED}: the caller opens a new channel, then stops the old).
   */
  CompletionStage<Watch> extend(String accessToken, Watch watch, Instant expiration);

  /** Stops a watch; one the provider no longer knows counts as stopped. */
  CompletionStage<Done> stop(String accessToken, Watch watch);

  /** One page of changes: a full listing of the window, or the changes since a cursor. */
  CompletionStage<ChangePage> changes(String accessToken, ChangeQuery query);

  /**
   * Creates the event with an id derived from {@code event.localEventId()} (Google: base32hex of
   * it; Microsoft: it as {@code transactionId}), so a retried insert never makes a second copy: a
   * duplicate answer fetches and returns the copy already there.
   */
  CompletionStage<RemoteEvent> insert(String accessToken, OutgoingEvent event);

  /** Changes an event this service created; {@code NOT_FOUND} if it is gone. */
  CompletionStage<RemoteEvent> update(String accessToken, String externalId, OutgoingEvent event);

  /** Deletes an event this service created; one already gone counts as deleted. */
  CompletionStage<Done> delete(String accessToken, String externalId);
}
