package io.segkit.engine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.segkit.Progress;
import io.segkit.SegKitException;

/**
 * Installs a CUDA build of libtorch for SegKit: downloads the files DJL publishes for its PyTorch engine (the server
 * lists them in {@code files.txt}, one gzipped library per line, such as
 * {@code cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz}), resuming a file that was cut off (HTTP range
 * requests on the kept {@code .gz.part}) and verifying each by unpacking it (gzip's CRC-32 and length), into a
 * hidden staging folder that becomes {@code libtorch-2.7.1-cu128-<platform>} only when every file is there; then
 * remembers it ({@link GpuSupport}). Or registers a libtorch that is already on disk ({@link #registerExisting}).
 * Nothing is half-installed: an interrupted or damaged download leaves the staging folder, which the next run
 * resumes, and no remembered installation.
 */
public final class LibtorchInstaller {

	/** Where DJL publishes libtorch 2.7.1 (its own downloads use the same files). */
	public static final URI DEFAULT_SOURCE = URI.create("https://publish.djl.ai/pytorch/" + GpuSupport.VERSION + "/");
	private static final int BUFFER = 1 << 16;

	private final URI source;
	private final String flavour, platform;
	private final HttpClient http;

	/** An installer of libtorch for CUDA 12.8 for this computer's platform, from {@code source}. */
	public LibtorchInstaller(URI source) {
		this(source, GpuSupport.FLAVOUR, platform());
	}

	LibtorchInstaller(URI source, String flavour, String platform) {
		String s = source.toString();
		this.source = URI.create(s.endsWith("/") ? s : s + "/");
		this.flavour = flavour;
		this.platform = platform;
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).followRedirects(
			HttpClient.Redirect.NORMAL).build();
	}

	/** DJL's name of this computer's platform: linux-x86_64, win-x86_64, osx-aarch64, ... */
	public static String platform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String osPart = os.startsWith("win") ? "win" : os.startsWith("mac") ? "osx" : "linux";
		String archPart = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64" : arch.equals("arm64") ? "aarch64"
			: arch;
		return osPart + "-" + archPart;
	}

	/** The folder an installation into {@code parent} gets. */
	public Path folderIn(Path parent) {
		return parent.resolve("libtorch-" + GpuSupport.VERSION + "-" + flavour + "-" + platform);
	}

	/**
	 * Downloads, verifies and installs libtorch into {@link #folderIn parent} and remembers it; an installation
	 * already complete there is only remembered.
	 *
	 * @throws SegKitException when the server cannot be reached (with the steps to install by hand), lists nothing
	 *         for this platform, or sends a damaged file
	 */
	public GpuSupport.Installed install(Path parent, Progress progress) {
		Path target = folderIn(parent);
		GpuSupport.Installed installed = new GpuSupport.Installed(target, GpuSupport.VERSION, flavour);
		if (!installed.isComplete()) {
			Path staging = parent.resolve("." + target.getFileName() + ".download");
			List<String> files = index();
			for (int i = 0; i < files.size(); i++) fetch(files.get(i), staging, i + 1, files.size(), progress);
			try {
				linkCudaRuntime(staging);
				if (Files.exists(target)) deleteTree(target); // an incomplete earlier copy
				Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException e) {
				throw new SegKitException("Could not put libtorch into " + target + ": " + e.getMessage() + ". Check "
					+ "that the folder is writable, or choose another one.", e);
			}
		}
		rememberOrExplain(installed);
		return installed;
	}

	/**
	 * What Install GPU Support and {@code segkit gpu install} do: refuse where {@code probe} finds no suitable NVIDIA
	 * driver (unless {@code force}; {@code forceHint} says how to force), then register {@code existing} when given,
	 * else download into {@code parent}.
	 */
	public static GpuSupport.Installed installUnlessRefused(GpuProbe probe, boolean force, String forceHint,
		Path existing, URI source, Path parent, Progress progress)
	{
		String why = probe.whyNotCuda128();
		if (why != null && !force) throw new SegKitException(why + " Nothing was installed; " + forceHint
			+ " installs anyway (for another computer).");
		return existing != null ? registerExisting(existing, null, null) : new LibtorchInstaller(source).install(parent,
			progress);
	}

	/**
	 * Remembers a libtorch already on disk ({@code libFolder} holds the libtorch library, as {@code libtorch/lib} of
	 * pytorch.org's zip or {@code torch/lib} of a pip install). Its version and flavour come from the
	 * {@code build-version} file beside that folder ("2.7.1+cu128"), else from the arguments.
	 *
	 * @throws SegKitException when the folder holds no libtorch, or its version or flavour is not known
	 */
	public static GpuSupport.Installed registerExisting(Path libFolder, String version, String flavour) {
		GpuSupport.Installed given = new GpuSupport.Installed(libFolder.toAbsolutePath(), version, flavour);
		if (!given.isComplete()) throw new SegKitException("The folder " + libFolder + " holds no " + System
			.mapLibraryName("torch") + ". Choose the lib folder of an unpacked libtorch (libtorch/lib in pytorch.org's "
				+ "zip).");
		String[] fromBuild = buildVersion(libFolder);
		String v = fromBuild != null ? fromBuild[0] : version, f = fromBuild != null ? fromBuild[1] : flavour;
		if (v == null || v.isBlank() || f == null || f.isBlank()) throw new SegKitException("The version of the "
			+ "libtorch in " + libFolder + " is not known (no build-version file beside it). Give it, for example "
				+ "version 2.7.1 and flavour cu128.");
		if (!f.startsWith("cu")) throw new SegKitException("The libtorch in " + libFolder + " is the " + f + " build, "
			+ "which cannot use a GPU. Choose a CUDA build (flavour cu118, cu126, cu128, ...).");
		GpuSupport.Installed installed = new GpuSupport.Installed(libFolder.toAbsolutePath(), v, f);
		try {
			linkCudaRuntime(libFolder);
		}
		catch (IOException e) {
			// the folder may be read-only; CUDA's own installation may still provide libcudart
		}
		rememberOrExplain(installed);
		return installed;
	}

	/** "2.7.1+cu128" in libFolder/../build-version as {version, flavour}, or null. */
	static String[] buildVersion(Path libFolder) {
		Path parent = libFolder.toAbsolutePath().getParent();
		Path file = parent == null ? null : parent.resolve("build-version");
		if (file == null || !Files.isRegularFile(file)) return null;
		try {
			String text = Files.readString(file, StandardCharsets.UTF_8).trim();
			int plus = text.indexOf('+');
			return plus < 0 ? new String[] { text, "cpu" } : new String[] { text.substring(0, plus), text.substring(
				plus + 1) };
		}
		catch (IOException e) {
			return null;
		}
	}

	private static void rememberOrExplain(GpuSupport.Installed installed) {
		try {
			GpuSupport.remember(installed);
		}
		catch (IOException e) {
			throw new SegKitException("libtorch is in " + installed.folder() + " but SegKit could not remember it in "
				+ GpuSupport.configFile() + ": " + e.getMessage() + ". Make that folder writable and run the "
					+ "installation again (it will not download anything again).", e);
		}
	}

	/** The server's files for this flavour and platform ({@code files.txt} lines). */
	List<String> index() {
		String prefix = flavour + "/" + platform + "/";
		List<String> files = new ArrayList<>();
		try (InputStream in = get(source.resolve("files.txt"), 0).body()) {
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
				line = line.trim();
				if (line.startsWith(prefix) && line.endsWith(".gz")) files.add(line);
			}
		}
		catch (IOException e) {
			throw unreachable(e);
		}
		if (files.isEmpty()) throw new SegKitException(source + " offers no libtorch " + GpuSupport.VERSION + " for "
			+ flavour + " on " + platform + ". GPU support can be installed on Linux and Windows (x86_64) only.");
		return files;
	}

	/** Downloads (resuming) and unpacks one file into the staging folder, unless it is there already. */
	private void fetch(String line, Path staging, int number, int count, Progress progress) {
		String gz = line.substring(line.lastIndexOf('/') + 1);
		String name = URLDecoder.decode(gz.substring(0, gz.length() - 3), StandardCharsets.UTF_8);
		Path file = staging.resolve(name), part = staging.resolve(gz + ".part");
		if (Files.exists(file)) return; // verified and unpacked by an earlier run
		String step = "Downloading libtorch for the GPU: " + name + " (" + number + " of " + count + ")";
		try {
			Files.createDirectories(staging);
			download(source.resolve(line), part, step, progress);
			unpack(part, file, name);
		}
		catch (IOException e) {
			throw unreachable(e);
		}
	}

	private void download(URI uri, Path part, String step, Progress progress) throws IOException {
		long have = Files.exists(part) ? Files.size(part) : 0;
		HttpResponse<InputStream> response = get(uri, have);
		int status = response.statusCode();
		try (InputStream in = response.body()) {
			if (status == 416) return; // the part is whole already: nothing after its end
			boolean resumed = status == 206;
			if (status != 200 && !resumed) throw new SegKitException(uri + " answered HTTP " + status + ". Try again "
				+ "later, or install by hand (see the README's GPU section).");
			if (!resumed) have = 0;
			long total = have + response.headers().firstValueAsLong("Content-Length").orElse(-1);
			try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, resumed
				? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING))
			{
				byte[] buffer = new byte[BUFFER];
				for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
					out.write(buffer, 0, n);
					have += n;
					progress.update(step, have, Math.max(total, have));
					progress.checkCancelled();
				}
			}
		}
	}

	/** Unpacks the gzip part into {@code file}: the CRC-32 and length in gzip's trailer verify the download. */
	private static void unpack(Path part, Path file, String name) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		try (InputStream in = new GZIPInputStream(Files.newInputStream(part), BUFFER)) {
			Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (ZipException | EOFException e) {
			Files.deleteIfExists(temporary);
			Files.deleteIfExists(part);
			throw new SegKitException("The download of " + name + " is damaged (" + e.getMessage() + "); it was "
				+ "deleted. Run the installation again to fetch it anew.", e);
		}
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
		Files.delete(part);
	}

	private HttpResponse<InputStream> get(URI uri, long from) throws IOException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
		if (from > 0) request.header("Range", "bytes=" + from + "-");
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new io.segkit.Cancelled();
		}
	}

	private SegKitException unreachable(IOException e) {
		return new SegKitException("Could not download libtorch from " + source + " (" + e.getClass().getSimpleName()
			+ (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). Is this computer online? What was downloaded "
				+ "is kept and the next try resumes it. Without internet access, install by hand: on a computer "
				+ "with internet, download libtorch " + GpuSupport.VERSION + " for CUDA 12.8 from pytorch.org "
				+ "(Linux: the cxx11 ABI zip), unpack it on this computer and give its lib folder as the existing "
				+ "libtorch (Install GPU Support, or segkit gpu install --existing FOLDER).", e);
	}

	/**
	 * libtorch's CUDA builds carry the CUDA runtime under a hashed name (libcudart-1a2b3c4d.so.12); DJL's GPU
	 * detection loads it by its plain name, so a link {@code libcudart.so} to it is made in the same folder.
	 */
	static void linkCudaRuntime(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) return;
		Path plain = folder.resolve("libcudart.so");
		if (Files.exists(plain, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
		try (Stream<Path> files = Files.list(folder)) {
			Path hashed = files.filter(p -> p.getFileName().toString().matches("libcudart-[0-9a-f]+\\.so(\\.\\d+)*"))
				.findFirst().orElse(null);
			if (hashed == null) return;
			try {
				Files.createSymbolicLink(plain, hashed.getFileName());
			}
			catch (UnsupportedOperationException | IOException e) {
				Files.copy(hashed, plain);
			}
		}
	}

	private static void deleteTree(Path folder) throws IOException {
		try (Stream<Path> walk = Files.walk(folder)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
		}
	}
}
