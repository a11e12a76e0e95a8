package dev.calendar.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.testing.EntityTestConfig;
import java.util.UUID;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EmailRegistryTest {
  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void firstClaimWinsAndTheOwnerSurvivesRestart() {
    var kit =
        EventSourcedBehaviorTestKit
            .<EmailRegistry.Command, EmailRegistry.Claimed, EmailRegistry.State>create(
                testKit.system(), EmailRegistry.create("ada@example.com"));
    UUID ada = UUID.randomUUID();
    UUID eve = UUID.randomUUID();

    assertThat(
            kit.<EmailRegistry.ClaimResult>runCommand(r -> new EmailRegistry.Claim(ada, r)).reply())
        .isInstanceOf(EmailRegistry.ClaimAccepted.class);
    assertThat(
            kit.<EmailRegistry.ClaimResult>runCommand(r -> new EmailRegistry.Claim(eve, r)).reply())
        .isInstanceOf(EmailRegistry.AlreadyTaken.class);
    var again = kit.<EmailRegistry.ClaimResult>runCommand(r -> new EmailRegistry.Claim(ada, r));
    assertThat(again.reply()).isInstanceOf(EmailRegistry.ClaimAccepted.class);
    assertThat(again.events()).isEmpty();

    kit.restart();
    assertThat(kit.<EmailRegistry.Owner>runCommand(EmailRegistry.Lookup::new).reply().userId())
        .isEqualTo(ada);
  }

  @Test
  void normalizesCaseAndSurroundingSpace() {
    assertThat(Emails.normalize("  Ada@Example.COM ")).isEqualTo("ada@example.com");
    assertThat(Emails.isValid("ada@example.com")).isTrue();
    assertThat(Emails.isValid("ada@localhost")).isFalse();
    assertThat(Emails.isValid("a b@example.com")).isFalse();
  }
}
