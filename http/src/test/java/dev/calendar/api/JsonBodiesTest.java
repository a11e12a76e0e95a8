package dev.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

  private static List<FieldError> errorsOf(String body) {
    try {
      JsonBodies.object(body);
    } catch (Problem p) {
      assertThat(p.status()).isEqualTo(400);
      return p.errors();
    }
    throw new AssertionError("accepted: " + body);
  }

  private static List<String> fieldsOf(String body) {
    return errorsOf(body).stream().map(FieldError::field).toList();
  }

  @Test
  void refusesUnpairedSurrogatesAndNulInEveryStringByPath() {
    assertThat(fieldsOf("{\"title\":\"\\udc00\\ud800\"}")).containsExactly("title");
    assertThat(fieldsOf("{\"title\":\"x\\ud800\"}")).containsExactly("title");
    assertThat(fieldsOf("{\"title\":\"\\udc00x\"}")).containsExactly("title");
    assertThat(fieldsOf("{\"email\":\"a\\u0000@example.com\"}")).containsExactly("email");
    assertThat(
            fieldsOf("{\"participants\":[{\"email\":\"a@example.com\"},{\"email\":\"b\\ud800\"}]}"))
        .containsExactly("participants[1].email");
    assertThat(fieldsOf("{\"a\":{\"b\":[[\"ok\",\"\\u0000\"]]},\"c\":\"\\udfff\"}"))
        .containsExactly("a.b[0][1]", "c");
  }

  @Test
  void namesTheFieldWhoseNameIsBrokenWithoutEchoingTheBrokenText() {
    var errors = errorsOf("{\"weekly\":{\"MO\\u0000\":[]},\"\\ud800\":1}");
    assertThat(errors).extracting(FieldError::field).containsExactly("weekly.MO\ufffd", "\ufffd");
    assertThat(errors.get(0).message()).contains("field name").contains("U+0000");
    assertThat(errors.get(1).message()).contains("surrogate");
  }

  @Test
  void takesPairedSurrogatesAndOtherUnicode() {
    var node = JsonBodies.object("{\"title\":\"\\ud83d\\ude00 caf\u00e9 \ud83d\ude00\"}");
    assertThat(node.get("title").asText()).isEqualTo("\ud83d\ude00 caf\u00e9 \ud83d\ude00");
  }

  @Test
  void listsAtMostALimitedNumberOfBadStrings() {
    StringBuilder body = new StringBuilder("{\"list\":[");
    for (int i = 0; i < 1000; i++) {
      body.append(i == 0 ? "" : ",").append("\"\\u0000\"");
    }
    assertThat(errorsOf(body.append("]}").toString())).hasSize(JsonBodies.MAX_TEXT_ERRORS);
  }

  @Test
  void refusesAnythingAfterTheObject() {
    assertThat(fieldsOf("{\"title\":\"x\"} xyz")).containsExactly("body");
    assertThat(fieldsOf("{}{}")).containsExactly("body");
    assertThat(fieldsOf("{} []")).containsExactly("body");
    assertThat(JsonBodies.object("  {\"title\":\"x\"}  \n").get("title").asText()).isEqualTo("x");
  }

  @Test
  void jsonIsApplicationJsonAnyPlusJsonOrUnlabelled() {
    assertThat(JsonBodies.isJson(MediaTypes.APPLICATION_JSON)).isTrue();
    assertThat(JsonBodies.isJson(MediaTypes.applicationWithOpenCharset("merge-patch+json")))
        .isTrue();
    assertThat(JsonBodies.isJson(MediaTypes.APPLICATION_OCTET_STREAM)).isTrue();
    assertThat(JsonBodies.isJson(MediaTypes.TEXT_PLAIN)).isFalse();
    assertThat(JsonBodies.isJson(MediaTypes.APPLICATION_X_WWW_FORM_URLENCODED)).isFalse();
    assertThat(JsonBodies.isJson(MediaTypes.APPLICATION_XML)).isFalse();
    assertThat(JsonBodies.isJson(MediaTypes.TEXT_HTML)).isFalse();
  }

  @Test
  void stillRefusesWhatItRefusedBefore() {
    assertThatThrownBy(() -> JsonBodies.object("[1]")).isInstanceOf(Problem.class);
    assertThatThrownBy(() -> JsonBodies.object(" ")).isInstanceOf(Problem.class);
    assertThatThrownBy(() -> JsonBodies.object("{\"a\":")).isInstanceOf(Problem.class);
  }
}
