package io.segkit.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A server on 127.0.0.1 that serves a small fake libtorch 2.7.1 the way DJL publishes it: {@code files.txt} and one
 * gzipped file per line, honouring "Range: bytes=N-" with 206 as web servers do. For the tests of Install GPU
 * Support; nothing comes from the internet.
 */
public final class FakeLibtorchServer implements AutoCloseable {

	public static final String LIBTORCH = System.mapLibraryName("torch"), CUDA_RUNTIME = "libcudart-9f3c2a1b.so.12";

	/** The files as they should end up, by name. */
	public final Map<String, byte[]> originals = new LinkedHashMap<>();
	/** What the server sends, by path under the source (the gzipped files and files.txt). */
	public final Map<String, byte[]> served = new LinkedHashMap<>();
	/** "GET path [Range]" per request. */
	public final List<String> requests = Collections.synchronizedList(new ArrayList<>());
	private final HttpServer server;
	private volatile long bytesSent;

	public FakeLibtorchServer() throws IOException {
		Random random = new Random(3);
		addLibrary(LIBTORCH, 300_000, random);
		addLibrary("libc10.so", 5_000, random);
		addLibrary(CUDA_RUNTIME, 2_000, random);
		StringBuilder index = new StringBuilder();
		for (String path : served.keySet()) index.append(path).append('\n');
		index.append("cpu/linux-x86_64/native/lib/").append(LIBTORCH).append(".gz\n"); // another flavour: not taken
		index.append("cu128/win-x86_64/native/lib/torch.dll.gz\n"); // another platform: not taken
		served.put("files.txt", index.toString().getBytes(StandardCharsets.UTF_8));
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/pytorch/2.7.1/", this::serve);
		server.start();
	}

	/** The source to give the installer. */
	public URI source() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/pytorch/2.7.1/");
	}

	/** The path under the source of one library's gzipped file. */
	public static String path(String name) {
		return "cu128/linux-x86_64/native/lib/" + name + ".gz";
	}

	public long bytesSent() {
		return bytesSent;
	}

	@Override
	public void close() {
		server.stop(0);
	}

	private void addLibrary(String name, int size, Random random) throws IOException {
		byte[] content = new byte[size];
		for (int i = 0; i < size; i++) content[i] = (byte) (random.nextInt(16) + 'a'); // compressible, like code
		originals.put(name, content);
		ByteArrayOutputStream gz = new ByteArrayOutputStream();
		try (OutputStream out = new GZIPOutputStream(gz)) {
			out.write(content);
		}
		served.put(path(name), gz.toByteArray());
	}

	private void serve(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath().substring("/pytorch/2.7.1/".length());
		String range = exchange.getRequestHeaders().getFirst("Range");
		requests.add("GET " + exchange.getRequestURI().getPath() + (range == null ? "" : " " + range));
		byte[] body = served.get(path);
		if (body == null) {
			exchange.sendResponseHeaders(404, -1);
			exchange.close();
			return;
		}
		int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
		if (from >= body.length) {
			exchange.sendResponseHeaders(416, -1);
			exchange.close();
			return;
		}
		exchange.sendResponseHeaders(from > 0 ? 206 : 200, body.length - from);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body, from, body.length - from);
		}
		bytesSent += body.length - from;
	}
}
