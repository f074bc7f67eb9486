package io.segkit.autotrain;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The cross-validation of one configuration: each case's class probabilities in its own image geometry, predicted
 * by the fold that did not train on it, and the fold that predicted it.
 *
 * @param bestFiles the best checkpoint of every fold, in fold order
 * @param mirroredProbabilities the same predictions averaged over mirrored copies (instance models, whose decoding
 *        may choose them); empty otherwise
 */
record ConfigurationRun(String configuration, List<Path> bestFiles, Map<String, float[][]> probabilities,
		Map<String, float[][]> mirroredProbabilities, Map<String, Integer> foldOfCase, List<FoldSummary> folds) {}
