package dev.calendar.external;

import dev.calendar.external.IcsTree.Component;
import dev.calendar.external.IcsTree.Property;
import dev.calendar.schedule.InvalidRecurrence;
import dev.calendar.schedule.Occurrence;
import dev.calendar.schedule.Schedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The offsets a VTIMEZONE defines (RFC 5545 section 3.6.5): each STANDARD or DAYLIGHT observance
 * begins at its onsets (DTSTART, its RRULE's instances, its RDATEs), local times in its
 * TZOFFSETFROM, and from each onset on its TZOFFSETTO holds. Rules are expanded with {@link
 * Schedule} in a fixed zone of TZOFFSETFROM, which turns a local onset into exactly that instant;
 * each is checked with {@link Schedule#validate} first, so a file cannot make us expand a rule that
 * repeats every second.
 */
final class VTimeZoneRules {
  /** Rule onsets are looked for this far before a window; a yearly rule has some in it. */
  private static final Duration LOOKBACK = Duration.ofDays(3 * 366);

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  private record Onset(Instant at, ZoneOffset from, ZoneOffset to) {}

  private record Observance(
      Instant start, ZoneOffset from, ZoneOffset to, String rule, List<Instant> dates) {}

  /** The offset at the start of a window and every change of it inside the window. */
  record Offsets(ZoneOffset initial, List<Change> changes) {}

  record Change(Instant at, ZoneOffset offset) {}

  private final List<Observance> observances;
  private final int latestStartYear;

  private VTimeZoneRules(List<Observance> observances) {
    this.observances = observances;
    this.latestStartYear =
        observances.stream()
            .mapToInt(o -> o.start().atOffset(ZoneOffset.UTC).getYear())
            .max()
            .orElse(0);
  }

  /** The year of the latest observance's DTSTART: its rules hold at least from then on. */
  int latestStartYear() {
    return latestStartYear;
  }

  static VTimeZoneRules read(Component vtimezone) {
    List<Observance> observances = new ArrayList<>();
    for (Component c : vtimezone.components()) {
      if (c.name().equals("STANDARD") || c.name().equals("DAYLIGHT")) {
        observances.add(observance(c));
      }
    }
    if (observances.isEmpty()) {
      throw new IcsProblem(vtimezone.line(), "VTIMEZONE has no STANDARD or DAYLIGHT observance");
    }
    return new VTimeZoneRules(observances);
  }

  private static Observance observance(Component c) {
    ZoneOffset from = offset(c, "TZOFFSETFROM");
    ZoneOffset to = offset(c, "TZOFFSETTO");
    Instant start = local(required(c, "DTSTART")).toInstant(from);
    String rule = null;
    Property rrule = c.first("RRULE");
    if (rrule != null) {
      try {
        rule = Schedule.validate(rrule.value(), start, ONE_SECOND, from);
      } catch (InvalidRecurrence e) {
        throw new IcsProblem(rrule.line(), e.getMessage());
      }
    }
    List<Instant> dates = new ArrayList<>();
    for (Property rdate : c.all("RDATE")) {
      for (String v : rdate.value().split(",")) {
        int slash = v.indexOf('/'); // a PERIOD begins at its start
        String date = (slash < 0 ? v : v.substring(0, slash)).strip();
        Property one = new Property("RDATE", rdate.params(), date, rdate.line());
        dates.add(local(one).toInstant(from));
      }
    }
    return new Observance(start, from, to, rule, dates);
  }

  private static Property required(Component c, String name) {
    Property p = c.first(name);
    if (p == null) {
      throw new IcsProblem(c.line(), c.name() + " has no " + name);
    }
    return p;
  }

  private static ZoneOffset offset(Component c, String name) {
    Property p = required(c, name);
    try {
      return ZoneOffset.of(p.value().strip());
    } catch (DateTimeException e) {
      throw new IcsProblem(p.line(), name + " \"" + p.value() + "\" is not an offset like +0100");
    }
  }

  /** An observance's times are local (floating): a TZID or Z there would be meaningless. */
  private static LocalDateTime local(Property p) {
    IcsTime t = IcsValues.time(p, FLOATING);
    return t.local();
  }

  private static final IcsValues.Zones FLOATING =
      new IcsValues.Zones() {
        @Override
        public ZoneId user() {
          return ZoneOffset.UTC;
        }

        @Override
        public ZoneId zone(String tzid, int year, int line) {
          return ZoneOffset.UTC;
        }
      };

  /** The offsets in [from, to). */
  Offsets offsets(Instant from, Instant to) {
    List<Onset> onsets = new ArrayList<>();
    for (Observance o : observances) {
      if (o.start().isBefore(to)) {
        onsets.add(new Onset(o.start(), o.from(), o.to()));
      }
      for (Instant d : o.dates()) {
        if (d.isBefore(to)) {
          onsets.add(new Onset(d, o.from(), o.to()));
        }
      }
      if (o.rule() != null) {
        Schedule rule =
            new Schedule(
                o.start(), o.start().plus(ONE_SECOND), o.from(), o.rule(), List.of(), List.of());
        Instant look = from.minus(LOOKBACK);
        for (Occurrence s : rule.occurrences(look.isAfter(o.start()) ? look : o.start(), to)) {
          onsets.add(new Onset(s.start(), o.from(), o.to()));
        }
      }
    }
    onsets.sort(Comparator.comparing(Onset::at));
    ZoneOffset initial = null;
    for (Onset o : onsets) {
      if (!o.at().isAfter(from)) {
        initial = o.to();
      }
    }
    if (initial == null) {
      // before its first onset a zone has the offset that onset leaves
      initial =
          onsets.isEmpty()
              ? observances.stream()
                  .min(Comparator.comparing(Observance::start))
                  .orElseThrow()
                  .from()
              : onsets.get(0).from();
    }
    List<Change> changes = new ArrayList<>();
    ZoneOffset current = initial;
    for (Onset o : onsets) {
      if (o.at().isAfter(from) && !o.to().equals(current)) {
        changes.add(new Change(o.at(), o.to()));
        current = o.to();
      }
    }
    return new Offsets(initial, changes);
  }
}
