package io.segkit.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.Progress;
import io.segkit.SegKitException;
import io.segkit.model.LabelMode;
import io.segkit.nn.Architecture;
import io.segkit.plan.MemoryBudget;
import io.segkit.train.auto.AutoTrainOptions;
import io.segkit.train.auto.NetworkSize;

/** The command's parameters map onto Auto-Train's options; bad choices fail before any work. */
class AutoTrainCommandTest {

	@TempDir
	Path dir;

	private AutoTrainCommand command() {
		AutoTrainCommand c = new AutoTrainCommand();
		c.trainingFolder = dir.toFile();
		c.modelFile = dir.resolve("model.zip").toFile();
		c.progress = Progress.NONE;
		return c;
	}

	@Test
	void parametersBecomeOptions() {
		AutoTrainCommand c = command();
		c.folds = 3;
		c.timeBudgetMinutes = 2;
		c.memoryGb = 4;
		c.networkSize = "small";
		c.architecture = "ATTENTION_UNET";
		c.labelImages = "objects";
		c.classNames = "background, nucleus";
		AutoTrainOptions o = c.options();
		assertEquals(3, o.folds());
		assertEquals(120, o.timeBudgetSeconds(), 1e-9);
		assertEquals(MemoryBudget.cpu(4), o.memory());
		assertEquals(NetworkSize.SMALL, o.networkSize());
		assertEquals(Architecture.ATTENTION_UNET, o.architecture());
		assertEquals(LabelMode.OBJECTS, o.labelMode());
		assertEquals("cpu", o.device());
		assertEquals("background, nucleus", o.classNames());
	}

	@Test
	void badChoicesAndAnExistingModelFailBeforeAnyWork() throws Exception {
		AutoTrainCommand c = command();
		c.architecture = "transformer";
		assertTrue(assertThrows(SegKitException.class, c::run).getMessage().contains("Unknown architecture"));
		c = command();
		c.folds = 0;
		assertThrows(SegKitException.class, c::run);
		c = command();
		File existing = dir.resolve("model.zip").toFile();
		Files.writeString(existing.toPath(), "old");
		c.modelFile = existing;
		assertTrue(assertThrows(SegKitException.class, c::run).getMessage().contains("already exists"));
		assertEquals("old", Files.readString(existing.toPath()));
		c.modelFile = null;
		assertThrows(SegKitException.class, c::run);
	}
}
