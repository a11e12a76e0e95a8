package dev.calendar.devservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated server configuration, without starting anything. */
class ConfigFilesTest {

  @TempDir Path dir;

  @Test
  void cassandraYamlUsesTheChosenPortsAndDirectories() {
    CassandraSettings s = new CassandraSettings(dir.resolve("c"), "127.0.0.1", 19042, 17000, 512);
    String yaml = CassandraServer.yaml(s);
    assertTrue(yaml.contains("native_transport_port: 19042\n"), yaml);
    assertTrue(yaml.contains("storage_port: 17000\n"), yaml);
    assertTrue(yaml.contains("- seeds: \"127.0.0.1:17000\"\n"), yaml);
    assertTrue(yaml.contains("listen_address: 127.0.0.1\n"), yaml);
    assertTrue(yaml.contains("rpc_address: 127.0.0.1\n"), yaml);
    assertTrue(yaml.contains("num_tokens: 1\n"), yaml);
    assertTrue(yaml.contains("endpoint_snitch: SimpleSnitch\n"), yaml);
    assertTrue(yaml.contains("commitlog_sync: periodic\ncommitlog_sync_period: 10000ms\n"), yaml);
    for (String sub : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw")) {
      assertTrue(yaml.contains("'" + s.dataDir().resolve(sub) + "'"), sub + " in " + yaml);
    }
  }

  @Test
  void cassandraJvmArgsHaveNoJmxPortAndLoadJamm() {
    CassandraSettings s = new CassandraSettings(dir.resolve("c"), "127.0.0.1", 19042, 17000, 768);
    List<String> args =
        CassandraServer.jvmArgs(
            s, List.of(Path.of("/repo/a.jar"), Path.of("/repo/jamm-0.4.0.jar")));
    assertTrue(args.contains("-Xmx768m"));
    assertTrue(args.contains("-javaagent:/repo/jamm-0.4.0.jar"));
    assertTrue(args.contains("-Dcassandra-foreground=yes"));
    assertTrue(args.contains("--add-opens=java.base/java.lang=ALL-UNNAMED"));
    assertTrue(
        args.contains("-Dcassandra.config=" + s.dataDir().resolve("cassandra.yaml").toUri()));
    assertFalse(
        args.stream()
            .anyMatch(
                a ->
                    a.startsWith("-Dcassandra.jmx")
                        || a.startsWith("-Dcom.sun.management.jmxremote")
                        || a.contains("7199")),
        args::toString);
  }

  @Test
  void kafkaPropertiesDescribeOneKraftNode() {
    KafkaSettings s = new KafkaSettings(dir.resolve("k"), "127.0.0.1", 19092, 19093, 512);
    String p = KafkaServer.serverProperties(s);
    assertTrue(p.contains("process.roles=broker,controller\n"), p);
    assertTrue(p.contains("node.id=1\n"), p);
    assertTrue(p.contains("controller.quorum.voters=1@127.0.0.1:19093\n"), p);
    assertTrue(
        p.contains("listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093\n"), p);
    assertTrue(p.contains("log.dirs=" + KafkaServer.logDir(s) + "\n"), p);
    assertTrue(p.contains("offsets.topic.replication.factor=1\n"), p);
    assertTrue(p.contains("transaction.state.log.replication.factor=1\n"), p);
    assertTrue(p.contains("transaction.state.log.min.isr=1\n"), p);
    assertTrue(p.contains("group.initial.rebalance.delay.ms=0\n"), p);
  }

  @Test
  void kafkaClusterIdIsMadeOnceAndKept() throws Exception {
    String id = KafkaServer.clusterId(dir);
    assertEquals(22, id.length(), id); // 16 bytes, URL-safe base64 without padding
    assertTrue(id.matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}"), id);
    assertEquals(id, KafkaServer.clusterId(dir));
    assertEquals(id + "\n", Files.readString(dir.resolve("cluster.id")));
  }

  @Test
  void settingsMakeTheDataDirAbsolute() {
    CassandraSettings c = CassandraSettings.defaults(Path.of("var/cassandra"));
    assertTrue(c.dataDir().isAbsolute());
    assertEquals(9042, c.nativePort());
    assertEquals(7000, c.storagePort());
    KafkaSettings k = KafkaSettings.defaults(Path.of("var/kafka"));
    assertTrue(k.dataDir().isAbsolute());
    assertEquals(9092, k.port());
    assertEquals(9093, k.controllerPort());
  }

  @Test
  void freePortsAreFreeAndDistinct() {
    int a = FreePorts.next();
    int b = FreePorts.next();
    assertTrue(a != b);
    assertTrue(FreePorts.isFree("127.0.0.1", a));
    assertTrue(a >= 20_000 && a < 32_000, "below the ephemeral range: " + a);
  }
}
