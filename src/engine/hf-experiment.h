/* hf-experiment.h: the paper's experiments as functions returning tables.
 *
 * Trial t of the row for m patterns draws from a generator seeded with
 * seed + 7919 t + 104729 m (capacity, noisy) or seed + 7919 t (denoise,
 * one m), so a table does not depend on the order trials run in. A
 * callback reports the fraction done and may cancel (return false).
 */
#pragma once

#include <stddef.h>

#include "hf-recall.h"
#include "hf-train.h"

typedef bool (*HfExperimentCallback) (double fraction_done, void *user);

/* Fig. 2: store m random patterns in an n-neuron network. */
typedef struct
{
  size_t m;
  double fraction_stored; /* mean over trials of (fixed points / m) */
  double all_stored;      /* fraction of trials where every pattern is fixed */
  double seconds;         /* mean training time */
  double iterations;      /* mean iterations (epochs for PER) */
} HfCapacityRow;

HfStatus hf_experiment_capacity (const HfTrainOptions *opts, size_t n, const size_t *ms,
                                 size_t count, size_t trials, unsigned long seed,
                                 HfCapacityRow *rows, HfExperimentCallback cb, void *user,
                                 HfError *err);

/* Fig. 3: fraction of probes with k bits flipped that the sequential
 * dynamics return exactly to the stored pattern, for each k. */
typedef struct
{
  size_t flips;
  double recovered; /* fraction of probes recovered exactly */
} HfDenoiseRow;

HfStatus hf_experiment_denoise (const HfTrainOptions *opts, size_t n, size_t m,
                                const size_t *flips, size_t count, size_t trials,
                                size_t probes, unsigned long seed, HfDenoiseRow *rows,
                                HfExperimentCallback cb, void *user, HfError *err);

/* Fig. 4: train only on noisy copies of m random originals, then ask
 * whether the unseen originals are fixed points. Each copy flips every
 * bit with probability flips / n (exact = false: the paper's "31% of the
 * bits flipped" on average) or exactly `flips` bits (exact = true). With
 * an exact count the original is never seen and the copies are
 * anti-correlated, which the fitted model learns: see docs/experiments.md. */
typedef struct
{
  size_t m;
  double patterns_stored; /* fraction of originals that are fixed points */
  double bits_recalled; /* mean fraction of bits right after recall from each original */
} HfNoisyRow;

HfStatus hf_experiment_noisy (const HfTrainOptions *opts, size_t n, const size_t *ms,
                              size_t count, size_t flips, bool exact, size_t copies,
                              size_t trials, unsigned long seed, HfNoisyRow *rows,
                              HfExperimentCallback cb, void *user, HfError *err);
