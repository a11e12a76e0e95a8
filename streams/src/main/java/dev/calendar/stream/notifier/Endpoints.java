package dev.calendar.stream.notifier;

import java.net.URI;

/** A provider's endpoint under its configured base URL, with or without a trailing slash. */
final class Endpoints {
  private Endpoints() {}

  static URI resolve(URI baseUrl, String path) {
    String base = baseUrl.toString();
    return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
  }
}
