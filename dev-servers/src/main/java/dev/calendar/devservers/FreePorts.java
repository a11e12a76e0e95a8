package dev.calendar.devservers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Free TCP ports for servers started by tests. */
public final class FreePorts {

  /**
   * Ports are drawn below Linux' ephemeral range (32768-60999): a port the kernel handed out for
   * {@code bind(0)} is likely to be handed out again as the local port of some outgoing connection
   * before our server binds it.
   */
  private static final int LOW = 20_000;

  private static final int HIGH = 32_000;

  /** Never hand out the same port twice in one JVM, even if its server has not bound it yet. */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A TCP port that is free on 127.0.0.1 right now and was not returned before by this JVM. */
  public static int next() {
    for (int attempt = 0; attempt < 1000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (isFree("127.0.0.1", port) && HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free TCP port found in " + LOW + "-" + HIGH);
  }

  /** Whether a listener could bind {@code host:port} now. */
  static boolean isFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Fails with a clear message when a port we are about to give a server is taken. */
  public static void requireFree(String host, int port, String what) {
    if (!isFree(host, port)) {
      throw new IllegalStateException(
          what
              + " port "
              + host
              + ":"
              + port
              + " is already in use (another dev run or test still running?);"
              + " stop it or choose another port");
    }
  }
}
