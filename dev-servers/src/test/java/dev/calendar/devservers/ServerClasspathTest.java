package dev.calendar.devservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classpath cache, with a fake mvn that records its calls (no network). */
class ServerClasspathTest {

  private static final String GAV = "org.example:server:1.0";

  @TempDir Path dir;
  private Path jarA;
  private Path jarB;
  private Path calls;
  private String fakeMaven;

  @BeforeEach
  void fakeMaven() throws Exception {
    jarA = Files.createFile(dir.resolve("a.jar"));
    jarB = Files.createFile(dir.resolve("b.jar"));
    calls = dir.resolve("calls.txt");
    Path script = dir.resolve("fake-mvn");
    // Writes the two jars to the file named by -Dmdep.outputFile=..., as build-classpath does.
    Files.writeString(
        script,
        """
        #!/bin/sh
        echo "$@" >> '%s'
        for arg in "$@"; do
          case "$arg" in -Dmdep.outputFile=*) out="${arg#-Dmdep.outputFile=}";; esac
        done
        printf '%%s' '%s:%s' > "$out"
        """
            .formatted(calls, jarA, jarB));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    fakeMaven = script.toString();
  }

  @Test
  void resolvesOnceThenUsesTheCache() throws Exception {
    Path work = dir.resolve("servers");
    List<Path> first = ServerClasspath.resolve("srv", List.of(GAV), work, fakeMaven);
    List<Path> second = ServerClasspath.resolve("srv", List.of(GAV), work, fakeMaven);
    assertEquals(List.of(jarA, jarB), first);
    assertEquals(first, second);
    assertEquals(1, Files.readAllLines(calls).size());
    String pom = Files.readString(work.resolve("srv/pom.xml"));
    assertTrue(pom.contains("<artifactId>server</artifactId>"), pom);
    assertTrue(Files.isDirectory(work.resolve("srv/.mvn")), "isolates from the checkout's .mvn");
    assertTrue(Files.readString(calls).contains("build-classpath"));
  }

  @Test
  void resolvesAgainWhenAJarIsGone() throws Exception {
    Path work = dir.resolve("servers");
    ServerClasspath.resolve("srv", List.of(GAV), work, fakeMaven);
    Files.delete(jarB);
    // The fake lists b.jar again, which is still missing: that is an error, after a new call.
    assertThrows(
        IllegalStateException.class,
        () -> ServerClasspath.resolve("srv", List.of(GAV), work, fakeMaven));
    assertEquals(2, Files.readAllLines(calls).size());
    Files.createFile(jarB);
    assertEquals(
        List.of(jarA, jarB), ServerClasspath.resolve("srv", List.of(GAV), work, fakeMaven));
  }

  @Test
  void otherCoordinatesAreCachedSeparately() throws Exception {
    Path work = dir.resolve("servers");
    ServerClasspath.resolve("srv", List.of(GAV), work, fakeMaven);
    ServerClasspath.resolve("srv", List.of("org.example:server:2.0"), work, fakeMaven);
    assertEquals(2, Files.readAllLines(calls).size());
  }

  @Test
  void mavenFailureShowsItsOutput() throws Exception {
    Path failing = dir.resolve("failing-mvn");
    Files.writeString(failing, "#!/bin/sh\necho 'Could not resolve dependencies'\nexit 1\n");
    Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwxr-xr-x"));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> ServerClasspath.resolve("srv", List.of(GAV), dir, failing.toString()));
    assertTrue(e.getMessage().contains("Could not resolve dependencies"), e.getMessage());
  }
}
