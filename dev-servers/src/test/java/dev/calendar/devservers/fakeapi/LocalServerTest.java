package dev.calendar.devservers.fakeapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A local provider started on a free port before each test, with a client for it, and closed after.
 */
public abstract class LocalServerTest<S extends AutoCloseable> {
  private final Supplier<S> start;
  private final Function<S, String> url;

  protected S server;
  protected TestHttp http;

  protected LocalServerTest(Supplier<S> start, Function<S, String> url) {
    this.start = start;
    this.url = url;
  }

  @BeforeEach
  public void startServer() {
    server = start.get();
    http = new TestHttp(url.apply(server));
  }

  @AfterEach
  public void stopServer() throws Exception {
    server.close();
  }

  /**
   * Opens the authorize page at {@code path}, which must redirect at once with {@code state};
   * answers the code in the redirect.
   */
  protected String authorizeCode(String path, String state) {
    TestHttp.Reply auth = http.get(path, null);
    assertThat(auth.status()).isEqualTo(302);
    String query = URI.create(auth.header("Location")).getRawQuery();
    assertThat(query).contains("state=" + state);
    return URLDecoder.decode(query.split("code=")[1].split("&")[0], StandardCharsets.UTF_8);
  }
}
