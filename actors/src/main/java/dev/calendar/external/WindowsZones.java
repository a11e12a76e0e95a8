package dev.calendar.external;

import java.util.Map;

/**
 * The usual IANA zone (CLDR's windowsZones, territory 001) of the Windows zone names Outlook and
 * Exchange write most. Only a preference among the zones that agree with a file's VTIMEZONE (see
 * {@link ZoneMatch}), so that "W. Europe Standard Time" reads as Europe/Berlin rather than as the
 * first of its many equals; a name missing here is still matched by its offsets. Microsoft Graph
 * names zones the same way.
 */
public final class WindowsZones {
  private WindowsZones() {}

  private static final Map<String, String> USUAL =
      Map.ofEntries(
          Map.entry("W. Europe Standard Time", "Europe/Berlin"),
          Map.entry("Romance Standard Time", "Europe/Paris"),
          Map.entry("Central Europe Standard Time", "Europe/Budapest"),
          Map.entry("Central European Standard Time", "Europe/Warsaw"),
          Map.entry("GMT Standard Time", "Europe/London"),
          Map.entry("Greenwich Standard Time", "Atlantic/Reykjavik"),
          Map.entry("FLE Standard Time", "Europe/Kiev"),
          Map.entry("GTB Standard Time", "Europe/Bucharest"),
          Map.entry("E. Europe Standard Time", "Europe/Chisinau"),
          Map.entry("Russian Standard Time", "Europe/Moscow"),
          Map.entry("Turkey Standard Time", "Europe/Istanbul"),
          Map.entry("Israel Standard Time", "Asia/Jerusalem"),
          Map.entry("South Africa Standard Time", "Africa/Johannesburg"),
          Map.entry("Arabian Standard Time", "Asia/Dubai"),
          Map.entry("India Standard Time", "Asia/Kolkata"),
          Map.entry("China Standard Time", "Asia/Shanghai"),
          Map.entry("Singapore Standard Time", "Asia/Singapore"),
          Map.entry("Tokyo Standard Time", "Asia/Tokyo"),
          Map.entry("Korea Standard Time", "Asia/Seoul"),
          Map.entry("AUS Eastern Standard Time", "Australia/Sydney"),
          Map.entry("E. Australia Standard Time", "Australia/Brisbane"),
          Map.entry("New Zealand Standard Time", "Pacific/Auckland"),
          Map.entry("Eastern Standard Time", "America/New_York"),
          Map.entry("Central Standard Time", "America/Chicago"),
          Map.entry("Mountain Standard Time", "America/Denver"),
          Map.entry("US Mountain Standard Time", "America/Phoenix"),
          Map.entry("Pacific Standard Time", "America/Los_Angeles"),
          Map.entry("Alaskan Standard Time", "America/Anchorage"),
          Map.entry("Hawaiian Standard Time", "Pacific/Honolulu"),
          Map.entry("Atlantic Standard Time", "America/Halifax"),
          Map.entry("SA Pacific Standard Time", "America/Bogota"),
          Map.entry("E. South America Standard Time", "America/Sao_Paulo"));

  /** The usual IANA zone id for a Windows zone name, or null. */
  public static String usual(String windowsName) {
    return USUAL.get(windowsName.strip());
  }
}
