package dev.calendar.stream.sync.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals OAuth tokens for the journal: AES-256-GCM with a random 96-bit nonce per sealing, the nonce
 * kept in front of the ciphertext. What is written is {@code v1.} and base64url; a journal read
 * without the key shows nothing of the tokens, and a changed byte fails the tag check.
 */
public final class TokenVault {
  private static final String PREFIX = "v1.";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  /** {@code key}: 32 bytes. */
  public TokenVault(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the token key must be 32 bytes (base64: 44 characters)");
    }
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  /** A key given as base64 (standard or url-safe). */
  public static TokenVault ofBase64(String key) {
    String trimmed = key.trim();
    byte[] bytes;
    try {
      bytes =
          trimmed.contains("-") || trimmed.contains("_")
              ? Base64.getUrlDecoder().decode(trimmed)
              : Base64.getDecoder().decode(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the token key is not base64", e);
    }
    return new TokenVault(bytes);
  }

  public String seal(Tokens tokens) {
    ObjectNode node = JSON.createObjectNode();
    node.put("a", tokens.accessToken());
    node.put("e", tokens.accessExpiresAt() == null ? null : tokens.accessExpiresAt().toString());
    node.put("r", tokens.refreshToken());
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      byte[] sealed = cipher.doFinal(node.toString().getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** The tokens; fails if {@code sealed} was not sealed with this key or was changed. */
  public Tokens open(String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not sealed tokens");
    }
    byte[] in = Base64.getUrlDecoder().decode(sealed.substring(PREFIX.length()));
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      var node = JSON.readTree(plain);
      String expires = node.path("e").isTextual() ? node.get("e").asText() : null;
      return new Tokens(
          node.path("a").asText(null),
          expires == null ? null : Instant.parse(expires),
          node.path("r").asText(null));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the tokens cannot be opened with this key", e);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("the sealed tokens are damaged", e);
    }
  }
}
