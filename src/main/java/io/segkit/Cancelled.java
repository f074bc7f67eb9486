package io.segkit;

/**
 * Thrown when the user cancelled long work. Its message says what is left behind: by default nothing; a training
 * says where its checkpoints are.
 */
public class Cancelled extends SegKitException {

	public Cancelled() {
		this("Cancelled by the user; nothing was changed.");
	}

	public Cancelled(String whatIsLeft) {
		super(whatIsLeft);
	}
}
