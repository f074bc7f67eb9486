#!/usr/bin/env python3
"""Reference timings of the classic segmentation steps with scikit-image / SciPy / NumPy.

SegKit's Java implementations are compared against these numbers (see bench/README.md).

Usage:
    python3 bench/skimage_reference.py VOLUME.tif [--spacing Z Y X] [--h H] [--runs 3]

VOLUME.tif is a 16-bit (or 8-bit) ImageJ TIFF, 2D or 3D. The voxel size comes from the ImageJ
calibration in the file (x/y resolution tags and the 'spacing' entry) unless --spacing is given.
Each operation runs once as warm-up, then --runs times; the median is printed as

    op=<name> seconds=<t> voxels_per_s=<v> peak_alloc_mb=<m> maxrss_mb=<r>

peak_alloc_mb: the largest extra memory NumPy/Python allocated during one (separate, untimed) run
of the operation, measured with tracemalloc; maxrss_mb: the process's peak resident memory so far
(ru_maxrss, monotonic, so it only shows the largest operation up to that point).
"""

import argparse
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc

import numpy as np
import scipy
import scipy.ndimage as ndi
import skimage
import tifffile
from skimage import filters, measure, morphology, segmentation


def read_volume(path):
    """The image as a (z, y, x) or (y, x) array and its spacing in the same order."""
    with tifffile.TiffFile(path) as tif:
        image = tif.asarray()
        page = tif.pages[0]
        ij = tif.imagej_metadata or {}

        def pixel_size(tag_name):
            tag = page.tags.get(tag_name)
            if tag is None:
                return 1.0
            num, den = tag.value
            return den / num if num else 1.0

        sx, sy = pixel_size('XResolution'), pixel_size('YResolution')
        sz = float(ij.get('spacing', 1.0))
    image = np.squeeze(image)
    spacing = (sz, sy, sx) if image.ndim == 3 else (sy, sx)
    return image, spacing


def maxrss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: KiB


def measure_op(name, fn, voxels, runs):
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    t = statistics.median(times)
    print(f"op={name} seconds={t:.4f} voxels_per_s={voxels / t:.4g} "
          f"peak_alloc_mb={peak / 2**20:.1f} maxrss_mb={maxrss_mb():.0f}", flush=True)


def kmeans_1d(values, k=3, iterations=20):
    """Plain Lloyd iterations on intensities (the NumPy reference; scikit-learn is not used)."""
    centers = np.percentile(values, np.linspace(10, 90, k)).astype(np.float32)
    for _ in range(iterations):
        assignment = np.argmin(np.abs(values[:, None] - centers[None, :]), axis=1)
        sums = np.bincount(assignment, weights=values, minlength=k)
        counts = np.bincount(assignment, minlength=k)
        centers = np.where(counts > 0, sums / np.maximum(counts, 1), centers).astype(np.float32)
    return assignment, centers


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('volume')
    parser.add_argument('--spacing', type=float, nargs='+', help='voxel size, z y x (or y x in 2D)')
    parser.add_argument('--h', type=float, default=1.0,
                        help='h of the h-maxima on the distance map, calibrated units (default 1.0)')
    parser.add_argument('--runs', type=int, default=3)
    args = parser.parse_args()

    image, spacing = read_volume(args.volume)
    if args.spacing:
        spacing = tuple(args.spacing)
    voxels = image.size
    ndim = image.ndim
    full = ndim  # 26-connectivity in 3D, 8 in 2D
    print(f"# {args.volume}: shape={image.shape} dtype={image.dtype} spacing={spacing} "
          f"python={platform.python_version()} numpy={np.__version__} scipy={scipy.__version__} "
          f"skimage={skimage.__version__} cpus={os.cpu_count()} loadavg={os.getloadavg()[0]:.1f}", flush=True)

    # Inputs each operation needs, computed once outside the timings.
    t = filters.threshold_otsu(image)
    mask = image > t
    edt = ndi.distance_transform_edt(mask, sampling=spacing)
    markers = measure.label(morphology.h_maxima(edt, args.h), connectivity=full)
    background = ndi.distance_transform_edt(~mask, sampling=spacing) > 2 * max(spacing)
    all_markers = markers.copy()
    all_markers[background] = markers.max() + 1
    nuclei = segmentation.watershed(-edt, markers, mask=mask)
    # Flood a nucleus (small region: the seed is the voxel deepest inside the mask) and the
    # background (large region: a background voxel at the background median, up to the threshold).
    seed = np.unravel_index(np.argmax(edt), edt.shape)
    tolerance = float(image[seed]) - t
    bg_level = np.median(image[~mask])
    bg_seed = np.unravel_index(np.argmin(np.where(mask, np.inf, np.abs(image - bg_level))), image.shape)
    bg_tolerance = t - float(image[bg_seed])
    values = image.astype(np.float32).ravel()
    print(f"# otsu={t} foreground={mask.mean():.4f} components={measure.label(mask, connectivity=full).max()} "
          f"markers={markers.max()} watershed_labels={nuclei.max()} flood_seed={seed} "
          f"nucleus_flood={segmentation.flood(image, seed, tolerance=tolerance).sum()} "
          f"background_flood={segmentation.flood(image, bg_seed, tolerance=bg_tolerance).sum()}", flush=True)

    def otsu():
        return image > filters.threshold_otsu(image)

    def hmaxima_markers():
        return measure.label(morphology.h_maxima(edt, args.h), connectivity=full)

    def sobel_watershed():
        return segmentation.watershed(filters.sobel(image), all_markers)

    def local_mean():
        return image > filters.threshold_local(image, block_size=15, method='mean')

    ops = [
        ('otsu_threshold_mask', otsu),
        ('label_cc_full', lambda: measure.label(mask, connectivity=full)),
        ('edt_sampling', lambda: ndi.distance_transform_edt(mask, sampling=spacing)),
        ('hmaxima_markers_on_edt', hmaxima_markers),
        ('watershed_edt_masked', lambda: segmentation.watershed(-edt, markers, mask=mask)),
        ('sobel_watershed_full', sobel_watershed),
        ('flood_nucleus', lambda: segmentation.flood(image, seed, tolerance=tolerance)),
        ('flood_background', lambda: segmentation.flood(image, bg_seed, tolerance=bg_tolerance)),
        ('kmeans3_numpy_lloyd20', lambda: kmeans_1d(values)),
        ('threshold_local_mean15', local_mean),
        ('regionprops_table', lambda: measure.regionprops_table(
            nuclei, intensity_image=image, properties=('label', 'area', 'centroid', 'mean_intensity'))),
    ]
    for name, fn in ops:
        measure_op(name, fn, voxels, args.runs)
    print(f"# loadavg at end={os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())
