package io.segkit.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.segkit.SegKitException;

/**
 * User changes to a planned configuration: its patch size and/or batch size. A new patch gets its own
 * topology (pooling, kernels, stages, features) by the planner's rules and must be divisible by the
 * total stride of that topology, else the change is refused with the nearest valid patch. Without a
 * batch size, a new patch gets the planner's batch for it. A change that exceeds the memory budget is
 * kept (the user may know better) with a note saying by how much.
 */
public final class PlanOverrides {

	private PlanOverrides() {}

	/**
	 * Parses a patch size like "32x96x96", "32,96,96" or "32 96 96" (axes in the plan's order, the
	 * coarse axis first); blank means "automatic" and gives null.
	 */
	public static int[] parsePatch(String text, int axes, String what) {
		if (text == null || text.isBlank()) return null;
		String[] parts = text.trim().split("\\s*[x×X,; ]\\s*");
		if (parts.length != axes) throw new SegKitException(what + " needs " + axes + " numbers like " + example(
			axes) + ", not '" + text + "'.");
		int[] patch = new int[axes];
		for (int a = 0; a < axes; a++) patch[a] = positive(parts[a], what, text);
		return patch;
	}

	/** Parses a batch size; blank means "automatic" and gives null. */
	public static Integer parseBatch(String text, String what) {
		if (text == null || text.isBlank()) return null;
		return positive(text.trim(), what, text);
	}

	/**
	 * The plans with configuration {@code name} changed; {@code patch} or {@code batch} null keeps the
	 * planned value (a new patch then gets the planner's batch size for it).
	 */
	public static Plans apply(Plans plans, String name, int[] patch, Integer batch, int numTraining, int classes) {
		if (patch == null && batch == null) return plans;
		Plan plan = plans.configuration(name);
		if (plan == null) throw new SegKitException("There is no '" + name + "' configuration to change" + (name
			.startsWith("3d") ? ": the images are 2D. Leave the 3D settings empty." : "."));
		MemoryBudget budget = plans.budget() != null ? plans.budget() : MemoryBudget.DEFAULT;
		List<String> notes = new ArrayList<>(plans.notes());
		Plan changed = patch == null ? withBatch(plan, batch) : withPatch(plan, patch, batch, approximateVoxels(plans,
			numTraining), classes, budget);
		notes.add(name + ": " + (patch != null ? "patch size " + text(patch) + " " : "") + (batch != null
			? "batch size " + batch + " " : "") + "set by the user.");
		String memory = memoryNote(changed, budget);
		if (memory != null) notes.add(memory);
		Map<String, Plan> configurations = new LinkedHashMap<>(plans.configurations());
		configurations.put(name, changed);
		return new Plans(plans.datasetName(), plans.originalMedianSpacingAfterTransp(), plans
			.originalMedianShapeAfterTransp(), plans.imageReaderWriter(), plans.transposeForward(), plans
				.transposeBackward(), configurations, plans.foregroundIntensityPerChannel(), plans.budget(), notes);
	}

	private static Plan withPatch(Plan plan, int[] patch, Integer batch, double approximateVoxels, int classes,
		MemoryBudget budget)
	{
		String name = plan.configuration();
		if (patch.length != plan.dimensions()) throw new SegKitException("The " + name + " patch size needs " + plan
			.dimensions() + " numbers, not " + patch.length + ".");
		Topology topology = Topology.of(plan.spacing(), patch);
		if (!Arrays.equals(topology.patchSize(), patch)) throw new SegKitException("The " + name + " patch size " +
			text(patch) + " does not fit the network: with " + text(topology.poolsPerAxis()) +
			" poolings per axis each axis must be divisible by " + text(topology.mustBeDivisibleBy()) +
			". Try " + text(validPatchNear(plan.spacing(), patch)) + ".");
		int dim = patch.length;
		long estimate = Planner.estimate(patch, topology, dim, classes);
		int b = batch != null ? batch : Planner.batchSize(estimate, patch, approximateVoxels, budget);
		int stages = topology.stages();
		int[] convs = filled(stages, Planner.CONVS_PER_STAGE);
		int[] convsDecoder = filled(stages - 1, Planner.CONVS_PER_STAGE);
		return new Plan(name, b, patch, plan.medianImageSize(), plan.spacing(), plan.normalizationSchemes(), plan
			.useMaskForNorm(), Planner.features(stages, dim), topology.kernelSizes(), topology.strides(), convs,
			convsDecoder, plan.batchDice(), plan.nextStage(), estimate);
	}

	private static Plan withBatch(Plan p, int batch) {
		return new Plan(p.configuration(), batch, p.patchSize(), p.medianImageSize(), p.spacing(), p
			.normalizationSchemes(), p.useMaskForNorm(), p.featuresPerStage(), p.kernelSizes(), p.strides(), p
				.convsPerStage(), p.convsPerStageDecoder(), p.batchDice(), p.nextStage(), p
					.estimatedFeatureMapElements());
	}

	/** Rounds up until the patch is a multiple of its own topology's divisibility (a few steps at most). */
	static int[] validPatchNear(double[] spacing, int[] patch) {
		int[] current = patch.clone();
		for (int i = 0; i < 8; i++) {
			int[] padded = Topology.of(spacing, current).patchSize();
			if (Arrays.equals(padded, current)) return current;
			current = padded;
		}
		return current;
	}

	/** The planner's dataset size: median voxels per case (3D shape when there is one) x cases. */
	private static double approximateVoxels(Plans plans, int numTraining) {
		Plan full = plans.configuration("3d_fullres");
		double[] median = (full != null ? full : plans.configuration("2d")).medianImageSize();
		double product = 1;
		for (double v : median) product *= v;
		return product * numTraining;
	}

	/** A note when a batch of this plan needs more than the budget, else null. */
	private static String memoryNote(Plan plan, MemoryBudget budget) {
		int dim = plan.dimensions();
		double need = plan.estimatedFeatureMapElements() / (double) Planner.referenceBatch(dim) * plan.batchSize();
		double ratio = need / Planner.referenceElements(dim, budget);
		if (ratio <= 1) return null;
		return String.format(Locale.ROOT, "%s: patch %s with batch %d needs about %.1f x the memory budget of %s GB; " +
			"training may run out of memory.", plan.configuration(), text(plan.patchSize()), plan.batchSize(), ratio,
			budget.gigabytes());
	}

	private static int positive(String number, String what, String text) {
		try {
			int v = Integer.parseInt(number.trim());
			if (v >= 1) return v;
		} catch (NumberFormatException e) {
			// explained below
		}
		throw new SegKitException(what + " must be whole numbers of at least 1, not '" + text + "'.");
	}

	private static String example(int axes) {
		return axes == 3 ? "32x128x128" : "256x256";
	}

	/** A patch or size in the one notation of dialogs, tables and the Log: "32x96x96". */
	public static String text(int[] values) {
		StringBuilder s = new StringBuilder();
		for (int v : values) s.append(s.length() == 0 ? "" : "x").append(v);
		return s.toString();
	}

	private static int[] filled(int n, int value) {
		int[] a = new int[n];
		Arrays.fill(a, value);
		return a;
	}
}
