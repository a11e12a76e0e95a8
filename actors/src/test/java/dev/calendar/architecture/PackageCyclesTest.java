package dev.calendar.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain packages depend on each other in one direction only: no cycles. */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/calendar");
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?dev\\.calendar\\.([a-z]+)\\.", Pattern.MULTILINE);

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file).getName(0).toString();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            uses.computeIfAbsent(pkg, p -> new TreeSet<>()).add(m.group(1));
          }
        }
      }
    }
    assertThat(uses).isNotEmpty();
    List<String> cycles = new ArrayList<>();
    for (String pkg : uses.keySet()) {
      if (reaches(uses, pkg, pkg, new HashSet<>())) {
        cycles.add(pkg);
      }
    }
    assertThat(cycles).as("packages on a cycle, with %s", uses).isEmpty();
  }

  private static boolean reaches(
      Map<String, Set<String>> uses, String from, String target, Set<String> seen) {
    for (String next : uses.getOrDefault(from, Set.of())) {
      if (next.equals(target) || (seen.add(next) && reaches(uses, next, target, seen))) {
        return true;
      }
    }
    return false;
  }
}
