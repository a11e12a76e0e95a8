package dev.calendar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * Request bodies, the one way any route reads one: a single JSON object whose every string (field
 * names too) is free of NUL and unpaired surrogates. Anything else is a 400 that says where it
 * broke.
 */
public final class JsonBodies {
  private static final AllDirectives DIRECTIVES = new AllDirectives() {};
  // Enough to show what is wrong; a body full of bad strings is not listed string by string.
  static final int MAX_TEXT_ERRORS = 20;

  private JsonBodies() {}

  /** The request body as a JSON object, handed to {@code inner}; malformed bodies are 400s. */
  public static Route route(Function<JsonNode, Route> inner) {
    return DIRECTIVES.entity(Unmarshaller.entityToString(), text -> inner.apply(object(text)));
  }

  public static JsonNode object(String body) {
    if (body.isBlank()) {
      throw Problem.invalid("body", "a JSON object is required");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
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
