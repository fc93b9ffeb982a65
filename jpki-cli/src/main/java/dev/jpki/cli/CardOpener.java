package dev.jpki.cli;

import dev.jpki.apdu.CardTransport;
import dev.jpki.apdu.TracingTransport;
import dev.jpki.pcsc.PcscException;
import dev.jpki.pcsc.PcscReaders;
import dev.jpki.pcsc.PcscTransport;
import dev.jpki.testkit.Persona;
import dev.jpki.testkit.Personas;
import java.io.PrintWriter;
import javax.smartcardio.CardTerminal;

/**
 * Opens the card the global options name: {@code --virtual[=PERSONA]} (in-process virtual card) or
 * {@code --reader NAME|INDEX} (PC/SC; default the first reader with a card). With {@code --verbose} the
 * transport is wrapped in a redacted APDU trace on stderr.
 */
final class CardOpener {
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
    CardTransport t;
    if (main.virtual != null) {
      t = persona(main.virtual).newCard().transport();
    } else {
      PcscReaders readers = PcscReaders.system();
      CardTerminal terminal = main.reader != null ? readers.select(main.reader) : readers.firstWithCard();
      t = PcscTransport.connect(terminal);
    }
    if (main.verbose) {
      PrintWriter err = main.err();
      t = new TracingTransport(t, line -> {
        err.println("apdu " + line);
        err.flush();
      });
    }
    return t;
  }
}
