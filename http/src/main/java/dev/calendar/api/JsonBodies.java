package dev.calendar.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.calendar.wire.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.MediaType;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Request bodies, the one way any route reads one: sent as JSON, a single JSON object, every string
 * in it (field names too) free of NUL and unpaired surrogates. Anything else is a 415 or a 400 that
 * says where it broke.
 */
public final class JsonBodies {
  private static final AllDirectives DIRECTIVES = new AllDirectives() {};
  // One JSON value and nothing after it: "{...} xyz" and "{}{}" are malformed.
  private static final ObjectReader READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  // Enough to show what is wrong; a body full of bad strings is not listed string by string.
  static final int MAX_TEXT_ERRORS = 20;

  private JsonBodies() {}

  /**
   * The request body as a JSON object, handed to {@code inner}: 415 unless it is sent as JSON, 400
   * when it is not a clean JSON object.
   */
  public static Route route(Function<JsonNode, Route> inner) {
    return DIRECTIVES.extractRequestEntity(
        entity -> {
          ContentType type = entity.getContentType();
          if (!isJson(type.mediaType())) {
            return ProblemHandling.complete(
                Problem.of(
                    415,
                    "Unsupported media type",
                    "the body must be sent as Content-Type: application/json (or another"
                        + " +json type), not "
                        + type.mediaType().toString()));
          }
          return DIRECTIVES.entity(
              Unmarshaller.entityToString(), text -> inner.apply(object(text)));
        });
  }

  /**
   * application/json and any application/*+json. A request without a Content-Type header reaches
   * the routes as application/octet-stream (HTTP's meaning of "unlabelled"), so that is taken as
   * JSON too.
   */
  static boolean isJson(MediaType type) {
    if (type.equals(MediaTypes.APPLICATION_OCTET_STREAM)) {
      return true;
    }
    return type.mainType().equals("application")
        && (type.subType().equals("json") || type.subType().endsWith("+json"));
  }

  public static JsonNode object(String body) {
    if (body.isBlank()) {
      throw Problem.invalid("body", "a JSON object is required");
    }
    JsonNode node;
    try {
      node = READER.readTree(body);
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where =
          location == null
              ? ""
              : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw Problem.invalid("body", "malformed JSON" + where);
    }
    if (node == null || !node.isObject()) {
      throw Problem.invalid("body", "must be a JSON object");
    }
    List<FieldError> errors = new ArrayList<>();
    checkText(node, "", errors);
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    return node;
  }

  /** Every string and field name under {@code node}; errors named by path, as Fields names them. */
  private static void checkText(JsonNode node, String path, List<FieldError> errors) {
    if (errors.size() >= MAX_TEXT_ERRORS) {
      return;
    }
    if (node.isTextual()) {
      String flaw = Text.flaw(node.textValue());
      if (flaw != null) {
        errors.add(new FieldError(path, "must not contain " + flaw));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        checkText(node.get(i), path + "[" + i + "]", errors);
      }
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        String key = field.getKey();
        String flaw = Text.flaw(key);
        String child = (path.isEmpty() ? "" : path + ".") + Text.printable(key);
        if (flaw != null && errors.size() < MAX_TEXT_ERRORS) {
          errors.add(new FieldError(child, "the field name must not contain " + flaw));
        }
        checkText(field.getValue(), child, errors);
      }
    }
  }
}
