package dev.calendar.devservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A server's log file, which is appended to across runs: we look only at what this run wrote,
 * starting from the size the file had when the run began.
 */
final class LogFile {

  private final Path file;
  private long position;

  /** The end of the previous read, so a marker split across two reads is still found. */
  private String carry = "";

  LogFile(Path file) throws IOException {
    this.file = file;
    this.position = Files.exists(file) ? Files.size(file) : 0;
  }

  Path path() {
    return file;
  }

  /** Whether the text written since this object was made contains {@code marker}. */
  boolean contains(String marker) {
    if (carry.contains(marker)) {
      return true;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size <= position) {
        return false;
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - position, 4 << 20));
      channel.read(buffer, position);
      position += buffer.position();
      String text =
          carry + new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
      boolean found = text.contains(marker);
      carry = text.substring(Math.max(0, text.length() - marker.length()));
      return found;
    } catch (IOException e) {
      return false; // not created yet
    }
  }

  /** The last {@code lines} lines of {@code file}, for error messages. */
  static String tail(Path file, int lines) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long from = Math.max(0, size - 64 * 1024);
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
      channel.read(buffer, from);
      List<String> all =
          Arrays.asList(
              new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).split("\n"));
      return "--- last lines of "
          + file
          + " ---\n"
          + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + file + ": " + e + ")";
    }
  }

  static void append(Path file, String text) {
    try {
      Files.writeString(
          file,
          text,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
