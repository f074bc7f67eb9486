"""Does SegKit's SegNet layout learn test-images/3d with nnU-Net's SGD, and does its initialisation matter?

A PyTorch replica (Debian's python3-torch; torch.nn layers and PyTorch's own max_pool3d indices / max_unpool3d) of
SegKit's SegNet on the planner's 3D configuration (kernels and strides below; widths nnU-Net's halved, so the last
stage has 160 features where SegKit's cap gives 128: 4.19 M parameters against 3.47 M, without deep supervision),
trained on nuclei3d-01 and -02 (whole
32 x 96 x 96 volumes, z-scored, random flips, batch 2), CE + soft Dice, SGD Nesterov momentum 0.99 with a constant
learning rate (nnU-Net's poly schedule over 1000 epochs is flat this early), gradient norm clipped at 12; prints the
held-out Dice on nuclei3d-03 every 15 steps (one shoot-out epoch).

    /usr/bin/python3 bench/segnet_init_replica.py pytorch   # PyTorch's default conv initialisation
    /usr/bin/python3 bench/segnet_init_replica.py he        # nnU-Net's: Kaiming normal, a = 0.01, biases 0
"""
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image, ImageSequence

KERNELS = [(1, 3, 3), (1, 3, 3), (3, 3, 3), (3, 3, 3), (3, 3, 3)]
STRIDES = [(1, 1, 1), (1, 2, 2), (1, 2, 2), (2, 2, 2), (2, 2, 2)]
FEATURES = [16, 32, 64, 128, 160]
STEPS, LEARNING_RATE = 150, 0.01


def read(path):
    return np.stack([np.array(f) for f in ImageSequence.Iterator(Image.open(path))]).astype(np.float32)


def case(name):
    image = read(f"test-images/3d/images/{name}.tif")
    return (image - image.mean()) / image.std(), (read(f"test-images/3d/labels/{name}.tif") > 0).astype(np.int64)


def conv_norm_act(i, o, k):
    return nn.Sequential(nn.Conv3d(i, o, k, padding=tuple(x // 2 for x in k)), nn.InstanceNorm3d(o, affine=True),
                         nn.LeakyReLU(0.01))


class SegNet(nn.Module):
    def __init__(self):
        super().__init__()
        f, n = FEATURES, len(FEATURES)
        self.enc = nn.ModuleList([nn.Sequential(conv_norm_act(1 if s == 0 else f[s - 1], f[s], KERNELS[s]),
                                                conv_norm_act(f[s], f[s], KERNELS[s])) for s in range(n)])
        self.dec = nn.ModuleList([nn.Sequential(conv_norm_act(f[s], f[s], KERNELS[s]),
                                                conv_norm_act(f[s], f[max(0, s - 1)], KERNELS[s])) for s in range(n)])
        self.head = nn.Conv3d(f[0], 2, 1)

    def forward(self, x):
        n = len(FEATURES)
        indices, sizes = [None] * n, [None] * n
        for s in range(n):
            if s > 0:
                sizes[s] = x.shape[2:]
                x, indices[s] = F.max_pool3d(x, STRIDES[s], STRIDES[s], return_indices=True)
            x = self.enc[s](x)
        for s in range(n - 1, -1, -1):
            if s < n - 1:
                x = F.max_unpool3d(x, indices[s + 1], STRIDES[s + 1], STRIDES[s + 1], output_size=sizes[s + 1])
            x = self.dec[s](x)
        return self.head(x)


def loss(logits, y):
    p, g = logits.softmax(1)[:, 1], (y == 1).float()
    return F.cross_entropy(logits, y) - (2 * (p * g).sum() + 1e-5) / (p.sum() + g.sum() + 1e-5)


def held_out_dice(net, image, truth):
    net.eval()
    with torch.no_grad():
        predicted = net(torch.from_numpy(image)[None, None]).argmax(1)[0].numpy()
    net.train()
    return 2 * (predicted * truth).sum() / max(1, predicted.sum() + truth.sum())


def main(initialisation):
    torch.manual_seed(1)
    np.random.seed(1)
    torch.set_num_threads(2)
    train, held = [case("nuclei3d-01"), case("nuclei3d-02")], case("nuclei3d-03")
    net = SegNet()
    if initialisation == "he":
        for m in net.modules():
            if isinstance(m, nn.Conv3d):
                nn.init.kaiming_normal_(m.weight, a=0.01)
                nn.init.zeros_(m.bias)
    optimizer = torch.optim.SGD(net.parameters(), LEARNING_RATE, momentum=0.99, nesterov=True, weight_decay=3e-5)
    start = time.time()
    for step in range(1, STEPS + 1):
        images, labels = [], []
        for _ in range(2):
            image, label = train[np.random.randint(2)]
            for axis in (1, 2):
                if np.random.rand() < 0.5:
                    image, label = np.flip(image, axis), np.flip(label, axis)
            images.append(image.copy())
            labels.append(label.copy())
        value = loss(net(torch.from_numpy(np.stack(images))[:, None]), torch.from_numpy(np.stack(labels)))
        optimizer.zero_grad()
        value.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 12)
        optimizer.step()
        if step % 15 == 0:
            print(f"{initialisation} step {step}: loss {value.item():.4f}, held-out Dice "
                  f"{held_out_dice(net, *held):.4f}, {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "pytorch")
