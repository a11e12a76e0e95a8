package dev.calendar.session;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.calendar.serialization.CborSerializable;
import java.util.UUID;

/**
 * Which cached sessions must go. It travels inside {@link SessionEvictor.Evict} to other nodes, so
 * its concrete type is written with it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Revocation.OfToken.class, name = "token"),
  @JsonSubTypes.Type(value = Revocation.OfUser.class, name = "user")
})
public sealed interface Revocation extends CborSerializable {
  /** One session ended (log-out), by the hash of its token. */
  record OfToken(String tokenHash) implements Revocation {}

  /**
   * Sessions of a user ended (password change). All of them go from the caches, the kept one too:
   * it is simply read again from the store on its next use.
   */
  record OfUser(UUID userId) implements Revocation {}
}
