package dev.calendar.user;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Argon2id password hashing (password4j). Hashing is deliberately slow: call it on a blocking
 * dispatcher, never inside an actor.
 */
public final class PasswordHasher {
  private final Argon2Function argon2;
  // Verified against when the email is unknown, so both answers take the same time.
  private final String decoyHash;

  public PasswordHasher(int memoryKib, int iterations, int parallelism) {
    this.argon2 = Argon2Function.getInstance(memoryKib, iterations, parallelism, 32, Argon2.ID);
    this.decoyHash = hash("decoy-password-for-unknown-accounts");
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(argon2).getResult();
  }

  /** True when the password matches; a null hash (unknown account) costs the same and is false. */
  public boolean verify(String password, String hash) {
    boolean matches = Password.check(password, hash != null ? hash : decoyHash).with(argon2);
    return hash != null && matches;
  }
}
