package dev.calendar.external;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.data.UnfoldingReader;

/**
 * An ICS text as ical4j's parser reads it, kept as plain text with the line of every component and
 * property. Its own handler, not ical4j's model: that model resolves each TZID through ical4j's own
 * registry while it parses, where we want IANA zones only (see {@link IcsZones}), and it keeps no
 * lines. Values are interpreted by {@link IcsValues}.
 */
final class IcsTree {
  private IcsTree() {}

  /** One property: name upper case, the first value of each parameter (unquoted), raw value. */
  record Property(String name, Map<String, String> params, String value, int line) {
    String param(String param) {
      return params.get(param);
    }
  }

  /** One component (a VCALENDAR at the top) with the line of its BEGIN. */
  record Component(String name, int line, List<Property> properties, List<Component> components) {
    Property first(String property) {
      for (Property p : properties) {
        if (p.name().equals(property)) {
          return p;
        }
      }
      return null;
    }

    List<Property> all(String property) {
      return properties.stream().filter(p -> p.name().equals(property)).toList();
    }

    String value(String property) {
      Property p = first(property);
      return p == null ? null : p.value();
    }
  }

  /**
   * The VCALENDARs of {@code text}.
   *
   * @throws IcsProblem for a line that is no content line, for what ical4j cannot parse (at the
   *     line it reports), and beyond {@code maxEvents} VEVENTs (at the first one too many)
   */
  static List<Component> read(String text, int maxEvents) {
    IcsLines lines = IcsLines.scan(text);
    Handler handler = new Handler(lines, maxEvents);
    try {
      new CalendarParserImpl().parse(new UnfoldingReader(new StringReader(lines.text())), handler);
    } catch (ParserException e) {
      if (e.getCause() instanceof IcsProblem problem) {
        throw problem; // the parser wraps what the handler throws
      }
      throw new IcsProblem(e.getLineNo(), "not a valid iCalendar file: " + e.getMessage());
    } catch (IOException e) {
      throw new IllegalStateException("reading a string failed", e);
    }
    if (handler.calendars.isEmpty()) {
      throw new IcsProblem(1, "not an iCalendar file: no BEGIN:VCALENDAR");
    }
    return handler.calendars;
  }

  /** Builds the components; its calls come in the order of the text's content lines. */
  private static final class Handler implements ContentHandler {
    private final IcsLines lines;
    private final int maxEvents;
    private final List<Component> calendars = new ArrayList<>();
    private final Deque<Component> open = new ArrayDeque<>();
    private int events;
    private String property;
    private int propertyLine;
    private Map<String, String> params;
    private String value;

    Handler(IcsLines lines, int maxEvents) {
      this.lines = lines;
      this.maxEvents = maxEvents;
    }

    @Override
    public void startCalendar() {
      open.push(component("VCALENDAR"));
    }

    @Override
    public void endCalendar() {
      lines.next("END");
      calendars.add(open.pop());
    }

    @Override
    public void startComponent(String name) {
      Component c = component(name);
      if (c.name().equals("VEVENT") && ++events > maxEvents) {
        throw new IcsProblem(c.line(), "more than " + maxEvents + " events (VEVENT)");
      }
      open.push(c);
    }

    private Component component(String name) {
      int line = lines.next("BEGIN");
      return new Component(upper(name), line, new ArrayList<>(), new ArrayList<>());
    }

    @Override
    public void endComponent(String name) {
      lines.next("END");
      Component done = open.pop();
      open.element().components().add(done);
    }

    @Override
    public void startProperty(String name) {
      property = upper(name);
      propertyLine = lines.next(property);
      params = new LinkedHashMap<>();
      value = "";
    }

    @Override
    public void parameter(String name, String value) {
      String v = value;
      if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
        v = v.substring(1, v.length() - 1);
      }
      params.putIfAbsent(upper(name), v);
    }

    @Override
    public void propertyValue(String value) {
      this.value = value;
    }

    @Override
    public void endProperty(String name) {
      open.element().properties().add(new Property(property, params, value, propertyLine));
    }

    private static String upper(String s) {
      return s.toUpperCase(Locale.ROOT);
    }
  }
}
