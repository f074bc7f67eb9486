#!/usr/bin/env bash
# The GPU check of issue 13, run in the unpacked kit (pack.sh) on a machine with a CUDA PyTorch and no Java:
# builds DJL's JNI against that PyTorch's libtorch, then on the GPU: engine info, SegKit's network benchmark beside
# eager PyTorch on the same GPU, Train Segmentation Model (2D), Auto-Train (3D), Segment with Model on a folder,
# and GPU vs CPU predictions of the same model (largest probability difference, tolerance 1e-3).
# Usage: ./check.sh [PYTHON] [OUT]   PYTHON: the CUDA PyTorch's python (default /opt/torch/.venv/bin/python)
# Everything is printed and kept in OUT (default out/); one step failing does not stop the others.
set -uo pipefail
cd "$(dirname "$0")"
py=${1:-/opt/torch/.venv/bin/python}; out=${2:-out}
mkdir -p "$out"
torch=$("$py" -c 'import torch, os; print(os.path.dirname(torch.__file__))')
"$py" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'
step() { echo; echo "== $(date -u +%T) $*"; }
step "DJL JNI against $torch"
[ -f jni/libdjl_torch.so ] || ./build-jni.sh "$torch" jre djl/engines/pytorch/pytorch-native jni > "$out/build-jni.log" 2>&1 \
  || { tail -30 "$out/build-jni.log"; exit 1; }
export DJL_CACHE_DIR=$PWD/djl-cache PYTORCH_LIBRARY_PATH=$torch/lib PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128
mkdir -p "$DJL_CACHE_DIR/pytorch/2.7.1-cu128-linux-x86_64"
cp jni/libdjl_torch.so "$DJL_CACHE_DIR/pytorch/2.7.1-cu128-linux-x86_64/0.34.0-libdjl_torch.so"
cudart=$(dirname "$(find / -name 'libcudart.so*' -path '*cuda*' 2>/dev/null | head -1)")
export LD_LIBRARY_PATH=$torch/lib:$cudart:${LD_LIBRARY_PATH:-}
java=(jre/bin/java -Xmx24g -Dai.djl.offline=true -Djava.awt.headless=true -cp "test-classes:jars/*")
segkit=("${java[@]}" io.segkit.cli.SegKitCli)
step "engine";  "${segkit[@]}" info --device gpu 2>&1 | tee "$out/info.txt"
for round in 1 2; do for c in 2d 3d; do
  step "network $c round $round: SegKit"; "${java[@]}" io.segkit.bench.NetworkBenchmark --case $c --steps 30 --warmup 5 --device gpu 2>&1 | grep -v SLF4J
  step "network $c round $round: eager PyTorch"; "$py" torch_reference.py --case $c --steps 30 --warmup 5 --device cuda
done; done 2>&1 | tee "$out/network.txt"
step "Train Segmentation Model, 2D, GPU"
"${segkit[@]}" train -i test-images/2d -m "$out/train2d.zip" --epochs 10 --device gpu --overwrite 2>&1 | tee "$out/train2d.txt"
step "Auto-Train, 3D, GPU (2 folds, 3 minutes)"
"${segkit[@]}" auto-train -i test-images/3d -m "$out/auto3d.zip" --folds 2 --time-budget 3 --device gpu --overwrite --summary "$out/auto3d.csv" 2>&1 | tee "$out/auto3d.txt"
step "Segment with Model, folder, GPU"
"${segkit[@]}" segment -i test-images/3d/images -o "$out/segmented3d" -m "$out/auto3d.zip" --device gpu --summary "$out/segment3d.csv" 2>&1 | tee "$out/segment3d.txt"
step "Compare to Ground Truth"
"${segkit[@]}" evaluate -p "$out/segmented3d" -g test-images/3d/objects 2>&1 | tee "$out/evaluate3d.txt"
step "GPU vs CPU, same weights"
"${java[@]}" io.segkit.bench.DeviceAgreement "$out/auto3d.zip" test-images/3d/images/*.tif 2>&1 | grep -v SLF4J | tee "$out/agreement.txt"
echo; echo "== done $(date -u +%T); outputs in $out"
