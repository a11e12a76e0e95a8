package dev.calendar.stream.sync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What a provider client's test needs: a local actor system for the test class, a fresh {@link
 * ProviderStub} for every test, settings pointing at it, a fixed clock, and waiting on stages.
 */
public abstract class ProviderClientTest {
  protected static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  protected static final String LOCAL_ID = "123e4567-e89b-12d3-a456-426614174000";
  protected static final Instant WINDOW_START = Instant.parse("2026-11-01T00:00:00Z");
  protected static final Instant WINDOW_END = Instant.parse("2027-03-01T00:00:00Z");

  private static ActorTestKit testKit;

  protected final ProviderStub stub = ProviderStub.start();

  @BeforeAll
  protected static void startSystem() {
    testKit =
        ActorTestKit.create(
            "provider-client", ConfigFactory.parseString("pekko.actor.provider = local"));
  }

  @AfterAll
  protected static void stopSystem() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  protected void stopStub() {
    stub.close();
  }

  protected static ActorSystem<Void> system() {
    return testKit.system();
  }

  /** The API at {@code stub + apiPath}, the token endpoint at {@code stub + "/token"}. */
  protected ProviderSettings settings(String apiPath, String clientId, String clientSecret) {
    return new ProviderSettings(
        stub.url() + apiPath, stub.url() + "/token", clientId, clientSecret, Duration.ofSeconds(5));
  }

  /** Always {@link #NOW}. */
  protected static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** A listing of the whole window from the start (no sync token), at {@code page} if given. */
  protected static ChangeQuery fullListing(String page) {
    return new ChangeQuery(null, page, WINDOW_START, WINDOW_END);
  }

  protected static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The stage's failure: a bare {@link ProviderException}, as the interface promises. */
  protected static ProviderException failure(CompletionStage<?> stage) {
    var error =
        catchThrowableOfType(
            () -> stage.toCompletableFuture().get(10, TimeUnit.SECONDS), ExecutionException.class);
    assertThat(error).as("the stage should have failed").isNotNull();
    assertThat(error.getCause()).isInstanceOf(ProviderException.class);
    return (ProviderException) error.getCause();
  }
}
