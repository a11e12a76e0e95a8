package dev.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static InetAddress ip(String literal) {
    return ClientAddress.literal(literal).orElseThrow();
  }

  @Test
  void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersSay() {
    var addresses = new ClientAddress(List.of());
    assertThat(addresses.resolve(ip("198.51.100.7"), List.of("203.0.113.1")))
        .isEqualTo("198.51.100.7");
    assertThat(addresses.resolve(null, List.of("203.0.113.1"))).isEqualTo(ClientAddress.UNKNOWN);
  }

  @Test
  void aTrustedProxysForwardedForNamesTheNearestUntrustedHop() {
    var addresses = new ClientAddress(List.of("10.0.0.0/8", "192.0.2.5"));
    // The client put a made-up hop first; the proxies appended what they saw.
    assertThat(
            addresses.resolve(
                ip("10.1.2.3"), List.of("1.1.1.1, 203.0.113.9", "192.0.2.5, 10.9.9.9")))
        .isEqualTo("203.0.113.9");
    assertThat(addresses.resolve(ip("10.1.2.3"), List.of())).isEqualTo("10.1.2.3");
    assertThat(addresses.resolve(ip("10.1.2.3"), List.of("203.0.113.9:4711")))
        .isEqualTo("203.0.113.9");
    // An untrusted peer's header is not believed.
    assertThat(addresses.resolve(ip("198.51.100.7"), List.of("203.0.113.9")))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void aHopThatIsNoAddressEndsTheWalkAtTheLastProxy() {
    var addresses = new ClientAddress(List.of("10.0.0.0/8"));
    assertThat(addresses.resolve(ip("10.1.2.3"), List.of("unknown"))).isEqualTo("10.1.2.3");
    assertThat(addresses.resolve(ip("10.1.2.3"), List.of("203.0.113.9, evil.example.com")))
        .isEqualTo("10.1.2.3");
  }

  @Test
  void ipv6ClientsAreKeyedByTheirSlash64() {
    var addresses = new ClientAddress(List.of("::1"));
    assertThat(addresses.resolve(ip("2001:db8:1:2:aaaa::1"), List.of()))
        .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(addresses.resolve(ip("::1"), List.of("[2001:db8:1:2::9]:443")))
        .isEqualTo("2001:db8:1:2:0:0:0:0/64");
    assertThat(addresses.resolve(ip("::ffff:198.51.100.7"), List.of())).isEqualTo("198.51.100.7");
  }

  @Test
  void literalsAreParsedWithoutLookingAnythingUp() {
    assertThat(ClientAddress.literal("300.1.1.1")).isEmpty();
    assertThat(ClientAddress.literal("1.2.3")).isEmpty();
    assertThat(ClientAddress.literal("localhost")).isEmpty();
    assertThat(ClientAddress.literal("g::1")).isEmpty();
    assertThat(ClientAddress.literal("")).isEmpty();
    assertThat(ClientAddress.literal("203.0.113.9")).isPresent();
    assertThat(ClientAddress.literal("2001:db8::1")).isPresent();
  }

  @Test
  void aTrustedProxyThatIsNoAddressOrBlockIsAConfigurationError() {
    assertThatThrownBy(() -> new ClientAddress(List.of("proxy.internal")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClientAddress(List.of("10.0.0.0/33")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
