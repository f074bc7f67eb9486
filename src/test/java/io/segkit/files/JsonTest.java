package io.segkit.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

import io.segkit.SegKitException;

/** nnU-Net's JSON layout: Python's json.dump(indent=4) text, key order kept, NaN as Python writes it. */
class JsonTest {

	@TempDir
	Path dir;

	@Test
	void formatIndentsByFourSpacesKeepsKeyOrderAndWritesNaN() {
		JsonObject o = new JsonObject();
		o.addProperty("zeta", 1);
		o.add("alpha", Json.ints(new int[] { 3, 2 }));
		o.addProperty("nan", Double.NaN);
		o.addProperty("inf", Double.POSITIVE_INFINITY);
		JsonObject inner = new JsonObject();
		inner.addProperty("name", "x");
		inner.addProperty("flag", true);
		o.add("inner", inner);
		o.add("none", JsonNull.INSTANCE);
		o.add("empty", new JsonArray());
		String expected = """
			{
			    "zeta": 1,
			    "alpha": [
			        3,
			        2
			    ],
			    "nan": NaN,
			    "inf": Infinity,
			    "inner": {
			        "name": "x",
			        "flag": true
			    },
			    "none": null,
			    "empty": []
			}
			""";
		assertEquals(expected, Json.format(o));
	}

	@Test
	void formattedTextReadsBackWithNaN() {
		JsonObject o = new JsonObject();
		o.add("values", Json.doubles(new double[] { 0.5, Double.NaN, -2 }));
		JsonObject back = Json.parseObject(Json.format(o), "test file");
		double[] values = Json.toDoubles(back.get("values"));
		assertEquals(3, values.length);
		assertEquals(0.5, values[0], 0);
		assertTrue(Double.isNaN(values[1]));
		assertEquals(-2, values[2], 0);
	}

	@Test
	void arraysConvertBothWays() {
		assertArrayEquals(new int[][] { { 1, 2 }, { 3 } }, Json.toIntMatrix(Json.ints(new int[][] { { 1, 2 }, {
			3 } })));
		assertArrayEquals(new boolean[] { true, false }, Json.toBooleans(Json.booleans(new boolean[] { true,
			false })));
		assertEquals(List.of("b", "a"), Json.toStrings(Json.strings(List.of("b", "a"))));
		// Python may write whole numbers as floats: 2.0 and 2.6 round to the nearest int
		assertArrayEquals(new int[] { 2, 3 }, Json.toInts(Json.parseObject("{\"a\": [2.0, 2.6]}", "x").get("a")));
		assertTrue(Double.isNaN(Json.toDouble(null)));
		assertTrue(Double.isNaN(Json.toDouble(JsonNull.INSTANCE)));
		assertTrue(Double.isNaN(Json.toDouble(Json.parseObject("{\"a\": NaN}", "x").get("a"))));
	}

	@Test
	void parseErrorsNameTheFileKind() {
		SegKitException e = assertThrows(SegKitException.class, () -> Json.parseObject("[1, 2]", "plans file"));
		assertEquals("The plans file is not a JSON object. Check that you chose the right file.", e.getMessage());
		e = assertThrows(SegKitException.class, () -> Json.parseObject("{\"a\": [1, 2", "dataset file"));
		assertTrue(e.getMessage().startsWith("The dataset file is not valid JSON ("), e.getMessage());
		assertTrue(e.getMessage().endsWith("). Check the file or write it again."), e.getMessage());
	}

	@Test
	void aMissingOrNullEntryIsNamed() {
		JsonObject o = Json.parseObject("{\"here\": 1, \"nothing\": null}", "plans file");
		assertEquals(1, Json.required(o, "here", "plans file").getAsInt());
		assertEquals("The plans file has no \"gone\" entry. Is it an nnU-Net v2 file?", assertThrows(
			SegKitException.class, () -> Json.required(o, "gone", "plans file")).getMessage());
		assertEquals("The plans file has no \"nothing\" entry. Is it an nnU-Net v2 file?", assertThrows(
			SegKitException.class, () -> Json.required(o, "nothing", "plans file")).getMessage());
	}

	@Test
	void writeCreatesTheFoldersAndLeavesNoTemporaryFile() throws IOException {
		Path file = dir.resolve("a").resolve("b").resolve("plans.json");
		Json.write(file, "{}\n", "plans file");
		assertEquals("{}\n", Files.readString(file, StandardCharsets.UTF_8));
		Json.write(file, "{\"x\": 1}\n", "plans file"); // replaces
		assertEquals("{\"x\": 1}\n", Json.read(file, "plans file"));
		try (Stream<Path> files = Files.list(file.getParent())) {
			assertEquals(List.of(file), files.toList());
		}
	}

	@Test
	void readingAMissingFileNamesIt() {
		Path file = dir.resolve("missing.json");
		SegKitException e = assertThrows(SegKitException.class, () -> Json.read(file, "splits file"));
		assertTrue(e.getMessage().startsWith("Could not read the splits file '" + file + "': "), e.getMessage());
	}

	@Test
	void writeRefusesAFolderThatIsAFile() throws IOException {
		Path blocker = dir.resolve("blocker");
		Files.writeString(blocker, "x");
		Path file = blocker.resolve("plans.json");
		SegKitException e = assertThrows(SegKitException.class, () -> Json.write(file, "{}", "plans file"));
		assertTrue(e.getMessage().startsWith("Could not create the folder of the plans file '" + file + "'"), e
			.getMessage());
		assertTrue(e.getMessage().endsWith(". Check that you may write there."), e.getMessage());
	}
}
