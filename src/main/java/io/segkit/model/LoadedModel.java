package io.segkit.model;

import java.util.List;

import io.segkit.nn.SegmentationNetwork;

/**
 * A model read from a bundle: its description and one network per member (one for a single model, one per fold
 * for a cross-validated one; predictions average the members' logits). The networks' parameters live in the
 * NDManager that was given to {@link ModelBundle#read}; closing that manager frees them.
 */
public record LoadedModel(ModelSpec spec, List<SegmentationNetwork> members) {

	public LoadedModel {
		members = List.copyOf(members);
	}
}
