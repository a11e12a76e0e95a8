package dev.calendar.devservers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finding programs the way a shell would. */
final class Executables {

  private Executables() {}

  /** The first executable file called {@code name} in a PATH directory, or null. */
  static Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The java launcher of the running JVM, so servers run on the same JDK as we do. */
  static Path java() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
