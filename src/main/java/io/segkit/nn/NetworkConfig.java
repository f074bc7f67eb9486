package io.segkit.nn;

import java.util.Arrays;
import java.util.Objects;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;

import io.segkit.SegKitException;

/**
 * Everything needed to rebuild a network exactly (saved parameters only load into an identical block graph, so
 * this record is stored beside the weights). Spatial arrays are in the internal axis order (z, y, x) for 3D and
 * (y, x) for 2D.
 *
 * @param architecture the network family
 * @param dims 2 or 3 spatial dimensions
 * @param inChannels input channels
 * @param classes output channels (classes including background)
 * @param features feature channels per resolution stage, highest resolution first
 * @param kernelSizes conv kernel size per stage and axis (odd numbers)
 * @param strides downsampling stride per stage and axis; stage 0 is normally all 1 (a stride there downsamples the
 *        input and is not undone by the decoder, so it is refused)
 * @param deepSupervision whether the network also outputs a segmentation at every coarser decoder stage
 */
public record NetworkConfig(Architecture architecture, int dims, int inChannels, int classes, int[] features,
		int[][] kernelSizes, int[][] strides, boolean deepSupervision) {

	private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

	/** nnU-Net's cap on the features of any stage: 320 in 3D, 512 in 2D. */
	public static final int MAX_FEATURES_3D = 320, MAX_FEATURES_2D = 512;

	/** The feature cap of a {@code dims}-dimensional network. */
	public static int maxFeatures(int dims) {
		return dims == 3 ? MAX_FEATURES_3D : MAX_FEATURES_2D;
	}

	/** Features that start at {@code base} and double at every stage, capped at {@link #maxFeatures}. */
	public static int[] doublingFeatures(int base, int stages, int dims) {
		int[] f = new int[stages];
		for (int s = 0; s < stages; s++) f[s] = (int) Math.min(maxFeatures(dims), (long) base << Math.min(s, 30));
		return f;
	}

	/** Checks the configuration; a bad one throws SegKitException saying what is wrong. */
	public NetworkConfig {
		if (architecture == null) throw bad("the architecture is missing");
		if (dims != 2 && dims != 3) throw bad("dims must be 2 or 3, not " + dims);
		if (inChannels < 1 || classes < 1) throw bad("input channels and classes must be at least 1");
		if (features == null || features.length < 2) throw bad("at least 2 stages are needed");
		if (kernelSizes == null || kernelSizes.length != features.length || strides == null
				|| strides.length != features.length) {
			throw bad("features, kernel sizes and strides must have one entry per stage");
		}
		for (int s = 0; s < features.length; s++) {
			if (features[s] < 1) throw bad("stage " + s + " has " + features[s] + " features");
			if (kernelSizes[s].length != dims || strides[s].length != dims) {
				throw bad("stage " + s + " needs " + dims + " kernel sizes and strides (one per axis)");
			}
			for (int a = 0; a < dims; a++) {
				if (kernelSizes[s][a] < 1 || kernelSizes[s][a] % 2 == 0) {
					throw bad("kernel sizes must be odd, stage " + s + " has " + kernelSizes[s][a]);
				}
				if (strides[s][a] < 1) throw bad("strides must be at least 1");
				if (s == 0 && strides[s][a] != 1) throw bad("the first stage must have stride 1 on every axis");
			}
		}
		if (architecture == Architecture.UNET_2015 && deepSupervision) {
			throw bad("the 2015 U-Net has no deep supervision");
		}
		features = features.clone();
		kernelSizes = deepCopy(kernelSizes);
		strides = deepCopy(strides);
	}

	/**
	 * The canonical U-Net of Ronneberger et al. 2015 (2D, 1 input channel, 2 classes, 64-128-256-512-1024
	 * features, 3x3 unpadded convs, 2x2 max-pool, 2x2 up-convolutions): 31,030,658 parameters.
	 */
	public static NetworkConfig ronneberger2015() {
		return unet2015(1, 2, 64);
	}

	/** The 2015 U-Net shape with another number of base features (doubling over 5 stages). */
	public static NetworkConfig unet2015(int inChannels, int classes, int baseFeatures) {
		int[] f = new int[5];
		int[][] k = new int[5][];
		int[][] st = new int[5][];
		for (int s = 0; s < 5; s++) {
			f[s] = baseFeatures << s;
			k[s] = new int[] {3, 3};
			st[s] = s == 0 ? new int[] {1, 1} : new int[] {2, 2};
		}
		return new NetworkConfig(Architecture.UNET_2015, 2, inChannels, classes, f, k, st, false);
	}

	/** A copy with another architecture. */
	public NetworkConfig withArchitecture(Architecture a) {
		return new NetworkConfig(a, dims, inChannels, classes, features, kernelSizes, strides, deepSupervision);
	}

	/** A copy with another number of outputs per voxel (classes, plus an instance model's distance map). */
	public NetworkConfig withClasses(int outputs) {
		return new NetworkConfig(architecture, dims, inChannels, outputs, features, kernelSizes, strides,
			deepSupervision);
	}

	/** Number of resolution stages. */
	public int stages() {
		return features.length;
	}

	/** Per axis, the product of all strides: padded networks need input sizes divisible by it. */
	public int[] totalStride() {
		int[] t = new int[dims];
		Arrays.fill(t, 1);
		for (int[] s : strides) for (int a = 0; a < dims; a++) t[a] *= s[a];
		return t;
	}

	@Override
	public int[] features() {
		return features.clone();
	}

	@Override
	public int[][] kernelSizes() {
		return deepCopy(kernelSizes);
	}

	@Override
	public int[][] strides() {
		return deepCopy(strides);
	}

	int feature(int stage) {
		return features[stage];
	}

	int[] kernel(int stage) {
		return kernelSizes[stage].clone();
	}

	int[] stride(int stage) {
		return strides[stage].clone();
	}

	/** JSON for storing beside the weights. */
	public String toJson() {
		return GSON.toJson(this);
	}

	/** Reads {@link #toJson()} output; a malformed or inconsistent text throws SegKitException. */
	public static NetworkConfig fromJson(String json) {
		NetworkConfig c;
		try {
			c = GSON.fromJson(json, NetworkConfig.class);
		}
		catch (JsonParseException e) {
			throw new SegKitException("The network description is not valid JSON: " + e.getMessage(), e);
		}
		catch (RuntimeException e) { // gson wraps what the constructor throws
			for (Throwable t = e; t != null; t = t.getCause()) {
				if (t instanceof SegKitException s) throw s;
			}
			throw new SegKitException("The network description is incomplete or wrong: " + e.getMessage(), e);
		}
		if (c == null) throw new SegKitException("The network description is empty.");
		return c;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof NetworkConfig c && architecture == c.architecture && dims == c.dims
				&& inChannels == c.inChannels && classes == c.classes && deepSupervision == c.deepSupervision
				&& Arrays.equals(features, c.features) && Arrays.deepEquals(kernelSizes, c.kernelSizes)
				&& Arrays.deepEquals(strides, c.strides);
	}

	@Override
	public int hashCode() {
		return Objects.hash(architecture, dims, inChannels, classes, deepSupervision, Arrays.hashCode(features),
				Arrays.deepHashCode(kernelSizes), Arrays.deepHashCode(strides));
	}

	@Override
	public String toString() {
		return architecture + " " + dims + "D in=" + inChannels + " classes=" + classes + " features="
				+ Arrays.toString(features) + " kernels=" + Arrays.deepToString(kernelSizes) + " strides="
				+ Arrays.deepToString(strides) + (deepSupervision ? " deep supervision" : "");
	}

	private static int[][] deepCopy(int[][] a) {
		int[][] c = new int[a.length][];
		for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
		return c;
	}

	private static SegKitException bad(String what) {
		return new SegKitException("Invalid network configuration: " + what + ".");
	}
}
