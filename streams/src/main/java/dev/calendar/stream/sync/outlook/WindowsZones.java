package dev.calendar.stream.sync.outlook;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The zone of a Graph {@code dateTimeTimeZone}: {@code UTC} (what Graph answers unless asked for
 * another), an IANA name, or one of the commonest Windows names. Graph answers in UTC here, so the
 * table is a courtesy for the odd answer, not the full CLDR mapping.
 */
final class WindowsZones {
  private static final Map<String, String> WINDOWS_TO_IANA =
      Map.ofEntries(
          Map.entry("Coordinated Universal Time", "UTC"),
          Map.entry("GMT Standard Time", "Europe/London"),
          Map.entry("Greenwich Standard Time", "Atlantic/Reykjavik"),
          Map.entry("W. Europe Standard Time", "Europe/Berlin"),
          Map.entry("Romance Standard Time", "Europe/Paris"),
          Map.entry("Central Europe Standard Time", "Europe/Budapest"),
          Map.entry("Central European Standard Time", "Europe/Warsaw"),
          Map.entry("FLE Standard Time", "Europe/Kiev"),
          Map.entry("GTB Standard Time", "Europe/Bucharest"),
          Map.entry("Russian Standard Time", "Europe/Moscow"),
          Map.entry("Eastern Standard Time", "America/New_York"),
          Map.entry("Central Standard Time", "America/Chicago"),
          Map.entry("Mountain Standard Time", "America/Denver"),
          Map.entry("Pacific Standard Time", "America/Los_Angeles"),
          Map.entry("India Standard Time", "Asia/Kolkata"),
          Map.entry("China Standard Time", "Asia/Shanghai"),
          Map.entry("Tokyo Standard Time", "Asia/Tokyo"),
          Map.entry("AUS Eastern Standard Time", "Australia/Sydney"));

  private WindowsZones() {}

  /** The zone {@code name} stands for; UTC when absent or unknown (what Graph answers us in). */
  static ZoneId zone(String name) {
    if (name == null || name.isBlank() || name.equalsIgnoreCase("UTC")) {
      return ZoneOffset.UTC;
    }
    String iana = WINDOWS_TO_IANA.getOrDefault(name, name);
    try {
      return ZoneId.of(iana);
    } catch (DateTimeException unknown) {
      return ZoneOffset.UTC;
    }
  }
}
