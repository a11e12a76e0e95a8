package dev.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FieldsTest {

  private static Fields fields(String json) {
    return new Fields(JsonBodies.object(json.replace('\'', '"')));
  }

  private static Problem problemOf(Fields f) {
    Problem p = catchThrowableOfType(Problem.class, f::throwIfInvalid);
    assertThat(p).as("throwIfInvalid throws").isNotNull();
    assertThat(p.status()).isEqualTo(400);
    assertThat(p.title()).isEqualTo("Invalid input");
    return p;
  }

  @Test
  void aValidReaderThrowsNothing() {
    var f = fields("{'name': 'Ann'}");
    assertThat(f.requiredString("name", 1, 10)).isEqualTo("Ann");
    assertThat(f.valid()).isTrue();
    f.throwIfInvalid();
  }

  @Test
  void requiredStringIsPresentNotNullAString() {
    var f = fields("{'b': null, 'c': 3, 'd': ['x'], 'e': 'ok'}");

    assertThat(f.requiredString("a", 1, 10)).isNull();
    assertThat(f.requiredString("b", 1, 10)).isNull();
    assertThat(f.requiredString("c", 1, 10)).isNull();
    assertThat(f.requiredString("d", 1, 10)).isNull();
    assertThat(f.requiredString("e", 1, 10)).isEqualTo("ok");

    assertThat(problemOf(f).errors())
        .containsExactly(
            new FieldError("a", "is required"),
            new FieldError("b", "is required"),
            new FieldError("c", "must be a string"),
            new FieldError("d", "must be a string"));
  }

  @Test
  void stringLengthLimits() {
    var f =
        fields("{'blank': '  ', 'short': 'ab', 'long': 'abcdef', 'edge': 'abcde', 'empty': ''}");

    assertThat(f.requiredString("blank", 1, 5)).isNull();
    assertThat(f.requiredString("short", 3, 5)).isNull();
    assertThat(f.requiredString("long", 1, 5)).isNull();
    assertThat(f.requiredString("edge", 5, 5)).isEqualTo("abcde");
    assertThat(f.optionalString("empty", 0, 5)).isEmpty();

    assertThat(problemOf(f).errors())
        .containsExactly(
            new FieldError("blank", "must not be blank"),
            new FieldError("short", "must be at least 3 characters"),
            new FieldError("long", "must be at most 5 characters"));
  }

  @Test
  void optionalStringIsNullWhenAbsentOrNull() {
    var f = fields("{'b': null}");
    assertThat(f.optionalString("a", 1, 5)).isNull();
    assertThat(f.optionalString("b", 1, 5)).isNull();
    assertThat(f.valid()).isTrue();
    assertThat(f.has("b")).isTrue();
    assertThat(f.isNull("b")).isTrue();
    assertThat(f.isNull("a")).isFalse();
  }

  @Test
  void instants() {
    var f =
        fields(
            "{'ok': '2027-03-01T10:00:00+01:00', 'local': '2027-03-01T09:00:00',"
                + " 'late': '2201-01-01T00:00:00Z', 'number': 5}");

    assertThat(f.requiredInstant("ok")).isEqualTo(Instant.parse("2027-03-01T09:00:00Z"));
    assertThat(f.optionalInstant("absent")).isNull();
    assertThat(f.requiredInstant("missing")).isNull();
    assertThat(f.optionalInstant("local")).isNull();
    assertThat(f.optionalInstant("late")).isNull();
    assertThat(f.optionalInstant("number")).isNull();

    assertThat(problemOf(f).errors())
        .containsExactly(
            new FieldError("missing", "is required"),
            new FieldError("local", Instants.NOT_AN_INSTANT),
            new FieldError("late", Instants.OUT_OF_RANGE),
            new FieldError("number", "must be a string"));
  }

  @Test
  void zones() {
    var f = fields("{'ok': 'Asia/Tokyo', 'bad': 'Asia/Atlantis', 'offset': '+01:00'}");

    assertThat(f.optionalZone("ok")).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(f.optionalZone("absent")).isNull();
    assertThat(f.optionalZone("bad")).isNull();
    assertThat(f.optionalZone("offset")).isNull();

    assertThat(problemOf(f).errors())
        .extracting(FieldError::field)
        .containsExactly("bad", "offset");
    assertThat(problemOf(f).errors().get(0).message())
        .isEqualTo("unknown time zone 'Asia/Atlantis' (expected an IANA id such as Europe/Berlin)");
  }

  @Test
  void uuids() {
    UUID id = UUID.randomUUID();
    var f = fields("{'ok': '" + id + "', 'bad': 'xyz', 'number': 1}");

    assertThat(f.optionalUuid("ok")).isEqualTo(id);
    assertThat(f.optionalUuid("absent")).isNull();
    assertThat(f.optionalUuid("bad")).isNull();
    assertThat(f.optionalUuid("number")).isNull();

    assertThat(problemOf(f).errors())
        .containsExactly(
            new FieldError("bad", "must be a UUID"), new FieldError("number", "must be a string"));
  }

  @Test
  void durations() {
    var f =
        fields(
            "{'ok': 'PT10M', 'zero': 'PT0S', 'negative': '-PT1M', 'long': 'PT2H', 'text': 'soon'}");
    Duration max = Duration.ofHours(1);

    assertThat(f.duration("ok", max)).isEqualTo(Duration.ofMinutes(10));
    assertThat(f.duration("zero", max)).isNull();
    assertThat(f.duration("negative", max)).isNull();
    assertThat(f.duration("long", max)).isNull();
    assertThat(f.duration("text", max)).isNull();
    assertThat(f.duration("missing", max)).isNull();

    assertThat(problemOf(f).errors())
        .containsExactly(
            new FieldError("zero", "must be a positive duration of at most PT1H"),
            new FieldError("negative", "must be a positive duration of at most PT1H"),
            new FieldError("long", "must be a positive duration of at most PT1H"),
            new FieldError("text", "must be an ISO-8601 duration such as PT10M"),
            new FieldError("missing", "is required"));
  }

  @Test
  void listsAreArraysWithAMaximumSize() {
    var f = fields("{'ok': ['a', 'b'], 'many': ['a', 'b', 'c'], 'text': 'a', 'nothing': null}");

    assertThat(f.optionalList("ok", 2, e -> e.string(5))).containsExactly("a", "b");
    assertThat(f.optionalList("many", 2, e -> e.string(5))).isNull();
    assertThat(f.optionalList("text", 2, e -> e.string(5))).isNull();
    assertThat(f.optionalList("nothing", 2, e -> e.string(5))).isNull();
    assertThat(f.optionalList("absent", 2, e -> e.string(5))).isNull();

    assertThat(problemOf(f).errors())
        .containsExactly(
            new FieldError("many", "must have at most 2 entries"),
            new FieldError("text", "must be an array"));
  }

  @Test
  void listElementsAreNamedByIndex() {
    var f =
        fields(
            "{'tags': ['ok', '', 'toolong', 3], 'times': ['2027-01-01T00:00:00Z', 'x'],"
                + " 'people': [{'name': 'Ann'}, {'name': ''}, 'Bob']}");

    List<String> tags = f.optionalList("tags", 10, e -> e.string(5));
    List<Instant> times = f.optionalList("times", 10, Fields.Element::instant);
    List<String> names =
        f.optionalList("people", 10, e -> e.object().requiredString("name", 1, 10));

    assertThat(tags).containsExactly("ok", null, null, null);
    assertThat(times).containsExactly(Instant.parse("2027-01-01T00:00:00Z"), null);
    assertThat(names).containsExactly("Ann", null, null);
    assertThat(problemOf(f).errors())
        .containsExactly(
            new FieldError("tags[1]", "must be a non-empty string"),
            new FieldError("tags[2]", "must be at most 5 characters"),
            new FieldError("tags[3]", "must be a non-empty string"),
            new FieldError("times[1]", Instants.NOT_AN_INSTANT),
            new FieldError("people[1].name", "must not be blank"),
            new FieldError("people[2]", "must be an object"));
  }

  @Test
  void nestedReadersReportWithTheirPath() {
    var body = JsonBodies.object("{\"address\": {\"city\": \"\"}, \"name\": 7}");
    var f = new Fields(body);
    var address = f.nested(f.raw("address"), "address");

    assertThat(address.requiredString("city", 1, 10)).isNull();
    assertThat(address.requiredString("zip", 1, 10)).isNull();
    assertThat(f.requiredString("name", 1, 10)).isNull();
    f.error("custom", "is wrong");

    assertThat(f.valid()).isFalse();
    assertThat(address.valid()).isFalse();
    Problem p = problemOf(f);
    assertThat(p.errors())
        .containsExactly(
            new FieldError("address.city", "must not be blank"),
            new FieldError("address.zip", "is required"),
            new FieldError("name", "must be a string"),
            new FieldError("custom", "is wrong"));
    assertThat(p.detail()).isEqualTo("4 fields are invalid");
  }

  @Test
  void oneBadFieldIsNamedInTheDetail() {
    var f = fields("{}");
    f.requiredString("title", 1, 10);
    assertThat(problemOf(f).detail()).isEqualTo("title: is required");
  }
}
