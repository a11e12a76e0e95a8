package dev.calendar.stream.sync;

/**
 * What the last 200 of a feed said to ask again with: its {@code ETag} and {@code Last-Modified}
 * header values as sent (either may be null). The next fetch sends them as {@code If-None-Match}
 * and {@code If-Modified-Since}, so an unchanged feed answers 304 without a body.
 */
public record Validators(String etag, String lastModified) {
  /** Nothing known yet: the fetch is unconditional. */
  public static final Validators NONE = new Validators(null, null);
}
