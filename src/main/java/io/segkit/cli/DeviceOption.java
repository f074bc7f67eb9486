package io.segkit.cli;

import io.segkit.SegKitException;
import io.segkit.engine.DeviceChoice;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --device auto|cpu|gpu|gpu:N}: the device words of the menu commands, read by the same
 * {@link DeviceChoice} (which also takes the dialog's labels: automatic, CPU, "GPU 1").
 */
final class DeviceOption {

	@Option(names = "--device", paramLabel = "auto|cpu|gpu|gpu:N", converter = DeviceText.class,
		description = "Where the network computes: auto (the first GPU if usable, else the CPU), cpu, gpu or gpu:N "
			+ "(default: ${DEFAULT-VALUE}).", defaultValue = "auto")
	String device = "auto";

	/** Checks the word without starting the engine, so a typo is a usage error; keeps the engine's text. */
	static final class DeviceText implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			try {
				return DeviceChoice.of(value).text();
			}
			catch (SegKitException e) {
				throw new TypeConversionException(e.getMessage());
			}
		}
	}
}
