#!/usr/bin/env bash
# Memory and speed at scale (issue 10): SegKit and scikit-image side by side in one run.
#   bench/run-scale.sh [XMX] [TZ TY TX] [PY_TZ PY_TY PY_TX]
# Java runs Otsu + Distance Watershed + Label Measurements on the benchmark volume tiled TZ x TY x TX
# (default 2 4 4 = 256x1024x1024, 512 MB) with -Xmx XMX (default 2g); then the same at the size scikit-image
# is run at (default 1 2 2 = 128x512x512: scikit-image needs about 100 bytes a voxel in h_maxima, ~27 GB at
# full size, more than this box has); then Region Growing vs skimage.segmentation.flood.
# Needs Debian's python3-skimage, python3-scipy and python3-tifffile.
set -euo pipefail
cd "$(dirname "$0")/.."
xmx=${1:-2g}
tile=("${2:-2}" "${3:-4}" "${4:-4}")
pytile=("${5:-1}" "${6:-2}" "${7:-2}")
mvn -B -q package -DskipTests
classpath="target/test-classes:target/classes:$(ls target/deps/*.jar | tr '\n' ':')"
volume=target/bench/nuclei-bench.tif
[ -f "$volume" ] || java -cp "$classpath" io.segkit.testdata.MakeBenchmarkVolume "$volume"
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), Java $(java -version 2>&1 | head -1)"
echo "== SegKit, full size, -Xmx$xmx"
java -Xmx"$xmx" -cp "$classpath" io.segkit.bench.ScaleBenchmark pipeline "$volume" "${tile[@]}"
echo "== SegKit at scikit-image's size"
java -Xmx"$xmx" -cp "$classpath" io.segkit.bench.ScaleBenchmark pipeline "$volume" "${pytile[@]}"
echo "== scikit-image at that size"
/usr/bin/python3 bench/skimage_scale.py pipeline "$volume" "${pytile[@]}"
echo "== Region Growing vs flood"
java -Xmx4g -cp "$classpath" io.segkit.bench.ScaleBenchmark grow "$volume"
/usr/bin/python3 bench/skimage_scale.py flood "$volume"
