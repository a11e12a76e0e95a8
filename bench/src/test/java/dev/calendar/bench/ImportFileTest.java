package dev.calendar.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.external.IcsImport;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ImportFileTest {
  private static final Instant FROM = Instant.parse("2027-01-04T00:00:00Z");

  @Test
  void theFileIsFiveThousandEventsTwoHundredOfThemSeriesUnderTheImportLimit() {
    String file = ImportFile.build(FROM, 0);
    var parsed = IcsImport.parse(file, ZoneId.of("Europe/Berlin"));

    assertThat(file.length()).isLessThan(1024 * 1024);
    assertThat(parsed.busy()).hasSize(ImportFile.EVENTS);
    assertThat(parsed.skipped()).isZero();
    assertThat(parsed.busy().stream().filter(b -> b.schedule().recurring()).count())
        .isEqualTo(ImportFile.SERIES);
  }

  @Test
  void theSameArgumentsGiveTheSameFileAndMovedOnesDiffer() {
    assertThat(ImportFile.build(FROM, 0)).isEqualTo(ImportFile.build(FROM, 0));
    assertThat(ImportFile.build(FROM, 10)).isNotEqualTo(ImportFile.build(FROM, 0));
  }
}
