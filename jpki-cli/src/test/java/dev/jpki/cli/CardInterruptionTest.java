// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.ForwardingTransport;
import dev.jpki.apdu.TransportException;
import dev.jpki.testkit.card.Application;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import dev.jpki.testkit.reader.IdleResettingTransactions;
import dev.jpki.testkit.reader.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit 7 (docs/cli.md "Exit codes"): the card was reset by another program or removed in the middle of a
 * command. The command says so in one line, sends the PIN once only, and leaves every try on the card.
 */
class CardInterruptionTest {
  @TempDir Path dir;
  private final List<byte[]> sent = new ArrayList<>();
  private VirtualMyNumberCard card;

  @AfterEach
  void restore() {
    CardOpener.VIRTUAL_TRANSPORT.remove();
  }

  /** Sends through {@code link}; before the first command with {@code ins}, runs {@code event}. */
  private CardTransport recording(CardTransport link, int ins, Runnable event) {
    return new ForwardingTransport(link) {
      private boolean fired;

      @Override
      public byte[] transceive(byte[] command) throws TransportException {
        sent.add(command.clone());
        if (!fired && (command[1] & 0xFF) == ins) {
          fired = true;
          event.run();
        }
        return super.transceive(command);
      }
    };
  }

  private long verifiesWithData() {
    return sent.stream().filter(c -> (c[1] & 0xFF) == 0x20 && c.length > 5).count();
  }

  @Test
  void cardResetByAnotherProgramBeforeTheSignature_exit7_pinSentOnce_triesFull() throws Exception {
    CardOpener.VIRTUAL_TRANSPORT.set(c -> {
      card = c;
      IdleResettingTransactions windows = new IdleResettingTransactions(c.transport(), c, new TestClock());
      return recording(windows, 0x2A, windows::resetByAnotherProgram);
    });
    Path data = Files.write(dir.resolve("d"), new byte[] {1, 2, 3});
    CliRunner.Result r = new CliRunner().env("PIN", "1234").run("--virtual", "--pin-env", "PIN", "sign",
        "--key", "auth", "--in", data.toString(), "--out", dir.resolve("s").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.CARD_INTERRUPTED);
    assertThat(r.err().lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
        .contains("the card was reset by another program", "the PIN was not re-sent", "run the command again"));
    assertThat(r.err()).doesNotContain("1234").doesNotContain("Exception");
    assertThat(Files.exists(dir.resolve("s"))).isFalse();
    assertThat(verifiesWithData()).isEqualTo(1);
    assertThat(card.triesLeft(Application.JPKI, 0x0018)).hasValue(3);
  }

  @Test
  void cardRemovedMidReadBinary_exit7_saysPutItBack() {
    CardOpener.VIRTUAL_TRANSPORT.set(c -> {
      card = c;
      CardTransport removing = new ForwardingTransport(c.transport()) {
        private int reads;

        @Override
        public byte[] transceive(byte[] command) throws TransportException {
          // gone from the second READ BINARY on: every later exchange fails too, as on a reader
          if (((command[1] & 0xFF) == 0xB0 && ++reads >= 2) || reads >= 2) {
            throw new TransportException(TransportException.Reason.CARD_REMOVED, "SCARD_W_REMOVED_CARD");
          }
          return super.transceive(command);
        }
      };
      return recording(removing, 0, () -> { });
    });
    CliRunner.Result r = new CliRunner().run("--virtual", "certs", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.CARD_INTERRUPTED);
    assertThat(r.err()).contains("the card was removed", "put the card back", "run the command again");
    assertThat(verifiesWithData()).isZero();
  }

  @Test
  void otherCardErrors_stayExit4() {
    CardOpener.VIRTUAL_TRANSPORT.set(c -> new ForwardingTransport(c.transport()) {
      @Override
      public byte[] transceive(byte[] command) throws TransportException {
        throw new TransportException(TransportException.Reason.IO_ERROR, "reader error");
      }
    });
    CliRunner.Result r = new CliRunner().run("--virtual", "info");
    assertThat(r.code()).isEqualTo(ExitCode.CARD);
  }

  @Test
  void emptyReaderAtConnect_isExit4_notAnInterruption() {
    // An empty reader has its own transport reason (NO_CARD): only a removal mid-command is 7
    dev.jpki.pcsc.PcscException noCard = new dev.jpki.pcsc.PcscException(
        dev.jpki.pcsc.PcscException.Kind.NO_CARD, "SCARD_E_NO_SMARTCARD", "No card while connecting", null);
    assertThat(noCard.reason()).isEqualTo(TransportException.Reason.NO_CARD);
    assertThat(Main.exitCodeOf(noCard)).isEqualTo(ExitCode.CARD);
    dev.jpki.pcsc.PcscException removed = new dev.jpki.pcsc.PcscException(
        dev.jpki.pcsc.PcscException.Kind.CARD_REMOVED, "SCARD_W_REMOVED_CARD", "The card was removed", null);
    assertThat(Main.exitCodeOf(removed)).isEqualTo(ExitCode.CARD_INTERRUPTED);
    dev.jpki.pcsc.PcscException reset = new dev.jpki.pcsc.PcscException(
        dev.jpki.pcsc.PcscException.Kind.CARD_RESET, "SCARD_W_RESET_CARD", "The card was reset", null);
    assertThat(Main.exitCodeOf(new java.security.SignatureException("wrapped", reset)))
        .isEqualTo(ExitCode.CARD_INTERRUPTED);
  }
}
