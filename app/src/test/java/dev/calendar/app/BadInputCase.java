package dev.calendar.app;

import java.util.List;
import java.util.Map;

/**
 * One bad request of the bad-input suites and the problem it must get: this status, with {@code
 * errors} naming exactly these fields. Named by {@code name} in the test report.
 */
record BadInputCase(
    String name,
    String method,
    String path,
    String body,
    Map<String, String> headers,
    int status,
    List<String> fields) {
  @Override
  public String toString() {
    return name;
  }
}
