#!/usr/bin/env bash
# The main job: build SegKit, then run every macro in macros/ in a headless ImageJ 1.x with the
# built jar installed as a plugin, on the bundled test-images/. Each macro writes its label images,
# ROI sets and tables under OUTPUT/<macro name>/; OUTPUT/report.md has the results table, an overlay
# thumbnail per label image and the training curves (PNGs in OUTPUT/figures/).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath -m "${1:-out}")
mvn -B -q package -DskipTests
imagej="target/headless-imagej"
rm -rf "$imagej" && mkdir -p "$imagej/plugins" "$out"
cp "$(ls target/SegKit_-*.jar | grep -v -e -sources -e -tests)" "$imagej/plugins/SegKit_.jar"
classpath=$(ls target/deps/*.jar | tr '\n' ':')
status=0
for macro in macros/*.ijm; do
  name=$(basename "$macro" .ijm)
  mkdir -p "$out/$name"
  echo "== $name"
  # Plain ImageJ 1.x, truly headless: SegKit's runner fills ImageJ's command table from plugins.config.
  # One libtorch thread: the demo networks are tiny, and OpenMP threads spin-wait badly on a busy 2-core machine.
  if ! java -Xmx4g -Djava.awt.headless=true -Dai.djl.pytorch.num_threads=1 -Dai.djl.pytorch.num_interop_threads=1 -Dplugins.dir="$PWD/$imagej" -cp "$classpath$imagej/plugins/SegKit_.jar" \
      io.segkit.ij1.HeadlessMacroRunner "$macro" "input=[$PWD/test-images] output=[$out/$name]" | tee "$out/$name/log.txt"; then
    status=1
  fi
done
java -Djava.awt.headless=true -cp "$classpath$imagej/plugins/SegKit_.jar" io.segkit.report.MainJobReport "$out" test-images
exit $status
