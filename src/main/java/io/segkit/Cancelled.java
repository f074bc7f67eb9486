package io.segkit;

/** Thrown when the user cancelled long work; nothing has been written when it propagates. */
public class Cancelled extends SegKitException {

	public Cancelled() {
		super("Cancelled by the user; nothing was changed.");
	}
}
