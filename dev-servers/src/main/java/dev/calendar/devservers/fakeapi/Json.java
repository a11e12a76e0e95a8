package dev.calendar.devservers.fakeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/** One shared Jackson mapper and the few tree helpers both providers need. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Parses text that must be a JSON object; null when it is not. */
  public static ObjectNode parseObject(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node instanceof ObjectNode o ? o : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A text field, or null when absent or JSON null. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  /**
   * JSON merge patch (RFC 7386) of {@code patch} into {@code target}: objects merge key by key,
   * null removes, anything else replaces. Google's PATCH and Graph's PATCH both behave this way for
   * the fields used here.
   */
  public static void mergeInto(ObjectNode target, JsonNode patch) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      JsonNode value = f.getValue();
      JsonNode existing = target.get(f.getKey());
      if (value.isNull()) {
        target.remove(f.getKey());
      } else if (value.isObject() && existing instanceof ObjectNode existingObject) {
        mergeInto(existingObject, value);
      } else {
        target.set(f.getKey(), value.deepCopy());
      }
    }
  }
}
