package dev.calendar.devservers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classpath of one server artifact, resolved by Maven and cached.
 *
 * <p>A server's dependencies (logging, netty, jackson, kafka-clients) clash with the application's,
 * so each server gets a classpath of its own, computed by {@code mvn dependency:build-classpath}
 * from a small pom of its own. The result is cached per coordinates and resolved again when a
 * listed jar has gone (for example after the local repository was cleaned).
 */
public final class ServerClasspath {

  private static final Logger log = LoggerFactory.getLogger(ServerClasspath.class);

  /** Pinned: Maven 3.8's default dependency plugin is old and not what the repository serves. */
  private static final String DEPENDENCY_PLUGIN =
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

  /** A cold resolution downloads Cassandra's ~100 jars. */
  private static final long MAVEN_TIMEOUT_MINUTES = 20;

  private ServerClasspath() {}

  /**
   * The jars of {@code groupArtifactVersion} ({@code group:artifact:version}) and its runtime
   * dependencies. Files go to {@code workDir/name/}: the pom, Maven's output and the cache.
   */
  public static List<Path> resolve(String name, String groupArtifactVersion, Path workDir) {
    return resolve(name, List.of(groupArtifactVersion), workDir);
  }

  /**
   * Same for a server artifact plus extras its pom leaves to the distribution (Kafka's slf4j
   * binding).
   */
  public static List<Path> resolve(String name, List<String> artifacts, Path workDir) {
    return resolve(name, artifacts, workDir, mavenCommand());
  }

  /** Same, with the Maven executable given (tests use a fake one). */
  static synchronized List<Path> resolve(
      String name, List<String> artifacts, Path workDir, String maven) {
    List<String[]> coordinates = new ArrayList<>();
    for (String artifact : artifacts) {
      String[] gav = artifact.split(":");
      if (gav.length != 3) {
        throw new IllegalArgumentException("expected group:artifact:version: " + artifact);
      }
      coordinates.add(gav);
    }
    Path dir = workDir.toAbsolutePath().resolve(name);
    Path cache = dir.resolve(cacheFileName(artifacts));
    try {
      Files.createDirectories(dir);
      // Two test JVMs (or a test and a dev run) may resolve at once; the lock serialises them and
      // the second one then finds the cache. synchronized covers threads of this JVM, which a
      // FileLock does not.
      try (FileChannel lockFile =
              FileChannel.open(
                  dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        List<Path> cached = readComplete(cache);
        if (cached != null) {
          return cached;
        }
        long started = System.nanoTime();
        log.info("Resolving the classpath of {} with Maven (first time: downloads)", artifacts);
        Path output = dir.resolve("classpath.tmp");
        Files.deleteIfExists(output);
        runMaven(maven, dir, coordinates, output);
        List<Path> jars = readComplete(output);
        if (jars == null || jars.isEmpty()) {
          throw new IllegalStateException(
              "Maven listed missing or no jars for " + artifacts + " in " + output);
        }
        Files.move(output, cache, StandardCopyOption.REPLACE_EXISTING);
        log.info(
            "Resolved {} jars for {} in {} ms",
            jars.size(),
            name,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return jars;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve the classpath of " + artifacts, e);
    }
  }

  /** The cache is keyed by the coordinates: a version change resolves again. */
  static String cacheFileName(List<String> artifacts) {
    return "classpath-" + String.join("+", artifacts).replace(':', '_') + ".txt";
  }

  /** The jars listed in {@code file}, or null when it does not exist or names a missing jar. */
  static List<Path> readComplete(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    List<Path> jars = new ArrayList<>();
    for (String entry : Files.readString(file).trim().split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path jar = Path.of(entry.trim());
      if (!Files.isRegularFile(jar)) {
        return null;
      }
      jars.add(jar);
    }
    return List.copyOf(jars);
  }

  static String pom(List<String[]> coordinates) {
    StringBuilder dependencies = new StringBuilder();
    for (String[] gav : coordinates) {
      dependencies.append(
          """
              <dependency>
                <groupId>%s</groupId>
                <artifactId>%s</artifactId>
                <version>%s</version>
              </dependency>
          """
              .formatted(gav[0], gav[1], gav[2]));
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Generated by dev.calendar.devservers.ServerClasspath: the classpath of one server. -->
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.calendar.devservers</groupId>
          <artifactId>server-classpath</artifactId>
          <version>1</version>
          <packaging>pom</packaging>
          <dependencies>
        %s  </dependencies>
        </project>
        """
        .formatted(dependencies);
  }

  private static void runMaven(String maven, Path dir, List<String[]> coordinates, Path output)
      throws IOException {
    Files.writeString(dir.resolve("pom.xml"), pom(coordinates));
    // An empty .mvn makes this directory Maven's project base dir, so the checkout's own
    // .mvn/maven.config and jvm.config (found by walking up from here) do not apply.
    Files.createDirectories(dir.resolve(".mvn"));
    Path mavenLog = dir.resolve("mvn.log");
    List<String> command =
        List.of(
            maven,
            "-B",
            "-q",
            "-f",
            dir.resolve("pom.xml").toString(),
            DEPENDENCY_PLUGIN + ":build-classpath",
            "-Dmdep.outputFile=" + output,
            "-Dmdep.includeScope=runtime");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(mavenLog.toFile());
    Process process = builder.start();
    process.getOutputStream().close(); // no input: a prompt must not wait forever
    try {
      if (!process.waitFor(MAVEN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "Maven did not finish in " + MAVEN_TIMEOUT_MINUTES + " min: " + command);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resolving " + dir, e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "Maven failed (exit "
              + process.exitValue()
              + ") resolving "
              + dir.resolve("pom.xml")
              + ": "
              + command
              + "\n"
              + LogFile.tail(mavenLog, 40));
    }
  }

  /** {@code $MAVEN_CMD}, else {@code mvn} found on PATH. */
  static String mavenCommand() {
    String configured = System.getenv("MAVEN_CMD");
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    Path mvn = Executables.onPath("mvn");
    if (mvn == null) {
      throw new IllegalStateException(
          "mvn not found on PATH (set MAVEN_CMD): needed to resolve the server classpaths");
    }
    return mvn.toString();
  }
}
