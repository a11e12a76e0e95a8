package dev.calendar.devservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ProviderSinkTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static HttpResponse<String> send(String method, String url, String body)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void acceptsSmsAndPushAndListsThem() throws Exception {
    try (ProviderSink sink = ProviderSink.withFreePort()) {
      assertThat(
              send("POST", sink.url() + "/sms", "{\"to\":\"+49\",\"text\":\"a \\\"b\\\"\"}")
                  .statusCode())
          .isEqualTo(202);
      assertThat(send("POST", sink.url() + "/push", "{\"tokens\":[\"t\"]}").statusCode())
          .isEqualTo(202);
      assertThat(send("POST", sink.url() + "/other", "{}").statusCode()).isEqualTo(404);

      var list = send("GET", sink.url() + "/messages", null);
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(list.body())
          .startsWith("[{\"path\":\"/sms\"")
          .contains(
              "\"body\":\"{\\\"to\\\":\\\"+49\\\",\\\"text\\\":\\\"a \\\\\\\"b\\\\\\\"\\\"}\"")
          .contains("\"path\":\"/push\"");
      assertThat(sink.messages())
          .extracting(ProviderSink.Received::path)
          .containsExactly("/sms", "/push");
    }
  }

  @Test
  void keepsOnlyTheLastThousand() {
    try (ProviderSink sink = ProviderSink.withFreePort()) {
      for (int i = 0; i < ProviderSink.KEPT + 5; i++) {
        send("POST", sink.url() + "/sms", "{\"n\":" + i + "}");
      }
      assertThat(sink.messages()).hasSize(ProviderSink.KEPT);
      assertThat(sink.messages().get(0).body()).isEqualTo("{\"n\":5}");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
