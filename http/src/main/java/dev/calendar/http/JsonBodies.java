package dev.calendar.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Request bodies: parsed here so a malformed one is a 400 that says where it broke. */
public final class JsonBodies {
  private JsonBodies() {}

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
