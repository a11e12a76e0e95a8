package dev.calendar.bench;

/** {@code bin/calendar bench NAME}: picks a load program. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    String name = args.length == 0 ? "help" : args[0];
    String[] rest = java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (name) {
      default -> {
        System.err.println("usage: bin/calendar bench signup [options]");
        System.exit(2);
      }
    }
  }
}
