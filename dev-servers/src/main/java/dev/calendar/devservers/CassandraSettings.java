package dev.calendar.devservers;

import java.nio.file.Path;

/**
 * Where and how a {@link CassandraServer} runs.
 *
 * @param dataDir all of the server's files: yaml, data, commit log, logs/cassandra.log. Reused when
 *     it already holds data. Its parent also gets {@code servers/} (the cached classpath).
 * @param host address for CQL and storage (listen, rpc, seed)
 * @param nativePort CQL port
 * @param storagePort inter-node port (a single node still binds it)
 * @param heapMb -Xms and -Xmx
 */
public record CassandraSettings(
    Path dataDir, String host, int nativePort, int storagePort, int heapMb) {

  public static final int DEFAULT_NATIVE_PORT = 9042;
  public static final int DEFAULT_STORAGE_PORT = 7000;
  public static final int DEFAULT_HEAP_MB = 1024;

  public CassandraSettings {
    if (dataDir == null || host == null || host.isBlank()) {
      throw new IllegalArgumentException("dataDir and host are required");
    }
    if (heapMb < 256) {
      throw new IllegalArgumentException("Cassandra needs at least 256 MB heap, got " + heapMb);
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** Cassandra's usual ports on 127.0.0.1 (dev mode). */
  public static CassandraSettings defaults(Path dataDir) {
    return new CassandraSettings(
        dataDir, "127.0.0.1", DEFAULT_NATIVE_PORT, DEFAULT_STORAGE_PORT, DEFAULT_HEAP_MB);
  }

  /** Free ports on 127.0.0.1 (tests, and several copies side by side). */
  public static CassandraSettings withFreePorts(Path dataDir, int heapMb) {
    return new CassandraSettings(dataDir, "127.0.0.1", FreePorts.next(), FreePorts.next(), heapMb);
  }
}
