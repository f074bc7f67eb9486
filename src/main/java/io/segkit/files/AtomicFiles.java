package io.segkit.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

import io.segkit.SegKitException;

/**
 * The one way SegKit writes a file: into a hidden temporary file beside the target, then a move into place
 * (atomic where the file system allows), so that a reader, a crash or a cancel never leaves half a file. On any
 * failure the temporary file is deleted and the target is left as it was.
 */
public final class AtomicFiles {

	/** Writes the content of a file to the temporary path it is given. */
	@FunctionalInterface
	public interface Content {

		void writeTo(Path temp) throws IOException;
	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private AtomicFiles() {}

	/**
	 * Writes {@code target} through {@code content}.
	 *
	 * @param what names the file in the error message, for example "model" or "validation report"
	 * @throws SegKitException when the folder does not exist or the file cannot be written
	 */
	public static void write(Path target, String what, Content content) {
		Path folder = target.toAbsolutePath().getParent();
		if (folder == null || !Files.isDirectory(folder)) {
			throw new SegKitException("Could not write the " + what + " '" + target + "': the folder does not exist. "
				+ "Choose an existing folder.");
		}
		Path temp = null;
		try {
			temp = createTemporary(folder, target.getFileName().toString());
			content.writeTo(temp);
			move(temp, target);
			temp = null;
		}
		catch (IOException e) {
			throw new SegKitException("Could not write the " + what + " '" + target + "': " + e.getMessage()
				+ ". Check that the folder is writable and the disk is not full.", e);
		}
		finally {
			deleteQuietly(temp);
		}
	}

	/** Writes a UTF-8 text. */
	public static void writeString(Path target, String text, String what) {
		write(target, what, temp -> Files.writeString(temp, text, StandardCharsets.UTF_8));
	}

	/**
	 * A new hidden file beside the target. Created with the folder's default permissions (Files.createTempFile
	 * would make it readable by its owner only, and the move keeps that), so results are as readable as any other
	 * file the user writes.
	 */
	private static Path createTemporary(Path folder, String name) throws IOException {
		for (int attempt = 0;; attempt++) {
			Path temp = folder.resolve("." + name + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
			try {
				return Files.createFile(temp);
			}
			catch (FileAlreadyExistsException e) {
				if (attempt >= 10) throw e;
			}
		}
	}

	/**
	 * Deletes what an interrupted write of {@code target} left behind (a kill or a crash between creating the
	 * temporary file and moving it): hidden {@code .<name>-*.tmp} files beside it.
	 */
	public static void removeLeftovers(Path target) {
		removeMatching(target.toAbsolutePath().getParent(), "." + target.getFileName() + "-*.tmp");
	}

	/** Deletes the files of {@code folder} whose names match {@code glob} (SegKit's own temporary files). */
	public static void removeMatching(Path folder, String glob) {
		if (folder == null || !Files.isDirectory(folder)) return;
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder, glob)) {
			for (Path p : leftovers) deleteQuietly(p);
		}
		catch (IOException e) {
			// a leftover that cannot be listed stays; it is hidden and harmless
		}
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void deleteQuietly(Path file) {
		if (file == null) return;
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ignored) {
			// the error that made the write fail is what the user needs to see
		}
	}
}
