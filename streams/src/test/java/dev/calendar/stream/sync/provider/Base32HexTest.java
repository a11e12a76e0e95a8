package dev.calendar.stream.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Base32HexTest {

  @Test
  void encodesTheRfc4648VectorsLowercaseWithoutPadding() {
    assertThat(encode("")).isEmpty();
    assertThat(encode("f")).isEqualTo("co");
    assertThat(encode("fo")).isEqualTo("cpng");
    assertThat(encode("foo")).isEqualTo("cpnmu");
    assertThat(encode("foob")).isEqualTo("cpnmuog");
    assertThat(encode("fooba")).isEqualTo("cpnmuoj1");
    assertThat(encode("foobar")).isEqualTo("cpnmuoj1e8");
  }

  @Test
  void anEventIdIsTheUuidsSixteenBytesInTwentySixCharacters() {
    assertThat(Base32Hex.eventId("123e4567-e89b-12d3-a456-426614174000"))
        .isEqualTo("28v4apv8jc9d792m89j185q000");
    assertThat(Base32Hex.eventId("ffffffff-ffff-ffff-ffff-ffffffffffff"))
        .isEqualTo("vvvvvvvvvvvvvvvvvvvvvvvvvs");
    assertThat(Base32Hex.eventId("00000000-0000-0000-0000-000000000000")).isEqualTo("0".repeat(26));
  }

  @Test
  void anIdThatIsNotAUuidIsStillAValidGoogleId() {
    assertThat(Base32Hex.eventId("not-a-uuid"))
        .matches("[0-9a-v]+")
        .isEqualTo(encode("not-a-uuid"));
  }

  private static String encode(String text) {
    return Base32Hex.encode(text.getBytes(StandardCharsets.UTF_8));
  }
}
