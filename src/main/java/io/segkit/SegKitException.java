package io.segkit;

/**
 * The one exception SegKit raises for problems a user can fix: bad input, wrong parameters, missing
 * files. The message says what was wrong and what to do; commands show it as it is.
 */
public class SegKitException extends RuntimeException {

	public SegKitException(String message) {
		super(message);
	}

	public SegKitException(String message, Throwable cause) {
		super(message, cause);
	}
}
