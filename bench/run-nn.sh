#!/usr/bin/env bash
# SegKit's network training/inference step side by side with eager PyTorch (bench/torch_reference.py), in one run:
# the same nnU-Net plain U-Net, loss, optimizer, batch, patch and thread count. Java and Python alternate ROUNDS
# times (the box is shared and noisy); compare the medians of the same run.
# Usage: bench/run-nn.sh [2d|3d|all] [steps] [rounds] [threads]    (defaults: all 10 2 2)
# Needs Debian's python3-torch (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")/.."
which_case=${1:-all}
steps=${2:-10}
rounds=${3:-2}
threads=${4:-2}
warmup=3
# -DskipTests still compiles the test classes, where NetworkBenchmark lives
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests
classpath="target/test-classes:target/classes:$(ls target/deps/*.jar | tr '\n' ':')"
for round in $(seq 1 "$rounds"); do
  for case_name in $([ "$which_case" = all ] && echo "2d 3d" || echo "$which_case"); do
    echo "== round $round $case_name: SegKit (Java $(java -version 2>&1 | head -1 | cut -d'"' -f2))"
    DJL_CACHE_DIR=${DJL_CACHE_DIR:-target/djl-cache} java -Xmx4g -Dai.djl.offline=true -cp "$classpath" \
      io.segkit.bench.NetworkBenchmark --case "$case_name" --steps "$steps" --warmup "$warmup" --threads "$threads" \
      2>&1 | grep -v '^SLF4J\|LegacyTypeDispatch'
    echo "== round $round $case_name: PyTorch reference"
    /usr/bin/python3 bench/torch_reference.py --case "$case_name" --steps "$steps" --warmup "$warmup" --threads "$threads"
  done
done
