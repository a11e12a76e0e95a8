package dev.calendar.api.external;

import dev.calendar.api.Authentication;
import dev.calendar.api.Caller;
import dev.calendar.api.Problem;
import dev.calendar.api.ProblemHandling;
import dev.calendar.api.Replies;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.MediaType;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * {@code POST /users/{id}/calendar/import?source=NAME}: an ICS file as the busy time of the import
 * source NAME (default {@code default}); importing the same source again replaces it by UID.
 */
public final class ImportRoutes extends AllDirectives {
  static final String DEFAULT_SOURCE = "default";
  static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9-]{1,64}");
  // text/calendar as sent; text/plain and unlabelled bodies are taken too (curl --data-binary
  // sends a form type unless told: that one is refused, so the mistake is seen).
  private static final Set<String> TYPES =
      Set.of("text/calendar", "text/plain", "application/octet-stream");

  private final ExternalBusyService external;
  private final Authentication auth;

  public ImportRoutes(ExternalBusyService external, Authentication auth) {
    this.external = external;
    this.auth = auth;
  }

  public Route route() {
    return path(
        PathMatchers.segment("users")
            .slash(PathMatchers.segment())
            .slash("calendar")
            .slash("import"),
        idText -> post(() -> auth.authenticated(caller -> importIcs(caller, idText))));
  }

  private Route importIcs(Caller caller, String idText) {
    UUID userId = caller.ownId(idText, "you can only import into your own calendar");
    return parameterOptional(
        "source",
        sourceText -> {
          String source = sourceText.orElse(DEFAULT_SOURCE);
          if (!SOURCE_NAME.matcher(source).matches()) {
            throw Problem.invalid("source", "must be 1 to 64 of a-z, 0-9 and -");
          }
          return extractRequestEntity(
              entity -> {
                MediaType type = entity.getContentType().mediaType();
                if (!TYPES.contains(type.mainType() + "/" + type.subType())) {
                  return ProblemHandling.complete(
                      Problem.of(
                          415,
                          "Unsupported media type",
                          "the body must be sent as Content-Type: text/calendar, not " + type));
                }
                return entity(
                    Unmarshaller.entityToString(),
                    text ->
                        onSuccess(
                            external.importIcs(userId, source, text),
                            done -> complete(Replies.toHttp(Replies.json(200, done)))));
              });
        });
  }
}
