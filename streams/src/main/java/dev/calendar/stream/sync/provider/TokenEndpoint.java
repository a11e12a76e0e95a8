package dev.calendar.stream.sync.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.stream.sync.provider.ProviderException.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * An OAuth 2.0 token endpoint (RFC 6749): authorization codes and refresh tokens exchanged for
 * access tokens, with our client id and secret in the form (both Google and Microsoft take them
 * there).
 */
public final class TokenEndpoint {
  private final ProviderHttp http;
  private final ProviderSettings settings;
  private final String provider;
  private final Clock clock;
  private final Map<String, String> extraFields;

  /**
   * {@code extraFields}: sent with every request, in order, after the standard ones (Microsoft's
   * {@code scope}).
   */
  public TokenEndpoint(
      ProviderHttp http,
      ProviderSettings settings,
      String provider,
      Clock clock,
      Map<String, String> extraFields) {
    this.http = http;
    this.settings = settings;
    this.provider = provider;
    this.clock = clock;
    this.extraFields = new LinkedHashMap<>(extraFields);
  }

  /** {@code grant_type=authorization_code}: tokens for a code from the consent redirect. */
  public CompletionStage<Tokens> exchangeCode(String code, String redirectUri) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("code", code);
    form.put("client_id", settings.clientId());
    form.put("client_secret", settings.clientSecret());
    form.put("redirect_uri", redirectUri);
    form.put("grant_type", "authorization_code");
    return request(form, null);
  }

  /**
   * {@code grant_type=refresh_token}. An answer without a refresh token (Google's) keeps the one we
   * have; one with (Microsoft's) replaces it.
   */
  public CompletionStage<Tokens> refresh(Tokens tokens) {
    if (tokens.refreshToken() == null || tokens.refreshToken().isBlank()) {
      return Stages.failed(
          new ProviderException(Kind.INVALID_GRANT, 0, provider + ": no refresh token to use"));
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("refresh_token", tokens.refreshToken());
    form.put("client_id", settings.clientId());
    form.put("client_secret", settings.clientSecret());
    form.put("grant_type", "refresh_token");
    return request(form, tokens.refreshToken());
  }

  private CompletionStage<Tokens> request(Map<String, String> form, String currentRefreshToken) {
    extraFields.forEach(form::putIfAbsent);
    Instant asked = clock.instant();
    return http.postForm(settings.tokenUrl(), form, ErrorKinds.TOKEN_ENDPOINT)
        .thenApply(answer -> tokens(answer, asked, currentRefreshToken));
  }

  private Tokens tokens(JsonNode answer, Instant asked, String currentRefreshToken) {
    String access = ProviderJson.text(answer, "access_token");
    if (access == null) {
      throw new ProviderException(
          Kind.REJECTED, 200, provider + " token endpoint answered without an access_token");
    }
    // Counted from when we asked: the token cannot live longer than that, only shorter.
    long expiresIn = answer.path("expires_in").asLong(3600);
    String refresh = ProviderJson.text(answer, "refresh_token");
    return new Tokens(
        access, asked.plusSeconds(expiresIn), refresh != null ? refresh : currentRefreshToken);
  }
}
