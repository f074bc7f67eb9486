package io.segkit.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.segkit.Cancelled;
import io.segkit.SegKitException;

class AtomicFilesTest {

	@TempDir
	Path dir;

	private List<String> files() throws IOException {
		try (var s = Files.list(dir)) {
			return s.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	@Test
	void writesAndReplacesLeavingOnlyTheTarget() throws IOException {
		Path target = dir.resolve("a.json");
		AtomicFiles.writeString(target, "one", "test file");
		AtomicFiles.writeString(target, "two", "test file");
		assertEquals("two", Files.readString(target));
		assertEquals(List.of("a.json"), files());
		AtomicFiles.write(dir.resolve("b.json"), "copy", temp -> Files.copy(target, temp, REPLACE_EXISTING));
		assertEquals("two", Files.readString(dir.resolve("b.json")));
		assertEquals(List.of("a.json", "b.json"), files());
	}

	@Test
	void aFailedWriteKeepsTheOldFileAndLeavesNoTemporaryFile() throws IOException {
		Path target = dir.resolve("model.zip");
		Files.writeString(target, "old");
		SegKitException e = assertThrows(SegKitException.class, () -> AtomicFiles.write(target, "model", temp -> {
			Files.writeString(temp, "half");
			throw new IOException("disk full");
		}));
		assertTrue(e.getMessage().contains("model") && e.getMessage().contains("disk full") && e.getMessage()
			.contains(target.toString()), e.getMessage());
		assertEquals("old", Files.readString(target));
		assertEquals(List.of("model.zip"), files());
	}

	@Test
	void aCancelInsideTheWriteLeavesNothingBehind() throws IOException {
		Path target = dir.resolve("rois.zip");
		assertThrows(Cancelled.class, () -> AtomicFiles.write(target, "ROI set", temp -> {
			Files.writeString(temp, "part");
			throw new Cancelled();
		}));
		assertEquals(List.of(), files());
	}

	@Test
	void aMissingFolderIsExplained() {
		Path target = dir.resolve("missing").resolve("x.csv");
		SegKitException e = assertThrows(SegKitException.class, () -> AtomicFiles.writeString(target, "x", "table"));
		assertTrue(e.getMessage().contains("folder does not exist"), e.getMessage());
		assertTrue(!Files.exists(target.getParent()));
	}

	@Test
	void writtenFilesHaveTheFolderDefaultPermissionsNotOwnerOnly() throws IOException {
		assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
		Path plain = Files.createFile(dir.resolve("plain.txt"));
		Path atomic = dir.resolve("atomic.txt");
		AtomicFiles.writeString(atomic, "x", "test file");
		assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
		Path copied = dir.resolve("copied.txt");
		AtomicFiles.write(copied, "copy", temp -> Files.copy(atomic, temp, REPLACE_EXISTING));
		assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(copied));
	}
}
