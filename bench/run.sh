#!/usr/bin/env bash
# Classic tools side by side with scikit-image/SciPy on the same synthetic volume, in one run.
# Needs Debian's python3-skimage, python3-scipy and python3-tifffile (apt-get install ...).
set -euo pipefail
cd "$(dirname "$0")/.."
# -DskipTests still compiles the test classes, where the benchmark and the volume generator live
mvn -B -q package -DskipTests
classpath="target/test-classes:target/classes:$(ls target/deps/*.jar | tr '\n' ':')"
volume=target/bench/nuclei-bench.tif
[ -f "$volume" ] || java -cp "$classpath" io.segkit.testdata.MakeBenchmarkVolume "$volume"
echo "== SegKit (Java $(java -version 2>&1 | head -1))"
java -Xmx8g -cp "$classpath" io.segkit.bench.ClassicBenchmark "$volume"
echo "== scikit-image reference"
/usr/bin/python3 bench/skimage_reference.py "$volume"
