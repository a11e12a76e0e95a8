package dev.calendar.connection;

import dev.calendar.webhook.UrlPolicy;
import java.net.URI;
import java.util.Locale;

/** The URL a subscription names, as the URL to fetch. */
public final class FeedUrl {
  private FeedUrl() {}

  /**
   * {@code webcal://} and {@code webcals://} become {@code https://} (calendar apps hand these out;
   * they mean "this is a feed"), {@code http(s)://} stay; anything else, a URL without a host or
   * one with credentials is refused. Addresses are checked when connecting, not here.
   *
   * @throws IllegalArgumentException why the URL is refused, naming a refused scheme
   */
  public static URI toFetch(String url) {
    String text = url == null ? "" : url.strip();
    int colon = text.indexOf(':');
    String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
    String mapped =
        switch (scheme) {
          case "http", "https" -> text;
          case "webcal", "webcals" -> "https" + text.substring(colon);
          case "" -> throw new IllegalArgumentException("feed URL must be an absolute URL");
          default ->
              throw new IllegalArgumentException(
                  "feed URL scheme \""
                      + scheme
                      + "\" is not supported (http, https, webcal or webcals only)");
        };
    UrlPolicy.Parsed parsed = UrlPolicy.parse(mapped);
    if (parsed.uri() == null) {
      throw new IllegalArgumentException("feed URL " + parsed.problem());
    }
    return parsed.uri();
  }
}
