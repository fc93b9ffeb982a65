// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Writes a command's result: one JSON document on stdout with {@code --json} (through Jackson, never
 * hand-written), human text otherwise.
 */
public final class Output {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final boolean json;

  /**
   * Creates an output.
   *
   * @param out where results go (stdout)
   * @param json whether to print JSON
   */
  public Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** @return whether {@code --json} was given */
  public boolean json() {
    return json;
  }

  /** @return a new, empty JSON object to fill */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** @return a new, empty JSON array to fill */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /**
   * Prints the result: {@code document} as JSON with {@code --json}, else {@code text}.
   *
   * @param document the JSON result
   * @param text the human-readable result (may span lines)
   */
  public void print(Object document, String text) {
    if (json) {
      try {
        out.println(MAPPER.writeValueAsString(document));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise result", e);
      }
    } else {
      out.print(text.endsWith("\n") ? text : text + "\n");
    }
    out.flush();
  }

  /**
   * Serialises a JSON tree.
   *
   * @param document the tree
   * @return compact JSON
   */
  public static String toJson(Object document) {
    try {
      return new ObjectMapper().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise", e);
    }
  }

  /**
   * A standard error stream helper.
   *
   * @return System.err
   */
  public static PrintStream err() {
    return System.err;
  }
}
