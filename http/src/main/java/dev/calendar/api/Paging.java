package dev.calendar.api;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code ?limit=}: how many entries a page of a list holds, checked the same way on every list. */
public final class Paging {
  public static final String LIMIT = "limit";
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;
  // Plain decimal digits only (no sign, point or exponent); at most four of them fit the range.
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,4}");
  private static final AllDirectives DIRECTIVES = new AllDirectives() {};

  private Paging() {}

  /** The page size asked for, else {@link #DEFAULT_LIMIT}; a 400 naming {@code limit} otherwise. */
  public static Route limit(Function<Integer, Route> inner) {
    return DIRECTIVES.parameterOptional(LIMIT, text -> inner.apply(limit(text)));
  }

  public static int limit(Optional<String> text) {
    if (text.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    String given = text.get();
    int limit = DIGITS.matcher(given).matches() ? Integer.parseInt(given) : 0;
    if (limit < 1 || limit > MAX_LIMIT) {
      throw Problem.invalid(LIMIT, "must be a whole number from 1 to " + MAX_LIMIT);
    }
    return limit;
  }
}
