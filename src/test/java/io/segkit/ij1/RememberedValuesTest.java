package io.segkit.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ij.Prefs;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RememberedValuesTest extends MacroThreadTest {

	private static final String COMMAND = "Echo Test";

	private static final List<ParameterSpec> SPECS = List.of(
		new ParameterSpec("minimumSize", "Minimum size", ParameterSpec.Kind.NUMBER, "2.5", List.of(), 1, null),
		new ParameterSpec("method", "Method", ParameterSpec.Kind.CHOICE, "Default", List.of("Otsu", "Default"), 0,
			null),
		new ParameterSpec("dark", "Dark objects", ParameterSpec.Kind.FLAG, "false", List.of(), 0, null),
		new ParameterSpec("folder", "Images folder", ParameterSpec.Kind.DIRECTORY, "", List.of(), 0, null),
		new ParameterSpec("markers", "Marker image", ParameterSpec.Kind.IMAGE, "None", List.of("None", "cells"), 0,
			null));

	@AfterEach
	void forget() {
		for (ParameterSpec spec : SPECS) Prefs.set(RememberedValues.key(COMMAND, spec), null);
	}

	@Test
	void keysAreImageJPreferencesNamedAfterCommandAndMacroKey() {
		assertEquals("segkit.echo_test.minimum_size", RememberedValues.key(COMMAND, SPECS.get(0)));
		assertEquals("segkit.distance_watershed.dynamic", RememberedValues.key("Distance Watershed",
			new ParameterSpec("d", "Dynamic", ParameterSpec.Kind.NUMBER, "0", List.of(), 1, null).withUnit("µm")));
	}

	@Test
	void aDialogOpensWithTheValuesLastGiven() {
		RememberedValues.remember(COMMAND, SPECS, Map.of("minimumSize", "0.125", "method", "Otsu", "dark", "true",
			"folder", "/data/my images", "markers", "cells"));
		List<ParameterSpec> recalled = RememberedValues.recall(COMMAND, SPECS);
		assertEquals("0.125", recalled.get(0).defaultValue());
		assertEquals(3, recalled.get(0).digits(), "enough digits to show the remembered value");
		assertEquals("Otsu", recalled.get(1).defaultValue());
		assertEquals("true", recalled.get(2).defaultValue());
		assertEquals("/data/my images", recalled.get(3).defaultValue());
		assertEquals("None", recalled.get(4).defaultValue(), "image titles are not remembered");
		assertNull(Prefs.get(RememberedValues.key(COMMAND, SPECS.get(4)), null));
	}

	@Test
	void aRememberedValueThatNoLongerFitsFallsBackToTheDefault() {
		Prefs.set(RememberedValues.key(COMMAND, SPECS.get(0)), "abc");
		Prefs.set(RememberedValues.key(COMMAND, SPECS.get(1)), "Triangle");
		List<ParameterSpec> recalled = RememberedValues.recall(COMMAND, SPECS);
		assertEquals("2.5", recalled.get(0).defaultValue());
		assertEquals("Default", recalled.get(1).defaultValue());
	}

	@Test
	void aRememberedConnectivityOfThreeDimensionsIsNotOfferedOnASingleImage() {
		ParameterSpec connectivity = new ParameterSpec("c", "Connectivity", ParameterSpec.Kind.CHOICE, "26", List.of(
			"4", "8", "6", "18", "26"), 0, null);
		Prefs.set(RememberedValues.key(COMMAND, connectivity), "26");
		List<ParameterSpec> fitted = ImageFit.apply(List.of(connectivity), image, true);
		assertEquals("8", RememberedValues.recall(COMMAND, fitted).get(0).defaultValue());
		Prefs.set(RememberedValues.key(COMMAND, connectivity), null);
	}

	@Test
	void macrosNeverReadRememberedValues() {
		Prefs.set(RememberedValues.key(COMMAND, SPECS.get(0)), "9");
		Prefs.set(RememberedValues.key(COMMAND, SPECS.get(1)), "Otsu");
		assertEquals("2.5|3|Default|false|none|null|true", echo(EchoTestCommand.class, ""),
			"a macro that omits a key gets the declared default, as ImageJ's recorder expects");
		assertEquals("4.0|3|Li|false|none|null|true", echo(EchoTestCommand.class, "minimum_size=4 method=Li"));
	}
}
