#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The ratio report: one line per comparison, ours next to its baseline measured in the same run.
#   benchmarks/run.sh quick   # a few minutes on 2 cores; prints the lines
#   benchmarks/run.sh full    # longer iterations, every parameter; writes benchmarks/results/ and the README tables
#   benchmarks/run.sh full ocsp,login  # only those JMH runs (+ the rows without JMH); other rows kept from the last report
#   benchmarks/run.sh readme  # regenerates the README tables from benchmarks/results/report.md
#   benchmarks/run.sh counts  # only the deterministic lines (APDU counts, card time on the latency models)
# Run it on a quiet machine: other processes on the same cores distort the ratios.
set -euo pipefail
mode="${1:-quick}"
case "$mode" in quick|full|readme|counts) ;; *) echo "usage: $0 quick|full|readme|counts" >&2; exit 2 ;; esac
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jar=benchmarks/target/benchmarks.jar
# rebuild when a source of the benchmarks or of a module they measure is newer than the jar
if [[ ! -f "$jar" ]] || [[ -n "$(find benchmarks/src jpki-core/src/main jpki-verify/src/main jpki-testkit/src/main \
    -newer "$jar" -type f -print -quit)" ]]; then
  echo "# building $jar" >&2
  ./mvnw -B -q -o -pl benchmarks -am package -DskipTests -Djacoco.skip=true -Dmaven.javadoc.skip=true >&2 \
    || ./mvnw -B -q -pl benchmarks -am package -DskipTests -Djacoco.skip=true -Dmaven.javadoc.skip=true >&2
fi
exec java -Xmx2g --add-exports=java.base/sun.security.x509=ALL-UNNAMED -cp "$jar" dev.jpki.benchmarks.Report "$mode" benchmarks ${2:+"$2"}
