package dev.calendar.devservers.fakeapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** The OAuth client's id and secret at a token endpoint: in the form, or as HTTP Basic. */
public final class ClientCredentials {
  private ClientCredentials() {}

  /**
   * Whether the call names the expected client. The form's {@code client_id} and {@code
   * client_secret} are used when both are there; when either is absent, HTTP Basic is read instead
   * (if the call has it).
   */
  public static boolean matches(
      Map<String, String> form, String authorization, String clientId, String clientSecret) {
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    if ((id == null || secret == null)
        && authorization != null
        && authorization.startsWith("Basic ")) {
      String decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).strip()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        id = decoded.substring(0, colon);
        secret = decoded.substring(colon + 1);
      }
    }
    return clientId.equals(id) && clientSecret.equals(secret);
  }
}
