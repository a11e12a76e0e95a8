package dev.calendar.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Serves the OpenAPI document kept beside the code ({@code openapi.yaml}). */
public final class OpenApiRoute extends AllDirectives {
  private final byte[] document;

  public OpenApiRoute() {
    try (InputStream in = OpenApiRoute.class.getResourceAsStream("/openapi.yaml")) {
      if (in == null) {
        throw new IllegalStateException("openapi.yaml is missing from the classpath");
      }
      this.document = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Route route() {
    return path(
        "openapi.yaml",
        () ->
            get(
                () ->
                    complete(
                        HttpResponse.create()
                            .withEntity(
                                ContentTypes.create(
                                    MediaTypes.applicationWithFixedCharset(
                                        "yaml", HttpCharsets.UTF_8)),
                                document))));
  }
}
