package dev.calendar.devservers.fakeapi;

import java.util.Map;

/**
 * What a provider's OAuth endpoints share: the client they know, the token store, and an authorize
 * page that approves at once for the account in {@code login_hint}. Providers word the refusals.
 */
public abstract class OAuthEndpoints {
  public static final String DEFAULT_ACCOUNT = "dev@example.com";

  private final String clientId;
  private final String clientSecret;
  protected final TokenStore tokens;

  protected OAuthEndpoints(String clientId, String clientSecret, TokenStore tokens) {
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.tokens = tokens;
  }

  /** Back to {@code redirect_uri} with a code (and the state), or the provider's refusal. */
  protected final Answer authorize(HttpCall call) {
    String redirectUri = call.param("redirect_uri");
    if (redirectUri == null || redirectUri.isBlank()) {
      return missingRedirectUri();
    }
    if (!clientId.equals(call.param("client_id"))) {
      return unknownClient(call.param("client_id"));
    }
    String hint = call.param("login_hint");
    String account = hint == null || hint.isBlank() ? DEFAULT_ACCOUNT : hint;
    String code = tokens.issueCode(account, redirectUri);
    return Answer.redirect(Redirects.withCode(redirectUri, code, call.param("state")));
  }

  /** Whether a token request names this client (see {@link ClientCredentials}). */
  protected final boolean clientMatches(Map<String, String> form, HttpCall call) {
    return ClientCredentials.matches(form, call.header("Authorization"), clientId, clientSecret);
  }

  /** The seconds an access token lives, less one, as both providers answer. */
  protected final long expiresIn() {
    return Math.max(0, tokens.accessTokenTtl().toSeconds() - 1);
  }

  protected abstract Answer missingRedirectUri();

  protected abstract Answer unknownClient(String clientId);
}
