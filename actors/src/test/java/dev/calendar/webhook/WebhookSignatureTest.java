package dev.calendar.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  // The Standard Webhooks reference vector (the spec's libraries all test against it).
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330L;
  private static final String BODY = "{\"test\": 2432232314}";
  private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static final Duration TOLERANCE = WebhookSignature.DEFAULT_TOLERANCE;
  private static final Instant SENT = Instant.ofEpochSecond(TIMESTAMP);

  private static boolean verify(String id, String timestamp, String header, String body) {
    return WebhookSignature.verify(SECRET, id, timestamp, header, body, TOLERANCE, SENT);
  }

  @Test
  void signsTheStandardWebhooksReferenceVector() {
    assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
  }

  @Test
  void signatureIsHmacSha256OfIdTimestampAndBodyUnderTheDecodedKey() throws Exception {
    byte[] key = Base64.getDecoder().decode(SECRET.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] raw = mac.doFinal((ID + "." + TIMESTAMP + "." + BODY).getBytes(StandardCharsets.UTF_8));
    assertThat(WebhookSignature.sign(SECRET, ID, TIMESTAMP, BODY))
        .isEqualTo("v1," + Base64.getEncoder().encodeToString(raw));
  }

  @Test
  void verifiesAnUnalteredMessage() {
    assertThat(verify(ID, Long.toString(TIMESTAMP), EXPECTED, BODY)).isTrue();
  }

  @Test
  void rejectsAnAlteredBodyIdOrTimestamp() {
    assertThat(verify(ID, Long.toString(TIMESTAMP), EXPECTED, "{\"test\": 2432232315}")).isFalse();
    assertThat(verify("msg_other", Long.toString(TIMESTAMP), EXPECTED, BODY)).isFalse();
    assertThat(verify(ID, Long.toString(TIMESTAMP + 1), EXPECTED, BODY)).isFalse();
  }

  @Test
  void rejectsAnotherSecret() {
    String other = WebhookSignature.generateSecret(new SecureRandom());
    assertThat(
            WebhookSignature.verify(
                other, ID, Long.toString(TIMESTAMP), EXPECTED, BODY, TOLERANCE, SENT))
        .isFalse();
  }

  @Test
  void acceptsATimestampWithinToleranceEitherWay() {
    String ts = Long.toString(TIMESTAMP);
    for (Instant now : new Instant[] {SENT.plus(TOLERANCE), SENT.minus(TOLERANCE)}) {
      assertThat(WebhookSignature.verify(SECRET, ID, ts, EXPECTED, BODY, TOLERANCE, now)).isTrue();
    }
  }

  @Test
  void rejectsAReplayOutsideTolerance() {
    String ts = Long.toString(TIMESTAMP);
    Instant late = SENT.plus(TOLERANCE).plusSeconds(1);
    Instant early = SENT.minus(TOLERANCE).minusSeconds(1);
    assertThat(WebhookSignature.verify(SECRET, ID, ts, EXPECTED, BODY, TOLERANCE, late)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, ID, ts, EXPECTED, BODY, TOLERANCE, early)).isFalse();
  }

  @Test
  void acceptsAnyOfSeveralSpaceSeparatedSignatures() {
    String ts = Long.toString(TIMESTAMP);
    assertThat(verify(ID, ts, "v1,bm9wZQ== v2,abc " + EXPECTED, BODY)).isTrue();
    assertThat(verify(ID, ts, "v1,bm9wZQ== v1,not-base64!", BODY)).isFalse();
    // The right bytes under another version label do not count.
    assertThat(verify(ID, ts, EXPECTED.replace("v1,", "v1a,"), BODY)).isFalse();
  }

  @Test
  void rejectsMalformedHeaders() {
    assertThat(verify(ID, "yesterday", EXPECTED, BODY)).isFalse();
    assertThat(verify(ID, Long.toString(TIMESTAMP), "", BODY)).isFalse();
    assertThat(verify(null, Long.toString(TIMESTAMP), EXPECTED, BODY)).isFalse();
  }

  @Test
  void generatedSecretsHaveTheDocumentedShapeAndDiffer() {
    var random = new SecureRandom();
    String a = WebhookSignature.generateSecret(random);
    String b = WebhookSignature.generateSecret(random);
    assertThat(a).startsWith("whsec_").isNotEqualTo(b);
    assertThat(WebhookSignature.isValidSecret(a)).isTrue();
    byte[] key = Base64.getDecoder().decode(a.substring(6));
    assertThat(key.length).isBetween(24, 64);
  }

  @Test
  void acceptsOnlyWhsecSecretsOf24To64Bytes() {
    var b64 = Base64.getEncoder();
    assertThat(WebhookSignature.isValidSecret(SECRET)).isTrue();
    assertThat(WebhookSignature.isValidSecret("whsec_" + b64.encodeToString(new byte[64])))
        .isTrue();
    assertThat(WebhookSignature.isValidSecret("whsec_" + b64.encodeToString(new byte[23])))
        .isFalse();
    assertThat(WebhookSignature.isValidSecret("whsec_" + b64.encodeToString(new byte[65])))
        .isFalse();
    assertThat(WebhookSignature.isValidSecret(SECRET.substring(6))).isFalse();
    assertThat(WebhookSignature.isValidSecret("whsec_not base64!")).isFalse();
  }
}
