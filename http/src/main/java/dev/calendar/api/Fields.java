package dev.calendar.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.calendar.wire.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads fields of a JSON object and collects every problem, so one 400 lists all bad fields at
 * once. Getters return null for a missing or invalid field; call {@link #throwIfInvalid()} before
 * using the values.
 */
public final class Fields {
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

  private final JsonNode node;
  private final String prefix;
  private final List<FieldError> errors;

  public Fields(JsonNode node) {
    this(node, "", new ArrayList<>());
  }

  private Fields(JsonNode node, String prefix, List<FieldError> errors) {
    this.node = node;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** A nested reader whose errors are named {@code prefix.field} and reported together. */
  public Fields nested(JsonNode child, String path) {
    return new Fields(child, path + ".", errors);
  }

  public void error(String field, String message) {
    errors.add(new FieldError(prefix + field, message));
  }

  /** The field's JSON as given, for shapes this reader has no method for. */
  public JsonNode raw(String field) {
    return node.get(field);
  }

  public boolean has(String field) {
    return node.has(field);
  }

  public boolean isNull(String field) {
    return node.has(field) && node.get(field).isNull();
  }

  public String requiredString(String field, int minLength, int maxLength) {
    if (!present(field)) {
      error(field, "is required");
      return null;
    }
    return string(field, minLength, maxLength);
  }

  /** The string, or null when the field is absent or null. */
  public String optionalString(String field, int minLength, int maxLength) {
    return present(field) ? string(field, minLength, maxLength) : null;
  }

  private String string(String field, int minLength, int maxLength) {
    JsonNode value = node.get(field);
    if (!value.isTextual()) {
      error(field, "must be a string");
      return null;
    }
    String text = value.asText();
    if (text.isBlank() && minLength > 0) {
      error(field, "must not be blank");
      return null;
    }
    if (text.length() < minLength) {
      error(field, "must be at least " + minLength + " characters");
      return null;
    }
    if (text.length() > maxLength) {
      error(field, "must be at most " + maxLength + " characters");
      return null;
    }
    return text;
  }

  public ZoneId optionalZone(String field) {
    String id = optionalString(field, 1, 64);
    if (id == null) {
      return null;
    }
    if (!ZONES.contains(id)) {
      error(field, "unknown time zone '" + id + "' (expected an IANA id such as Europe/Berlin)");
      return null;
    }
    return ZoneId.of(id);
  }

  /** An RFC 3339 instant with an offset or Z, in the years the API takes; null when absent. */
  public Instant optionalInstant(String field) {
    String text = optionalString(field, 1, 64);
    if (text == null) {
      return null;
    }
    try {
      return Instants.parse(field, text);
    } catch (Problem p) {
      p.errors().forEach(e -> error(field, e.message()));
      return null;
    }
  }

  public Instant requiredInstant(String field) {
    if (!present(field)) {
      error(field, "is required");
      return null;
    }
    return optionalInstant(field);
  }

  /** A UUID; null when absent or null. */
  public UUID optionalUuid(String field) {
    String text = optionalString(field, 1, 64);
    if (text == null) {
      return null;
    }
    try {
      return Ids.parse(field, text);
    } catch (Problem p) {
      error(field, "must be a UUID");
      return null;
    }
  }

  /** A positive ISO-8601 duration no longer than {@code max}. */
  public Duration duration(String field, Duration max) {
    String text = requiredString(field, 1, 40);
    if (text == null) {
      return null;
    }
    try {
      Duration d = Duration.parse(text);
      if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
        error(field, "must be a positive duration of at most " + max);
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      error(field, "must be an ISO-8601 duration such as PT10M");
      return null;
    }
  }

  /** The elements of an array field read one by one; null when absent or null. */
  public <T> List<T> optionalList(String field, int maxSize, Function<Element, T> reader) {
    if (!present(field)) {
      return null;
    }
    JsonNode value = node.get(field);
    if (!value.isArray()) {
      error(field, "must be an array");
      return null;
    }
    if (value.size() > maxSize) {
      error(field, "must have at most " + maxSize + " entries");
      return null;
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      out.add(reader.apply(new Element(value.get(i), prefix + field + "[" + i + "]")));
    }
    return out;
  }

  /** One element of an array, with its path for error messages. */
  public final class Element {
    private final JsonNode value;
    private final String path;

    Element(JsonNode value, String path) {
      this.value = value;
      this.path = path;
    }

    public Fields object() {
      if (!value.isObject()) {
        errors.add(new FieldError(path, "must be an object"));
        return new Fields(Json.MAPPER.createObjectNode(), path + ".", new ArrayList<>());
      }
      return new Fields(value, path + ".", errors);
    }

    public Instant instant() {
      try {
        return Instants.parse(path, value.isTextual() ? value.asText() : null);
      } catch (Problem p) {
        errors.addAll(p.errors());
        return null;
      }
    }

    public String string(int maxLength) {
      if (!value.isTextual() || value.asText().isEmpty()) {
        errors.add(new FieldError(path, "must be a non-empty string"));
        return null;
      }
      if (value.asText().length() > maxLength) {
        errors.add(new FieldError(path, "must be at most " + maxLength + " characters"));
        return null;
      }
      return value.asText();
    }
  }

  /** Whether no field this reader covers is bad (a nested reader: only the fields under it). */
  public boolean valid() {
    return errors.stream().noneMatch(e -> e.field().startsWith(prefix));
  }

  /** Whether {@code field} (with its elements and nested fields) was read without a problem. */
  public boolean valid(String field) {
    String name = prefix + field;
    return errors.stream()
        .map(FieldError::field)
        .noneMatch(e -> e.equals(name) || e.startsWith(name + "[") || e.startsWith(name + "."));
  }

  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
  }

  private boolean present(String field) {
    return node.has(field) && !node.get(field).isNull();
  }
}
