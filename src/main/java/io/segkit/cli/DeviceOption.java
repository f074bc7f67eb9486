package io.segkit.cli;

import io.segkit.SegKitException;
import io.segkit.command.Choices;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --device auto|cpu|gpu|gpu:N}, the device words of the menu commands ({@link Choices#device}). */
final class DeviceOption {

	@Option(names = "--device", paramLabel = "auto|cpu|gpu|gpu:N", converter = DeviceText.class,
		description = "Where the network computes: auto (the first GPU if usable, else the CPU), cpu, gpu or gpu:N "
			+ "(default: ${DEFAULT-VALUE}).", defaultValue = Choices.DEVICE_AUTO)
	String device = Choices.DEVICE_AUTO;

	/** Checks the word without starting the engine, so a typo is a usage error. */
	static final class DeviceText implements ITypeConverter<String> {

		@Override
		public String convert(String value) {
			try {
				return Choices.device(value);
			}
			catch (SegKitException e) {
				throw new TypeConversionException(e.getMessage());
			}
		}
	}
}
