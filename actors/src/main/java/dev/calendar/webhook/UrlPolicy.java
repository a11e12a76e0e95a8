package dev.calendar.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which outbound URLs (webhooks, later ICS imports) the service may call: {@code https} to public
 * addresses only, so a subscription cannot aim the service at its own network (SSRF). Dev mode
 * additionally allows loopback, over http too. Pure: the caller resolves the host and passes every
 * address; the delivery must connect only to addresses it checked, since DNS answers can change.
 */
public final class UrlPolicy {
  private static final List<Cidr> BLOCKED_V4 =
      List.of(
          Cidr.v4(0, 0, 0, 0, 8), // "this network", including 0.0.0.0
          Cidr.v4(10, 0, 0, 0, 8),
          Cidr.v4(100, 64, 0, 0, 10), // carrier-grade NAT
          Cidr.v4(127, 0, 0, 0, 8),
          Cidr.v4(169, 254, 0, 0, 16), // link-local, cloud metadata
          Cidr.v4(172, 16, 0, 0, 12),
          Cidr.v4(192, 0, 0, 0, 24),
          Cidr.v4(192, 0, 2, 0, 24),
          Cidr.v4(192, 168, 0, 0, 16),
          Cidr.v4(198, 18, 0, 0, 15),
          Cidr.v4(198, 51, 100, 0, 24),
          Cidr.v4(203, 0, 113, 0, 24),
          Cidr.v4(224, 0, 0, 0, 4), // multicast
          Cidr.v4(240, 0, 0, 0, 4)); // reserved and broadcast

  private static final List<Cidr> BLOCKED_V6 =
      List.of(
          Cidr.v6(new int[] {0x0100}, 64), // discard
          Cidr.v6(new int[] {0x2001, 0x0db8}, 32), // documentation
          Cidr.v6(new int[] {0xfc00}, 7), // unique-local
          Cidr.v6(new int[] {0xfe80}, 10), // link-local
          Cidr.v6(new int[] {0xfec0}, 10), // site-local (deprecated)
          Cidr.v6(new int[] {0xff00}, 8)); // multicast

  private static final Cidr MAPPED_V4 = Cidr.v6(new int[] {0, 0, 0, 0, 0, 0xffff}, 96);
  private static final Cidr COMPATIBLE_V4 = Cidr.v6(new int[] {0}, 96);
  private static final Cidr NAT64 = Cidr.v6(new int[] {0x64, 0xff9b}, 96);
  private static final Cidr SIX_TO_FOUR = Cidr.v6(new int[] {0x2002}, 16);

  private UrlPolicy() {}

  /** The URL as a URI with a host, or why not (scheme and addresses are checked later). */
  public static Parsed parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      return new Parsed(null, "must be an absolute URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return new Parsed(null, "must be an https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return new Parsed(null, "must have a host name");
    }
    if (uri.getRawUserInfo() != null) {
      return new Parsed(null, "must not contain credentials");
    }
    return new Parsed(uri, null);
  }

  /** A parsed URL, or the reason it is not one. */
  public record Parsed(URI uri, String problem) {}

  /**
   * Why {@code uri}, whose host resolved to {@code addresses}, may not be called; empty when it
   * may. Every address counts: one private answer among public ones is enough to refuse.
   */
  public static Optional<String> violation(URI uri, List<InetAddress> addresses, boolean devMode) {
    if (addresses.isEmpty()) {
      return Optional.of("host does not resolve");
    }
    if (devMode && addresses.stream().allMatch(UrlPolicy::isLoopback)) {
      return Optional.empty();
    }
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      return Optional.of(
          devMode ? "must be an https URL (http only to loopback)" : "must be an https URL");
    }
    if (addresses.stream().anyMatch(UrlPolicy::isNonPublic)) {
      return Optional.of(
          "must resolve to public addresses only (not private, loopback, link-local or multicast)");
    }
    return Optional.empty();
  }

  /** Private, loopback, link-local, unique-local, unspecified, multicast or reserved. */
  public static boolean isNonPublic(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address || b.length == 4) {
      return BLOCKED_V4.stream().anyMatch(c -> c.contains(b));
    }
    byte[] embedded = embeddedV4(b);
    if (embedded != null) {
      return BLOCKED_V4.stream().anyMatch(c -> c.contains(embedded));
    }
    if (isAllZeroUpTo(b, 15) && (b[15] == 0 || b[15] == 1)) {
      return true; // :: and ::1
    }
    return BLOCKED_V6.stream().anyMatch(c -> c.contains(b));
  }

  static boolean isLoopback(InetAddress address) {
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return (b[0] & 0xff) == 127;
    }
    byte[] embedded = MAPPED_V4.contains(b) ? Arrays.copyOfRange(b, 12, 16) : null;
    if (embedded != null) {
      return (embedded[0] & 0xff) == 127;
    }
    return isAllZeroUpTo(b, 15) && b[15] == 1;
  }

  /** The IPv4 address inside an IPv4-mapped, -compatible, NAT64 or 6to4 IPv6 address. */
  private static byte[] embeddedV4(byte[] b) {
    if (MAPPED_V4.contains(b) || NAT64.contains(b)) {
      return Arrays.copyOfRange(b, 12, 16);
    }
    if (COMPATIBLE_V4.contains(b) && !isAllZeroUpTo(b, 15)) {
      return Arrays.copyOfRange(b, 12, 16);
    }
    if (SIX_TO_FOUR.contains(b)) {
      return Arrays.copyOfRange(b, 2, 6);
    }
    return null;
  }

  private static boolean isAllZeroUpTo(byte[] b, int end) {
    for (int i = 0; i < end; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private record Cidr(byte[] network, int bits) {
    static Cidr v4(int a, int b, int c, int d, int bits) {
      return new Cidr(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d}, bits);
    }

    /** {@code groups}: the leading 16-bit groups; the rest are zero. */
    static Cidr v6(int[] groups, int bits) {
      byte[] network = new byte[16];
      for (int i = 0; i < groups.length; i++) {
        network[2 * i] = (byte) (groups[i] >> 8);
        network[2 * i + 1] = (byte) groups[i];
      }
      return new Cidr(network, bits);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }
}
