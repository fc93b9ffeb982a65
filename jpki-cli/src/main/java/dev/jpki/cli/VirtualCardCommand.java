// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.testkit.card.ApduProcessor;
import dev.jpki.testkit.card.ForwardingApduProcessor;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.vpcd.VpcdBridge;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki virtual-card --vpcd [HOST:]PORT [--persona P]}: puts a virtual My Number Card into a running
 * pcscd through vsmartcard's vpcd driver (docs/testing.md §1.5) until interrupted, so any PC/SC program
 * (ours or not) can talk to it as to a real card.
 */
@Command(name = "virtual-card",
    description = "Serve a virtual My Number Card to pcscd through vpcd until interrupted (Ctrl-C).")
final class VirtualCardCommand implements Runnable {
  @Spec CommandSpec spec;

  @Option(names = "--vpcd", required = true, paramLabel = "[HOST:]PORT",
      description = "vpcd address: 35963 is reader 'Virtual PCD 00 00', 35964 is '... 00 01'.")
  String vpcd = "";

  @Option(names = "--persona", paramLabel = "P", defaultValue = "default",
      description = "Persona (default, minor, face-auth, revoked, expired, smartphone, tampered).")
  String persona = "default";

  @Override
  public void run() {
    String host = VpcdBridge.DEFAULT_HOST;
    String portText = vpcd;
    int colon = vpcd.lastIndexOf(':');
    if (colon >= 0) {
      host = vpcd.substring(0, colon);
      portText = vpcd.substring(colon + 1);
    }
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw new CliException(ExitCode.USAGE, "--vpcd: not a port number: " + portText);
    }
    if (port < 1 || port > 65535) {
      throw new CliException(ExitCode.USAGE, "--vpcd: port must be 1..65535, was " + port);
    }
    VirtualMyNumberCard card = CardOpener.persona(persona).newCard();
    Main.root(spec).err().println("jpki: serving the '" + persona + "' virtual card to vpcd at " + host + ":" + port
        + " (Ctrl-C to stop)");
    Thread worker = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(worker::interrupt, "jpki-virtual-card-stop"));
    Progress progress = Progress.start(Main.root(spec), "virtual card");
    try {
      VpcdBridge.serve(host, port, progress.enabled() ? counting(card, progress) : card);
    } finally {
      progress.close();
    }
  }

  /** The card, counting the commands it answers on the progress line. */
  private static ApduProcessor counting(ApduProcessor card, Progress progress) {
    AtomicLong commands = new AtomicLong();
    return new ForwardingApduProcessor(card) {
      @Override
      public byte[] process(byte[] command) {
        progress.update(commands.incrementAndGet() + " commands answered");
        return super.process(command);
      }
    };
  }
}
