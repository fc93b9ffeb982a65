// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jpki.testkit.Personas;
import dev.jpki.testkit.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random bytes and random arguments given to the {@code jpki} verification commands: the command always
 * ends with a documented exit code and a one-line message, never VALID for junk, never a stack trace or
 * an escaping exception. Each try runs the whole command in process (tens of milliseconds), so the normal
 * build makes a few dozen tries per property; the parsers underneath are fuzzed with many more tries in
 * their own modules.
 */
class CliFuzzTest {
  private static final int TRIES = 30;
  private static final String AT = TestPki.REFERENCE_TIME.toString();
  private static Path dir = Path.of("unset");

  @BeforeContainer
  static void exportPki() throws IOException {
    dir = Files.createTempDirectory("jpki-cli-fuzz");
    TestPki.get().export(dir, Personas.get(Personas.DEFAULT), TestPki.REFERENCE_TIME);
    Files.write(dir.resolve("data"), "document".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String file(String name) {
    return dir.resolve(name).toString();
  }

  private static String junk(byte[] bytes) {
    try {
      Path p = Files.createTempFile(dir, "junk", ".bin");
      Files.write(p, bytes);
      return p.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Junk as raw bytes, as a PEM armour around random bytes, or as text. */
  @Provide
  Arbitrary<byte[]> junkFiles() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
    Arbitrary<byte[]> derLike = raw.map(b -> {
      byte[] d = new byte[b.length + 4];
      d[0] = 0x30;
      d[1] = (byte) 0x82;
      d[2] = (byte) (b.length >> 8);
      d[3] = (byte) b.length;
      System.arraycopy(b, 0, d, 4, b.length);
      return d;
    });
    Arbitrary<byte[]> pem = raw.map(b -> ("-----BEGIN CERTIFICATE-----\n"
        + java.util.Base64.getMimeEncoder().encodeToString(b) + "\n-----END CERTIFICATE-----\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Arbitrary<byte[]> text = Arbitraries.strings().ofMaxLength(200)
        .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Arbitraries.oneOf(raw, derLike, pem, text);
  }

  private static CliRunner.Result run(List<String> args) {
    CliRunner.Result r;
    try {
      r = new CliRunner().run(args.toArray(new String[0]));
    } catch (RuntimeException | Error e) {
      throw new AssertionError("jpki " + args + " threw " + e, e);
    }
    assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception in thread");
    return r;
  }

  private static void assertRefused(CliRunner.Result r) {
    assertThat(r.code()).as("junk is INVALID (1), bad input (2) or INDETERMINATE (3); err: " + r.err())
        .isIn(ExitCode.NEGATIVE, ExitCode.USAGE, ExitCode.INDETERMINATE);
    assertThat(r.err() + r.out()).as("says why").isNotBlank();
  }

  @Property(tries = TRIES)
  void junkSignature_withCertificate(@ForAll("junkFiles") byte[] sig) {
    assertRefused(run(List.of("verify", "--in", junk(sig), "--data", file("data"), "--cert", file("sign.pem"),
        "--trust", file("sign-root.pem"), "--crl", file("sign.crl"), "--at", AT)));
  }

  @Property(tries = TRIES)
  void junkCms(@ForAll("junkFiles") byte[] cms) {
    assertRefused(run(List.of("--json", "verify", "--in", junk(cms), "--data", file("data"),
        "--trust", file("sign-root.pem"), "--crl", file("sign.crl"), "--at", AT)));
  }

  @Property(tries = TRIES)
  void junkCertificate(@ForAll("junkFiles") byte[] cert) {
    assertRefused(run(List.of("verify-cert", junk(cert), "--trust", file("sign-root.pem"),
        "--crl", file("sign.crl"), "--at", AT)));
  }

  @Property(tries = TRIES)
  void junkCrl_neverMakesAGoodCertificateValid(@ForAll("junkFiles") byte[] crl) {
    assertRefused(run(List.of("--json", "verify-cert", file("sign.pem"), "--trust", file("sign-root.pem"),
        "--crl", junk(crl), "--at", AT)));
  }

  @Property(tries = TRIES)
  void junkTrustAnchorOrChain(@ForAll("junkFiles") byte[] anchor, @ForAll boolean asChain) {
    List<String> args = new ArrayList<>(List.of("verify-cert", file("sign.pem"), "--crl", file("sign.crl"),
        "--at", AT));
    if (asChain) {
      args.addAll(List.of("--chain", junk(anchor), "--trust", file("auth-root.pem")));
    } else {
      args.addAll(List.of("--trust", junk(anchor)));
    }
    assertRefused(run(args));
  }

  @Provide
  Arbitrary<List<String>> argumentVectors() {
    Arbitrary<String> token = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.of("verify", "verify-cert", "trust", "list", "--in", "--data",
            "--cert", "--chain", "--trust", "--crl", "--at", "--json", "--key-type", "sign", "auth", "any",
            "--prehashed", "--no-revocation", "--trust-production", "--detached", "--format", "--help", "-",
            "", "--", "--at=", "--key-type=x", "2026-13-45T99:00:00Z", AT)),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(file("sign.pem"), file("sign.crl"), file("data"),
            file("sign-root.pem"), file("missing.pem"), dir.toString())),
        net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(30)));
    return token.list().ofMaxSize(10);
  }

  /** Random argument vectors (no network: no {@code --ocsp}, and no certificate reaches revocation). */
  @Property(tries = 3 * TRIES)
  void randomArguments_endWithADocumentedExitCode(@ForAll("argumentVectors") List<String> args) {
    List<String> a = new ArrayList<>(args);
    a.add("--no-revocation"); // a leaf that gets this far would otherwise try its CRL distribution point
    CliRunner.Result r = run(a);
    assertThat(r.code()).as("exit code of jpki " + a + ": " + r.err()).isBetween(0, 6);
    if (r.code() != 0) {
      assertThat(r.err()).as("a failure says why").isNotBlank();
    }
  }

  /** A malformed PIN is refused with exit 2 before the card is touched; a well-formed wrong one is 5. */
  @Property(tries = 2 * TRIES)
  void randomPinValues(@ForAll @Size(max = 12) String pin) {
    CliRunner.Result r;
    try {
      r = new CliRunner().env("PIN", pin).run("--virtual", "--pin-env", "PIN", "pin-status");
    } catch (RuntimeException | Error e) {
      throw new AssertionError("threw " + e, e);
    }
    assertThat(r.err()).doesNotContain("\tat ");
    r = new CliRunner().env("PIN", pin).run("--virtual", "--pin-env", "PIN", "read-text");
    assertThat(r.err()).doesNotContain("\tat ");
    if (!pin.matches("[0-9]{4}")) {
      assertThat(r.code()).as("malformed PIN: " + r.err()).isEqualTo(ExitCode.USAGE);
    } else {
      assertThat(r.code()).isIn(ExitCode.OK, ExitCode.WRONG_PIN);
    }
    assertThat(r.err() + r.out()).as("the PIN is never echoed").satisfies(s -> {
      if (pin.length() >= 6) {
        assertThat(s).doesNotContain(pin);
      }
    });
  }
}
