// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpki.card.CardInfo;
import dev.jpki.card.MyNumberCard;
import dev.jpki.card.PinStatus;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jpki pin-status}: every credential's state and tries left, without spending a try. */
@Command(name = "pin-status", description = "State and tries left of every PIN and code (no try spent).")
final class PinStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static String describe(PinStatus s) {
    switch (s.state()) {
      case BLOCKED: return "BLOCKED (unblock at the municipal office)";
      case VERIFIED: return "verified in this session";
      default:
        if (!s.triesLeft().isPresent()) {
          return s.state().name().toLowerCase(java.util.Locale.ROOT);
        }
        int n = s.triesLeft().getAsInt();
        return n + (n == 1 ? " try left (last try: a wrong entry blocks it)" : " tries left");
    }
  }

  @Override
  public Integer call() throws Exception {
    Main main = Main.root(spec);
    CardInfo info = CardSupport.withCard(main, MyNumberCard::info);
    ObjectNode doc = Output.object();
    ArrayNode list = doc.putArray("credentials");
    ObjectNode tries = doc.putObject("tries");
    StringBuilder text = new StringBuilder();
    for (PinStatus s : info.pinStatuses()) {
      String key = CardSupport.triesKey(s.application(), s.pinType());
      ObjectNode o = list.addObject();
      o.put("name", key).put("application", CardSupport.appName(s.application()))
          .put("type", s.pinType().name()).put("state", s.state().name());
      if (s.triesLeft().isPresent()) {
        o.put("triesLeft", s.triesLeft().getAsInt());
        tries.put(key, s.triesLeft().getAsInt());
      } else {
        o.putNull("triesLeft");
        tries.putNull(key);
      }
      text.append(String.format("%-8s %-7s %-40s %s%n", key, CardSupport.appName(s.application()),
          s.pinType(), describe(s)));
    }
    main.output().print(doc, text.toString());
    return ExitCode.OK;
  }
}
