package io.segkit.testdata;

import io.segkit.SegKitException;
import io.segkit.image.Spacing;
import io.segkit.testdata.SyntheticNuclei.Box;
import io.segkit.testdata.SyntheticNuclei.Gaussian;
import io.segkit.testdata.SyntheticNuclei.Nucleus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Crowded synthetic nuclei with exact ground truth, for an instance segmentation benchmark harder than
 * test-images/ (issue 11). Seeded and deterministic like {@link SyntheticNuclei}, whose pieces it reuses
 * (ellipsoids, bounding boxes, blur, noise).
 * <p>
 * Nuclei grow in clusters: a few seed nuclei are placed anywhere, and every later nucleus is pressed against a
 * random nucleus already in a cluster (its centre at {@link Params#minPress} to {@link Params#maxPress} of the
 * two radii along the line between the centres), so it overlaps that one and often others. Overlapping nuclei
 * share the overlap along the surface where their normalised distances are equal (a voxel goes to the nucleus
 * whose surface it is deepest inside, as pressed nuclei flatten against each other), so neighbours share a face
 * and a threshold merges the cluster. A placement is refused when it would leave any nucleus, the new one
 * included, less than {@link Params#minKept} of its own ellipsoid or in more than one piece. A share
 * {@link Params#isolatedFraction} is placed on free ground instead (no overlap; such a nucleus may still touch
 * a neighbour). Radii, elongation (up to {@link Params#maxAspect}) and orientation are random.
 * <p>
 * The image: an uneven background (three random plane waves longer than the image, so a global threshold
 * sees a different background in each corner), each nucleus adds its own intensity, partly following its
 * thickness ({@link Params#dome}: a faint seam where pressed nuclei meet) and modulated by chromatin texture
 * (Gaussian-smoothed noise of standard deviation {@link Params#texture} relative to the nucleus's intensity,
 * smoothed over {@link Params#textureScale}), a Gaussian PSF blur (sigma along z separate, usually larger), shot
 * noise and read noise, conversion to 8, 16 or 32 bits.
 * <p>
 * Ground truth: labels 1..n in placement order; {@link Nucleus#touching()} names the nucleus it was pressed
 * against (0 for seeds and isolated nuclei; rarely, a nucleus placed later comes between the two).
 */
public final class CrowdedNuclei {

	private static final int ATTACH_TRIES = 60, FREE_TRIES = 200;

	private CrowdedNuclei() {}

	/**
	 * Everything that defines a crowded image. Lengths in calibrated units of {@code spacing}; intensities and
	 * noise in fractions of {@code fullScale}.
	 *
	 * <ul>
	 * <li>width, height, depth: image size in voxels (depth 1 = 2D)</li>
	 * <li>count: nuclei asked for; fewer are placed when the clusters run out of room</li>
	 * <li>clusters: seed nuclei the clusters grow from</li>
	 * <li>minRadius, maxRadius: range of the mean semi-axis; maxAspect: longest / shortest semi-axis</li>
	 * <li>isolatedFraction: share of nuclei placed alone on free ground instead of pressed into a cluster</li>
	 * <li>minPress, maxPress: centre distance of a pressed nucleus and its partner, as a share of the sum of
	 * their radii along the line between the centres (below 1 = overlapping, then flattened)</li>
	 * <li>minKept: smallest share of its ellipsoid a nucleus keeps after its neighbours pressed into it</li>
	 * <li>background, unevenness: background level and the amplitude of its low-frequency variation</li>
	 * <li>minIntensity, maxIntensity: range of the intensity each nucleus adds</li>
	 * <li>dome: share of that intensity that follows the nucleus's thickness, sqrt(1 - squared normalised distance
	 * from the centre), so pressed nuclei show a faint seam where they meet (0 = flat)</li>
	 * <li>texture, textureScale: chromatin texture, relative std and smoothing sigma (calibrated)</li>
	 * <li>blur, blurZ: PSF sigma in x, y and along z (calibrated)</li>
	 * <li>noise: read noise std; photons: photons at full scale for shot noise (0 = none)</li>
	 * <li>bitDepth: 8, 16 or 32; fullScale: the grey value of intensity 1.0</li>
	 * </ul>
	 */
	public record Params(int width, int height, int depth, Spacing spacing, int count, int clusters,
		double minRadius, double maxRadius, double maxAspect, double isolatedFraction, double minPress,
		double maxPress, double minKept, double background, double unevenness, double minIntensity,
		double maxIntensity, double dome, double texture, double textureScale, double blur, double blurZ,
		double noise, double photons, int bitDepth, double fullScale, long seed) implements SyntheticImage.Recipe
	{

		public Params {
			if (width < 1 || height < 1 || depth < 1 || (long) width * height * depth > Integer.MAX_VALUE)
				throw new SegKitException("The size " + width + " x " + height + " x " + depth + " is not valid.");
			if (spacing == null) spacing = Spacing.UNIT;
			if (count < 0 || clusters < 1) throw new SegKitException(
				"Give at least one cluster and a number of nuclei that is not negative.");
			if (!(minRadius > 0) || !(maxRadius >= minRadius)) throw new SegKitException("The radius range " +
				minRadius + " to " + maxRadius + " is not valid: give 0 < minimum <= maximum.");
			if (!(maxAspect >= 1)) throw new SegKitException("The largest aspect ratio must be at least 1.");
			if (!(isolatedFraction >= 0 && isolatedFraction <= 1)) throw new SegKitException(
				"The isolated fraction must be between 0 and 1.");
			if (!(minPress > 0 && maxPress >= minPress && maxPress < 1)) throw new SegKitException(
				"The press range must satisfy 0 < minimum <= maximum < 1.");
			if (!(minKept > 0 && minKept < 1)) throw new SegKitException("The kept share must be between 0 and 1.");
			if (!(blur >= 0) || !(blurZ >= 0) || !(noise >= 0) || !(photons >= 0) || !(texture >= 0) ||
				!(textureScale >= 0) || !(unevenness >= 0)) throw new SegKitException(
					"Blur, noise, photons, texture and unevenness must not be negative.");
			if (!(dome >= 0 && dome <= 1)) throw new SegKitException("The dome share must be between 0 and 1.");
			if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) throw new SegKitException(
				"The bit depth must be 8, 16 or 32, not " + bitDepth + ".");
			if (!(fullScale > 0)) throw new SegKitException("The full-scale value must be positive.");
		}

		public static Builder builder() {
			return new Builder();
		}
	}

	/** Builder; lengths not given default to multiples of the x pixel size. */
	public static final class Builder {

		private int width = 256, height = 256, depth = 1, count = 80, clusters = 8, bitDepth = 16;
		private Spacing spacing = Spacing.UNIT;
		private double minRadius = Double.NaN, maxRadius = Double.NaN, maxAspect = 1.8, isolatedFraction = 0.05,
			minPress = 0.8, maxPress = 0.95, minKept = 0.7, background = 0.06, unevenness = 0.05, minIntensity = 0.2,
			maxIntensity = 0.8, dome = 0.4, texture = 0.25, textureScale = Double.NaN, blur = Double.NaN,
			blurZ = Double.NaN, noise = 0.01, photons = 1000, fullScale = Double.NaN;
		private long seed = 1;

		public Builder size(int width, int height) {
			return size(width, height, 1);
		}

		public Builder size(int width, int height, int depth) {
			this.width = width;
			this.height = height;
			this.depth = depth;
			return this;
		}

		public Builder spacing(double x, double y, double z, String unit) {
			this.spacing = new Spacing(x, y, z, unit);
			return this;
		}

		public Builder count(int count) {
			this.count = count;
			return this;
		}

		public Builder clusters(int clusters) {
			this.clusters = clusters;
			return this;
		}

		/** Range of the mean semi-axis, calibrated (default 7 to 12 pixels of x spacing). */
		public Builder radius(double min, double max) {
			this.minRadius = min;
			this.maxRadius = max;
			return this;
		}

		public Builder maxAspect(double maxAspect) {
			this.maxAspect = maxAspect;
			return this;
		}

		public Builder isolatedFraction(double fraction) {
			this.isolatedFraction = fraction;
			return this;
		}

		public Builder press(double min, double max) {
			this.minPress = min;
			this.maxPress = max;
			return this;
		}

		public Builder minKept(double share) {
			this.minKept = share;
			return this;
		}

		public Builder background(double level, double unevenness) {
			this.background = level;
			this.unevenness = unevenness;
			return this;
		}

		public Builder intensity(double min, double max) {
			this.minIntensity = min;
			this.maxIntensity = max;
			return this;
		}

		/** Share of a nucleus's intensity that follows its thickness (0 = flat, 1 = dark at the rim). */
		public Builder dome(double share) {
			this.dome = share;
			return this;
		}

		/** Relative std of the chromatin texture and its smoothing sigma, calibrated (default 1.2 pixels). */
		public Builder texture(double amount, double scale) {
			this.texture = amount;
			this.textureScale = scale;
			return this;
		}

		/** PSF sigma, calibrated: xy and z (defaults: 0.8 pixels of x spacing; z three times xy). */
		public Builder blur(double xy, double z) {
			this.blur = xy;
			this.blurZ = z;
			return this;
		}

		/** Read noise std and photons at full scale for shot noise (0 = none). */
		public Builder noise(double std, double photons) {
			this.noise = std;
			this.photons = photons;
			return this;
		}

		/** 8, 16 or 32; full scale defaults to 255, 4095 (a 12-bit camera) or 1.0. */
		public Builder bitDepth(int bitDepth) {
			this.bitDepth = bitDepth;
			return this;
		}

		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		public Params build() {
			double px = spacing.x();
			double xy = Double.isNaN(blur) ? 0.8 * px : blur;
			double scale = bitDepth == 8 ? 255 : bitDepth == 16 ? 4095 : 1;
			return new Params(width, height, depth, spacing, count, clusters, orDefault(minRadius, 7 * px),
				orDefault(maxRadius, 12 * px), maxAspect, isolatedFraction, minPress, maxPress, minKept, background,
				unevenness, minIntensity, maxIntensity, dome, texture, orDefault(textureScale, 1.2 * px), xy,
				orDefault(blurZ, 3 * xy), noise, photons, bitDepth, Double.isNaN(fullScale) ? scale : fullScale, seed);
		}

		private static double orDefault(double value, double otherwise) {
			return Double.isNaN(value) ? otherwise : value;
		}

		public SyntheticImage generate() {
			return CrowdedNuclei.generate(build());
		}
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Makes the image and its ground truth. */
	public static SyntheticImage generate(Params p) {
		SplittableRandom random = new SplittableRandom(p.seed());
		Placer placer = new Placer(p);
		List<Nucleus> nuclei = new ArrayList<>();
		for (int i = 0; i < p.count(); i++) {
			Ellipsoid shape = randomShape(p, random);
			double intensity = p.minIntensity() + random.nextDouble() * (p.maxIntensity() - p.minIntensity());
			boolean seed = i < p.clusters();
			boolean alone = !seed && random.nextDouble() < p.isolatedFraction();
			int partner = seed || alone ? placer.placeFree(shape, seed, random) : placer.placePressed(shape, random);
			if (partner < 0) continue;
			Ellipsoid e = placer.shapes.get(placer.shapes.size() - 1);
			nuclei.add(new Nucleus(placer.shapes.size(), e.cx(), e.cy(), e.cz(), e.radii().clone(), intensity,
				partner));
		}
		int[] labels = placer.labels;
		byte[] classes = new byte[labels.length];
		for (int i = 0; i < labels.length; i++) if (labels[i] != 0) classes[i] = SyntheticNuclei.NUCLEUS;
		return new SyntheticImage(p, render(p, labels, placer.depth, nuclei), labels, classes, nuclei);
	}

	/** Mean semi-axis r, aspect a: semi-axes r sqrt(a), r / sqrt(a) and (3D) r, randomly turned. */
	private static Ellipsoid randomShape(Params p, SplittableRandom random) {
		double r = p.minRadius() + random.nextDouble() * (p.maxRadius() - p.minRadius());
		double q = Math.sqrt(1 + random.nextDouble() * (p.maxAspect() - 1));
		return new Ellipsoid(0, 0, 0, new double[] { r * q, r / q, r }, Ellipsoid.randomAxes(random, p.is3D()));
	}

	/**
	 * Uneven background + textured, domed nuclei, blurred, noisy, quantised to the output type. {@code depth}:
	 * each voxel's squared normalised distance from its nucleus's centre.
	 */
	private static float[] render(Params p, int[] labels, float[] depth, List<Nucleus> nuclei) {
		int w = p.width(), h = p.height(), d = p.depth(), plane = w * h;
		float[] intensity = new float[nuclei.size() + 1];
		for (Nucleus n : nuclei) intensity[n.label()] = (float) n.intensity();
		float[] background = background(p);
		float[] texture = texture(p);
		float amount = (float) p.texture(), dome = (float) p.dome();
		float[] data = new float[labels.length];
		IntStream.range(0, d).parallel().forEach(z -> {
			for (int i = 0, idx = z * plane; i < plane; i++, idx++) {
				float v = background[i];
				int label = labels[idx];
				if (label != 0) {
					float thickness = (float) Math.sqrt(Math.max(0, 1 - depth[idx]));
					v += intensity[label] * (1 - dome + dome * thickness) * Math.max(0, 1 + amount * texture[idx]);
				}
				data[idx] = v;
			}
		});
		Spacing s = p.spacing();
		Blur.gaussian(data, w, h, d, p.blur() / s.x(), p.blur() / s.y(), p.is3D() ? p.blurZ() / s.z() : 0);
		SyntheticNuclei.addNoiseAndQuantise(data, w, h, d, p.photons(), p.noise(), p.fullScale(), p.bitDepth(),
			SyntheticNuclei.mix(p.seed(), 0x63726f77646564L));
		return data;
	}

	/**
	 * The background of one plane (the same in every plane): its level plus unevenness times a sum of three
	 * plane waves of random direction and phase, wavelengths 1 to 2.5 times the image's larger side, scaled to
	 * -1..1. Never below 0.
	 */
	private static float[] background(Params p) {
		SplittableRandom random = new SplittableRandom(SyntheticNuclei.mix(p.seed(), 0x6261636b67726fL));
		Spacing s = p.spacing();
		double side = Math.max(p.width() * s.x(), p.height() * s.y());
		double[][] waves = new double[3][];
		double total = 0;
		for (int k = 0; k < waves.length; k++) {
			double angle = random.nextDouble() * 2 * Math.PI, wavelength = side * (1 + 1.5 * random.nextDouble());
			double amplitude = 0.5 + 0.5 * random.nextDouble();
			waves[k] = new double[] { Math.cos(angle) * 2 * Math.PI / wavelength,
				Math.sin(angle) * 2 * Math.PI / wavelength, random.nextDouble() * 2 * Math.PI, amplitude };
			total += amplitude;
		}
		float[] out = new float[p.width() * p.height()];
		for (int y = 0; y < p.height(); y++) for (int x = 0; x < p.width(); x++) {
			double sum = 0;
			for (double[] wave : waves) sum += wave[3] * Math.cos(wave[0] * x * s.x() + wave[1] * y * s.y() + wave[2]);
			out[y * p.width() + x] = (float) Math.max(0, p.background() + p.unevenness() * sum / total);
		}
		return out;
	}

	/** Smoothed Gaussian noise of unit standard deviation over the whole volume (zeros when there is none). */
	private static float[] texture(Params p) {
		int w = p.width(), h = p.height(), d = p.depth(), plane = w * h;
		float[] t = new float[plane * d];
		if (p.texture() == 0) return t;
		IntStream.range(0, d).parallel().forEach(z -> {
			Gaussian gaussian = new Gaussian(new SplittableRandom(SyntheticNuclei.mix(p.seed(), 0x74657874L + z)));
			for (int i = z * plane; i < (z + 1) * plane; i++) t[i] = (float) gaussian.next();
		});
		Spacing s = p.spacing();
		double sigma = p.textureScale();
		Blur.gaussian(t, w, h, d, sigma / s.x(), sigma / s.y(), p.is3D() ? sigma / s.z() : 0);
		double sum2 = 0;
		for (float v : t) sum2 += (double) v * v;
		float norm = (float) (1 / Math.sqrt(Math.max(sum2 / t.length, 1e-12)));
		for (int i = 0; i < t.length; i++) t[i] *= norm;
		return t;
	}

	/**
	 * Places nuclei into a label volume: free, or pressed against a clustered one. Each voxel remembers how deep
	 * inside its owner it lies (squared normalised distance), so a later nucleus takes the voxels it is deeper in.
	 */
	private static final class Placer {

		final Params p;
		final int[] labels;
		final float[] depth; // owner's squared normalised distance; meaningless where labels == 0
		final List<Ellipsoid> shapes = new ArrayList<>();
		final List<Integer> clustered = new ArrayList<>(); // labels new nuclei may be pressed against
		int[] size = new int[16], full = new int[16]; // voxels now, voxels of the whole ellipsoid in the image

		Placer(Params p) {
			this.p = p;
			this.labels = new int[p.width() * p.height() * p.depth()];
			this.depth = new float[labels.length];
		}

		/** On free ground, overlapping nobody; returns 0, or -1 if it did not fit. */
		int placeFree(Ellipsoid shape, boolean clusterSeed, SplittableRandom random) {
			Spacing s = p.spacing();
			for (int t = 0; t < FREE_TRIES; t++) {
				double x = random.nextDouble() * (p.width() - 1) * s.x();
				double y = random.nextDouble() * (p.height() - 1) * s.y();
				double z = p.is3D() ? random.nextDouble() * (p.depth() - 1) * s.z() : 0;
				if (tryClaim(shape.movedTo(x, y, z), 0)) {
					if (clusterSeed) clustered.add(shapes.size());
					return 0;
				}
			}
			return -1;
		}

		/** Pressed against a random clustered nucleus; returns that one's label, or -1 if it did not fit. */
		int placePressed(Ellipsoid shape, SplittableRandom random) {
			if (clustered.isEmpty()) return -1;
			Spacing s = p.spacing();
			for (int t = 0; t < ATTACH_TRIES; t++) {
				int partner = clustered.get(random.nextInt(clustered.size()));
				Ellipsoid other = shapes.get(partner - 1);
				double[] u = Ellipsoid.randomDirection(random, p.is3D());
				double press = p.minPress() + random.nextDouble() * (p.maxPress() - p.minPress());
				double distance = press * (other.radiusAlong(u) + shape.radiusAlong(u));
				double x = other.cx() + u[0] * distance, y = other.cy() + u[1] * distance,
					z = other.cz() + u[2] * distance;
				if (x < 0 || y < 0 || z < 0 || x > (p.width() - 1) * s.x() || y > (p.height() - 1) * s.y() ||
					z > (p.depth() - 1) * s.z()) continue;
				if (tryClaim(shape.movedTo(x, y, z), partner)) {
					clustered.add(shapes.size());
					return partner;
				}
			}
			return -1;
		}

		/**
		 * Claims the voxels of {@code e} that are free or deeper inside {@code e} than inside their owner. With
		 * partner 0 no voxel may be taken from another nucleus; otherwise the partner must lose some. Refused when
		 * too little of {@code e} lies in the image, or any nucleus would keep less than minKept of its ellipsoid
		 * or fall into pieces.
		 */
		private boolean tryClaim(Ellipsoid e, int partner) {
			Box box = new Box(p, e, 0);
			if (box.isEmpty()) return false;
			int nx = box.nx(), ny = box.ny(), nz = box.nz();
			float[] claim = new float[nx * ny * nz]; // e's depth where e takes the voxel, else NaN
			Arrays.fill(claim, Float.NaN);
			int[] lost = new int[shapes.size() + 1];
			int inside = 0, won = 0;
			Spacing s = p.spacing();
			for (int z = box.z0; z <= box.z1; z++) for (int y = box.y0; y <= box.y1; y++) for (int x = box.x0; x <=
				box.x1; x++)
			{
				float r2 = (float) e.rho2(x * s.x(), y * s.y(), z * s.z());
				if (r2 > 1) continue;
				inside++;
				int idx = (z * p.height() + y) * p.width() + x, owner = labels[idx];
				if (owner != 0 && (partner == 0 || r2 >= depth[idx])) continue;
				if (owner != 0) lost[owner]++;
				claim[((z - box.z0) * ny + (y - box.y0)) * nx + (x - box.x0)] = r2;
				won++;
			}
			if (won == 0 || inside < 0.25 * voxelsOf(e) || won < p.minKept() * inside) return false;
			if (partner == 0 ? won < inside : lost[partner] == 0) return false;
			for (int j = 1; j < lost.length; j++) if (lost[j] > 0 && size[j] - lost[j] < p.minKept() * full[j])
				return false;
			if (!connected(box, (x, y, z) -> !Float.isNaN(claim[((z - box.z0) * ny + (y - box.y0)) * nx + (x -
				box.x0)]), won)) return false;
			for (int j = 1; j < lost.length; j++) {
				if (lost[j] == 0) continue;
				int label = j;
				Box own = new Box(p, shapes.get(j - 1), 0);
				if (!connected(own, (x, y, z) -> labels[(z * p.height() + y) * p.width() + x] == label && !(box
					.contains(x, y, z) && !Float.isNaN(claim[((z - box.z0) * ny + (y - box.y0)) * nx + (x - box.x0)])),
					size[j] - lost[j])) return false;
			}
			int label = shapes.size() + 1;
			for (int z = box.z0; z <= box.z1; z++) for (int y = box.y0; y <= box.y1; y++) for (int x = box.x0; x <=
				box.x1; x++)
			{
				float r2 = claim[((z - box.z0) * ny + (y - box.y0)) * nx + (x - box.x0)];
				if (Float.isNaN(r2)) continue;
				int idx = (z * p.height() + y) * p.width() + x;
				labels[idx] = label;
				depth[idx] = r2;
			}
			shapes.add(e);
			if (label >= size.length) {
				size = Arrays.copyOf(size, 2 * label);
				full = Arrays.copyOf(full, 2 * label);
			}
			for (int j = 1; j < lost.length; j++) size[j] -= lost[j];
			size[label] = won;
			full[label] = inside;
			return true;
		}

		/** Voxels of the whole ellipsoid, in or out of the image. */
		private double voxelsOf(Ellipsoid e) {
			Spacing s = p.spacing();
			double[] r = e.radii();
			return p.is3D() ? 4 / 3.0 * Math.PI * r[0] * r[1] * r[2] / (s.x() * s.y() * s.z()) : Math.PI * r[0] * r[1] /
				(s.x() * s.y());
		}

		/** Whether the {@code expected} voxels of the box that are {@code in} form one face-connected piece. */
		private static boolean connected(Box box, VoxelTest in, int expected) {
			int nx = box.nx(), ny = box.ny(), nz = box.nz();
			boolean[] seen = new boolean[nx * ny * nz];
			int[] queue = new int[expected + 1];
			int head = 0, tail = 0;
			for (int i = 0; i < seen.length && tail == 0; i++) {
				if (in.test(box.x0 + i % nx, box.y0 + (i / nx) % ny, box.z0 + i / (nx * ny))) {
					seen[i] = true;
					queue[tail++] = i;
				}
			}
			if (tail == 0) return expected == 0;
			while (head < tail) {
				int i = queue[head++];
				int x = i % nx, y = (i / nx) % ny, z = i / (nx * ny);
				for (int f = 0; f < 6; f++) {
					int qx = x + (f == 0 ? 1 : f == 1 ? -1 : 0), qy = y + (f == 2 ? 1 : f == 3 ? -1 : 0),
						qz = z + (f == 4 ? 1 : f == 5 ? -1 : 0);
					if (qx < 0 || qy < 0 || qz < 0 || qx >= nx || qy >= ny || qz >= nz) continue;
					int q = (qz * ny + qy) * nx + qx;
					if (seen[q] || !in.test(box.x0 + qx, box.y0 + qy, box.z0 + qz)) continue;
					if (tail > expected) return false; // more than expected: the count was wrong, be safe
					seen[q] = true;
					queue[tail++] = q;
				}
			}
			return tail == expected;
		}
	}

	private interface VoxelTest {
		boolean test(int x, int y, int z);
	}
}
