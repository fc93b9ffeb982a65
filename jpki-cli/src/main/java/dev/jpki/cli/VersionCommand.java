// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jpki version}: the SDK version and the Java runtime. */
@Command(name = "version", description = "Print the jpki-java version.")
final class VersionCommand implements Runnable {
  @Spec CommandSpec spec;

  /**
   * Reads the version Maven wrote into the jar.
   *
   * @return e.g. {@code 0.1.0-SNAPSHOT}
   */
  static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public void run() {
    Output o = Main.root(spec).output();
    o.print(Output.object().put("version", version()).put("java", System.getProperty("java.version")),
        "jpki " + version() + " (Java " + System.getProperty("java.version") + ")");
  }

  /** Supplies {@code --version}. */
  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"jpki " + version()};
    }
  }
}
