package dev.calendar.devservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process handling with a tiny fake server: start, readiness, stop, and death of the parent. */
class ChildProcessTest {

  @TempDir Path dir;

  @Test
  void startsThroughTheWatchdogInItsOwnSessionAndStopsGracefully() throws Exception {
    int port = FreePorts.next();
    ChildProcess child = startFake("serve", Integer.toString(port));
    child.awaitReady(
        Duration.ofSeconds(30),
        () -> child.logContains("fake ready") && ChildProcess.accepts("127.0.0.1", port));

    // With setsid the pid we hold is still java's: setsid execs, it does not fork.
    Optional<String> command = ProcessHandle.of(child.pid()).flatMap(h -> h.info().command());
    assertTrue(command.orElse("").endsWith("/java"), command.toString());
    if (Executables.onPath("setsid") != null) {
      assertEquals(child.pid(), sessionId(child.pid()), "own session, away from Ctrl-C");
    }

    child.close();
    child.close(); // idempotent
    assertFalse(child.isAlive());
    // SIGTERM, not SIGKILL: the server's shutdown hooks ran.
    assertTrue(Files.readString(dir.resolve("fake.log")).contains("fake server shutdown hook ran"));
  }

  @Test
  void failedStartupReportsTheExitCodeAndTheLogTail() {
    ChildProcess child = startFake("fail");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> child.awaitReady(Duration.ofSeconds(30), () -> false));
    assertTrue(e.getMessage().contains("exited with code 3"), e.getMessage());
    assertTrue(e.getMessage().contains("boom: fake startup failure"), e.getMessage());
  }

  @Test
  void startupTimeoutStopsTheChild() {
    ChildProcess child = startFake("serve", Integer.toString(FreePorts.next()));
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> child.awaitReady(Duration.ofSeconds(1), () -> false));
    assertTrue(e.getMessage().contains("was not ready within 1 s"), e.getMessage());
    assertFalse(child.isAlive());
  }

  @Test
  void childStopsWhenItsParentIsKilledWithSigkill() throws Exception {
    Process parent =
        new ProcessBuilder(
                Executables.java().toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FakeServer.Parent.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .start();
    long childPid;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("child ")) {
        // Skip the parent's own log lines.
      }
      assertTrue(line != null, "parent printed no child pid");
      childPid = Long.parseLong(line.substring("child ".length()).trim());
    }
    ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();

    parent.destroyForcibly(); // SIGKILL: no shutdown hook of the parent runs
    parent.waitFor();

    assertTrue(
        child.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS) != null && !child.isAlive());
    String log = Files.readString(dir.resolve("fake.log"));
    assertTrue(log.contains("parent process gone"), log);
    assertTrue(log.contains("fake server shutdown hook ran"), log);
  }

  private ChildProcess startFake(String... args) {
    try {
      return ChildProcess.start(
          "fake",
          List.of(FakeServer.classes()),
          List.of("-Xmx32m"),
          FakeServer.class.getName(),
          List.of(args),
          dir,
          dir.resolve("fake.log"));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Field 6 of /proc/pid/stat, after the parenthesised command name. */
  private static long sessionId(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[3]);
  }
}
