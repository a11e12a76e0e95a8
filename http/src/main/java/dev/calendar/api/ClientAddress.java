package dev.calendar.api;

import com.typesafe.config.Config;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Who a request comes from, as a key for per-client limits: the connection's peer address (the
 * server's {@code remote-address-attribute}), or, when that peer is a configured trusted proxy, the
 * nearest {@code X-Forwarded-For} hop that is not one. Client-sent headers are never believed
 * otherwise ({@code extractClientIP} would take {@code X-Forwarded-For} from anyone). IPv6 clients
 * are keyed by their /64, the block one subscriber usually holds.
 */
public final class ClientAddress extends AllDirectives {
  public static final String UNKNOWN = "unknown";
  private static final String FORWARDED_FOR = "x-forwarded-for";
  private static final int IPV6_SUBSCRIBER_PREFIX_BYTES = 8;

  private final List<Block> trustedProxies;

  public ClientAddress(List<String> trustedProxies) {
    this.trustedProxies = trustedProxies.stream().map(Block::parse).toList();
  }

  /** {@code calendar.http.trusted-proxies}. */
  public static ClientAddress of(Config config) {
    return new ClientAddress(config.getStringList("calendar.http.trusted-proxies"));
  }

  /** The directive: the client's key, {@link #UNKNOWN} when the server gave no peer address. */
  public Route extract(Function<String, Route> inner) {
    return optionalAttribute(
        AttributeKeys.remoteAddress,
        peer ->
            extractRequest(
                request -> {
                  List<String> forwarded = new ArrayList<>();
                  for (HttpHeader h : request.getHeaders()) {
                    if (h.lowercaseName().equals(FORWARDED_FOR)) {
                      forwarded.add(h.value());
                    }
                  }
                  return inner.apply(
                      resolve(peer.flatMap(RemoteAddress::getAddress).orElse(null), forwarded));
                }));
  }

  /** The client's key for a request from {@code peer} carrying these X-Forwarded-For values. */
  public String resolve(InetAddress peer, List<String> forwardedFor) {
    if (peer == null) {
      return UNKNOWN;
    }
    InetAddress client = peer;
    if (isTrusted(client)) {
      List<String> hops = new ArrayList<>();
      for (String value : forwardedFor) {
        Arrays.stream(value.split(",")).map(String::trim).forEach(hops::add);
      }
      // Right to left: each trusted proxy vouches for the hop it appended.
      for (int i = hops.size() - 1; i >= 0; i--) {
        Optional<InetAddress> hop = literal(withoutPort(hops.get(i)));
        if (hop.isEmpty()) {
          break;
        }
        client = hop.get();
        if (!isTrusted(client)) {
          break;
        }
      }
    }
    return key(client);
  }

  private boolean isTrusted(InetAddress address) {
    return trustedProxies.stream().anyMatch(b -> b.contains(address));
  }

  static String key(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
    Arrays.fill(prefix, IPV6_SUBSCRIBER_PREFIX_BYTES, 16, (byte) 0);
    try {
      return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are an IPv6 address", e);
    }
  }

  /** {@code 1.2.3.4:80} → {@code 1.2.3.4}; {@code [::1]:80} → {@code ::1}. */
  private static String withoutPort(String hop) {
    if (hop.startsWith("[")) {
      int end = hop.indexOf(']');
      return end < 0 ? hop : hop.substring(1, end);
    }
    int colon = hop.indexOf(':');
    return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
  }

  /** An IP address literal, parsed without ever asking DNS; empty for anything else. */
  static Optional<InetAddress> literal(String text) {
    if (text.isEmpty() || text.length() > 45) {
      return Optional.empty();
    }
    try {
      if (text.indexOf(':') >= 0) {
        // Bracketed, the JDK takes it as an IPv6 literal or fails; it never looks it up.
        return text.matches("[0-9A-Fa-f:.]+")
            ? Optional.of(InetAddress.getByName("[" + text + "]"))
            : Optional.empty();
      }
      String[] parts = text.split("\\.", -1);
      if (parts.length != 4) {
        return Optional.empty();
      }
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) Integer.parseInt(parts[i]);
      }
      return Optional.of(InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** An address or a CIDR block ({@code 10.0.0.0/8}, {@code fd00::/8}). */
  private record Block(byte[] network, int prefixBits) {
    static Block parse(String text) {
      String t = text.trim();
      int slash = t.indexOf('/');
      InetAddress address =
          literal(slash < 0 ? t : t.substring(0, slash))
              .orElseThrow(
                  () -> new IllegalArgumentException("not an IP address or CIDR block: " + text));
      byte[] bytes = address.getAddress();
      int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(t.substring(slash + 1));
      if (bits < 0 || bits > bytes.length * 8) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      return new Block(bytes, bits);
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefixBits; bit++) {
        int mask = 0x80 >>> (bit % 8);
        if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
