package dev.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void findsNulAndUnpairedSurrogates() {
    assertThat(Text.flaw("plain")).isNull();
    assertThat(Text.flaw("")).isNull();
    assertThat(Text.flaw("\ud83d\ude00 paired")).isNull();
    assertThat(Text.flaw("a\0b")).contains("NUL");
    assertThat(Text.flaw("\ud800")).contains("surrogate");
    assertThat(Text.flaw("\udc00\ud800")).contains("surrogate");
    assertThat(Text.flaw("x\ude00")).contains("surrogate");
    assertThat(Text.flaw("\ud83d\ude00\ud83d")).contains("surrogate");
  }

  @Test
  void printableReplacesOnlyTheBadCharacters() {
    assertThat(Text.printable("a\0b\ud800c\ud83d\ude00")).isEqualTo("a\ufffdb\ufffdc\ud83d\ude00");
  }
}
