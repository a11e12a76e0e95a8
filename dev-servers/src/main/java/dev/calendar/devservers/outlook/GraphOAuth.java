package dev.calendar.devservers.outlook;

import dev.calendar.devservers.fakeapi.Answer;
import dev.calendar.devservers.fakeapi.HttpCall;
import dev.calendar.devservers.fakeapi.Json;
import dev.calendar.devservers.fakeapi.OAuthEndpoints;
import dev.calendar.devservers.fakeapi.Routes;
import dev.calendar.devservers.fakeapi.TokenStore;
import java.util.Map;

/**
 * Microsoft's authorize page (approving at once, for the account in {@code login_hint}) and token
 * endpoint. Unlike Google, every refresh answers a new refresh token; the old one keeps working
 * until the account is revoked.
 */
final class GraphOAuth extends OAuthEndpoints {
  static final String SCOPE = "Calendars.ReadWrite offline_access";

  GraphOAuth(String clientId, String clientSecret, TokenStore tokens) {
    super(clientId, clientSecret, tokens);
  }

  void addRoutes(Routes routes) {
    routes.add("GET", "/authorize", this::authorize);
    routes.add("POST", "/token", this::token);
  }

  @Override
  protected Answer missingRedirectUri() {
    return Answer.text(400, "AADSTS900144: The request body must contain: redirect_uri.");
  }

  @Override
  protected Answer unknownClient(String clientId) {
    return Answer.text(400, "AADSTS700016: Application '" + clientId + "' not found.");
  }

  private Answer token(HttpCall call) {
    Map<String, String> form = call.form();
    if (!clientMatches(form, call)) {
      return GraphErrors.oauth(401, "invalid_client", 7000215, "Invalid client secret provided.");
    }
    String grant = form.get("grant_type");
    String account;
    if ("authorization_code".equals(grant)) {
      account = tokens.redeemCode(form.get("code"), form.get("redirect_uri"));
    } else if ("refresh_token".equals(grant)) {
      account = tokens.accountOfRefreshToken(form.get("refresh_token"));
    } else {
      return GraphErrors.oauth(
          400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
    }
    if (account == null) {
      return GraphErrors.oauth(
          400,
          "invalid_grant",
          70008,
          "The provided authorization code or refresh token has expired due to inactivity or"
              + " was revoked.");
    }
    long expiresIn = expiresIn();
    return Answer.json(
        200,
        Json.object()
            .put("token_type", "Bearer")
            .put("scope", SCOPE)
            .put("expires_in", expiresIn)
            .put("ext_expires_in", expiresIn)
            .put("access_token", tokens.issueAccessToken(account))
            .put("refresh_token", tokens.issueRefreshToken(account)));
  }
}
