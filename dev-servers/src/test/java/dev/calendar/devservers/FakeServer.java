package dev.calendar.devservers;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/** Stand-ins for a server and for the application JVM, run as child processes by the tests. */
final class FakeServer {

  private FakeServer() {}

  /** {@code serve <port>}: listens and runs until stopped; {@code fail}: exits with 3. */
  public static void main(String[] args) throws Exception {
    if (args[0].equals("fail")) {
      System.out.println("boom: fake startup failure");
      System.exit(3);
    }
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])));
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> System.out.println("fake server shutdown hook ran")));
    System.out.println("fake ready");
    Thread.sleep(Long.MAX_VALUE);
  }

  /** The application: starts a fake server as a child, prints its pid, then waits to be killed. */
  static final class Parent {
    private Parent() {}

    public static void main(String[] args) throws Exception {
      Path dir = Path.of(args[0]);
      int port = FreePorts.next();
      ChildProcess child =
          ChildProcess.start(
              "fake",
              List.of(classes()),
              List.of("-Xmx32m"),
              FakeServer.class.getName(),
              List.of("serve", Integer.toString(port)),
              dir,
              dir.resolve("fake.log"));
      child.awaitReady(
          java.time.Duration.ofSeconds(30),
          () -> child.logContains("fake ready") && ChildProcess.accepts("127.0.0.1", port));
      System.out.println("child " + child.pid());
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  /** The test classes directory, where this class is. */
  static Path classes() throws Exception {
    return Path.of(FakeServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
