package dev.calendar.user;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email address rules: one normal form, so uniqueness is case-insensitive. */
public final class Emails {
  public static final int MAX_LENGTH = 254;

  // Deliberately loose: one @, no spaces, a dot in the domain. Deliverability is proven by mail.
  private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private Emails() {}

  public static String normalize(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  public static boolean isValid(String email) {
    return email.length() <= MAX_LENGTH && SHAPE.matcher(email).matches();
  }
}
