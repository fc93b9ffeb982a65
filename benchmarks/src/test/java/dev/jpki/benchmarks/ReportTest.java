// SPDX-License-Identifier: Apache-2.0
package dev.jpki.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jpki.benchmarks.Report.Better;
import dev.jpki.benchmarks.Report.Line;
import dev.jpki.benchmarks.Report.Target;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.results.RunResult;

/** The report's wiring and formats, without running JMH. */
class ReportTest {

  /** Records which result keys the comparisons ask for. */
  @SuppressWarnings("serial")
  static final class Recording extends HashMap<String, RunResult> {
    final List<String> asked = new ArrayList<>();

    @Override
    public RunResult get(Object key) {
      asked.add((String) key);
      return null;
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everyComparedBenchmark_existsAndIsRunByTheReport(boolean full) throws Exception {
    Recording r = new Recording();
    Comparisons.fromJmh(r, full);
    assertThat(r.asked).isNotEmpty();
    for (String key : r.asked) {
      String name = key.contains("[") ? key.substring(0, key.indexOf('[')) : key;
      String cls = name.substring(0, name.indexOf('.'));
      String method = name.substring(name.indexOf('.') + 1);
      Class<?> c = Class.forName("dev.jpki.benchmarks." + cls);
      boolean found = false;
      for (Method m : c.getMethods()) {
        found |= m.getName().equals(method) && m.isAnnotationPresent(Benchmark.class);
      }
      assertThat(found).as("@Benchmark %s", name).isTrue();
      String fullName = c.getName() + "." + method;
      assertThat(Comparisons.runs(full)).as("a run includes %s", fullName)
          .anyMatch(run -> Pattern.compile(run.regex()).matcher(fullName).find());
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void ocspComparisons_areDeclared_forTheDelegatedResponder_andInFullForTheCa(boolean full) {
    Recording r = new Recording();
    Comparisons.fromJmh(r, full);
    assertThat(r.asked).contains("OcspBenchmark.ours[signer=AUTHORIZED_RESPONDER]",
        "OcspBenchmark.bc[signer=AUTHORIZED_RESPONDER]", "OcspBenchmark.raw[signer=AUTHORIZED_RESPONDER]");
    if (full) {
      assertThat(r.asked).contains("OcspBenchmark.ours[signer=CA]", "OcspBenchmark.bc[signer=CA]",
          "OcspBenchmark.raw[signer=CA]");
    } else {
      assertThat(r.asked).noneMatch(k -> k.endsWith("[signer=CA]"));
    }
  }

  @Test
  void oneLine_hasTheDocumentedShape() {
    Line l = new Line("s", "cms-verify-vs-raw-rsa", "w", 50.0, 100.0, "verifications/s", Better.HIGHER,
        Target.ratioAtLeast(0.6), "", 1024, -1);
    assertThat(l.oneLine()).matches("cms-verify-vs-raw-rsa ours=50 baseline=100 ratio=0\\.500 "
        + "\\(verifications/s, higher is better\\) target ratio>=0\\.60 MISSED alloc ours=1024B/op");
    Line t = new Line("s", "validate", "w", 4.0, 8.0, "µs/op", Better.LOWER, Target.ratioAtMost(1.0), "", -1, -1);
    assertThat(t.oneLine()).isEqualTo("validate ours=4 baseline=8 ratio=0.500 (µs/op, lower is better) target ratio<=1 met");
  }

  @Test
  void markdownAndJson_carryEveryLineAndItsVerdict() {
    List<Line> lines = List.of(
        new Line("A", "a-vs-b", "a vs b", 12.0, 10.0, "M lookups/s", Better.HIGHER, Target.oursAtLeast(10), "", 0, 0),
        new Line("B", "c-vs-d", "c vs d", 3.0, 2.0, "µs/op", Better.LOWER, Target.ratioAtMost(1.0), "why", -1, -1));
    String md = Report.markdown(lines, java.time.Duration.ofSeconds(5), "0.50 0.40 0.30", "0.60 0.50 0.40");
    assertThat(md).contains("#### A", "#### B", "`a-vs-b`", "ours ≥ 10: **met**", "ratio ≤ 1: **missed**", "why",
        "before the run: 0.50 0.40 0.30; after: 0.60 0.50 0.40");
    assertThat(md).doesNotContain("run under load");
    String json = Report.json(lines, java.time.Duration.ofSeconds(5), "0.50 0.40 0.30", "0.60 0.50 0.40");
    assertThat(json).contains("\"name\": \"a-vs-b\"", "\"met\": true", "\"met\": false", "\"ratio\": 1.500000000",
        "\"loadAverageBefore\": \"0.50 0.40 0.30\"", "\"loadAverageAfter\": \"0.60 0.50 0.40\"");
  }

  @Test
  void markdown_missedTargetOnALoadedMachine_saysSo() {
    List<Line> lines = List.of(
        new Line("B", "c-vs-d", "c vs d", 3.0, 2.0, "µs/op", Better.LOWER, Target.ratioAtMost(1.0), "", -1, -1),
        new Line("B", "e-vs-f", "e vs f", 1.0, 2.0, "µs/op", Better.LOWER, Target.ratioAtMost(1.0), "", -1, -1));
    int cores = Runtime.getRuntime().availableProcessors();
    String busy = (cores + 3) + ".00 1.00 1.00";
    String md = Report.markdown(lines, java.time.Duration.ofSeconds(5), "0.10 0.10 0.10", busy);
    assertThat(md).contains("ratio ≤ 1: **missed** (run under load: load average 0.10 0.10 0.10 before, " + busy
        + " after, on " + cores + " cores)", "ratio ≤ 1: **met** |");
  }

  @Test
  void loadAverage_isThreeNumbersOnLinux_orNa() {
    String load = Report.loadAverage();
    if (Files.isReadable(Path.of("/proc/loadavg"))) {
      assertThat(load).matches("\\d+\\.\\d+ \\d+\\.\\d+ \\d+\\.\\d+");
      assertThat(Report.oneMinute(load)).isGreaterThanOrEqualTo(0);
    } else {
      assertThat(load).isEqualTo("n/a");
      assertThat(Report.oneMinute(load)).isZero();
    }
  }

  @Test
  void readme_tablesReplacedBetweenTheMarkers_only(@TempDir Path dir) throws Exception {
    Path readme = dir.resolve("README.md");
    Files.writeString(readme, "intro\n" + Report.BEGIN + "\nold table\n" + Report.END + "\noutro\n");
    Report.writeReadme(readme, "new table\n");
    assertThat(Files.readString(readme)).isEqualTo("intro\n" + Report.BEGIN + "\n\nnew table\n" + Report.END
        + "\noutro\n");
    Files.writeString(readme, "no markers\n");
    assertThatThrownBy(() -> Report.writeReadme(readme, "x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("markers");
  }

  @Test
  void theProjectReadme_hasTheMarkers() throws Exception {
    String text = Files.readString(Path.of("README.md"));
    assertThat(text).contains(Report.BEGIN, Report.END);
    assertThat(text.indexOf(Report.BEGIN)).isLessThan(text.indexOf(Report.END));
  }

  @Test
  void pcscRoundTrip_childOutput_givesOneLinePerCommand_orTheSkipReason() {
    List<Line> lines = PcscRoundTrip.parse("result pcsc-select-vs-echo 150.500 120.250 1400\n"
        + "result pcsc-read-256-vs-echo 210.000 140.000 1400\n");
    assertThat(lines).extracting(Line::name).isEqualTo(PcscRoundTrip.NAMES);
    assertThat(lines.get(0).ours()).isEqualTo(150.5);
    assertThat(lines.get(0).baseline()).isEqualTo(120.25);
    assertThat(lines.get(1).ratio()).isEqualTo(1.5);
    assertThat(lines.get(1).oneLine()).startsWith("pcsc-read-256-vs-echo ours=210 baseline=140 ratio=1.500 "
        + "(µs/op, lower is better)");
    assertThat(PcscRoundTrip.skipped).isNull();

    assertThat(PcscRoundTrip.parse("skip no reader 'Virtual PCD 00 00' among []\n")).isEmpty();
    assertThat(PcscRoundTrip.skipped).isEqualTo("no reader 'Virtual PCD 00 00' among []");
    assertThat(PcscRoundTrip.parse("")).isEmpty();
    assertThat(PcscRoundTrip.skipped).contains("no result");
  }

  @Test
  void reportJson_readsBackIntoTheSameRows() {
    List<Line> lines = List.of(
        new Line("A \"quoted\"", "a-vs-b", "a vs b", 12.5, 10.0, "M lookups/s", Better.HIGHER, Target.oursAtLeast(10),
            "", 0, 0.25),
        new Line("B", "c-vs-d", "c vs d", 3.0, 2.0, "µs/op", Better.LOWER, Target.ratioAtMost(1.0), "why \\ not",
            -1, -1),
        new Line("B", "e-vs-f", "e vs f", 1250000.0, 0.00125, "ms", Better.LOWER, null, "", 2048, -1));
    String json = Report.json(lines, java.time.Duration.ofSeconds(5), "1.00 2.00 3.00", "4.00 5.00 6.00");
    assertThat(Report.parseJson(json)).isEqualTo(lines);
    assertThat(Report.jsonField(json, "loadAverageBefore")).isEqualTo("1.00 2.00 3.00");
    assertThat(Report.jsonField(json, "nothing")).isEqualTo("n/a");
  }

  @Test
  void merge_replacesRowsMeasuredNow_keepsTheOthers_appendsNewOnes() {
    Line a = new Line("S", "a", "a", 1, 1, "ms", Better.LOWER, null, "", -1, -1);
    Line b = new Line("S", "b", "b", 2, 2, "ms", Better.LOWER, null, "", -1, -1);
    Line b2 = new Line("S", "b", "b", 3, 3, "ms", Better.LOWER, null, "", -1, -1);
    Line c = new Line("T", "c", "c", 4, 4, "ms", Better.LOWER, null, "", -1, -1);
    List<Line> merged = Report.merge(List.of(a, b), List.of(c, b2));
    assertThat(merged).extracting(Line::name).containsExactly("a", "b", "c");
    assertThat(merged.get(1)).isEqualTo(b2);
    assertThat(merged.get(2)).isEqualTo(c);
    // a kept row says where it comes from, and a missed target on it does not blame this run's load
    assertThat(merged.get(0).note()).isEqualTo(Report.REUSED);
    assertThat(merged.get(0).ours()).isEqualTo(1);
    Line missed = new Line("S", "m", "m", 2, 1, "ms", Better.LOWER, Target.ratioAtMost(1.0), "", -1, -1);
    Line kept = Report.merge(List.of(missed), List.of()).get(0);
    assertThat(Report.merge(List.of(kept), List.of()).get(0)).isEqualTo(kept);
    assertThat(Report.markdown(List.of(kept), java.time.Duration.ofSeconds(1), "99.00 1.00 1.00", "99.00 1.00 1.00"))
        .contains("**missed** (in the previous full run: its load average is given above)")
        .doesNotContain("run under load");
  }

  @Test
  void runFilter_namesRuns_orRefusesAnUnknownOne() {
    assertThat(Report.runFilter("")).isEmpty();
    assertThat(Report.runFilter("ocsp, crl")).containsExactly("ocsp", "crl");
    assertThatThrownBy(() -> Report.runFilter("ocsp,nope")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nope'").hasMessageContaining("ocsp");
  }
}
