/* hf-experiment.h: the paper's experiments as functions returning tables.
 *
 * Trial t of the row for m patterns draws from a generator seeded with
 * seed + 7919 t + 104729 m (capacity, noisy) or seed + 7919 t (denoise,
 * one m), so a table does not depend on the order trials run in. A
 * callback reports the fraction done and may cancel (return false); it is
 * called on the calling thread.
 *
 * Trials run in parallel: the _mt variants take a thread count (0 = every
 * core) and hold BLAS to one thread meanwhile (hf-parallel.h); the plain
 * variants use every core. Tables are identical for any thread count.
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
  double fraction_sd;     /* standard deviation over trials of fixed points / m */
  double seconds_sd;      /* standard deviation over trials of the training time */
} HfCapacityRow;

HfStatus hf_experiment_capacity (const HfTrainOptions *opts, size_t n, const size_t *ms,
                                 size_t count, size_t trials, unsigned long seed,
                                 HfCapacityRow *rows, HfExperimentCallback cb, void *user,
                                 HfError *err);
HfStatus hf_experiment_capacity_mt (const HfTrainOptions *opts, size_t n,
                                    const size_t *ms, size_t count, size_t trials,
                                    unsigned long seed, size_t threads,
                                    HfCapacityRow *rows, HfExperimentCallback cb,
                                    void *user, HfError *err);

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
HfStatus hf_experiment_denoise_mt (const HfTrainOptions *opts, size_t n, size_t m,
                                   const size_t *flips, size_t count, size_t trials,
                                   size_t probes, unsigned long seed, size_t threads,
                                   HfDenoiseRow *rows, HfExperimentCallback cb,
                                   void *user, HfError *err);

/* Several m at once (rows: count_m x count, m-major), trials of every m in
 * one pool, so that few trials per m still keep every core busy. */
HfStatus hf_experiment_denoise_grid_mt (const HfTrainOptions *opts, size_t n,
                                        const size_t *ms, size_t count_m,
                                        const size_t *flips, size_t count, size_t trials,
                                        size_t probes, unsigned long seed, size_t threads,
                                        HfDenoiseRow *rows, HfExperimentCallback cb,
                                        void *user, HfError *err);

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
HfStatus hf_experiment_noisy_mt (const HfTrainOptions *opts, size_t n, const size_t *ms,
                                 size_t count, size_t flips, bool exact, size_t copies,
                                 size_t trials, unsigned long seed, size_t threads,
                                 HfNoisyRow *rows, HfExperimentCallback cb, void *user,
                                 HfError *err);

/* Scaling (the paper: "training time ... well modeled by O(n^5/2)"):
 * train on m = n / 4 random patterns for each n, trials times each, one
 * after the other (timings, so BLAS keeps every core). */
typedef struct
{
  size_t n, m;
  double seconds, seconds_sd; /* mean and spread of the training time */
  double fraction_stored;
} HfScalingRow;

/* *exponent: least-squares slope of log time against log n over the rows
 * with n >= fit_from (fixed costs dominate below); NAN with fewer than two. */
HfStatus hf_experiment_scaling (const HfTrainOptions *opts, const size_t *ns,
                                size_t count, size_t trials, unsigned long seed,
                                size_t fit_from, HfScalingRow *rows, double *exponent,
                                HfExperimentCallback cb, void *user, HfError *err);

/* Stopping and basins: the denoising table (Fig. 3) of networks trained
 * with each MPF stopping margin (opts->margin replaced; 0 means train until
 * the gradient tolerance). rows holds count_margins x count_flips rows,
 * margin-major. */
HfStatus hf_experiment_margin (const HfTrainOptions *opts, size_t n, size_t m,
                               const double *margins, size_t count_margins,
                               const size_t *flips, size_t count_flips, size_t trials,
                               size_t probes, unsigned long seed, size_t threads,
                               HfDenoiseRow *rows, HfExperimentCallback cb, void *user,
                               HfError *err);
