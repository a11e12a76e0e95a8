package dev.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagingTest {
  @Test
  void aLimitIsAWholeNumberFrom1To1000Defaulting100() {
    assertThat(Paging.limit(Optional.empty())).isEqualTo(100);
    assertThat(Paging.limit(Optional.of("1"))).isEqualTo(1);
    assertThat(Paging.limit(Optional.of("1000"))).isEqualTo(1000);
    assertThat(Paging.limit(Optional.of("0250"))).isEqualTo(250);
  }

  @Test
  void anythingElseIsA400NamingLimit() {
    for (String text :
        new String[] {
          "-1", "0", "1001", "abc", "1.5", "12345678901234567890", "", " 5", "+5", "1e2", "٣"
        }) {
      Problem p = catchThrowableOfType(Problem.class, () -> Paging.limit(Optional.of(text)));
      assertThat(p).as(text).isNotNull();
      assertThat(p.status()).isEqualTo(400);
      assertThat(p.errors()).extracting(FieldError::field).containsExactly("limit");
      assertThat(p.errors().get(0).message()).contains("1 to 1000");
    }
  }
}
