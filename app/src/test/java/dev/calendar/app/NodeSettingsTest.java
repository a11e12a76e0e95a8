package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {

  @Test
  void thePublicBaseUrlDefaultsToTheLocalListener() {
    var config = ConfigFactory.load();
    var settings = NodeSettings.of(config);

    assertThat(settings.publicBaseUrl())
        .isEqualTo(
            System.getenv()
                .getOrDefault(
                    "PUBLIC_BASE_URL", "http://localhost:" + config.getInt("calendar.http.port")));
    if (System.getenv("PUBLIC_BASE_URL") == null && System.getenv("HTTP_PORT") == null) {
      assertThat(settings.publicBaseUrl()).isEqualTo("http://localhost:8080");
    }
  }

  @Test
  void thePublicBaseUrlIsAnHttpUrlKeptWithoutTrailingSlash() {
    assertThat(NodeSettings.publicBaseUrl("https://cal.example.com/"))
        .isEqualTo("https://cal.example.com");
    assertThat(NodeSettings.publicBaseUrl("https://example.com/calendar//"))
        .isEqualTo("https://example.com/calendar");
    assertThat(NodeSettings.publicBaseUrl("http://localhost:8080"))
        .isEqualTo("http://localhost:8080");
    for (String bad :
        new String[] {
          "cal.example.com", "ftp://cal.example.com", "https://", "https://x.com/?a=1", "http://a b"
        }) {
      assertThatThrownBy(() -> NodeSettings.publicBaseUrl(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("calendar.http.public-base-url");
    }
  }
}
