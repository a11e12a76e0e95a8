package dev.calendar.api;

import java.util.UUID;

/** The authenticated user behind a request, and the bearer token they used. */
public record Caller(UUID userId, String token) {

  /**
   * The path's user id, which must be the caller's own: a 400 when it is not a UUID, a 403 (whether
   * or not that user exists) when it is someone else's.
   */
  public UUID ownId(String idText, String refusal) {
    UUID id = Ids.parse("id", idText);
    if (!id.equals(userId)) {
      throw Problem.forbidden(refusal);
    }
    return id;
  }
}
