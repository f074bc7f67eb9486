package io.segkit.train;

import java.util.Arrays;

import io.segkit.SegKitException;

/**
 * How much of nnU-Net's planned network width to train. nnU-Net's features per stage (32 doubling to 320/512) are
 * sized for a GPU; on a CPU a narrower network trains many more iterations in the same time.
 */
public enum NetworkSize {

	/** The planned features per stage. */
	AS_PLANNED("as planned", 1, Integer.MAX_VALUE),
	/** Half the planned features, at most 128. */
	HALF("half", 2, 128),
	/** A quarter of the planned features, at most 64 (fastest). */
	SMALL("small", 4, 64);

	private final String label;
	private final int divisor;
	private final int cap;

	NetworkSize(String label, int divisor, int cap) {
		this.label = label;
		this.divisor = divisor;
		this.cap = cap;
	}

	public String label() {
		return label;
	}

	/** The features per stage for the planned ones (at least 4 each; the stage count is kept). */
	public int[] apply(int[] planned) {
		return Arrays.stream(planned).map(f -> Math.max(4, Math.min(cap, f / divisor))).toArray();
	}

	public static NetworkSize of(String label) {
		for (NetworkSize s : values()) if (s.label.equalsIgnoreCase(label.trim()) || s.name().equalsIgnoreCase(label
			.trim())) return s;
		throw new SegKitException("Unknown network size '" + label + "': use 'as planned', 'half' or 'small'.");
	}
}
