"""Expected values for SegKit's replacement operations (io.segkit.nn.Ops), computed with PyTorch itself.

Run with Debian's python3-torch:  /usr/bin/python3 src/test/python/reference_ops.py
It writes src/test/resources/io/segkit/nn/reference-ops.json, which OpsReferenceTest reads. Every case is
flat row-major arrays with their shapes. Inputs are small integers so that max-pool windows have ties.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(2026)
cases = {}


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def unpool_case(name, shape, kernel):
    x = torch.randint(0, 3, shape).float()  # values 0..2: many ties inside each window
    pool = F.max_pool2d if len(kernel) == 2 else F.max_pool3d
    unpool = F.max_unpool2d if len(kernel) == 2 else F.max_unpool3d
    pooled, indices = pool(x, kernel, kernel, return_indices=True)
    values = pooled * 10 + torch.arange(pooled.numel()).reshape(pooled.shape).float()  # distinct, to see placement
    out = unpool(values, indices, kernel, kernel, output_size=x.shape[2:])
    cases[name] = {"input": flat(x), "inputShape": list(shape), "kernel": list(kernel), "pooled": flat(pooled),
                   "pooledShape": list(pooled.shape), "values": flat(values), "expected": flat(out)}


def adaptive_case(name, shape, bins):
    x = torch.randint(0, 10, shape).float()
    pool = F.adaptive_avg_pool2d if len(bins) == 2 else F.adaptive_avg_pool3d
    y = pool(x, bins)
    cases[name] = {"input": flat(x), "inputShape": list(shape), "bins": list(bins), "expected": flat(y),
                   "expectedShape": list(y.shape)}


def nearest_case(name, shape, size):
    x = torch.randint(0, 10, shape).float()
    y = F.interpolate(x, size=size, mode="nearest")
    cases[name] = {"input": flat(x), "inputShape": list(shape), "size": list(size), "expected": flat(y),
                   "expectedShape": list(y.shape)}


def linear_case(name, shape, factors):
    x = torch.randint(0, 10, shape).float()
    mode = "bilinear" if len(factors) == 2 else "trilinear"
    y = F.interpolate(x, scale_factor=tuple(float(f) for f in factors), mode=mode, align_corners=False)
    cases[name] = {"input": flat(x), "inputShape": list(shape), "factors": list(factors), "expected": flat(y),
                   "expectedShape": list(y.shape)}


unpool_case("unpool2d_odd", (1, 2, 7, 5), (2, 2))
unpool_case("unpool2d_anisotropic", (2, 1, 6, 7), (3, 2))
unpool_case("unpool3d_odd", (1, 2, 5, 7, 6), (1, 2, 3))
adaptive_case("adaptive2d_7x5_bins3x2", (1, 2, 7, 5), (3, 2))
adaptive_case("adaptive2d_7x5_bins6x6", (1, 1, 7, 5), (6, 6))
adaptive_case("adaptive3d_5x7x11_bins2x3x6", (1, 2, 5, 7, 11), (2, 3, 6))
nearest_case("nearest2d_3x2_to_7x5", (1, 2, 3, 2), (7, 5))
nearest_case("nearest3d_2x3x6_to_5x7x11", (1, 1, 2, 3, 6), (5, 7, 11))
linear_case("linear2d_x2x3", (1, 2, 3, 4), (2, 3))
linear_case("linear3d_x1x2x4", (1, 1, 2, 3, 2), (1, 2, 4))

out = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "segkit", "nn", "reference-ops.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f)
print("wrote", len(cases), "cases with torch", torch.__version__, "to", os.path.normpath(out))
