// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import dev.jpki.testkit.Persona;
import dev.jpki.testkit.pki.TestOcspServer;
import dev.jpki.testkit.pki.TestPki;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jpki testkit pki|ocsp}: the test PKI for tools outside the JVM. */
@Command(name = "testkit", description = "Export the test PKI or serve test OCSP/CRLs.",
    subcommands = {TestkitCommand.Pki.class, TestkitCommand.Ocsp.class})
final class TestkitCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: pki or ocsp");
  }

  /** {@code jpki testkit pki --out DIR [--persona P]}. */
  @Command(name = "pki", description = "Write sign-root.pem, auth-root.pem, sign.crl, auth.crl, auth.pem, sign.pem.")
  static final class Pki implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to.")
    Path out = Path.of(".");

    @Option(names = "--persona", defaultValue = "default", paramLabel = "P", description = "Persona.")
    String persona = "default";

    @Override
    public void run() {
      Persona p = CardOpener.persona(persona);
      List<Path> files;
      try {
        files = TestPki.get().export(out, p);
      } catch (IOException e) {
        throw new CliException(ExitCode.USAGE, "cannot write to " + out + ": " + e.getMessage(), e);
      }
      var arr = Output.array();
      StringBuilder text = new StringBuilder();
      for (Path f : files) {
        arr.add(f.toString());
        text.append(f).append('\n');
      }
      Main.root(spec).output().print(Output.object().put("persona", persona).set("files", arr), text.toString());
    }
  }

  /** {@code jpki testkit ocsp --port N}: OCSP (and CRLs) for the test PKI on loopback. */
  @Command(name = "ocsp", description = "Serve OCSP at http://127.0.0.1:N/ocsp and CRLs at /crl/{sign,auth}.crl until interrupted.")
  static final class Ocsp implements Runnable {
    @Spec CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "" + TestPki.DEFAULT_REVOCATION_PORT,
        description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}, the one the test certificates name).")
    int port = TestPki.DEFAULT_REVOCATION_PORT;

    @Override
    public void run() {
      TestOcspServer server;
      try {
        server = TestOcspServer.start(TestPki.get(), port);
      } catch (IOException e) {
        throw new CliException(ExitCode.USAGE, "cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
      }
      Main.root(spec).err().println("jpki: OCSP at " + server.ocspUri() + " (Ctrl-C to stop)");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "jpki-ocsp-stop"));
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        server.close();
      }
    }
  }
}
