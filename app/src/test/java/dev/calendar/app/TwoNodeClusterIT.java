package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.calendar.devservers.FreePorts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.Test;

/** Two nodes in one cluster: what happens on one is seen on the other at once. */
class TwoNodeClusterIT {

  @Test
  void logoutOnOneNodeRejectsTheTokenOnTheOther() throws Exception {
    int portA = FreePorts.next();
    int portB = FreePorts.next();
    String seed = TestNodes.address(portA);
    try (Node a = TestNodes.start(portA, List.of(seed));
        Node b = TestNodes.start(portB, List.of(seed))) {
      // Each node's own view: B may see itself Up a moment after A does (gossip).
      awaitMembers(a, 2);
      awaitMembers(b, 2);
      TestNodes.awaitSessionEvictors(a, 2);
      var apiA = new Api(a);
      var apiB = new Api(b);

      String email = Api.uniqueEmail("two-nodes");
      var user = apiA.signUp(email, "password1");
      String id = user.get("id").asText();
      // Logged in through B, the account created through A (its entities may live on either node).
      var login = apiB.logIn(email, "password1");
      assertThat(login.status()).isEqualTo(201);
      String token = login.json().get("token").asText();
      assertThat(apiA.get("/users/" + id, token).status()).isEqualTo(200);
      // Used on B before the log-out, so B holds it in its session cache: the log-out on A must
      // reach that cache before A answers.
      assertThat(apiB.get("/users/" + id, token).status()).isEqualTo(200);

      var logout =
          apiA.send(
              "DELETE", "/sessions/current", null, Map.of("Authorization", "Bearer " + token));
      assertThat(logout.status()).isEqualTo(204);
      // Right after the answer, no waiting.
      assertThat(apiB.get("/users/" + id, token).status()).isEqualTo(401);
      assertThat(apiA.get("/users/" + id, token).status()).isEqualTo(401);

      // Both nodes answer ready as members of one cluster.
      assertThat(apiB.send("GET", "/health/ready", null, Map.of()).status()).isEqualTo(200);
    }
  }

  private static void awaitMembers(Node node, int count) {
    var cluster = Cluster.get(node.system());
    await()
        .alias("cluster of " + count + " members up")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                        .filter(m -> m.status() == MemberStatus.up())
                        .count()
                    == count);
  }
}
