#!/usr/bin/env bash
# Builds DJL's PyTorch JNI (libdjl_torch.so) against a libtorch that is already installed, for example the one of
# a CUDA PyTorch from pip. DJL's prebuilt JNI is built for libtorch 2.7.1 and fails on other versions at the first
# GPU array; built from DJL v0.34.0's sources against the local libtorch it works (PyTorch 2.11 + CUDA 13 on an
# H200, 2026-11-30: compiled unchanged in 21 s on 16 cores). Needs cmake and a C++ compiler.
# Usage: build-jni.sh TORCH_DIR JAVA_HOME DJL_PYTORCH_NATIVE OUT_DIR
#   TORCH_DIR: the torch package folder (python -c 'import torch,os; print(os.path.dirname(torch.__file__))')
#   JAVA_HOME: a JDK or a jlink'ed JRE with include/ (pack.sh keeps it)
#   DJL_PYTORCH_NATIVE: engines/pytorch/pytorch-native of DJL v0.34.0 with the JNI header in build/include
#     (pack.sh's djl/engines/pytorch/pytorch-native; in a DJL checkout, DJL's build.sh makes the header)
set -euo pipefail
torch=$(cd "${1:?TORCH_DIR}" && pwd); jre=$(cd "${2:?JAVA_HOME}" && pwd); src=$(cd "${3:?DJL_PYTORCH_NATIVE}" && pwd)
out=${4:?OUT_DIR}
mkdir -p "$out" && out=$(cd "$out" && pwd)
cuda=0; [ -e "$torch/lib/libtorch_cuda.so" ] && cuda=1
cmake -S "$src" -B "$out/cmake" -DCMAKE_BUILD_TYPE=Release -DTorch_DIR="$torch/share/cmake/Torch" -DUSE_CUDA=$cuda \
  -DJAVA_INCLUDE_PATH="$jre/include" -DJAVA_INCLUDE_PATH2="$jre/include/linux" \
  -DJAVA_JVM_LIBRARY="$jre/lib/server/libjvm.so" -DJAVA_AWT_LIBRARY=NotNeeded -DJAVA_AWT_INCLUDE_PATH=NotNeeded
cmake --build "$out/cmake" -j "$(nproc)"
cp "$(find "$out/cmake" -name libdjl_torch.so | head -1)" "$out/libdjl_torch.so"
echo "built $out/libdjl_torch.so against $torch (CUDA $cuda)"
