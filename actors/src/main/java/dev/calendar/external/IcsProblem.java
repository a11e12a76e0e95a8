package dev.calendar.external;

/**
 * Why an ICS file cannot be imported, naming the physical line (1-based) of the offending property
 * in the text as given, so that the user can find it: the first line of a folded property.
 */
public final class IcsProblem extends RuntimeException {
  private final int line;
  private final String detail;

  IcsProblem(int line, String detail) {
    super("line " + line + ": " + detail, null, false, false);
    this.line = line;
    this.detail = detail;
  }

  public int line() {
    return line;
  }

  public String detail() {
    return detail;
  }
}
