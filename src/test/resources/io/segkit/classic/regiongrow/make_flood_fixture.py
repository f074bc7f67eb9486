# Writes flood-skimage.txt (in the current folder) for RegionGrowingFloodTest. Run once, here, with /usr/bin/python3.
# Run once with /usr/bin/python3 (skimage 0.19.3): writes skimage.segmentation.flood results for RegionGrowingFloodTest.
import numpy as np
from skimage import segmentation
import skimage
rng = np.random.default_rng(7)
cases = []
# 2D uint16: smooth blobs + noise; 3D uint8
yy, xx = np.mgrid[0:14, 0:17]
img2 = (200 + 300 * np.exp(-((yy - 6) ** 2 + (xx - 5) ** 2) / 12.0) + 250 * np.exp(-((yy - 9) ** 2 + (xx - 13) ** 2) / 6.0)
        + rng.normal(0, 12, yy.shape)).clip(0, 65535).astype(np.uint16)
zz, yy3, xx3 = np.mgrid[0:6, 0:9, 0:11]
img3 = (40 + 120 * np.exp(-((zz - 2) ** 2 * 2 + (yy3 - 4) ** 2 + (xx3 - 4) ** 2) / 10.0)
        + rng.normal(0, 6, zz.shape)).clip(0, 255).astype(np.uint8)
for name, img in (('2d', img2), ('3d', img3)):
    flat_seed = np.unravel_index(np.argmax(img), img.shape)
    low_seed = np.unravel_index(np.argmin(img), img.shape)
    for seed in (flat_seed, low_seed):
        for tol in (60, 150) if name == '2d' else (20, 50):
            for conn in (1, img.ndim):
                grown = segmentation.flood(img, seed, tolerance=tol, connectivity=conn)
                cases.append((name, img, seed, tol, conn, grown))
with open('flood-skimage.txt', 'w') as f:
    f.write(f'# skimage {skimage.__version__} segmentation.flood(image, seed, tolerance, connectivity); '
            'per case: shape (z y x), seed (z y x), tolerance, connectivity (1 = faces, ndim = full), values, flood mask\n')
    for name, img, seed, tol, conn, grown in cases:
        shape = (1,) + img.shape if img.ndim == 2 else img.shape
        s = (0,) + tuple(seed) if img.ndim == 2 else tuple(seed)
        f.write('case %s %s %s %d %d\n' % (name, ' '.join(map(str, shape)), ' '.join(map(str, map(int, s))), tol, conn))
        f.write(' '.join(map(str, img.ravel().tolist())) + '\n')
        f.write(''.join('1' if g else '0' for g in grown.ravel()) + '\n')
        print(name, seed, tol, conn, int(grown.sum()), img.size)
