#!/usr/bin/env bash
# Remakes the dialog screenshots of the user guide (docs/user-guide/images/*.png): builds SegKit, starts ImageJ
# with the built plugin under a virtual display (xvfb-run), opens every SegKit dialog from its menu command on
# the 2D test images (io.segkit.it.DialogDriver, a test class), saves each dialog cropped to its window (and,
# for the commands with a Preview, the dialog beside its image with the preview on), then stores them as 8-bit
# palette PNGs. Needs xvfb-run (Debian: apt-get install xvfb xauth) and ImageMagick's convert.
# Usage: scripts/user-guide-screenshots.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${1:-}" = "--no-build" ] || mvn -B -q package -DskipTests
imagej=$(mktemp -d)
shots=$(mktemp -d)
trap 'rm -rf "$imagej" "$shots"' EXIT
mkdir -p "$imagej/plugins" docs/user-guide/images
cp "$(ls target/SegKit_-*.jar | grep -v -e -sources -e -tests)" "$imagej/plugins/SegKit_.jar"
classpath="$(ls target/deps/*.jar | tr '\n' ':')$imagej/plugins/SegKit_.jar:target/test-classes"
xvfb-run -a -s "-screen 0 1400x1100x24" java -Dplugins.dir="$imagej" -Dai.djl.offline=true -cp "$classpath" \
  io.segkit.it.DialogDriver screenshots test-images "$shots" | grep -v '^SLF4J'
for png in "$shots"/*.png; do
  convert "$png" -strip -colors 256 "PNG8:docs/user-guide/images/$(basename "$png")"
done
ls -l docs/user-guide/images
