#!/usr/bin/env python3
"""Memory and speed at scale (issue 10), the scikit-image side of bench/run-scale.sh.

  pipeline VOLUME.tif TZ TY TX : the benchmark volume tiled TZ x TY x TX times (2 4 4 gives 256x1024x1024),
      then Otsu mask, exact anisotropic EDT, h-maxima (h = 1 unit) markers, masked watershed of -EDT and
      regionprops_table, as ScaleBenchmark runs them in SegKit. Prints each step's time and the resident peak
      (ru_maxrss), and the extra memory over the loaded input as a multiple of the input's size.
  flood VOLUME.tif : skimage.segmentation.flood on skimage_reference.py's nucleus and background cases
      (one warm-up, median of 3).
"""
import resource
import statistics
import sys
import time

import numpy as np
import scipy.ndimage as ndi
from skimage import filters, measure, morphology, segmentation

sys.path.insert(0, __file__.rsplit('/', 1)[0])
from skimage_reference import read_volume  # noqa: E402


def rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def current_rss_bytes():
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) * 1024
    return 0


def pipeline(path, tz, ty, tx):
    small, spacing = read_volume(path)
    image = np.tile(small, (tz, ty, tx))
    del small
    input_bytes = image.nbytes
    before = current_rss_bytes()
    print(f"# scikit-image pipeline on {'x'.join(map(str, image.shape))} {image.dtype} ({input_bytes >> 20} MB), "
          f"resident {before >> 20} MB with the input loaded", flush=True)
    start = time.perf_counter()

    def step(name, fn):
        t0 = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - t0
        print(f"op={name} seconds={seconds:.2f} voxels_per_s={image.size / seconds:.3g} "
              f"peak_rss_mb={rss_bytes() >> 20}", flush=True)
        return result

    mask = step('otsu_mask', lambda: image > filters.threshold_otsu(image))

    def distance_watershed():
        edt = ndi.distance_transform_edt(mask, sampling=spacing)
        markers = measure.label(morphology.h_maxima(edt, 1.0), connectivity=3)
        return segmentation.watershed(-edt, markers, mask=mask)

    labels = step('distance_watershed', distance_watershed)
    table = step('label_measurements', lambda: measure.regionprops_table(
        labels, image, properties=('label', 'area', 'centroid', 'bbox', 'mean_intensity')))
    seconds = time.perf_counter() - start
    peak = rss_bytes()
    print(f"op=pipeline seconds={seconds:.2f} voxels_per_s={image.size / seconds:.3g} objects={len(table['label'])} "
          f"peak_rss_mb={peak >> 20} extra_rss_x_input={(peak - before) / input_bytes:.2f}", flush=True)


def flood(path):
    image, spacing = read_volume(path)
    mask = image > filters.threshold_otsu(image)
    t = filters.threshold_otsu(image)
    edt = ndi.distance_transform_edt(mask, sampling=spacing)
    seed = np.unravel_index(np.argmax(edt), edt.shape)
    bg_level = np.median(image[~mask])
    bg_seed = np.unravel_index(np.argmin(np.where(mask, np.inf, np.abs(image - bg_level))), image.shape)
    cases = [('flood_nucleus', seed, float(image[seed]) - t), ('flood_background', bg_seed, t - float(image[bg_seed]))]
    print(f"# otsu={t} flood_seed={tuple(map(int, seed))} tolerance={cases[0][2]} "
          f"background_seed={tuple(map(int, bg_seed))} background_tolerance={cases[1][2]}", flush=True)
    for name, point, tolerance in cases:
        segmentation.flood(image, point, tolerance=tolerance)  # warm-up
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            grown = segmentation.flood(image, point, tolerance=tolerance)
            times.append(time.perf_counter() - t0)
        s = statistics.median(times)
        print(f"op={name} seconds={s:.4f} voxels_per_s={image.size / s:.3g} grown={int(grown.sum())}", flush=True)


if __name__ == '__main__':
    if sys.argv[1] == 'pipeline':
        pipeline(sys.argv[2], *map(int, sys.argv[3:6]))
    else:
        flood(sys.argv[2])
