package dev.calendar.stream.sync.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading and writing the providers' JSON as trees: both APIs answer more than we keep. */
public final class ProviderJson {
  public static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private ProviderJson() {}

  /** The parsed body; {@link MissingNode} when it is empty or not JSON. */
  public static JsonNode parseOrMissing(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  /** A field's text, or null when it is absent, null or not a scalar. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Puts {@code value} unless it is null: absent fields are left to the provider's default. */
  public static ObjectNode putIfPresent(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
    return node;
  }
}
