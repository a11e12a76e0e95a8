package dev.calendar.devservers;

import java.nio.file.Path;

/**
 * Where and how a {@link KafkaServer} (one KRaft node, broker and controller) runs.
 *
 * @param dataDir all of the server's files: server.properties, cluster.id, the log dirs,
 *     logs/kafka.log. Reused when already formatted. Its parent also gets {@code servers/}.
 * @param host address of both listeners
 * @param port PLAINTEXT listener, the bootstrap server
 * @param controllerPort CONTROLLER listener (KRaft quorum)
 * @param heapMb -Xms and -Xmx
 */
public record KafkaSettings(Path dataDir, String host, int port, int controllerPort, int heapMb) {

  public static final int DEFAULT_PORT = 9092;
  public static final int DEFAULT_CONTROLLER_PORT = 9093;
  public static final int DEFAULT_HEAP_MB = 512;

  public KafkaSettings {
    if (dataDir == null || host == null || host.isBlank()) {
      throw new IllegalArgumentException("dataDir and host are required");
    }
    if (heapMb < 128) {
      throw new IllegalArgumentException("Kafka needs at least 128 MB heap, got " + heapMb);
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** Kafka's usual ports on 127.0.0.1 (dev mode). */
  public static KafkaSettings defaults(Path dataDir) {
    return new KafkaSettings(
        dataDir, "127.0.0.1", DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, DEFAULT_HEAP_MB);
  }

  /** Free ports on 127.0.0.1 (tests, and several copies side by side). */
  public static KafkaSettings withFreePorts(Path dataDir, int heapMb) {
    return new KafkaSettings(dataDir, "127.0.0.1", FreePorts.next(), FreePorts.next(), heapMb);
  }
}
