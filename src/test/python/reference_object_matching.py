"""Reference object scores for SegKit's io.segkit.eval.ObjectMatching, computed independently with NumPy/SciPy.

Run with Debian's python3-numpy, python3-scipy and python3-skimage:

    /usr/bin/python3 src/test/python/reference_object_matching.py

It makes two seeded cases (2D 160 x 192 and 3D 24 x 64 x 72: true objects, and a prediction in which objects are
grown, shrunk, shifted, merged with a touching neighbour, split in two, missed, and extra ones added), writes each
to src/test/resources/io/segkit/eval/object-matching-<name>.raw.gz (predicted then true labels, unsigned 16-bit
little-endian, x fastest, then y, then z), and prints the scores that ObjectMatchingReferenceTest holds as
constants.

The matching is StarDist's (stardist/matching.py, written again here): the IoU of every (true, predicted) pair
from the overlap table, then at each threshold an optimal one-to-one assignment with
scipy.optimize.linear_sum_assignment on the cost -(iou >= thresh) - iou / (2 n), a pair counting as a match when
iou >= thresh. Panoptic quality = sum of matched IoU / (TP + FP/2 + FN/2) at 0.5.
"""
import gzip
import os

import numpy as np
import scipy.ndimage as ndi
from scipy.optimize import linear_sum_assignment
from skimage.draw import ellipse, ellipsoid

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "io", "segkit", "eval")
THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]


def truth_2d(rng, shape, n):
    labels = np.zeros(shape, np.uint16)
    for value in range(1, n + 1):
        r, c = rng.integers(8, shape[0] - 8), rng.integers(8, shape[1] - 8)
        rr, cc = ellipse(r, c, rng.uniform(4, 9), rng.uniform(4, 9), shape=shape, rotation=rng.uniform(0, np.pi))
        labels[rr, cc] = value  # later objects cover earlier ones: touching objects
    return relabel(labels)


def truth_3d(rng, shape, n):
    labels = np.zeros(shape, np.uint16)
    for value in range(1, n + 1):
        radii = rng.uniform(2, 4), rng.uniform(3, 7), rng.uniform(3, 7)
        blob = ellipsoid(*radii)[1:-1, 1:-1, 1:-1]
        corner = [rng.integers(0, s - b) for s, b in zip(shape, blob.shape)]
        view = labels[tuple(slice(c, c + b) for c, b in zip(corner, blob.shape))]
        view[blob] = value
    return relabel(labels)


def relabel(labels):
    """Labels 1..n of the objects that are still visible."""
    values = np.unique(labels[labels > 0])
    lut = np.zeros(int(labels.max()) + 1, np.uint16)
    lut[values] = np.arange(1, len(values) + 1)
    return lut[labels]


def touching_neighbour(truth, value):
    grown = ndi.binary_dilation(truth == value)
    others = np.unique(truth[grown & (truth != value) & (truth > 0)])
    return int(others[0]) if len(others) else None


def predict(rng, truth, extras):
    """The truth with each object changed at random; labels renumbered with gaps."""
    prediction = np.zeros(truth.shape, np.int64)
    n = int(truth.max())
    next_label = 1
    merged = set()
    for value in rng.permutation(np.arange(1, n + 1)):
        value = int(value)
        if value in merged:
            continue
        mask = truth == value
        kind = rng.choice(["same", "grow", "shrink", "shift", "merge", "split", "miss"],
                          p=[0.2, 0.2, 0.15, 0.15, 0.12, 0.1, 0.08])
        if kind == "miss":
            continue
        if kind == "merge":
            other = touching_neighbour(truth, value)
            if other is not None and other not in merged:
                mask = mask | (truth == other)
                merged.update([value, other])
        elif kind == "grow":
            mask = ndi.binary_dilation(mask, iterations=int(rng.integers(1, 3)))
        elif kind == "shrink":
            eroded = ndi.binary_erosion(mask)
            mask = eroded if eroded.any() else mask
        elif kind == "shift":
            mask = np.roll(mask, int(rng.integers(1, 4)), axis=int(rng.integers(0, mask.ndim)))
        if kind == "split":
            coords = np.nonzero(mask)
            axis = int(np.argmax([np.ptp(c) for c in coords]))
            half = mask & (np.indices(mask.shape)[axis] > np.median(coords[axis]))
            prediction[mask & ~half] = next_label
            prediction[half] = next_label + 1
            next_label += 2
        else:
            prediction[mask] = next_label
            next_label += 1
    for _ in range(extras):
        centre = [int(rng.integers(3, s - 3)) for s in truth.shape]
        box = tuple(slice(c - 2, c + 3) for c in centre)
        prediction[box] = next_label
        next_label += 1
    prediction = relabel(prediction)
    gaps = 1 + 3 * np.arange(int(prediction.max()) + 1)  # labels 4, 7, 10, ...: not sequential
    gaps[0] = 0
    return gaps[prediction].astype(np.uint16)


def overlap_table(true, pred):
    """Voxels shared by true label i and predicted label j (0 = background)."""
    nt, npred = int(true.max()) + 1, int(pred.max()) + 1
    return np.bincount(true.ravel().astype(np.int64) * npred + pred.ravel(), minlength=nt * npred).reshape(nt, npred)


def scores(true, pred):
    table = overlap_table(true, pred)
    true_sizes, pred_sizes = table.sum(axis=1), table.sum(axis=0)
    present_true = np.nonzero(true_sizes[1:])[0] + 1
    present_pred = np.nonzero(pred_sizes[1:])[0] + 1
    inter = table[np.ix_(present_true, present_pred)].astype(np.float64)
    union = true_sizes[present_true][:, None] + pred_sizes[present_pred][None, :] - inter
    iou = inter / union
    n_true, n_pred = iou.shape
    n_matched = min(n_true, n_pred)
    out = {"n_true": n_true, "n_pred": n_pred, "per_threshold": []}
    for thresh in THRESHOLDS:
        costs = -(iou >= thresh).astype(float) - iou / (2 * n_matched)
        rows, cols = linear_sum_assignment(costs)
        ok = iou[rows, cols] >= thresh
        tp = int(np.count_nonzero(ok))
        fp, fn = n_pred - tp, n_true - tp
        matched_sum = float(np.sum(iou[rows, cols][ok]))
        out["per_threshold"].append({
            "thresh": thresh, "tp": tp, "fp": fp, "fn": fn, "precision": tp / (tp + fp), "recall": tp / (tp + fn),
            "f1": 2 * tp / (2 * tp + fp + fn), "matched_sum": matched_sum})
    half = out["per_threshold"][0]
    out["mean_f1"] = float(np.mean([t["f1"] for t in out["per_threshold"]]))
    out["mean_matched_iou"] = half["matched_sum"] / half["tp"]
    out["pq"] = half["matched_sum"] / (half["tp"] + half["fp"] / 2 + half["fn"] / 2)
    out["sq"] = out["mean_matched_iou"]
    out["rq"] = half["tp"] / (half["tp"] + half["fp"] / 2 + half["fn"] / 2)
    shared = int(table[1:, 1:].sum())
    in_true, in_pred = int(true_sizes[1:].sum()), int(pred_sizes[1:].sum())
    out["dice"] = 2 * shared / (in_true + in_pred)
    out["iou"] = shared / (in_true + in_pred - shared)
    return out


def write(name, pred, true):
    os.makedirs(OUT, exist_ok=True)
    data = np.concatenate([pred.astype("<u2").ravel(), true.astype("<u2").ravel()]).tobytes()
    with open(os.path.join(OUT, "object-matching-%s.raw.gz" % name), "wb") as f:
        f.write(gzip.compress(data, compresslevel=9, mtime=0))


def report(name, shape, pred, true):
    s = scores(true, pred)
    print("// %s: shape (z, y, x) %s, %d true and %d predicted objects" % (name, shape, s["n_true"], s["n_pred"]))
    print("TP  = {%s}" % ", ".join(str(t["tp"]) for t in s["per_threshold"]))
    print("FP  = {%s}" % ", ".join(str(t["fp"]) for t in s["per_threshold"]))
    print("FN  = {%s}" % ", ".join(str(t["fn"]) for t in s["per_threshold"]))
    for key in ["precision", "recall", "f1"]:
        print("%s = {%s}" % (key, ", ".join(repr(t[key]) for t in s["per_threshold"])))
    for key in ["mean_f1", "mean_matched_iou", "pq", "sq", "rq", "dice", "iou"]:
        print("%s = %r" % (key, s[key]))
    print()


def main():
    rng = np.random.default_rng(11)
    shape2 = (160, 192)
    true2 = truth_2d(rng, shape2, 150)
    pred2 = predict(rng, true2, extras=8)
    shape3 = (24, 64, 72)
    true3 = truth_3d(rng, shape3, 90)
    pred3 = predict(rng, true3, extras=5)
    write("2d", pred2, true2)
    write("3d", pred3, true3)
    report("2d", (1,) + shape2, pred2, true2)
    report("3d", shape3, pred3, true3)


if __name__ == "__main__":
    main()
