package dev.calendar.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The process listening on a local TCP port, from {@code /proc/net/tcp*} and the processes' open
 * sockets: to tell the node under test from other nodes (another engineer's, say) on the machine.
 */
final class PortOwner {
  private static final String LISTEN = "0A";

  private PortOwner() {}

  /**
   * The process listening on {@code host:port}, or empty (another machine, not Linux, or not
   * allowed to see it).
   */
  static OptionalLong of(String host, int port) {
    if (!isLocal(host)) {
      return OptionalLong.empty();
    }
    Set<String> sockets = new HashSet<>();
    String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
            sockets.add("socket:[" + f[9] + "]");
          }
        }
      } catch (IOException e) {
        // No such table (no IPv6, not Linux).
      }
    }
    if (sockets.isEmpty()) {
      return OptionalLong.empty();
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        if (holdsAny(proc, sockets)) {
          return OptionalLong.of(Long.parseLong(proc.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      // Not Linux.
    }
    return OptionalLong.empty();
  }

  private static boolean isLocal(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isLoopbackAddress()
          || address.isAnyLocalAddress()
          || NetworkInterface.getByInetAddress(address) != null;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean holdsAny(Path proc, Set<String> sockets) {
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
      for (Path fd : fds) {
        try {
          if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
            return true;
          }
        } catch (IOException e) {
          // Closed meanwhile.
        }
      }
    } catch (IOException e) {
      // Gone, or not ours to see.
    }
    return false;
  }
}
