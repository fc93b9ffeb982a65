// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TracingTransport;
import dev.jpki.pcsc.PcscException;
import dev.jpki.pcsc.PcscReaders;
import dev.jpki.pcsc.PcscTransport;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import dev.jpki.testkit.card.VirtualMyNumberCard;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.function.Function;
import javax.smartcardio.CardTerminal;
import org.jspecify.annotations.Nullable;

/**
 * Opens the card the global options name: {@code --virtual[=PERSONA]} (in-process virtual card) or
 * {@code --reader NAME|INDEX} (PC/SC; default the first reader with a card). With {@code --verbose} the
 * transport is wrapped in a redacted APDU trace on stderr.
 */
final class CardOpener {
  /**
   * Test seam: how {@code --virtual} turns its fresh card into a transport on this thread (a reader model
   * that resets or loses the card); unset in production, where the card's own transport is used.
   */
  static final ThreadLocal<@Nullable Function<VirtualMyNumberCard, CardTransport>> VIRTUAL_TRANSPORT =
      new ThreadLocal<>();

  private CardOpener() {}

  /**
   * A persona by name, or a usage error listing the names.
   *
   * @param name persona name
   * @return the persona
   */
  static Persona persona(String name) {
    if (!Personas.names().contains(name)) {
      throw new CliException(ExitCode.USAGE,
          "unknown persona '" + name + "'; choose one of " + String.join(", ", Personas.names()));
    }
    return Personas.get(name);
  }

  /**
   * Opens the transport the options select. The caller closes it.
   *
   * @param main the root command with the global options
   * @return an open transport
   * @throws PcscException if PC/SC is unavailable, the reader is missing or has no card
   */
  static CardTransport open(Main main) throws PcscException {
    return openDescribed(main).transport();
  }

  /**
   * An open transport with what {@code doctor --probe} reports about it.
   *
   * @param transport the transport; the caller closes it
   * @param reader the reader's name (for the virtual card: which persona, in process)
   * @param atr the ATR in hex
   * @param protocol the protocol PC/SC negotiated ("in process" for the virtual card)
   */
  record Opened(CardTransport transport, String reader, String atr, String protocol) {}

  /**
   * Opens the transport the options select, with its reader name, ATR and protocol.
   *
   * @param main the root command with the global options
   * @return the open transport and its description
   * @throws PcscException if PC/SC is unavailable, the reader is missing or has no card
   */
  static Opened openDescribed(Main main) throws PcscException {
    CardTransport t;
    String name;
    String atr;
    String protocol;
    if (main.virtual != null) {
      VirtualMyNumberCard card = persona(main.virtual).newCard();
      Function<VirtualMyNumberCard, CardTransport> seam = VIRTUAL_TRANSPORT.get();
      t = seam == null ? card.transport() : seam.apply(card);
      name = "virtual card (persona " + main.virtual + ", in process)";
      atr = HexFormat.of().withUpperCase().formatHex(card.atr());
      protocol = "in process";
    } else {
      PcscReaders readers = PcscReaders.system();
      CardTerminal terminal = main.reader != null ? readers.select(main.reader) : readers.firstWithCard();
      PcscTransport p = PcscTransport.connect(terminal);
      t = p;
      name = p.readerName();
      atr = HexFormat.of().withUpperCase().formatHex(p.atr());
      protocol = p.protocol();
    }
    if (main.verbose) {
      PrintWriter err = main.err();
      t = new TracingTransport(t, line -> {
        err.println("apdu " + line);
        err.flush();
      });
    }
    return new Opened(t, name, atr, protocol);
  }
}
