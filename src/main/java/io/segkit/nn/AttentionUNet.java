package io.segkit.nn;

/**
 * Attention U-Net (Oktay et al. 2018): the plain U-Net whose skip connections pass through additive attention
 * gates driven by the coarser decoder features; see {@link AttentionGate}.
 */
public class AttentionUNet extends PlainUNet {

	public AttentionUNet(NetworkConfig config) {
		super(config, true);
	}
}
