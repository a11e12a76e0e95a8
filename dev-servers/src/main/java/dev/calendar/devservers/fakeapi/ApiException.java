package dev.calendar.devservers.fakeapi;

/** Thrown anywhere in a route to answer with an error in the provider's own shape. */
public final class ApiException extends RuntimeException {
  private final transient Answer answer;

  public ApiException(Answer answer) {
    super("HTTP " + answer.status(), null, false, false);
    this.answer = answer;
  }

  public Answer answer() {
    return answer;
  }
}
