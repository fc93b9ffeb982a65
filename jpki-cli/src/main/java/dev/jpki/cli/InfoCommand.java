// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.Application;
import dev.jpki.card.CardInfo;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.PinStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code jpki info}: token type (card or smartphone), the applications that answer, and the tries left
 * of every credential, read with the free empty VERIFY: no try is spent and no PIN is asked for.
 */
@Command(name = "info", description = "Token type, applications and tries left (no PIN needed, no try spent).")
final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    CardInfo info = CardSupport.withCard(main, MyNumberCard::info);
    ObjectNode doc = Output.object();
    doc.put("token", info.tokenType().isSmartphone() ? "smartphone" : "card");
    doc.put("tokenType", info.tokenType().name());
    ArrayNode apps = doc.putArray("applications");
    StringBuilder text = new StringBuilder();
    text.append("Token:        ").append(info.tokenType().isSmartphone() ? "smartphone" : "card")
        .append(" (").append(info.tokenType()).append(")\n");
    text.append("Applications:");
    for (Application a : info.applications()) {
      apps.add(CardSupport.appName(a));
      text.append(' ').append(CardSupport.appName(a));
    }
    text.append('\n');
    ObjectNode tries = doc.putObject("tries");
    text.append("Tries left:\n");
    for (PinStatus s : info.pinStatuses()) {
      String key = CardSupport.triesKey(s.application(), s.pinType());
      if (s.triesLeft().isPresent()) {
        tries.put(key, s.triesLeft().getAsInt());
      } else {
        tries.putNull(key);
      }
      text.append("  ").append(String.format("%-8s", key)).append(' ').append(PinStatusCommand.describe(s)).append('\n');
    }
    main.output().print(doc, text.toString());
    return ExitCode.OK;
  }
}
