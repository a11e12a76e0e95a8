package dev.calendar.stream.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenVaultTest {
  private static byte[] key() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  private final Tokens tokens =
      new Tokens("ya29.access", Instant.parse("2026-12-03T20:00:00Z"), "1//refresh");

  @Test
  void sealedTokensOpenAgainAndShowNothingOfThemselves() {
    var vault = new TokenVault(key());
    String sealed = vault.seal(tokens);
    assertThat(sealed).startsWith("v1.").doesNotContain("ya29").doesNotContain("refresh");
    assertThat(vault.open(sealed)).isEqualTo(tokens);
    assertThat(vault.seal(tokens)).as("a new nonce each time").isNotEqualTo(sealed);
  }

  @Test
  void aChangedByteOrAnotherKeyIsRefused() {
    var vault = new TokenVault(key());
    String sealed = vault.seal(tokens);
    byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(3));
    raw[raw.length - 1] ^= 1;
    String tampered = "v1." + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    assertThatThrownBy(() -> vault.open(tampered)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenVault(key()).open(sealed))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyMustBe32BytesOfBase64() {
    assertThatThrownBy(() -> TokenVault.ofBase64("c2hvcnQ=")).hasMessageContaining("32 bytes");
    assertThat(TokenVault.ofBase64(Base64.getEncoder().encodeToString(key()))).isNotNull();
  }
}
