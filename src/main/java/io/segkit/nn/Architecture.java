package io.segkit.nn;

/** The network families SegKit builds; see {@link Networks#create(NetworkConfig)}. */
public enum Architecture {
	/** nnU-Net's plain U-Net: padded convs, InstanceNorm, LeakyReLU, strided-conv downsampling. */
	PLAIN_UNET,
	/** The plain U-Net with additive attention gates on the skip connections (Oktay et al. 2018). */
	ATTENTION_UNET,
	/** CE-Net: residual encoder, dense atrous convolution (DAC) and residual multi-kernel pooling (RMP) context
	 * blocks, additive skips (Gu et al. 2019), adapted to 2D and 3D. */
	CE_NET,
	/** The original U-Net (Ronneberger et al. 2015): unpadded convs, ReLU, no normalisation, max-pool downsampling,
	 * cropped skips. Kept as the reference configuration; outputs are smaller than inputs. */
	UNET_2015,
	/** FCN-8s (Long et al. 2015) on the shared residual encoder; see {@link FCN}. */
	FCN,
	/** SegNet (Badrinarayanan et al. 2017): the decoder unpools with the encoder's max-pooling indices. */
	SEGNET,
	/** UNet++ (Zhou et al. 2018): nested, dense skip pathways, deep supervision on every full-resolution column. */
	UNET_PLUS_PLUS,
	/** DeepLabv3+ (Chen et al. 2018): atrous residual encoder, ASPP with image pooling, depthwise-separable convs,
	 * a decoder with low-level features. */
	DEEPLAB_V3_PLUS,
	/** PSPNet (Zhao et al. 2017): dilated residual encoder, pyramid pooling at 1, 2, 3 and 6 bins, auxiliary head. */
	PSPNET,
	/** RefineNet (Lin et al. 2017): residual conv units, multi-resolution fusion, chained residual pooling. */
	REFINENET;

	/** The name users read in dialogs and the Log (the labels of {@code command.Choices.ARCHITECTURE}). */
	public String label() {
		return switch (this) {
			case PLAIN_UNET -> "U-Net";
			case ATTENTION_UNET -> "Attention U-Net";
			case CE_NET -> "CE-Net";
			case UNET_2015 -> "U-Net (2015)";
			case FCN -> "FCN-8s";
			case SEGNET -> "SegNet";
			case UNET_PLUS_PLUS -> "UNet++";
			case DEEPLAB_V3_PLUS -> "DeepLabv3+";
			case PSPNET -> "PSPNet";
			case REFINENET -> "RefineNet";
		};
	}
}
