package dev.calendar.app;

import java.util.Map;

/** Typed reads of the process environment with defaults. */
record Env(Map<String, String> vars) {
  static Env system() {
    return new Env(System.getenv());
  }

  String string(String name, String fallback) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  int integer(String name, int fallback) {
    String value = vars.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
    }
  }
}
