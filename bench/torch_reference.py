#!/usr/bin/env python3
"""Eager PyTorch reference for io.segkit.bench.NetworkBenchmark: the same nnU-Net-style plain U-Net, loss,
optimizer, batch, patch, thread count and timing protocol, so that the two can be compared in one run.

Network (as nnU-Net's PlainConvUNet): per encoder stage two conv(k=3, 'same' padding, bias) - InstanceNorm(affine,
eps 1e-5) - LeakyReLU(0.01) blocks, the first conv strided (down-sampling); per decoder stage a ConvTranspose with
kernel = stride, concatenation (up-sampled map first, then the skip), two conv blocks, and a 1x1 head (deep
supervision: a head at every decoder stage, computed in training and inference alike, as SegKit's network does).
Loss: per output, cross-entropy + (1 - soft Dice over the foreground classes, batch Dice, smooth 1e-5), weighted
1/2^i with the lowest-resolution output weighted 0 and the weights normalised (nnU-Net); targets are one-hot maps
prepared once (as a data loader would), nearest-down-sampled per output. Optimizer: SGD, Nesterov momentum 0.99,
lr 0.01, weight decay 3e-5; gradients set to None after each step (nnU-Net v2).

Run with Debian's /usr/bin/python3 (python3-torch); the pyenv python3 on the PATH has no torch.
    /usr/bin/python3 bench/torch_reference.py --case all --steps 10 --warmup 3 --threads 2
"""
import argparse
import os
import platform
import resource
import statistics
import time

import torch
from torch import nn
import torch.nn.functional as F


def conv_block(dims, cin, cout, stride):
    conv = nn.Conv2d if dims == 2 else nn.Conv3d
    norm = nn.InstanceNorm2d if dims == 2 else nn.InstanceNorm3d
    return nn.Sequential(conv(cin, cout, 3, stride=stride, padding=1, bias=True),
                         norm(cout, eps=1e-5, affine=True),
                         nn.LeakyReLU(0.01, inplace=True))


class PlainUNet(nn.Module):
    def __init__(self, dims, in_channels, classes, features, strides):
        super().__init__()
        conv = nn.Conv2d if dims == 2 else nn.Conv3d
        transp = nn.ConvTranspose2d if dims == 2 else nn.ConvTranspose3d
        self.encoder = nn.ModuleList()
        cin = in_channels
        for f, s in zip(features, strides):
            self.encoder.append(nn.Sequential(conv_block(dims, cin, f, s), conv_block(dims, f, f, 1)))
            cin = f
        self.up = nn.ModuleList()
        self.decoder = nn.ModuleList()
        self.heads = nn.ModuleList()
        for s in range(len(features) - 2, -1, -1):  # bottom up, as SegKit builds it
            self.up.append(transp(features[s + 1], features[s], strides[s + 1], stride=strides[s + 1], bias=True))
            self.decoder.append(nn.Sequential(conv_block(dims, 2 * features[s], features[s], 1),
                                              conv_block(dims, features[s], features[s], 1)))
            self.heads.append(conv(features[s], classes, 1, bias=True))
        for m in self.modules():  # nnU-Net's InitWeights_He(1e-2)
            if isinstance(m, (nn.Conv2d, nn.Conv3d, nn.ConvTranspose2d, nn.ConvTranspose3d)):
                nn.init.kaiming_normal_(m.weight, a=1e-2)
                nn.init.zeros_(m.bias)

    def forward(self, x):
        skips = []
        for stage in self.encoder:
            x = stage(x)
            skips.append(x)
        outputs = []
        for i, (up, dec, head) in enumerate(zip(self.up, self.decoder, self.heads)):
            x = up(x)
            x = dec(torch.cat((x, skips[-(i + 2)]), 1))
            outputs.append(head(x))
        return outputs[::-1]  # highest resolution first


def ds_weights(n):
    w = [1.0 / (2 ** i) for i in range(n)]
    w[-1] = 0.0
    total = sum(w)
    return [v / total for v in w]


def ce_dice(logits, onehot, smooth=1e-5):
    lsm = torch.log_softmax(logits, 1)
    ce = -(lsm * onehot).sum(1).mean()
    p = lsm.exp()
    axes = [0] + list(range(2, logits.dim()))
    tp = (p * onehot).sum(axes)
    dice = (2 * tp + smooth) / (p.sum(axes) + onehot.sum(axes) + smooth)
    return ce + (1 - dice[1:].mean())


def loss_fn(outputs, targets, weights):
    loss = None
    for out, target, w in zip(outputs, targets, weights):
        if w == 0:
            continue
        term = w * ce_dice(out, target)
        loss = term if loss is None else loss + term
    return loss


CASES = {
    # name: dims, features, strides, batch, patch
    "2d": (2, [32, 64, 128, 256, 512], [(1, 1), (2, 2), (2, 2), (2, 2), (2, 2)], 4, (128, 128)),
    "3d": (3, [32, 64, 128, 256], [(1, 1, 1), (2, 2, 2), (2, 2, 2), (2, 2, 2)], 2, (32, 64, 64)),
}


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_case(name, steps, warmup, classes, seed, device="cpu"):
    dims, features, strides, batch, patch = CASES[name]
    torch.manual_seed(seed)
    net = PlainUNet(dims, 1, classes, features, strides).to(device)
    params = sum(p.numel() for p in net.parameters())
    x = torch.randn(batch, 1, *patch, device=device)
    labels = torch.randint(0, classes, (batch, *patch), device=device)
    targets = []
    factor = [1] * dims
    for s in range(len(features) - 1):
        if s > 0:
            factor = [f * st for f, st in zip(factor, strides[s])]
        sl = (slice(None),) + tuple(slice(None, None, f) for f in factor)
        lab = labels[sl]
        targets.append(F.one_hot(lab, classes).movedim(-1, 1).float().contiguous())
    weights = ds_weights(len(targets))
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.99, nesterov=True, weight_decay=3e-5)
    voxels = batch
    for p in patch:
        voxels *= p
    print(f"case={name} dims={dims} batch={batch} patch={'x'.join(map(str, patch))} features={features} "
          f"strides={[list(s) for s in strides]} classes={classes} params={params}", flush=True)

    def train_step():
        out = net(x)
        loss = loss_fn(out, targets, weights)
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        return loss.item()

    net.train()
    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        loss = train_step()
        t = time.perf_counter() - t0
        if i >= warmup:
            times.append(t)
        if (i + 1) % 5 == 0 or i + 1 == warmup + steps:
            print(f"#   train step {i + 1}: {t:.3f} s loss={loss:.4f} rss_mb={rss_mb():.0f}", flush=True)
    train = statistics.median(times)
    print(f"op=train case={name} seconds={train:.4f} min={min(times):.4f} voxels_per_s={voxels / train:.4g} "
          f"steps={steps} rss_mb={rss_mb():.0f} peak_rss_mb={peak_rss_mb():.0f}", flush=True)

    times = []
    with torch.no_grad():
        for i in range(warmup + steps):
            t0 = time.perf_counter()
            out = net(x)
            out[0].sum().item()
            t = time.perf_counter() - t0
            del out
            if i >= warmup:
                times.append(t)
    infer = statistics.median(times)
    print(f"op=infer case={name} seconds={infer:.4f} min={min(times):.4f} voxels_per_s={voxels / infer:.4g} "
          f"steps={steps} rss_mb={rss_mb():.0f} peak_rss_mb={peak_rss_mb():.0f}", flush=True)
    return train, infer


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--case", default="all", choices=["2d", "3d", "all"])
    ap.add_argument("--steps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--classes", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--device", default="cpu", help="cpu or cuda (loss.item() and .sum().item() synchronise)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    print(f"# torch={torch.__version__} python={platform.python_version()} threads={torch.get_num_threads()} "
          f"interop={torch.get_num_interop_threads()} device={a.device} cpus={os.cpu_count()} loadavg={os.getloadavg()[0]:.1f}",
          flush=True)
    for name in (["2d", "3d"] if a.case == "all" else [a.case]):
        run_case(name, a.steps, a.warmup, a.classes, a.seed, a.device)
    print(f"# loadavg at end={os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
