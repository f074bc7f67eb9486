#!/usr/bin/env bash
# Packs the GPU check (issue 13) for a machine that has a CUDA build of PyTorch but no Java and no Maven:
# a jlink'ed JRE (with the JNI headers), SegKit's jars without the CPU libtorch, the test classes (benchmarks),
# test-images, bench/torch_reference.py, and DJL v0.34.0's JNI sources with the JNI header made here, so that
# check.sh there can build DJL's JNI against that machine's own libtorch.
# Usage: bench/gpu/pack.sh DJL_CHECKOUT [OUT]   DJL_CHECKOUT: DJL's sources at tag v0.34.0
#        (git clone -b v0.34.0 --depth 1 https://github.com/deepjavalibrary/djl); OUT default target/gpu-kit.
# Writes OUT/ and OUT.tar.xz (about 60 MB).
set -euo pipefail
cd "$(dirname "$0")/../.."
djl=$(cd "${1:?usage: bench/gpu/pack.sh DJL_CHECKOUT [OUT]}" && pwd)
out=${2:-target/gpu-kit}
native="$djl/engines/pytorch/pytorch-native"
[ -d "$native/src/main/native" ] || { echo "no DJL JNI sources in $native (give a DJL checkout at v0.34.0)" >&2; exit 2; }
[ -n "${SKIP_BUILD:-}" ] || mvn -B -q -o package -DskipTests
rm -rf "$out" "$out.tar.xz"
native_out="$out/djl/engines/pytorch/pytorch-native"
mkdir -p "$out/jars" "$native_out/src/main" "$native_out/build/include" "$out/djl/api/src/main/native/djl"
cp "$(ls target/SegKit_-*.jar | grep -v -e tests -e sources)" "$out/jars/"
cp target/deps/*.jar "$out/jars/"
rm "$out"/jars/pytorch-native-cpu-*.jar # not needed: the machine's own libtorch computes on the CPU too
cp -r target/test-classes "$out/test-classes"
cp -r test-images "$out/"
cp bench/torch_reference.py bench/gpu/check.sh bench/gpu/build-jni.sh "$out/"
# DJL's JNI in DJL's own layout (CMakeLists.txt finds djl/utils.h three folders up and the header in build/include):
# its C++ sources, DJL's utils.h, and the header javac makes from PyTorchLibrary.java, as DJL's build.sh does
cp -r "$native/src/main/native" "$native_out/src/main/"
cp "$native/CMakeLists.txt" "$native_out/"
cp "$djl/api/src/main/native/djl/utils.h" "$out/djl/api/src/main/native/djl/"
javac -proc:none -h "$native_out/build/include" -d "$(mktemp -d)" -cp "$(ls target/deps/*.jar | tr '\n' ':')" \
  "$djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
# the JRE: the modules SegKit and its jars use, headers kept for the JNI build
jlink --add-modules java.base,java.desktop,java.logging,java.management,java.net.http,java.prefs,java.scripting,java.sql,java.xml,jdk.management,jdk.unsupported,jdk.httpserver \
  --strip-debug --no-man-pages --compress=2 --output "$out/jre"
tar -C "$(dirname "$out")" -cJf "$out.tar.xz" "$(basename "$out")"
du -sh "$out" "$out.tar.xz"
