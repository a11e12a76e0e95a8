package dev.calendar.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPolicyTest {
  private static final URI HTTPS = URI.create("https://hooks.example.com/in");
  private static final URI HTTP = URI.create("http://hooks.example.com/in");

  /** Literal addresses only: no DNS in unit tests. */
  private static List<InetAddress> addresses(String... literals) {
    return Arrays.stream(literals)
        .map(
            a -> {
              try {
                return InetAddress.getByName(a);
              } catch (UnknownHostException e) {
                throw new AssertionError(e);
              }
            })
        .toList();
  }

  /** An IPv6 address built from its bytes, so Java cannot quietly turn it into IPv4. */
  private static InetAddress v6(int... groups) throws UnknownHostException {
    byte[] b = new byte[16];
    for (int i = 0; i < 8; i++) {
      b[2 * i] = (byte) (groups[i] >> 8);
      b[2 * i + 1] = (byte) groups[i];
    }
    return InetAddress.getByAddress("h", b);
  }

  @Test
  void allowsHttpsToPublicAddresses() {
    assertThat(UrlPolicy.violation(HTTPS, addresses("93.184.216.34"), false)).isEmpty();
    assertThat(UrlPolicy.violation(HTTPS, addresses("2606:2800:220:1:248:1893:25c8:1946"), false))
        .isEmpty();
  }

  @Test
  void refusesPlainHttpToPublicAddressesInEitherMode() {
    assertThat(UrlPolicy.violation(HTTP, addresses("93.184.216.34"), false)).isPresent();
    assertThat(UrlPolicy.violation(HTTP, addresses("93.184.216.34"), true)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd12:3456::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "2002:a00:1::"
      })
  void refusesNonPublicAddressesInProduction(String address) {
    assertThat(UrlPolicy.violation(HTTPS, addresses(address), false)).isPresent();
  }

  @Test
  void refusesIpv4MappedIpv6EvenWhenBuiltFromBytes() throws Exception {
    var mappedLoopback = v6(0, 0, 0, 0, 0, 0xffff, 0x7f00, 0x0001);
    assertThat(UrlPolicy.isNonPublic(mappedLoopback)).isTrue();
    var compatiblePrivate = v6(0, 0, 0, 0, 0, 0, 0x0a00, 0x0001);
    assertThat(UrlPolicy.isNonPublic(compatiblePrivate)).isTrue();
  }

  @Test
  void checksEveryAddressNotJustTheFirst() {
    assertThat(UrlPolicy.violation(HTTPS, addresses("93.184.216.34", "10.1.2.3"), false))
        .isPresent();
    assertThat(UrlPolicy.violation(HTTPS, addresses("10.1.2.3", "93.184.216.34"), false))
        .isPresent();
  }

  @Test
  void refusesAHostThatDoesNotResolve() {
    assertThat(UrlPolicy.violation(HTTPS, List.of(), false)).contains("host does not resolve");
    assertThat(UrlPolicy.violation(HTTPS, List.of(), true)).contains("host does not resolve");
  }

  @Test
  void devModeAllowsLoopbackOverHttpOrHttps() {
    var local = URI.create("http://localhost:9000/hook");
    assertThat(UrlPolicy.violation(local, addresses("127.0.0.1", "::1"), true)).isEmpty();
    assertThat(UrlPolicy.violation(HTTPS, addresses("127.0.0.1"), true)).isEmpty();
    assertThat(UrlPolicy.violation(local, addresses("127.0.0.1", "::1"), false)).isPresent();
  }

  @Test
  void devModeStillRefusesPrivateAndMixedAnswers() {
    assertThat(UrlPolicy.violation(HTTPS, addresses("10.0.0.1"), true)).isPresent();
    assertThat(UrlPolicy.violation(HTTPS, addresses("169.254.169.254"), true)).isPresent();
    assertThat(
            UrlPolicy.violation(
                URI.create("http://x.example/"), addresses("127.0.0.1", "93.184.216.34"), true))
        .isPresent();
  }

  @Test
  void parseAcceptsHttpAndHttpsWithAHostOnly() {
    assertThat(UrlPolicy.parse("https://hooks.example.com/a?b=c").problem()).isNull();
    assertThat(UrlPolicy.parse("http://[::1]:8080/a").problem()).isNull();
    assertThat(UrlPolicy.parse("ftp://hooks.example.com/").problem()).isNotNull();
    assertThat(UrlPolicy.parse("hooks.example.com/in").problem()).isNotNull();
    assertThat(UrlPolicy.parse("https:///path-only").problem()).isNotNull();
    assertThat(UrlPolicy.parse("https://user:pw@hooks.example.com/").problem()).isNotNull();
    assertThat(UrlPolicy.parse("https://exa mple.com/").problem()).isNotNull();
    assertThat(UrlPolicy.parse("javascript:alert(1)").problem()).isNotNull();
  }
}
