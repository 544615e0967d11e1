/* hf-experiment-images.h: Figure 1 of the MPF paper, learning images from
 * corrupted samples only.
 *
 * A rule sees a stream of minibatches; each minibatch holds `copies` fresh
 * noisy copies of every original (each bit flipped with probability
 * train_flip, or exactly round(train_flip n) bits with exact_flips), never
 * an original and never the same copy twice. Afterwards each original is
 * checked as a fixed point, and recalled from a probe with round(probe_flip
 * n) bits flipped by sequential sweeps: the four panels of Fig. 1 (a
 * training copy, the probe, the state after one sweep, the converged state)
 * are kept for every image.
 *
 * MPF minimises the expected objective E_noise[K] by Adam on minibatch
 * gradients with a step of learning_rate / n decayed linearly to zero over at most
 * max_steps steps, stopping early once the mean minibatch objective over
 * the last `window` steps fails to improve on the window before by a
 * relative `plateau` (docs/experiments.md). The perceptron takes one batch
 * perceptron step per minibatch (J += E^T S + S^T E over the unstable bits
 * E, theta -= sum E); Hebbian averages s s^T over every copy of the stream.
 * Every rule sees the same stream (the generator is reseeded per rule) for
 * as many steps as MPF took.
 */
#pragma once

#include "hf-experiment.h"

typedef struct
{
  double train_flip;    /* 0.3 */
  bool exact_flips;     /* false: Bernoulli flips */
  double probe_flip;    /* 0.4 */
  size_t copies;        /* copies of each original per minibatch (1) */
  size_t max_steps;     /* 300 */
  size_t window;        /* 0: no early stop (see docs/experiments.md) */
  double plateau;       /* 1e-3 */
  double learning_rate; /* Adam's initial step on J, times n (4: 9.8e-4 at n = 4096) */
  unsigned long seed;   /* 1 */
} HfImagesOptions;

void hf_images_options_init (HfImagesOptions *opts);

/* The two standard setups of Fig. 1, shared by `hopfield experiment images`
 * (with and without --quick) and the studio's Lab: the first `images`
 * originals of the built-in set `sample`, each cut to the side x side
 * square at its centre (n = side^2 neurons), streamed in minibatches of
 * `copies` fresh noisy copies of every original for `steps` minibatches.
 * The paper's setup is 80 whole 64x64 fingerprints; the quick one, 32
 * centres of 32x32, reproduces the figure in seconds (docs/experiments.md
 * says why fewer minibatches of the whole images do not). */
typedef struct
{
  const char *sample;   /* "fingerprints-64" */
  size_t images;        /* 80 / 32 */
  size_t side;          /* 64 / 32 */
  size_t copies;        /* 1 / 3 */
  size_t steps;         /* 300 / 100 */
  double learning_rate; /* 4 */
} HfImagesPreset;

const HfImagesPreset *hf_images_preset (bool quick);

/* A new set of the first `count` patterns of `all`, each cut to the
 * width x height rectangle at its centre (the whole pattern when the sizes
 * are equal). HF_EINVAL with a message when `all` has fewer patterns or
 * smaller ones. */
HfPatterns *hf_images_crop (const HfPatterns *all, size_t count, size_t width,
                            size_t height, HfError *err);

typedef struct
{
  HfRule rule;
  size_t steps;        /* minibatches seen */
  double seconds;      /* training time */
  double objective;    /* MPF: mean minibatch objective of the last window */
  size_t fixed_points; /* originals that are fixed points */
  size_t recalled;     /* originals recalled exactly from their probes */
  bool *fixed;         /* per original */
  bool *recall_ok;     /* per original */
  int8_t *after_sweep; /* count x n: panel c */
  int8_t *converged;   /* count x n: panel d */
  HfNetwork *net;      /* the trained network */
} HfImagesRuleResult;

typedef struct
{
  size_t n, width, height, count; /* count originals of n = width x height */
  int8_t *training_copy;          /* count x n: panel a (first copy streamed) */
  int8_t *probe;                  /* count x n: panel b */
  size_t nrules;
  HfImagesRuleResult *rules;
} HfImagesResult;

/* Runs Fig. 1 for each rule (MPF first: the others use as many steps).
 * *out is allocated on success; free with hf_images_result_free. */
HfStatus hf_experiment_images (const HfPatterns *originals, const HfImagesOptions *opts,
                               const HfRule *rules, size_t nrules, HfImagesResult **out,
                               HfExperimentCallback cb, void *user, HfError *err);
void hf_images_result_free (HfImagesResult *res);
