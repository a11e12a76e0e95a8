package dev.calendar.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.calendar.devservers.FreePorts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Users and sessions live in Cassandra: a node stopped and started again still has them. */
class NodeRestartIT {

  @Test
  void aRestartedNodeKeepsUsersAndSessions() throws Exception {
    int pekkoPort = FreePorts.next();
    String email = Api.uniqueEmail("restart");
    String id;
    String token;
    try (Node node = TestNodes.start(pekkoPort, List.of())) {
      var api = new Api(node);
      var user = api.signUp(email, "password1");
      id = user.get("id").asText();
      token = user.get("token").asText();
      var patch =
          api.send(
              "PATCH",
              "/users/" + id,
              "{\"name\":\"Before Restart\"}",
              java.util.Map.of("Authorization", "Bearer " + token));
      assertThat(patch.status()).isEqualTo(200);
    }

    try (Node restarted = TestNodes.start(pekkoPort, List.of())) {
      var api = new Api(restarted);
      // The old session still works, the entity state was recovered from the journal ...
      var profile = api.get("/users/" + id, token);
      assertThat(profile.status()).isEqualTo(200);
      assertThat(profile.json().get("name").asText()).isEqualTo("Before Restart");
      // ... and so did the email registry and the password hash.
      assertThat(api.logIn(email, "password1").status()).isEqualTo(201);
      var again =
          api.post(
              "/users", "{\"email\":\"" + email + "\",\"name\":\"X\",\"password\":\"password2\"}");
      assertThat(again.status()).isEqualTo(409);
    }
  }
}
