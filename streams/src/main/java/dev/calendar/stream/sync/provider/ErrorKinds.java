package dev.calendar.stream.sync.provider;

import dev.calendar.stream.sync.provider.ProviderException.Kind;

/**
 * Sorts a provider's error answer into a {@link Kind}. Each provider adds its own reasons and codes
 * in front of {@link #BY_STATUS}, which knows only what every HTTP API means by a status.
 */
@FunctionalInterface
public interface ErrorKinds {

  Kind kindOf(ProviderError error);

  /** 401 refused token, 429 too many, 404 missing, 5xx down; any other is a plain refusal. */
  ErrorKinds BY_STATUS =
      error -> {
        int status = error.status();
        if (status == 401) {
          return Kind.UNAUTHORIZED;
        }
        if (status == 429) {
          return Kind.RATE_LIMITED;
        }
        if (status == 404) {
          return Kind.NOT_FOUND;
        }
        if (status >= 500) {
          return Kind.UNAVAILABLE;
        }
        return Kind.REJECTED;
      };

  /**
   * An OAuth token endpoint's answers (RFC 6749 section 5.2): a bad, used or revoked grant means
   * connecting again; a refused client (401 invalid_client) is our configuration, not the user's
   * token, so it is a refusal and not {@code UNAUTHORIZED}.
   */
  ErrorKinds TOKEN_ENDPOINT =
      error -> {
        String code = error.code() == null ? "" : error.code();
        switch (code) {
          case "invalid_grant":
          // Microsoft: the user must sign in again (consent withdrawn, MFA now required).
          case "interaction_required":
          case "consent_required":
            return Kind.INVALID_GRANT;
          case "temporarily_unavailable":
            return Kind.UNAVAILABLE;
          default:
            if (error.status() == 429) {
              return Kind.RATE_LIMITED;
            }
            return error.status() >= 500 ? Kind.UNAVAILABLE : Kind.REJECTED;
        }
      };
}
