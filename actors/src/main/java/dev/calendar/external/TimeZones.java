package dev.calendar.external;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.fortuna.ical4j.model.DateList;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RDate;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzName;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;

/**
 * A compact VTIMEZONE from the JDK's own zone rules, the ones that turned local times into the
 * instants we store, so clients compute the same offsets. It starts with the observance in effect
 * at {@code from} and ends with the zone's ongoing yearly rules as RRULEs (what Outlook needs to
 * map a zone); ical4j's bundled definitions would carry a century of history instead. Used by the
 * invitations and the user's feed alike.
 */
public final class TimeZones {

  /** Yearly transitions a rule cannot express as an RRULE are listed this many years ahead. */
  private static final int RDATE_YEARS = 30;

  private static final DateTimeFormatter ABBREVIATION =
      DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

  private TimeZones() {}

  /** The VTIMEZONE of {@code zone} from the observance in effect at {@code from} onwards. */
  public static VTimeZone vtimezone(ZoneId zone, Instant from) {
    ZoneRules rules = zone.getRules();
    VTimeZone vtz = new VTimeZone();
    vtz.add(new TzId(zone.getId()));
    if (rules.isFixedOffset()) {
      ZoneOffset offset = rules.getOffset(from);
      Observance standard = new Standard();
      standard.add(new DtStart<>(LocalDateTime.of(1970, 1, 1, 0, 0)));
      standard.add(new TzOffsetFrom(offset));
      standard.add(new TzOffsetTo(offset));
      vtz.add(standard);
      return vtz;
    }
    List<ZoneOffsetTransition> explicit = rules.getTransitions();
    ZoneOffsetTransition lastExplicit =
        explicit.isEmpty() ? null : explicit.get(explicit.size() - 1);
    // The explicit transitions from the one in effect at `from` (or the first) onwards.
    for (ZoneOffsetTransition t : explicit) {
      ZoneOffsetTransition next = rules.nextTransition(t.getInstant());
      boolean supersededBeforeFrom =
          next != null && !next.getInstant().isAfter(from) && t != lastExplicit;
      if (!supersededBeforeFrom) {
        Observance o = observance(zone, t);
        o.add(new DtStart<>(t.getDateTimeBefore()));
        vtz.add(o);
      }
    }
    int firstRuleYear =
        lastExplicit == null
            ? from.atZone(zone).getYear() - 1
            : lastExplicit.getDateTimeAfter().getYear();
    for (ZoneOffsetTransitionRule rule : rules.getTransitionRules()) {
      int year = firstRuleYear;
      if (lastExplicit != null
          && !rule.createTransition(year).getInstant().isAfter(lastExplicit.getInstant())) {
        year++;
      }
      ZoneOffsetTransition first = rule.createTransition(year);
      Observance o = observance(zone, first);
      o.add(new DtStart<>(first.getDateTimeBefore()));
      String rrule = yearlyRule(rule, year);
      if (rrule != null) {
        o.add(new RRule<>(rrule));
      } else {
        List<LocalDateTime> dates = new ArrayList<>();
        int until = Math.max(year, from.atZone(zone).getYear()) + RDATE_YEARS;
        for (int y = year + 1; y <= until; y++) {
          dates.add(rule.createTransition(y).getDateTimeBefore());
        }
        o.add(new RDate<>(new DateList<>(dates)));
      }
      vtz.add(o);
    }
    return vtz;
  }

  private static Observance observance(ZoneId zone, ZoneOffsetTransition t) {
    ZoneRules rules = zone.getRules();
    boolean daylight = !rules.getStandardOffset(t.getInstant()).equals(t.getOffsetAfter());
    Observance o = daylight ? new Daylight() : new Standard();
    o.add(new TzName(ABBREVIATION.format(t.getInstant().atZone(zone))));
    o.add(new TzOffsetFrom(t.getOffsetBefore()));
    o.add(new TzOffsetTo(t.getOffsetAfter()));
    return o;
  }

  /**
   * The RRULE that repeats {@code rule}, or null when there is none this simple: checked against
   * the JDK for a few years, since a rule's time definition can move the local date.
   */
  private static String yearlyRule(ZoneOffsetTransitionRule rule, int firstYear) {
    String byDay = byDay(rule);
    if (byDay == null) {
      return null;
    }
    LocalDateTime first = rule.createTransition(firstYear).getDateTimeBefore();
    try {
      for (int y = firstYear; y < firstYear + 8; y++) {
        LocalDateTime before = rule.createTransition(y).getDateTimeBefore();
        if (!before.toLocalDate().equals(nominalDate(rule, y))
            || !before.toLocalTime().equals(first.toLocalTime())) {
          return null;
        }
      }
    } catch (DateTimeException e) {
      return null; // a day of month that some years lack (February 29)
    }
    return "FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue() + ";" + byDay;
  }

  private static String byDay(ZoneOffsetTransitionRule rule) {
    int dom = rule.getDayOfMonthIndicator();
    DayOfWeek dow = rule.getDayOfWeek();
    if (dow == null) {
      return "BYMONTHDAY=" + dom;
    }
    String day = dow.name().substring(0, 2);
    if (dom == -1) {
      return "BYDAY=-1" + day;
    }
    if (dom > 0 && (dom - 1) % 7 == 0 && dom <= 22) {
      return "BYDAY=" + ((dom - 1) / 7 + 1) + day;
    }
    int length = rule.getMonth().minLength();
    if (length == rule.getMonth().maxLength() && dom == length - 6) {
      return "BYDAY=-1" + day; // "on or after the 25th" of a 31-day month is its last one
    }
    List<String> days = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      int d = dom > 0 ? dom + i : dom - i;
      if (Math.abs(d) > 28) {
        return null; // would need days some months lack
      }
      days.add(Integer.toString(d));
    }
    return "BYDAY=" + day + ";BYMONTHDAY=" + String.join(",", days);
  }

  /** The local date {@code rule} names in {@code year}, before any time-definition shift. */
  private static LocalDate nominalDate(ZoneOffsetTransitionRule rule, int year) {
    int dom = rule.getDayOfMonthIndicator();
    LocalDate date =
        dom > 0
            ? LocalDate.of(year, rule.getMonth(), dom)
            : LocalDate.of(year, rule.getMonth(), 1)
                .with(TemporalAdjusters.lastDayOfMonth())
                .plusDays(dom + 1L);
    DayOfWeek dow = rule.getDayOfWeek();
    if (dow == null) {
      return date;
    }
    return date.with(
        dom > 0 ? TemporalAdjusters.nextOrSame(dow) : TemporalAdjusters.previousOrSame(dow));
  }
}
