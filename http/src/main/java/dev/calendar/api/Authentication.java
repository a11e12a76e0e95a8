package dev.calendar.api;

import dev.calendar.store.session.Sessions;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** The {@code authenticated} directive: a valid bearer token, or 401 problem+json. */
public final class Authentication extends AllDirectives {
  private static final String BEARER = "bearer ";

  private final Sessions sessions;

  public Authentication(Sessions sessions) {
    this.sessions = sessions;
  }

  public Route authenticated(Function<Caller, Route> inner) {
    return optionalHeaderValueByName(
        "Authorization",
        header -> {
          Optional<String> token = header.flatMap(Authentication::bearerToken);
          if (token.isEmpty()) {
            return ProblemHandling.complete(
                Problem.unauthorized("a bearer token is required (Authorization: Bearer <token>)"));
          }
          return onSuccess(
              sessions.authenticate(token.get()),
              user ->
                  user.map(id -> inner.apply(new Caller(id, token.get())))
                      .orElseGet(
                          () ->
                              ProblemHandling.complete(
                                  Problem.unauthorized("the token is unknown or has expired"))));
        });
  }

  static Optional<String> bearerToken(String header) {
    if (header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    return Optional.of(header.substring(BEARER.length()).trim());
  }
}
