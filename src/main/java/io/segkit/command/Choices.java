package io.segkit.command;

import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.dataset.LabelMode;
import io.segkit.engine.DeviceChoice;
import io.segkit.engine.Engines;
import io.segkit.engine.GpuMemory;
import io.segkit.ij1.ChoiceAliases;
import io.segkit.nn.Architecture;
import io.segkit.plan.MemoryBudget;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The choices several commands share, in one place (like StarDist's {@code Opt}): the label of each value (what the
 * dialog shows and the macro recorder writes), what it means inside SegKit, and the former names that recorded
 * macros may still hold. Annotations need constant strings, so every label is a constant here; a command lists them
 * in its {@code @Parameter(choices = ...)} and, where a vocabulary has former names, declares them with
 * {@code attrs = @Attr(name = ChoiceAliases.ATTRIBUTE, value = Choices.XXX_ALIASES)} so that the bridge turns an old
 * macro value into the current label (see {@link ChoiceAliases}). {@code ChoicesTest} checks that the commands list
 * exactly these labels.
 */
public final class Choices {

	private Choices() {}

	// ---- Connectivity: Auto, Manual and Local Threshold (Labels output), Connected Components, Distance and
	// Seeded Watershed, Region Growing. The labels are the neighbour counts users know (and have recorded).

	public static final String CONNECTIVITY_4 = "4", CONNECTIVITY_8 = "8", CONNECTIVITY_6 = "6",
		CONNECTIVITY_18 = "18", CONNECTIVITY_26 = "26";
	public static final String CONNECTIVITY_DESCRIPTION = "Neighbours that join voxels into one object: 4 or 8 " +
		"within a slice; 6 (faces), 18 (and edges) or 26 (and corners) in 3D, which act as 4, 8, 8 on a 2D image.";

	public static final Vocabulary<Connectivity> CONNECTIVITY = new Vocabulary<>("connectivity", "",
		Map.entry(CONNECTIVITY_4, Connectivity.C4), Map.entry(CONNECTIVITY_8, Connectivity.C8),
		Map.entry(CONNECTIVITY_6, Connectivity.C6), Map.entry(CONNECTIVITY_18, Connectivity.C18),
		Map.entry(CONNECTIVITY_26, Connectivity.C26));

	// ---- Objects: Auto and Local Threshold. Bright = objects above the threshold.

	public static final String BRIGHT = "Bright", DARK = "Dark";

	public static final Vocabulary<Boolean> OBJECTS = new Vocabulary<>("objects", "", Map.entry(BRIGHT, true),
		Map.entry(DARK, false));

	// ---- Seeds or markers from the image's point selection: Region Growing, Seeded Watershed.

	public static final String POINT_SELECTION = "Point selection";

	// ---- Network architecture: Train Segmentation Model, Auto-Train. Auto-Train listed the enum names, which
	// macros recorded before the vocabulary still hold.

	public static final String U_NET = "U-Net", ATTENTION_U_NET = "Attention U-Net", CE_NET = "CE-Net",
		FCN = "FCN-8s", SEGNET = "SegNet", UNET_PLUS_PLUS = "UNet++",
		DEEPLAB_V3_PLUS = "DeepLabv3+", PSPNET = "PSPNet",
		REFINENET = "RefineNet";
	public static final String ARCHITECTURE_ALIASES = "PLAIN_UNET=" + U_NET + "; ATTENTION_UNET=" +
		ATTENTION_U_NET + "; CE_NET=" + CE_NET;

	public static final Vocabulary<Architecture> ARCHITECTURE = new Vocabulary<>("architecture",
		ARCHITECTURE_ALIASES, Map.entry(U_NET, Architecture.PLAIN_UNET), Map.entry(ATTENTION_U_NET,
			Architecture.ATTENTION_UNET), Map.entry(CE_NET, Architecture.CE_NET), Map.entry(FCN, Architecture.FCN),
		Map.entry(SEGNET, Architecture.SEGNET), Map.entry(UNET_PLUS_PLUS, Architecture.UNET_PLUS_PLUS),
		Map.entry(DEEPLAB_V3_PLUS, Architecture.DEEPLAB_V3_PLUS), Map.entry(PSPNET, Architecture.PSPNET),
		Map.entry(REFINENET, Architecture.REFINENET));

	// ---- What the values of a training label image mean: Train Segmentation Model ("Label meaning"), Auto-Train
	// ("Label images").

	public static final String MEANING_AUTOMATIC = "automatic", MEANING_CLASSES = "classes",
		MEANING_OBJECTS = "objects", MEANING_FOREGROUND = "foreground";
	public static final String LABEL_MEANING_DESCRIPTION = "automatic: decided from the label images (the Log says " +
		"what); classes: 0 = background, 1, 2, ... = classes; objects: every value above 0 is one object (nucleus, " +
		"cell), trained with its boundary so that touching objects come out separated; foreground: every value above " +
		"0 is foreground, objects are not separated.";

	public static final Vocabulary<LabelMode> LABEL_MEANING = new Vocabulary<>("label meaning", "",
		Map.entry(MEANING_AUTOMATIC, LabelMode.AUTOMATIC), Map.entry(MEANING_CLASSES, LabelMode.CLASSES),
		Map.entry(MEANING_OBJECTS, LabelMode.OBJECTS), Map.entry(MEANING_FOREGROUND, LabelMode.FOREGROUND));

	// ---- The device: Train Segmentation Model, Segment with Model, Auto-Train, Plan Segmentation. Not a fixed list
	// (the GPUs depend on the computer): io.segkit.engine.DeviceChoice reads the words, and a parameter with
	// style = DeviceChoice.STYLE is offered as automatic / CPU / GPU n. Plan Segmentation and Auto-Train also size
	// their plan for it.

	public static final String DEVICE_DESCRIPTION = DeviceChoice.DESCRIPTION;
	public static final String PLANNING_DEVICE_DESCRIPTION = "Where training will run: the memory budget is GPU " +
		"memory or, on the CPU, main memory. " + DeviceChoice.DESCRIPTION;

	/**
	 * The memory a plan must fit for a device choice: GPU memory for a GPU, main memory for the CPU; "automatic"
	 * asks the engine (starting it) where it would compute. A chosen GPU is not checked, so a plan can be made
	 * for a GPU of another computer.
	 */
	public static MemoryBudget.Device memoryTarget(String device) {
		DeviceChoice choice = DeviceChoice.of(device);
		boolean gpu = choice.isGpu() || choice.isAutomatic() && Engines.device(choice.text()).isGpu();
		return gpu ? MemoryBudget.Device.GPU : MemoryBudget.Device.CPU;
	}

	/**
	 * The memory a plan may fill for a device choice and a number of gigabytes (0 = automatic: on a GPU nnU-Net's
	 * 8 GB, or what the GPU has free when that is less, {@link MemoryBudget#automaticGpu}; on the CPU a share of the
	 * RAM).
	 */
	public static MemoryBudget memoryBudget(String device, double gigabytes) {
		MemoryBudget.Device target = memoryTarget(device);
		if (gigabytes != 0 || target == MemoryBudget.Device.CPU) return MemoryBudget.of(target, gigabytes);
		DeviceChoice choice = DeviceChoice.of(device);
		return MemoryBudget.automaticGpu(GpuMemory.freeBytes(ai.djl.Device.gpu(choice.isGpu() ? choice.gpu() : 0)));
	}

	/**
	 * One shared choice: its labels in dialog order, the value each stands for, and former names (in
	 * {@link ChoiceAliases} form) that are still accepted.
	 */
	public static final class Vocabulary<T> {

		private final String name;
		private final Map<String, T> byLabel = new LinkedHashMap<>();
		private final String aliasDeclaration;
		private final Map<String, String> aliases;

		@SafeVarargs
		Vocabulary(String name, String aliasDeclaration, Map.Entry<String, T>... values) {
			this.name = name;
			for (Map.Entry<String, T> v : values) byLabel.put(v.getKey(), v.getValue());
			this.aliasDeclaration = aliasDeclaration;
			this.aliases = ChoiceAliases.parse(aliasDeclaration);
			for (String label : aliases.values()) if (!byLabel.containsKey(label)) throw new IllegalStateException(
				"Alias target '" + label + "' is not a " + name + " choice " + byLabel.keySet());
		}

		/** The labels, in dialog order. */
		public List<String> labels() {
			return Collections.unmodifiableList(new ArrayList<>(byLabel.keySet()));
		}

		/** The former names as declared for {@code @Attr(name = ChoiceAliases.ATTRIBUTE)}; "" when none. */
		public String aliases() {
			return aliasDeclaration;
		}

		/** The value for a label or a former name (either ignoring case). */
		public T of(String text) {
			String label = label(text);
			if (label == null) throw new SegKitException("Unknown " + name + " '" + text + "'. Choose one of: " +
				String.join(", ", byLabel.keySet()) + ".");
			return byLabel.get(label);
		}

		/** The current label for a label or a former name (either ignoring case), or null for neither. */
		public String label(String text) {
			if (text == null) return null;
			String t = text.trim();
			for (String label : byLabel.keySet()) if (label.equalsIgnoreCase(t)) return label;
			return aliases.get(t.toLowerCase(Locale.ROOT));
		}

		/** The label of a value. */
		public String labelOf(T value) {
			for (Map.Entry<String, T> e : byLabel.entrySet()) if (e.getValue().equals(value)) return e.getKey();
			throw new IllegalArgumentException(value + " has no " + name + " label");
		}
	}
}
