package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segkit.SegKitException;
import io.segkit.classic.Connectivity;
import io.segkit.dataset.LabelMode;
import io.segkit.engine.DeviceChoice;
import io.segkit.ij1.ChoiceAliases;
import io.segkit.ij1.CommandCatalog;
import io.segkit.nn.Architecture;
import io.segkit.plan.MemoryBudget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.module.ModuleItem;

/** The shared vocabulary: labels, their meaning, former names, and the commands listing exactly these labels. */
class ChoicesTest {

	@Test
	void architectureLabelsAndTheEnumNamesAutoTrainRecorded() {
		assertEquals(List.of("U-Net", "Attention U-Net", "CE-Net", "FCN-8s", "SegNet", "UNet++",
			"DeepLabv3+", "PSPNet", "RefineNet"),
			Choices.ARCHITECTURE.labels());
		assertEquals(Architecture.SEGNET, Choices.ARCHITECTURE.of("segnet"));
		assertEquals(Architecture.PLAIN_UNET, Choices.ARCHITECTURE.of("U-Net"));
		assertEquals(Architecture.ATTENTION_UNET, Choices.ARCHITECTURE.of("attention u-net"));
		assertEquals(Architecture.CE_NET, Choices.ARCHITECTURE.of("CE_NET"));
		assertEquals(Architecture.PLAIN_UNET, Choices.ARCHITECTURE.of(" plain_unet "));
		assertEquals("Attention U-Net", Choices.ARCHITECTURE.label("ATTENTION_UNET"));
		assertEquals("CE-Net", Choices.ARCHITECTURE.labelOf(Architecture.CE_NET));
		assertNull(Choices.ARCHITECTURE.label("UNET_2015"), "the reference U-Net is not offered");
		assertEquals(Map.of("plain_unet", "U-Net", "attention_unet", "Attention U-Net", "ce_net", "CE-Net"),
			ChoiceAliases.parse(Choices.ARCHITECTURE.aliases()));
		SegKitException e = assertThrows(SegKitException.class, () -> Choices.ARCHITECTURE.of("VGG"));
		assertEquals("Unknown architecture 'VGG'. Choose one of: U-Net, Attention U-Net, CE-Net, FCN-8s, SegNet, UNet++, DeepLabv3+, PSPNet, RefineNet.", e
			.getMessage());
	}

	@Test
	void labelMeaningConnectivityAndObjects() {
		assertEquals(LabelMode.CLASSES, Choices.LABEL_MEANING.of("classes"));
		assertEquals(LabelMode.OBJECTS, Choices.LABEL_MEANING.of("Objects"));
		assertThrows(SegKitException.class, () -> Choices.LABEL_MEANING.of("instances"));
		assertEquals(List.of("4", "8", "6", "18", "26"), Choices.CONNECTIVITY.labels());
		assertEquals(Connectivity.C26, Choices.CONNECTIVITY.of("26"));
		assertEquals(Connectivity.C4, Choices.CONNECTIVITY.of(" 4"));
		assertTrue(assertThrows(SegKitException.class, () -> Choices.CONNECTIVITY.of("5")).getMessage().contains(
			"4, 8, 6, 18, 26"));
		assertEquals(true, Choices.OBJECTS.of("Bright"));
		assertEquals(false, Choices.OBJECTS.of("Dark"));
	}

	@Test
	void theDeviceSizesThePlan() {
		assertEquals(MemoryBudget.Device.GPU, Choices.memoryTarget("GPU 0"));
		assertEquals(MemoryBudget.Device.GPU, Choices.memoryTarget("GPU"), "Plan and Auto-Train's former label");
		assertEquals(MemoryBudget.Device.GPU, Choices.memoryTarget("gpu:3"), "not checked: planning for elsewhere");
		assertEquals(MemoryBudget.Device.CPU, Choices.memoryTarget("CPU"));
		assertEquals(MemoryBudget.Device.CPU, Choices.memoryTarget("cpu"));
		assertEquals(MemoryBudget.Device.CPU, Choices.memoryTarget("automatic"), "the CPU build computes on the CPU");
		assertThrows(SegKitException.class, () -> Choices.memoryTarget("TPU"));
	}

	/** Every menu command lists exactly the shared labels (and declares the shared former names) for the shared
	 * choices. */
	@Test
	void commandsListExactlyTheSharedLabels() throws Exception {
		List<String> checked = new ArrayList<>(), devices = new ArrayList<>();
		for (String name : CommandCatalog.menuEntries().values()) {
			Class<? extends Command> c = Class.forName(name).asSubclass(Command.class);
			for (ModuleItem<?> item : new CommandInfo(c).inputs()) {
				Choices.Vocabulary<?> vocabulary = switch (item.getLabel()) {
					case "Connectivity" -> Choices.CONNECTIVITY;
					case "Objects" -> Choices.OBJECTS;
					case "Architecture" -> Choices.ARCHITECTURE;
					case "Label meaning", "Label images" -> Choices.LABEL_MEANING;
					default -> null;
				};
				if (item.getLabel().equals("Device")) {
					assertEquals(DeviceChoice.STYLE, item.getWidgetStyle(), c.getSimpleName() + " lists no fixed devices");
					devices.add(c.getSimpleName());
				}
				if (vocabulary == null) continue;
				String where = c.getSimpleName() + "." + item.getName();
				assertEquals(vocabulary.labels(), item.getChoices(), where);
				assertEquals(vocabulary.aliases(), item.get(ChoiceAliases.ATTRIBUTE) == null ? "" : item.get(
					ChoiceAliases.ATTRIBUTE), where + " former names");
				checked.add(where);
			}
		}
		// 7 connectivities, 2 objects; Train: architecture, label meaning; Auto-Train: architecture, label images
		assertEquals(13, checked.size(), checked.toString());
		assertEquals(List.of("PlanSegmentationCommand", "AutoTrainCommand", "TrainModelCommand",
			"SegmentWithModelCommand"), devices, "one device choice in every dialog that has one");
	}

	@Test
	void theLogAndTablesUseTheDialogsWords() {
		for (io.segkit.nn.Architecture a : List.of(io.segkit.nn.Architecture.PLAIN_UNET,
			io.segkit.nn.Architecture.ATTENTION_UNET, io.segkit.nn.Architecture.CE_NET))
			assertEquals(Choices.ARCHITECTURE.labelOf(a), a.label());
		assertEquals("CPU", io.segkit.engine.Engines.describe(ai.djl.Device.cpu()));
		assertEquals("GPU 1", io.segkit.engine.Engines.describe(ai.djl.Device.gpu(1)));
		assertEquals("Z-score (per image)", PlanTables.normalizationName("ZScoreNormalization"));
		assertEquals("CT (fixed window)", PlanTables.normalizationName("CTNormalization"));
		assertEquals("none", PlanTables.normalizationName("NoNormalization"));
		assertEquals("32x96x96", io.segkit.plan.PlanOverrides.text(new int[] {32, 96, 96}));
		assertArrayEquals(new int[] {64, 64}, io.segkit.plan.PlanOverrides.parsePatch("64,64", 2, "patch"),
			"old macros wrote the patch with commas");
	}
}
