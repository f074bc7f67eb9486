"""Parameter counts of SegKit's literature networks, from an independent PyTorch description of each layout.

Run with Debian's python3-torch:  /usr/bin/python3 src/test/python/reference_networks.py
Each network is written here from its paper's layout as SegKit adapts it (see the class comments in
io.segkit.nn): torch.nn layers only, counted with sum(p.numel()). LiteratureNetworksTest asserts the printed
counts. Configurations (same as the Java test):
  odd2d   2D, 1 channel in, 3 classes, features 4 6 8, kernels (3,3) (3,1) (1,3), strides (1,1) (3,2) (3,2)
  aniso3d 3D, 2 channels in, 2 classes, features 4 8 8, kernels (1,3,3) (1,3,3) (3,3,3), strides 1 (1,2,2) (1,2,2)
  deep2d  2D, 1 channel in, 2 classes, features 32 64 128 256 512, kernels 3, strides 2 (ResNet-18's widths)
each with deep supervision on ("ds") and off.
"""
import torch.nn as nn

CONFIGS = {
    "odd2d": dict(dims=2, cin=1, classes=3, f=[4, 6, 8], k=[(3, 3), (3, 1), (1, 3)], st=[(1, 1), (3, 2), (3, 2)]),
    "aniso3d": dict(dims=3, cin=2, classes=2, f=[4, 8, 8], k=[(1, 3, 3), (1, 3, 3), (3, 3, 3)],
                    st=[(1, 1, 1), (1, 2, 2), (1, 2, 2)]),
    "deep2d": dict(dims=2, cin=1, classes=2, f=[32, 64, 128, 256, 512], k=[(3, 3)] * 5,
                   st=[(1, 1)] + [(2, 2)] * 4),
}


def conv(c, i, o, k, bias=True, groups=1):
    return (nn.Conv2d if c["dims"] == 2 else nn.Conv3d)(i, o, k, bias=bias, groups=groups)


def norm(c, ch):
    return (nn.InstanceNorm2d if c["dims"] == 2 else nn.InstanceNorm3d)(ch, affine=True)


def up(c, i, o, stride):
    return (nn.ConvTranspose2d if c["dims"] == 2 else nn.ConvTranspose3d)(i, o, stride, stride)


def one(c):
    return (1,) * c["dims"]


def conv_norm(c, i, o, k):
    return nn.Sequential(conv(c, i, o, k), norm(c, o))


class Basic(nn.Module):
    """ResNet basic block: conv-norm-act-conv-norm + shortcut (1x1 bias-free conv + norm when shape changes)."""

    def __init__(self, c, i, o, k, strided):
        super().__init__()
        self.body = nn.Sequential(conv_norm(c, i, o, k), conv_norm(c, o, o, k))
        if i != o or strided:
            self.shortcut = nn.Sequential(conv(c, i, o, one(c), bias=False), norm(c, o))


def effective_strides(c, output_stride):
    """Strides after an atrous encoder turned those past the output stride into dilations."""
    reached = [1] * c["dims"]
    out = []
    for s in c["st"]:
        e = []
        for a, v in enumerate(s):
            if reached[a] * v > output_stride:
                v = 1
            reached[a] *= v
            e.append(v)
        out.append(tuple(e))
    return out


class ResNet18Encoder(nn.Module):
    def __init__(self, c, output_stride=10 ** 9):
        super().__init__()
        f, k = c["f"], c["k"]
        st = effective_strides(c, output_stride)
        self.stem = conv_norm(c, c["cin"], f[0], k[0])
        self.blocks = nn.ModuleList([Basic(c, f[0], f[0], k[0], False)])
        for s in range(1, len(f)):
            self.blocks.append(Basic(c, f[s - 1], f[s], k[s], st[s] != one(c)))
            self.blocks.append(Basic(c, f[s], f[s], k[s], False))


def stage_within(c, stride, last):
    """Deepest stage <= last whose cumulative stride is <= stride on every axis."""
    found, reached = 0, [1] * c["dims"]
    for s in range(1, last + 1):
        reached = [r * v for r, v in zip(reached, c["st"][s])]
        if max(reached) > stride:
            break
        found = s
    return found


class FCN8s(nn.Module):
    def __init__(self, c, ds, output_stride=8):
        super().__init__()
        n = len(c["f"])
        finest = stage_within(c, output_stride, n - 1)
        self.encoder = ResNet18Encoder(c)
        self.scores = nn.ModuleList([conv(c, c["f"][s], c["classes"], one(c)) for s in range(finest, n)])
        self.ups = nn.ModuleList([up(c, c["classes"], c["classes"], c["st"][s]) for s in range(finest + 1, n)])


class SegNet(nn.Module):
    def __init__(self, c, ds):
        super().__init__()
        f, k, n = c["f"], c["k"], len(c["f"])
        self.enc = nn.ModuleList()
        prev = c["cin"]
        for s in range(n):
            self.enc.append(nn.Sequential(conv_norm(c, prev, f[s], k[s]), conv_norm(c, f[s], f[s], k[s])))
            prev = f[s]
        self.dec = nn.ModuleList()
        self.heads = nn.ModuleList()
        for s in range(n - 1, -1, -1):
            out = f[max(0, s - 1)]
            self.dec.append(nn.Sequential(conv_norm(c, f[s], f[s], k[s]), conv_norm(c, f[s], out, k[s])))
            if s == 0 or (ds and s < n - 1):
                self.heads.append(conv(c, out, c["classes"], one(c)))


class UNetPlusPlus(nn.Module):
    def __init__(self, c, ds):
        super().__init__()
        f, k, n = c["f"], c["k"], len(c["f"])
        self.nodes = nn.ModuleDict()
        for j in range(n):
            for i in range(n - j):
                cin = (c["cin"] if i == 0 else f[i - 1]) if j == 0 else (j + 1) * f[i]
                self.nodes[f"x{i}_{j}"] = nn.Sequential(conv_norm(c, cin, f[i], k[i]), conv_norm(c, f[i], f[i], k[i]))
                if j > 0:
                    self.nodes[f"up{i}_{j}"] = up(c, f[i + 1], f[i], c["st"][i + 1])
        self.heads = nn.ModuleList([conv(c, f[0], c["classes"], one(c)) for _ in range(n - 1 if ds else 1)])


def separable(c, i, o, k):
    """Depthwise (groups = channels) conv + norm, then 1x1 conv + norm."""
    return nn.Sequential(conv(c, i, i, k, groups=i), norm(c, i), conv(c, i, o, one(c)), norm(c, o))


class Aspp(nn.Module):
    def __init__(self, c, i, w, k, rates=3):
        super().__init__()
        self.branches = nn.ModuleList([conv_norm(c, i, w, one(c))] + [separable(c, i, w, k) for _ in range(rates)])
        self.image_pool = conv(c, i, w, one(c))  # no norm on the 1-voxel map
        self.fuse = conv_norm(c, (rates + 2) * w, w, one(c))


def low_level_stage(c):
    return stage_within(c, 4, max(0, len(c["f"]) - 2))


class DeepLabV3Plus(nn.Module):
    def __init__(self, c, ds):
        super().__init__()
        f, k, n = c["f"], c["k"], len(c["f"])
        low = low_level_stage(c)
        w, lw = max(1, f[-1] // 2), max(1, f[low] * 3 // 16)
        self.encoder = ResNet18Encoder(c, output_stride=16)
        self.aspp = Aspp(c, f[-1], w, k[-1])
        self.reduce = conv_norm(c, f[low], lw, one(c))
        self.decoder = nn.Sequential(separable(c, w + lw, w, k[low]), separable(c, w, w, k[low]))
        self.head = conv(c, w, c["classes"], one(c))


class PSPNet(nn.Module):
    def __init__(self, c, ds):
        super().__init__()
        f, k, n = c["f"], c["k"], len(c["f"])
        q = max(1, f[-1] // 4)
        self.encoder = ResNet18Encoder(c, output_stride=8)
        self.pyramid = nn.ModuleList([conv(c, f[-1], q, one(c)) for _ in (1, 2, 3, 6)])  # no norm on bins
        self.bottleneck = conv_norm(c, f[-1] + 4 * q, q, k[-1])
        self.head = conv(c, q, c["classes"], one(c))
        if ds:
            a = max(1, f[n - 2] // 4)
            self.aux = nn.Sequential(conv_norm(c, f[n - 2], a, k[n - 2]), conv(c, a, c["classes"], one(c)))


class Rcu(nn.Module):
    """Residual conv unit: act-conv-norm-act-conv-norm + identity."""

    def __init__(self, c, w, k):
        super().__init__()
        self.convs = nn.Sequential(conv_norm(c, w, w, k), conv_norm(c, w, w, k))


class RefineNet(nn.Module):
    def __init__(self, c, ds):
        super().__init__()
        f, k, n = c["f"], c["k"], len(c["f"])
        width = [max(1, v // 2) for v in f]
        self.encoder = ResNet18Encoder(c)
        self.blocks = nn.ModuleList()
        for s in range(n - 1, low_level_stage(c) - 1, -1):
            w = width[s]
            b = nn.ModuleDict()
            b["adapt"] = conv_norm(c, f[s], w, k[s])
            b["path"] = nn.Sequential(Rcu(c, w, k[s]), Rcu(c, w, k[s]))
            if s < n - 1:
                b["coarse_path"] = nn.Sequential(Rcu(c, width[s + 1], k[s + 1]), Rcu(c, width[s + 1], k[s + 1]))
                b["fuse"] = conv_norm(c, w, w, k[s])
                b["fuse_coarse"] = conv_norm(c, width[s + 1], w, k[s + 1])
            b["pooling"] = nn.Sequential(conv_norm(c, w, w, k[s]), conv_norm(c, w, w, k[s]))  # after 5x5 max pools
            b["output"] = Rcu(c, w, k[s])
            self.blocks.append(b)
        low = low_level_stage(c)
        self.finish = nn.Sequential(Rcu(c, width[low], k[low]), Rcu(c, width[low], k[low]),
                                    conv(c, width[low], c["classes"], one(c)))


NETWORKS = {"FCN": FCN8s, "SEGNET": SegNet, "UNET_PLUS_PLUS": UNetPlusPlus, "DEEPLAB_V3_PLUS": DeepLabV3Plus, "PSPNET": PSPNet, "REFINENET": RefineNet}

if __name__ == "__main__":
    for arch, build in NETWORKS.items():
        for name, c in CONFIGS.items():
            for ds in (False, True):
                count = sum(p.numel() for p in build(c, ds).parameters())
                print(f"{arch} {name}{' ds' if ds else ''} {count}")
