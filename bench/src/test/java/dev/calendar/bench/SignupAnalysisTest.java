package dev.calendar.bench;

import static dev.calendar.bench.Phases.cpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.calendar.bench.SignupAnalysis.Phase;
import org.junit.jupiter.api.Test;

class SignupAnalysisTest {
  @Test
  void boundByHashingWhenTheCheapPathsHaveHeadroomAndSignUpsNearTheHashRate() {
    var a =
        SignupAnalysis.of(
            2000,
            10,
            0.5,
            2,
            new Phase(8, cpu(0.9, 150, 5, 20)),
            new Phase(9, cpu(0.9, 150, 5, 20)),
            new Phase(900, cpu(0.9, 150, 5, 20)));

    assertThat(a.journalSignUps()).isEqualTo(1000);
    assertThat(a.hashMillis()).isCloseTo(100, within(1e-9));
    assertThat(a.signUpNodeMillis()).isCloseTo(187.5, within(1e-9));
    assertThat(a.signUpsPerJournalEvent()).isCloseTo(0.004, within(1e-12));
    assertThat(a.boundByHashing()).contains(true);
  }

  @Test
  void notClearlyBoundByHashingWhenReadsAreSlow() {
    var a =
        SignupAnalysis.of(
            2000,
            10,
            0.5,
            2,
            new Phase(8, cpu(0.9, 150, 5, 20)),
            new Phase(9, cpu(0.9, 150, 5, 20)),
            new Phase(20, cpu(0.9, 150, 5, 20)));

    assertThat(a.boundByHashing()).contains(false);
  }

  @Test
  void noVerdictWhenAPhaseMeasuredNothing() {
    var a =
        SignupAnalysis.of(
            2000,
            10,
            0.5,
            2,
            new Phase(8, cpu(0.9, 150, 5, 20)),
            new Phase(0, cpu(0.9, 150, 5, 20)),
            new Phase(900, cpu(0.9, 150, 5, 20)));

    assertThat(a.boundByHashing()).isEmpty();
  }
}
