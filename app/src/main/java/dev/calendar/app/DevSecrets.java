package dev.calendar.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets dev mode makes for itself, kept under DATA_DIR so they survive restarts (links already
 * emailed keep working). A real deployment configures its own.
 */
final class DevSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private DevSecrets() {}

  /** The manage-link key in {@code dataDir}, made on first use. */
  static String manageLinkKey(Path dataDir) {
    return key(dataDir, "manage-link.key");
  }

  /** The key that seals two-way connections' OAuth tokens, made on first use. */
  static String tokenKey(Path dataDir) {
    return key(dataDir, "token.key");
  }

  private static String key(Path dataDir, String name) {
    Path file = dataDir.resolve("secrets").resolve(name);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      Files.createDirectories(file.getParent());
      String key = newKey();
      Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's own permissions apply
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the dev key in " + file, e);
    }
  }

  static String newKey() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
