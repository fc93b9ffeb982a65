// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.BasicInfo;
import dev.jpki.card.MyNumber;
import dev.jpki.card.Pin;
import dev.jpki.card.TextApplet;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jpki read-text}: My Number and the basic 4 info from the text AP (券面事項入力補助AP), opened with
 * the text-AP PIN ({@code --pin-env}), or the 4 info alone with 照合番号B ({@code --pin-b-env}; B does not
 * open the My Number, docs/card-protocol.md §6.1). The My Number is masked unless {@code --reveal}.
 */
@Command(name = "read-text", description = "My Number (masked unless --reveal) and the basic 4 info from the text AP.")
final class ReadTextCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--reveal", description = "Print the My Number in full (its use is restricted by law).")
  boolean reveal;

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    boolean withB = main.pinBEnv != null;
    char[] secret = withB
        ? Secrets.read(main, main.pinBEnv, "--pin-b-env", "verification code B (14 digits)")
        : Secrets.read(main, main.pinEnv, "--pin-env", "text-AP PIN (4 digits)");
    Pin pin;
    try {
      pin = withB ? Pin.verificationCodeB(secret) : Pin.text(secret);
    } finally {
      Secrets.wipe(secret);
    }
    Object[] result;
    try (Pin p = pin) {
      result = CardSupport.withCard(main, card -> {
        TextApplet text = card.text();
        text.verify(p, CardSupport.verifyOptions(main));
        @Nullable MyNumber number = withB ? null : text.myNumber();
        return new Object[] {text.basicInfo(), number == null ? "" : number};
      });
    }
    BasicInfo info = (BasicInfo) result[0];
    String number = result[1] instanceof MyNumber
        ? (reveal ? ((MyNumber) result[1]).digits() : ((MyNumber) result[1]).masked()) : null;
    ObjectNode doc = Output.object();
    if (number != null) {
      doc.put("myNumber", number);
    } else {
      doc.putNull("myNumber");
    }
    doc.put("name", info.name()).put("address", info.address())
        .put("birthDate", info.birthDate().toString()).put("sex", CardSupport.sexName(info.sex()));
    String text = (number != null ? "My Number:  " + number + "\n" : "My Number:  (not opened by code B)\n")
        + "Name:       " + info.name() + "\n"
        + "Address:    " + info.address() + "\n"
        + "Birth date: " + info.birthDate() + "\n"
        + "Sex:        " + CardSupport.sexName(info.sex()) + "\n";
    main.output().print(doc, text);
    return ExitCode.OK;
  }
}
