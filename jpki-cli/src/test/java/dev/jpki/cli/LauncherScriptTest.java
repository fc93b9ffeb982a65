// SPDX-License-Identifier: Apache-2.0
package dev.jpki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./jpki} launcher's logic, run with bash on a copy of the script in a scratch tree: the
 * Maven build is replaced by a stub ({@code JPKI_BUILD_COMMAND}) that counts its runs and takes a
 * moment, and {@code java} by a stub that prints its arguments ({@code JPKI_JAVA}). Every run gets a
 * PATH without {@code flock}, as on stock macOS.
 */
@DisabledOnOs(OS.WINDOWS)
class LauncherScriptTest {
  private static final Path SCRIPT = Path.of("..", "jpki");

  @TempDir Path tree;
  private Path jar;
  private Path builds;
  private Path bin;

  @BeforeEach
  void scratchTree() throws IOException {
    Files.copy(SCRIPT, tree.resolve("jpki"));
    Path src = tree.resolve("jpki-cli/src/main/java/dev/jpki/cli");
    Files.createDirectories(src);
    Files.writeString(src.resolve("Main.java"), "class Main {}");
    Files.writeString(tree.resolve("pom.xml"), "<project/>");
    jar = tree.resolve("jpki-cli/target/jpki.jar");
    builds = tree.resolve("builds.txt");
    // Sources older than any jar the stub writes.
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minusSeconds(3600)));
      }
    }
    bin = pathWithoutFlock();
  }

  @Test
  void firstRunBuildsOnceThenRunsWithTheArguments() throws Exception {
    Result first = run("demo", "--json");
    assertThat(first.exit).isZero();
    assertThat(first.out).startsWith("-jar ").endsWith("/jpki-cli/target/jpki.jar demo --json\n");
    assertThat(first.err).contains("building the CLI (first run").contains("[1/1] jpki-cli");
    assertThat(buildCount()).isEqualTo(1);

    Result second = run("version");
    assertThat(second.exit).isZero();
    assertThat(second.err).doesNotContain("building");
    assertThat(buildCount()).isEqualTo(1);
  }

  @Test
  void aChangedSourceRebuilds() throws Exception {
    assertThat(run("version").exit).isZero();
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    Files.writeString(tree.resolve("jpki-cli/src/main/java/dev/jpki/cli/Main.java"), "class Main { }");

    Result r = run("version");

    assertThat(r.err).contains("sources changed");
    assertThat(buildCount()).isEqualTo(2);
  }

  @Test
  void concurrentFirstRunsBuildOnceAndAllRun() throws Exception {
    List<Process> runs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      runs.add(start("run" + i));
    }
    for (int i = 0; i < runs.size(); i++) {
      Result r = finish(runs.get(i));
      assertThat(r.exit).as(r.err).isZero();
      assertThat(r.out).endsWith(" run" + i + "\n");
    }
    assertThat(buildCount()).isEqualTo(1);
    assertThat(tree.resolve("jpki-cli/target/.jpki-build.lock")).doesNotExist();
  }

  @Test
  void aLockLeftByADeadProcessIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path lock = Files.createDirectories(tree.resolve("jpki-cli/target/.jpki-build.lock"));
    Files.writeString(lock.resolve("pid"), gone.pid() + "\n");

    Result r = run("version");

    assertThat(r.exit).as(r.err).isZero();
    assertThat(r.err).contains("removed a stale build lock (process " + gone.pid() + " is gone)");
    assertThat(buildCount()).isEqualTo(1);
    assertThat(lock).doesNotExist();
  }

  @Test
  void aLockHeldByALiveProcessIsWaitedFor() throws Exception {
    Process holder = new ProcessBuilder("sleep", "60").start();
    try {
      Path lock = Files.createDirectories(tree.resolve("jpki-cli/target/.jpki-build.lock"));
      Files.writeString(lock.resolve("pid"), holder.pid() + "\n");
      Process waiting = start("version");
      assertThat(waiting.waitFor(1500, TimeUnit.MILLISECONDS)).as("still waiting for the holder").isFalse();
      assertThat(buildCount()).isZero();

      // The holder finishes its build and releases the lock.
      Files.createDirectories(jar.getParent());
      Files.writeString(jar, "jar");
      try (Stream<Path> files = Files.walk(lock)) {
        files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
      }

      Result r = finish(waiting);
      assertThat(r.exit).as(r.err).isZero();
      assertThat(r.err).contains("waiting for another jpki");
      assertThat(buildCount()).as("the jar the holder built is fresh").isZero();
    } finally {
      holder.destroy();
    }
  }

  @Test
  void aFailedBuildShowsTheLogExitsTwoAndReleasesTheLock() throws Exception {
    Result r = run(Map.of("JPKI_BUILD_COMMAND", "echo 'COMPILATION ERROR here'; exit 1"), "version");

    assertThat(r.exit).isEqualTo(2);
    assertThat(r.err).contains("COMPILATION ERROR here").contains("building the CLI failed");
    assertThat(r.out).isEmpty();
    assertThat(tree.resolve("jpki-cli/target/.jpki-build.lock")).doesNotExist();
  }

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) throws Exception {
    return finish(start(Map.of(), args));
  }

  private Result run(Map<String, String> env, String... args) throws Exception {
    return finish(start(env, args));
  }

  private Process start(String... args) throws IOException {
    return start(Map.of(), args);
  }

  private Process start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(onPath("bash").toString(), tree.resolve("jpki").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATH", bin.toString());
    // The stub build: a progress line like Maven's, a moment of work, one line per run, then the jar.
    pb.environment().put("JPKI_BUILD_COMMAND",
        "echo '[INFO] Building jpki-cli 0.1.0-SNAPSHOT [1/1]'; sleep 0.5; echo build >> " + builds
            + "; mkdir -p jpki-cli/target; echo jar > jpki-cli/target/jpki.jar");
    pb.environment().put("JPKI_JAVA", "echo");
    pb.environment().putAll(env);
    return pb.start();
  }

  private static Result finish(Process p) throws Exception {
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
    return new Result(p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private int buildCount() throws IOException {
    return Files.exists(builds) ? Files.readAllLines(builds).size() : 0;
  }

  /**
   * A PATH with only the tools the launcher and the stubs use, as small scripts that call the real ones:
   * no flock, as on stock macOS (scripts rather than symbolic links, which the temporary directory's
   * clean-up would warn about).
   */
  private Path pathWithoutFlock() throws IOException {
    Path dir = Files.createDirectories(tree.resolve("bin"));
    for (String tool : List.of("bash", "cat", "dirname", "echo", "find", "head", "mkdir", "mktemp", "mv",
        "rm", "sleep", "tee", "touch")) {
      Path real = onPath(tool);
      Path wrapper = dir.resolve(tool);
      Files.writeString(wrapper, "#!/bin/sh\nexec " + real + " \"$@\"\n");
      Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    assertThat(dir.resolve("flock")).doesNotExist();
    return dir;
  }

  private static Path onPath(String tool) {
    for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      Path p = Path.of(entry, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(tool + " not on PATH");
  }
}
