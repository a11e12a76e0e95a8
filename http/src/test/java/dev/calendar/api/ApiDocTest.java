package dev.calendar.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/api.md} and the served {@code openapi.yaml} list the same operations: every operation
 * of the document is named in the page as {@code `METHOD /path`}, and the page names no other.
 */
class ApiDocTest {
  private static final Pattern NAMED =
      Pattern.compile("`(GET|PUT|POST|PATCH|DELETE|HEAD|OPTIONS) (/[^`\\s]*)`");

  private static Set<String> inOpenApi;
  private static Set<String> inPage;

  @BeforeAll
  static void load() throws IOException {
    inOpenApi =
        OpenApiDocumentTest.operations(OpenApiDocumentTest.openApi()).stream()
            .map(OpenApiDocumentTest.Operation::name)
            .collect(Collectors.toCollection(TreeSet::new));
    inPage = new TreeSet<>();
    Matcher m = NAMED.matcher(Files.readString(apiPage()));
    while (m.find()) {
      inPage.add(m.group(1) + " " + m.group(2));
    }
  }

  /** docs/api.md of the checkout, found from the module directory the tests run in. */
  static Path apiPage() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path page = dir.resolve("docs").resolve("api.md");
      if (Files.isRegularFile(page)) {
        return page;
      }
    }
    throw new AssertionError("docs/api.md not found above " + Path.of("").toAbsolutePath());
  }

  @Test
  void everyOperationOfTheOpenApiDocumentIsDescribedInTheApiPage() {
    assertThat(inOpenApi).hasSizeGreaterThan(15);
    assertThat(inPage).as("operations named in docs/api.md").containsAll(inOpenApi);
  }

  @Test
  void theApiPageNamesNoOperationTheOpenApiDocumentLacks() {
    assertThat(inOpenApi).as("operations in openapi.yaml").containsAll(inPage);
  }
}
