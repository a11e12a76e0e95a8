package dev.calendar.stream.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into every address it has. {@link CheckedConnect} checks these addresses and
 * then connects to one of them, so tests can stand in for DNS (including a hostile one) here.
 */
@FunctionalInterface
public interface HostResolver {
  /** The JDK resolver (system DNS and hosts file); it blocks. */
  HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  List<InetAddress> resolve(String host) throws UnknownHostException;
}
