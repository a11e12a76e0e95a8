package dev.calendar.devservers.fakeapi;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * OAuth authorization codes, access tokens and refresh tokens, by account email. Codes are
 * single-use and live 10 minutes; access tokens live {@link #setAccessTokenTtl}; revoking an
 * account kills every token issued to it so far.
 */
public final class TokenStore {
  static final Duration CODE_TTL = Duration.ofMinutes(10);

  private record Code(String account, String redirectUri, Instant expires) {}

  private record Token(String account, Instant expires) {}

  private final String prefix;
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, Token> access = new HashMap<>();
  private final Map<String, Token> refresh = new HashMap<>();
  private Duration accessTtl = Duration.ofHours(1);

  /** {@code prefix} makes the tokens look like the provider's ({@code ya29.}, {@code EwB}). */
  public TokenStore(String prefix) {
    this.prefix = prefix;
  }

  public synchronized void setAccessTokenTtl(Duration ttl) {
    this.accessTtl = ttl;
  }

  public synchronized Duration accessTokenTtl() {
    return accessTtl;
  }

  public synchronized String issueCode(String account, String redirectUri) {
    String code = "4/" + Ids.base64url(24);
    codes.put(code, new Code(account, redirectUri, Instant.now().plus(CODE_TTL)));
    return code;
  }

  /**
   * The account a code was issued for, using the code up; null when unknown, used, expired, or made
   * for another redirect URI.
   */
  public synchronized String redeemCode(String code, String redirectUri) {
    Code c = code == null ? null : codes.remove(code);
    if (c == null || Instant.now().isAfter(c.expires())) {
      return null;
    }
    if (c.redirectUri() != null && !c.redirectUri().equals(redirectUri)) {
      return null;
    }
    return c.account();
  }

  public synchronized String issueAccessToken(String account) {
    String token = prefix + Ids.base64url(32);
    access.put(token, new Token(account, Instant.now().plus(accessTtl)));
    return token;
  }

  public synchronized String issueRefreshToken(String account) {
    String token = "1//" + Ids.base64url(32);
    refresh.put(token, new Token(account, Instant.MAX));
    return token;
  }

  /** The account of a live access token, or null. */
  public synchronized String accountOfAccessToken(String token) {
    Token t = token == null ? null : access.get(token);
    return t == null || Instant.now().isAfter(t.expires()) ? null : t.account();
  }

  /** The account of a live refresh token, or null. */
  public synchronized String accountOfRefreshToken(String token) {
    Token t = token == null ? null : refresh.get(token);
    return t == null ? null : t.account();
  }

  /** Every access and refresh token of the account stops working. */
  public synchronized void revoke(String account) {
    access.values().removeIf(t -> t.account().equals(account));
    refresh.values().removeIf(t -> t.account().equals(account));
  }

  public synchronized void clear() {
    codes.clear();
    access.clear();
    refresh.clear();
  }

  /** The account behind {@code Authorization: Bearer ...}, or null. */
  public String accountOfBearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return accountOfAccessToken(authorization.substring(7).strip());
  }
}
