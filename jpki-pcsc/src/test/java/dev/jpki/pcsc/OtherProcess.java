// SPDX-License-Identifier: Apache-2.0
package dev.jpki.pcsc;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * "Another program" for PC/SC tests: a second JVM that prints {@code STARTED} once PC/SC is up,
 * connects to a reader in shared mode (printing {@code CONNECTED}), sends SELECT JPKI AP and prints {@code SW=xxxx}, or {@code ERR=<PC/SC code>}.
 */
final class OtherProcess {
  private static final byte[] SELECT_JPKI = java.util.HexFormat.of().parseHex("00A4040C0AD392F000260100000001");

  private final Process process;
  private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(16);

  private OtherProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          lines.offer(line);
        }
      } catch (Exception e) {
        lines.offer("ERR=" + e);
      }
    }, "other-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  static OtherProcess start(String action, String readerName) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        OtherProcess.class.getName(), action, readerName);
    pb.redirectErrorStream(true);
    return new OtherProcess(pb.start());
  }

  /** The next line printed, or null if none within the timeout. */
  String awaitLine(Duration timeout) throws InterruptedException {
    return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  void destroy() throws InterruptedException {
    process.destroy();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  public static void main(String[] args) {
    try {
      CardTerminal t = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(args[1]);
      System.out.println("STARTED");
      System.out.flush();
      Card card = t.connect("*");
      System.out.println("CONNECTED");
      System.out.flush();
      ByteBuffer response = ByteBuffer.allocate(258);
      int n = card.getBasicChannel().transmit(ByteBuffer.wrap(SELECT_JPKI), response);
      System.out.println(String.format("SW=%02X%02X", response.get(n - 2), response.get(n - 1)));
      card.disconnect(false);
    } catch (Exception e) {
      String code = PcscErrors.findCode(e);
      System.out.println("ERR=" + (code != null ? code : e.toString()));
    }
    System.out.flush();
  }
}
