package io.segkit.testdata;

import io.segkit.SegKitException;
import io.segkit.image.Spacing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Synthetic fluorescence images of nuclei with exact ground truth, for tests, examples and
 * benchmarks. Seeded and deterministic: the same {@link Params} give the same pixels on every
 * machine and thread count.
 * <p>
 * Nuclei are ellipses (2D) or ellipsoids (3D) with random radii (in calibrated units, so they are
 * physically round and look flattened along z in voxels when z spacing is larger) and random
 * orientations. A chosen fraction is placed as touching partners of an earlier nucleus: the two
 * overlap and share the overlap along the surface where their normalised distances are equal, like
 * two pressed nuclei, so the labels share a face-adjacent boundary and a threshold alone merges
 * them. All other nuclei keep a gap of at least {@link Params#minGap} from every other nucleus.
 * Centres lie anywhere in the image, so some nuclei are cut by the border.
 * <p>
 * The image: background level (plus an optional linear gradient across the plane), each nucleus
 * adds its own intensity (nucleoli, when asked, are dimmer), a Gaussian PSF blur (sigma along z
 * separate, usually larger), Poisson-like shot noise and Gaussian read noise, then conversion to 8,
 * 16 or 32 bits. Intensities are fractions of the full-scale value (255, 4095 as a 12-bit camera, or
 * 1.0 by default).
 * <p>
 * Ground truth: labels 1..n in placement order (the {@link Nucleus} list), a mask, and a class map
 * (0 background, 1 nucleus, 2 nucleolus).
 */
public final class SyntheticNuclei {

	/** Class values of {@link SyntheticImage#classes()}. */
	public static final int BACKGROUND = 0, NUCLEUS = 1, NUCLEOLUS = 2;

	private static final int FREE_TRIES = 200, TOUCHING_TRIES = 30;

	private SyntheticNuclei() {}

	/**
	 * Everything that defines a synthetic image. Lengths (radii, gap, blur) are in calibrated units of
	 * {@code spacing}; intensities and noise are fractions of {@code fullScale}.
	 *
	 * <ul>
	 * <li>width, height, depth: image size in voxels (depth 1 = 2D)</li>
	 * <li>count: nuclei asked for; fewer are placed when they do not fit</li>
	 * <li>minRadius, maxRadius: range of the mean semi-axis</li>
	 * <li>maxAspect: largest ratio of the longest to the shortest semi-axis (1 = spheres)</li>
	 * <li>touchingFraction: share of nuclei placed touching an earlier one (pairs, chains, clusters)</li>
	 * <li>minGap: smallest gap between nuclei that do not touch</li>
	 * <li>background: background level; gradient is added across the plane in a random direction</li>
	 * <li>minIntensity, maxIntensity: range of the intensity each nucleus adds to the background</li>
	 * <li>nucleoli: whether nuclei get 1 to 3 nucleoli with nucleolusContrast times their intensity</li>
	 * <li>blur: Gaussian PSF sigma in x and y; blurZ: sigma along z</li>
	 * <li>noise: standard deviation of the additive Gaussian noise</li>
	 * <li>photons: photons at full scale for shot noise (variance = signal / photons); 0 = none</li>
	 * <li>bitDepth: 8, 16 or 32; fullScale: the grey value that intensity 1.0 maps to</li>
	 * </ul>
	 */
	public record Params(int width, int height, int depth, Spacing spacing, int count, double minRadius,
		double maxRadius, double maxAspect, double touchingFraction, double minGap, double background,
		double gradient, double minIntensity, double maxIntensity, boolean nucleoli, double nucleolusContrast,
		double blur, double blurZ, double noise, double photons, int bitDepth, double fullScale, long seed)
		implements SyntheticImage.Recipe
	{

		public Params {
			if (width < 1 || height < 1 || depth < 1 || (long) width * height * depth > Integer.MAX_VALUE)
				throw new SegKitException("The size " + width + " x " + height + " x " + depth + " is not valid.");
			if (spacing == null) spacing = Spacing.UNIT;
			if (count < 0) throw new SegKitException("The number of nuclei must not be negative.");
			if (!(minRadius > 0) || !(maxRadius >= minRadius)) throw new SegKitException("The radius range " +
				minRadius + " to " + maxRadius + " is not valid: give 0 < minimum <= maximum.");
			if (!(maxAspect >= 1)) throw new SegKitException("The largest aspect ratio must be at least 1.");
			if (!(touchingFraction >= 0 && touchingFraction <= 1)) throw new SegKitException(
				"The touching fraction must be between 0 and 1.");
			if (!(minGap >= 0)) throw new SegKitException("The gap between nuclei must not be negative.");
			if (!(blur >= 0) || !(blurZ >= 0) || !(noise >= 0) || !(photons >= 0)) throw new SegKitException(
				"Blur, noise and photon count must not be negative.");
			if (bitDepth != 8 && bitDepth != 16 && bitDepth != 32) throw new SegKitException(
				"The bit depth must be 8, 16 or 32, not " + bitDepth + ".");
			if (!(fullScale > 0)) throw new SegKitException("The full-scale value must be positive.");
		}

		public boolean is3D() {
			return depth > 1;
		}

		public static Builder builder() {
			return new Builder();
		}
	}

	/** Builder with sensible defaults (lengths default to multiples of the x pixel size). */
	public static final class Builder {

		private int width = 256, height = 256, depth = 1, count = 30, bitDepth = 16;
		private Spacing spacing = Spacing.UNIT;
		private double minRadius = Double.NaN, maxRadius = Double.NaN, maxAspect = 1.4, touchingFraction = 0.2;
		private double minGap = Double.NaN, background = 0.1, gradient = 0, minIntensity = 0.4,
			maxIntensity = 0.8;
		private boolean nucleoli;
		private double nucleolusContrast = 0.6, blur = Double.NaN, blurZ = Double.NaN, noise = 0.02,
			photons = 0, fullScale = Double.NaN;
		private long seed = 1;

		/** 2D size. */
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

		public Builder spacing(Spacing spacing) {
			this.spacing = spacing;
			return this;
		}

		public Builder count(int count) {
			this.count = count;
			return this;
		}

		/** Range of the mean semi-axis, calibrated (default 6 to 10 pixels of x spacing). */
		public Builder radius(double min, double max) {
			this.minRadius = min;
			this.maxRadius = max;
			return this;
		}

		public Builder maxAspect(double maxAspect) {
			this.maxAspect = maxAspect;
			return this;
		}

		public Builder touchingFraction(double fraction) {
			this.touchingFraction = fraction;
			return this;
		}

		/** Smallest gap between non-touching nuclei, calibrated (default 2 pixels of x spacing). */
		public Builder minGap(double gap) {
			this.minGap = gap;
			return this;
		}

		public Builder background(double level, double gradient) {
			this.background = level;
			this.gradient = gradient;
			return this;
		}

		public Builder intensity(double min, double max) {
			this.minIntensity = min;
			this.maxIntensity = max;
			return this;
		}

		public Builder nucleoli(boolean nucleoli) {
			this.nucleoli = nucleoli;
			return this;
		}

		public Builder nucleolusContrast(double contrast) {
			this.nucleolusContrast = contrast;
			return this;
		}

		/** PSF sigma, calibrated: xy and z (defaults: 1 pixel of x spacing; z three times xy). */
		public Builder blur(double xy, double z) {
			this.blur = xy;
			this.blurZ = z;
			return this;
		}

		/** Gaussian read noise std and photons at full scale for shot noise (0 = none). */
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

		public Builder fullScale(double fullScale) {
			this.fullScale = fullScale;
			return this;
		}

		public Builder seed(long seed) {
			this.seed = seed;
			return this;
		}

		public Params build() {
			double px = spacing.x();
			double xy = Double.isNaN(blur) ? px : blur;
			double z = Double.isNaN(blurZ) ? 3 * xy : blurZ;
			double scale = !Double.isNaN(fullScale) ? fullScale : bitDepth == 8 ? 255 : bitDepth == 16 ? 4095 : 1;
			return new Params(width, height, depth, spacing, count, Double.isNaN(minRadius) ? 6 * px : minRadius,
				Double.isNaN(maxRadius) ? 10 * px : maxRadius, maxAspect, touchingFraction,
				Double.isNaN(minGap) ? 2 * px : minGap, background, gradient, minIntensity, maxIntensity, nucleoli,
				nucleolusContrast, xy, z, noise, photons, bitDepth, scale, seed);
		}

		public SyntheticImage generate() {
			return SyntheticNuclei.generate(build());
		}
	}

	/**
	 * One placed nucleus: its label, centre and semi-axes in calibrated units (the semi-axes along its
	 * own principal axes, not along x, y, z), the intensity it adds, and the label of the earlier
	 * nucleus it was placed against (0 if none).
	 */
	public record Nucleus(int label, double x, double y, double z, double[] radii, double intensity,
		int touching)
	{}

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
			boolean touching = placer.placed() > 0 && random.nextDouble() < p.touchingFraction();
			int partner = placer.place(shape, touching, random);
			if (partner < 0) continue;
			Ellipsoid e = placer.shape(placer.placed());
			nuclei.add(new Nucleus(placer.placed(), e.cx(), e.cy(), e.cz(), e.radii().clone(), intensity, partner));
		}
		int[] labels = placer.labels;
		byte[] classes = classes(p, labels, placer.shapes);
		float[] pixels = render(p, labels, classes, nuclei);
		return new SyntheticImage(p, pixels, labels, classes, nuclei);
	}

	private static Ellipsoid randomShape(Params p, SplittableRandom random) {
		double r = p.minRadius() + random.nextDouble() * (p.maxRadius() - p.minRadius());
		double q = Math.sqrt(1 + random.nextDouble() * (p.maxAspect() - 1));
		double[] radii = { r * q, r / q, r };
		return new Ellipsoid(0, 0, 0, radii, Ellipsoid.randomAxes(random, p.is3D()));
	}

	/** Class map; nucleoli come from their own random stream so the nuclei do not depend on them. */
	private static byte[] classes(Params p, int[] labels, List<Ellipsoid> shapes) {
		byte[] classes = new byte[labels.length];
		for (int i = 0; i < labels.length; i++) if (labels[i] != 0) classes[i] = NUCLEUS;
		if (!p.nucleoli()) return classes;
		SplittableRandom random = new SplittableRandom(mix(p.seed(), 0x6e75636c656f6cL));
		for (int k = 0; k < shapes.size(); k++) {
			Ellipsoid nucleus = shapes.get(k);
			int n = 1 + random.nextInt(3);
			for (int j = 0; j < n; j++) {
				double[] c = nucleus.bodyPoint(0.9 * random.nextDouble() - 0.45, 0.9 * random.nextDouble() - 0.45,
					p.is3D() ? 0.9 * random.nextDouble() - 0.45 : 0);
				double mean = (nucleus.radii()[0] + nucleus.radii()[1]) / 2;
				double r = mean * (0.15 + 0.12 * random.nextDouble());
				Ellipsoid nucleolus = new Ellipsoid(c[0], c[1], p.is3D() ? c[2] : 0, new double[] { r, r, r },
					Ellipsoid.randomAxes(random, p.is3D()));
				int label = k + 1;
				new Box(p, nucleolus, 0).forEach((idx, x, y, z) -> {
					if (labels[idx] == label && nucleolus.rho2(x, y, z) <= 1) classes[idx] = NUCLEOLUS;
				});
			}
		}
		return classes;
	}

	/** Background + nuclei, blurred, noisy, quantised to the output type. */
	private static float[] render(Params p, int[] labels, byte[] classes, List<Nucleus> nuclei) {
		int w = p.width(), h = p.height(), d = p.depth(), plane = w * h;
		float[] intensity = new float[nuclei.size() + 1];
		for (Nucleus n : nuclei) intensity[n.label()] = (float) n.intensity();
		SplittableRandom gradientRandom = new SplittableRandom(mix(p.seed(), 0x6772616469656eL));
		double angle = gradientRandom.nextDouble() * 2 * Math.PI;
		double gx = Math.cos(angle), gy = Math.sin(angle);
		double span = Math.abs(gx) * (w - 1) + Math.abs(gy) * (h - 1);
		float[] backgroundPlane = new float[plane];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			double t = span == 0 ? 0 : ((x - (w - 1) / 2.0) * gx + (y - (h - 1) / 2.0) * gy) / span + 0.5;
			backgroundPlane[y * w + x] = (float) (p.background() + p.gradient() * t);
		}
		float contrast = (float) p.nucleolusContrast();
		float[] data = new float[labels.length];
		IntStream.range(0, d).parallel().forEach(z -> {
			for (int i = 0, idx = z * plane; i < plane; i++, idx++) {
				float v = intensity[labels[idx]];
				if (classes[idx] == NUCLEOLUS) v *= contrast;
				data[idx] = backgroundPlane[i] + v;
			}
		});
		Spacing s = p.spacing();
		Blur.gaussian(data, w, h, d, p.blur() / s.x(), p.blur() / s.y(), p.is3D() ? p.blurZ() / s.z() : 0);
		addNoiseAndQuantise(data, w, h, d, p.photons(), p.noise(), p.fullScale(), p.bitDepth(), p.seed());
		return data;
	}

	/**
	 * Shot noise (variance = signal / photons; 0 = none) and Gaussian read noise of std {@code noise} on
	 * intensities in fractions of full scale, then grey values: times {@code fullScale}, rounded and clipped for
	 * 8 and 16 bits. In place; one random stream per plane, derived from {@code seed}.
	 */
	static void addNoiseAndQuantise(float[] data, int width, int height, int depth, double photons, double noise,
		double fullScale, int bitDepth, long seed)
	{
		int plane = width * height;
		IntStream.range(0, depth).parallel().forEach(z -> addNoiseAndQuantise(data, z * plane, plane, photons, noise,
			fullScale, bitDepth, new Gaussian(new SplittableRandom(mix(seed, 0x6e6f697365L + z)))));
	}

	private static void addNoiseAndQuantise(float[] data, int start, int n, double photons, double noise,
		double fullScale, int bitDepth, Gaussian gaussian)
	{
		double max = bitDepth == 8 ? 255 : 65535;
		for (int i = start; i < start + n; i++) {
			double v = data[i];
			if (photons > 0) v += gaussian.next() * Math.sqrt(Math.max(v, 0) / photons);
			if (noise > 0) v += gaussian.next() * noise;
			v *= fullScale;
			data[i] = bitDepth == 32 ? (float) v : (float) Math.min(max, Math.max(0, Math.rint(v)));
		}
	}

	/** A seed for a separate random stream derived from the main seed (SplitMix64 finaliser). */
	static long mix(long seed, long salt) {
		long z = seed * 0x9E3779B97F4A7C15L + salt;
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

	/** Standard normal numbers by Box-Muller from a SplittableRandom (fully specified, so portable). */
	static final class Gaussian {

		private final SplittableRandom random;
		private double spare;
		private boolean hasSpare;

		Gaussian(SplittableRandom random) {
			this.random = random;
		}

		double next() {
			if (hasSpare) {
				hasSpare = false;
				return spare;
			}
			double u = 1 - random.nextDouble(), angle = 2 * Math.PI * random.nextDouble();
			double r = Math.sqrt(-2 * Math.log(u));
			spare = r * Math.sin(angle);
			hasSpare = true;
			return r * Math.cos(angle);
		}
	}

	/** Voxel index range of an ellipsoid's bounding box (optionally padded), clipped to the image. */
	static final class Box {

		final int x0, x1, y0, y1, z0, z1;
		private final SyntheticImage.Recipe p;

		Box(SyntheticImage.Recipe p, Ellipsoid e, int pad) {
			this(p, e, pad, pad, pad);
		}

		Box(SyntheticImage.Recipe p, Ellipsoid e, int padX, int padY, int padZ) {
			this.p = p;
			Spacing s = p.spacing();
			x0 = Math.max(0, (int) Math.floor((e.cx() - e.halfExtent(0)) / s.x()) - padX);
			x1 = Math.min(p.width() - 1, (int) Math.ceil((e.cx() + e.halfExtent(0)) / s.x()) + padX);
			y0 = Math.max(0, (int) Math.floor((e.cy() - e.halfExtent(1)) / s.y()) - padY);
			y1 = Math.min(p.height() - 1, (int) Math.ceil((e.cy() + e.halfExtent(1)) / s.y()) + padY);
			if (p.is3D()) {
				z0 = Math.max(0, (int) Math.floor((e.cz() - e.halfExtent(2)) / s.z()) - padZ);
				z1 = Math.min(p.depth() - 1, (int) Math.ceil((e.cz() + e.halfExtent(2)) / s.z()) + padZ);
			} else {
				z0 = 0;
				z1 = 0;
			}
		}

		int nx() {
			return x1 - x0 + 1;
		}

		int ny() {
			return y1 - y0 + 1;
		}

		int nz() {
			return z1 - z0 + 1;
		}

		boolean isEmpty() {
			return x1 < x0 || y1 < y0 || z1 < z0;
		}

		boolean contains(int x, int y, int z) {
			return x >= x0 && x <= x1 && y >= y0 && y <= y1 && z >= z0 && z <= z1;
		}

		/** Visits every voxel: flat image index and calibrated position. */
		void forEach(VoxelVisitor visitor) {
			Spacing s = p.spacing();
			for (int z = z0; z <= z1; z++) for (int y = y0; y <= y1; y++) {
				int row = (z * p.height() + y) * p.width();
				for (int x = x0; x <= x1; x++) visitor.visit(row + x, x * s.x(), y * s.y(), z * s.z());
			}
		}
	}

	interface VoxelVisitor {
		void visit(int index, double x, double y, double z);
	}

	/** Places nuclei one by one into a label volume, free or touching an earlier one. */
	private static final class Placer {

		final Params p;
		final int[] labels;
		final List<Ellipsoid> shapes = new ArrayList<>();
		final int gapX, gapY, gapZ;

		Placer(Params p) {
			this.p = p;
			this.labels = new int[p.width() * p.height() * p.depth()];
			Spacing s = p.spacing();
			gapX = Math.max(1, (int) Math.ceil(p.minGap() / s.x() - 1e-9));
			gapY = Math.max(1, (int) Math.ceil(p.minGap() / s.y() - 1e-9));
			gapZ = p.is3D() ? Math.max(1, (int) Math.ceil(p.minGap() / s.z() - 1e-9)) : 0;
		}

		int placed() {
			return shapes.size();
		}

		Ellipsoid shape(int label) {
			return shapes.get(label - 1);
		}

		/** Places the shape; returns the partner label (0 if free), or -1 if it did not fit. */
		int place(Ellipsoid shape, boolean touching, SplittableRandom random) {
			if (touching) {
				for (int t = 0; t < TOUCHING_TRIES; t++) {
					int partner = 1 + random.nextInt(shapes.size());
					Ellipsoid other = shape(partner);
					double[] u = Ellipsoid.randomDirection(random, p.is3D());
					double distance = (0.7 + 0.2 * random.nextDouble()) * (other.radiusAlong(u) + shape.radiusAlong(u));
					Ellipsoid candidate = shape.movedTo(other.cx() + u[0] * distance, other.cy() + u[1] * distance,
						other.cz() + u[2] * distance);
					if (inside(candidate) && tryClaim(candidate, partner)) return partner;
				}
			}
			Spacing s = p.spacing();
			for (int t = 0; t < FREE_TRIES; t++) {
				double x = random.nextDouble() * (p.width() - 1) * s.x();
				double y = random.nextDouble() * (p.height() - 1) * s.y();
				double z = p.is3D() ? random.nextDouble() * (p.depth() - 1) * s.z() : 0;
				if (tryClaim(shape.movedTo(x, y, z), 0)) return 0;
			}
			return -1;
		}

		private boolean inside(Ellipsoid e) {
			Spacing s = p.spacing();
			return e.cx() >= 0 && e.cx() <= (p.width() - 1) * s.x() && e.cy() >= 0 &&
				e.cy() <= (p.height() - 1) * s.y() && e.cz() >= 0 && e.cz() <= (p.depth() - 1) * s.z();
		}

		/**
		 * Claims the voxels of {@code e} if no nucleus other than {@code partner} lies within the gap;
		 * voxels of the partner go to whichever of the two is nearer in normalised distance. A touching
		 * candidate must end up face-adjacent to its partner.
		 */
		private boolean tryClaim(Ellipsoid e, int partner) {
			Box box = new Box(p, e, gapX, gapY, gapZ);
			if (box.isEmpty()) return false;
			int nx = box.nx(), ny = box.ny(), nz = box.nz();
			boolean[] claimed = new boolean[nx * ny * nz];
			Ellipsoid other = partner > 0 ? shape(partner) : null;
			Spacing s = p.spacing();
			int count = 0;
			for (int z = box.z0; z <= box.z1; z++) for (int y = box.y0; y <= box.y1; y++) for (int x = box.x0; x <=
				box.x1; x++)
			{
				double px = x * s.x(), py = y * s.y(), pz = z * s.z();
				double r2 = e.rho2(px, py, pz);
				if (r2 > 1) continue;
				int owner = labels[(z * p.height() + y) * p.width() + x];
				if (owner == 0 || (owner == partner && r2 < other.rho2(px, py, pz))) {
					claimed[((z - box.z0) * ny + (y - box.y0)) * nx + (x - box.x0)] = true;
					count++;
				} else if (owner != partner) return false;
			}
			if (count == 0) return false;
			boolean[] near = dilate(claimed, nx, ny, nz);
			for (int z = box.z0; z <= box.z1; z++) for (int y = box.y0; y <= box.y1; y++) for (int x = box.x0; x <=
				box.x1; x++)
			{
				if (!near[((z - box.z0) * ny + (y - box.y0)) * nx + (x - box.x0)]) continue;
				int owner = labels[(z * p.height() + y) * p.width() + x];
				if (owner != 0 && owner != partner) return false;
			}
			if (partner > 0 && !touchesPartner(box, claimed, partner)) return false;
			int label = shapes.size() + 1;
			for (int z = box.z0; z <= box.z1; z++) for (int y = box.y0; y <= box.y1; y++) for (int x = box.x0; x <=
				box.x1; x++)
			{
				if (claimed[((z - box.z0) * ny + (y - box.y0)) * nx + (x - box.x0)]) labels[(z * p.height() + y) *
					p.width() + x] = label;
			}
			shapes.add(e);
			return true;
		}

		private boolean touchesPartner(Box box, boolean[] claimed, int partner) {
			int nx = box.nx(), ny = box.ny();
			int[][] faces = { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 } };
			for (int z = box.z0; z <= box.z1; z++) for (int y = box.y0; y <= box.y1; y++) for (int x = box.x0; x <=
				box.x1; x++)
			{
				if (!claimed[((z - box.z0) * ny + (y - box.y0)) * nx + (x - box.x0)]) continue;
				for (int[] f : faces) {
					int qx = x + f[0], qy = y + f[1], qz = z + f[2];
					if (qx < 0 || qy < 0 || qz < 0 || qx >= p.width() || qy >= p.height() || qz >= p.depth()) continue;
					if (labels[(qz * p.height() + qy) * p.width() + qx] != partner) continue;
					boolean inBox = qx >= box.x0 && qx <= box.x1 && qy >= box.y0 && qy <= box.y1 && qz >= box.z0 &&
						qz <= box.z1;
					if (!inBox || !claimed[((qz - box.z0) * ny + (qy - box.y0)) * nx + (qx - box.x0)]) return true;
				}
			}
			return false;
		}

		/** Box (chessboard) dilation by the gap radii, separable. */
		private boolean[] dilate(boolean[] in, int nx, int ny, int nz) {
			boolean[] a = dilateAxis(in, nx, ny, nz, 1, nx, gapX);
			boolean[] b = dilateAxis(a, nx, ny, nz, nx, ny, gapY);
			return nz > 1 ? dilateAxis(b, nx, ny, nz, nx * ny, nz, gapZ) : b;
		}

		private static boolean[] dilateAxis(boolean[] in, int nx, int ny, int nz, int stride, int n, int radius) {
			if (radius == 0) return in;
			boolean[] out = new boolean[in.length];
			for (int i = 0; i < in.length; i++) {
				if (!in[i]) continue;
				int pos = (i / stride) % n;
				int from = Math.max(0, pos - radius), to = Math.min(n - 1, pos + radius);
				int base = i - pos * stride;
				for (int k = from; k <= to; k++) out[base + k * stride] = true;
			}
			return out;
		}
	}
}
