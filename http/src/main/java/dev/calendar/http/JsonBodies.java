package dev.calendar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** Request bodies: parsed here so a malformed one is a 400 that says where it broke. */
public final class JsonBodies {
  private static final AllDirectives DIRECTIVES = new AllDirectives() {};

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
    return node;
  }
}
