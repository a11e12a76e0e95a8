package dev.calendar.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(19456, 2, 1);

  @Test
  void verifiesTheRightPasswordOnly() {
    String hash = hasher.hash("correct horse battery");
    assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse");
    assertThat(hasher.verify("correct horse battery", hash)).isTrue();
    assertThat(hasher.verify("wrong", hash)).isFalse();
  }

  @Test
  void saltsEachHash() {
    assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
  }

  @Test
  void unknownAccountNeverMatches() {
    assertThat(hasher.verify("decoy-password-for-unknown-accounts", null)).isFalse();
  }
}
