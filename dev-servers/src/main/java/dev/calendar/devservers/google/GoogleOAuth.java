package dev.calendar.devservers.google;

import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.HttpCall;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.OAuthEndpoints;
import dev.calendar.devservers.fakeapi.Routes;
import dev.calendar.devservers.fakeapi.TokenStore;
import java.util.Map;

/**
 * Google's consent screen (approving at once, for the account in {@code login_hint}) and token
 * endpoint: authorization code and refresh token grants; refreshing gives no new refresh token.
 */
final class GoogleOAuth extends OAuthEndpoints {
  static final String SCOPE = "https://www.googleapis.com/auth/calendar";

  GoogleOAuth(String clientId, String clientSecret, TokenStore tokens) {
    super(clientId, clientSecret, tokens);
  }

  void addRoutes(Routes routes) {
    routes.add("GET", "/o/oauth2/v2/auth", this::authorize);
    routes.add("GET", "/o/oauth2/auth", this::authorize);
    routes.add("POST", "/token", this::token);
  }

  @Override
  protected Answer missingRedirectUri() {
    return Answer.text(400, "Error 400: invalid_request. Missing required parameter: redirect_uri");
  }

  @Override
  protected Answer unknownClient(String clientId) {
    return Answer.text(401, "Error 401: invalid_client. The OAuth client was not found.");
  }

  private Answer token(HttpCall call) {
    Map<String, String> form = call.form();
    if (!clientMatches(form, call)) {
      return GoogleErrors.oauth(401, "invalid_client", "The OAuth client was not found.");
    }
    String grant = form.get("grant_type");
    if ("authorization_code".equals(grant)) {
      String account = tokens.redeemCode(form.get("code"), form.get("redirect_uri"));
      if (account == null) {
        return GoogleErrors.oauth(400, "invalid_grant", "Malformed auth code.");
      }
      return Answer.json(
          200,
          Json.object()
              .put("access_token", tokens.issueAccessToken(account))
              .put("expires_in", expiresIn())
              .put("refresh_token", tokens.issueRefreshToken(account))
              .put("scope", SCOPE)
              .put("token_type", "Bearer"));
    }
    if ("refresh_token".equals(grant)) {
      String account = tokens.accountOfRefreshToken(form.get("refresh_token"));
      if (account == null) {
        return GoogleErrors.oauth(400, "invalid_grant", "Token has been expired or revoked.");
      }
      return Answer.json(
          200,
          Json.object()
              .put("access_token", tokens.issueAccessToken(account))
              .put("expires_in", expiresIn())
              .put("scope", SCOPE)
              .put("token_type", "Bearer"));
    }
    return GoogleErrors.oauth(
        400, "unsupported_grant_type", "Invalid grant_type: " + (grant == null ? "" : grant));
  }
}
