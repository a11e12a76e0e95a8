package dev.calendar.stream.outbound;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;

/**
 * A body read as it arrives and cut at a cap: past {@code max} bytes the stream fails with {@link
 * TooLarge}. Done here rather than by Pekko's own entity limit, whose failure is a generic stream
 * error that cannot be told apart from a broken connection.
 */
public final class CappedBody {
  private CappedBody() {}

  /** The body was longer than allowed. */
  public static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  public static Sink<ByteString, CompletionStage<ByteString>> atMost(long max) {
    return Sink.fold(
        ByteString.emptyByteString(),
        (ByteString read, ByteString chunk) -> {
          if ((long) read.size() + chunk.size() > max) {
            throw new TooLarge();
          }
          return read.concat(chunk);
        });
  }
}
