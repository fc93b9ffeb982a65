// SPDX-License-Identifier: Apache-2.0
package dev.jpki.testkit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Verify what the virtual card produced" program, taken from the README itself, compiles
 * against the published modules and prints VALID: the README cannot drift from the API.
 */
class ReadmeSnippetTest {
  private static final Path README = Path.of("..", "README.md");

  @TempDir Path dir;

  @Test
  void readmeVerificationSnippet_compilesAndPrintsValid() throws Exception {
    String source = snippet(Files.readString(README, StandardCharsets.UTF_8));
    assertThat(source).contains("public class VerifyVirtualCard");
    Path file = dir.resolve("VerifyVirtualCard.java");
    Files.writeString(file, source);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled = javac.getTask(diagnostics, null, null,
        List.of("-classpath", classpath(), "-d", dir.toString(), "--release", "17", "-Xlint:all", "-Werror"),
        null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile()))
        .call();
    assertThat(compiled).as(diagnostics.toString()).isTrue();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("VerifyVirtualCard").getMethod("main", String[].class);
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
    }
    assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("VALID");
  }

  /** The first java block after the section heading. */
  private static String snippet(String readme) {
    int section = readme.indexOf("## Verify what the virtual card produced");
    assertThat(section).as("README section").isNotNegative();
    int start = readme.indexOf("```java\n", section) + "```java\n".length();
    int end = readme.indexOf("```", start);
    return readme.substring(start, end);
  }

  /** Surefire's test class path (its own java.class.path is a manifest-only jar). */
  private static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null ? cp : System.getProperty("java.class.path") + File.pathSeparator;
  }
}
