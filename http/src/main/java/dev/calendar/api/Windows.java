package dev.calendar.api;

import dev.calendar.schedule.Interval;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Time windows given as query parameters, checked the same way on every route. */
public final class Windows {
  private static final AllDirectives DIRECTIVES = new AllDirectives() {};

  private Windows() {}

  /** {@code ?start=&end=} as an interval of at most {@code max}; 400s name the bad parameter. */
  public static Route window(Duration max, Function<Interval, Route> inner) {
    var d = DIRECTIVES;
    return d.parameterOptional(
        "start",
        startText ->
            d.parameterOptional(
                "end",
                endText -> {
                  Instant start = Instants.parse("start", startText.orElse(null));
                  Instant end = Instants.parse("end", endText.orElse(null));
                  if (!end.isAfter(start)) {
                    throw Problem.invalid("end", "must be after start");
                  }
                  if (Duration.between(start, end).compareTo(max) > 0) {
                    throw Problem.invalid(
                        "end", "the window can be at most " + max.toDays() + " days");
                  }
                  return inner.apply(new Interval(start, end));
                }));
  }
}
