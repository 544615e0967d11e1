#include "hf-experiment.h"

/* The serial entry points run on every core: the tables do not depend on
 * the thread count (see hf-experiment-trials.c). */
HfStatus
hf_experiment_capacity (const HfTrainOptions *opts, size_t n, const size_t *ms,
                        size_t count, size_t trials, unsigned long seed,
                        HfCapacityRow *rows, HfExperimentCallback cb, void *user,
                        HfError *err)
{
  return hf_experiment_capacity_mt (opts, n, ms, count, trials, seed, 0, rows, cb, user,
                                    err);
}

HfStatus
hf_experiment_denoise (const HfTrainOptions *opts, size_t n, size_t m,
                       const size_t *flips, size_t count, size_t trials, size_t probes,
                       unsigned long seed, HfDenoiseRow *rows, HfExperimentCallback cb,
                       void *user, HfError *err)
{
  return hf_experiment_denoise_mt (opts, n, m, flips, count, trials, probes, seed, 0,
                                   rows, cb, user, err);
}

HfStatus
hf_experiment_noisy (const HfTrainOptions *opts, size_t n, const size_t *ms, size_t count,
                     size_t flips, bool exact, size_t copies, size_t trials,
                     unsigned long seed, HfNoisyRow *rows, HfExperimentCallback cb,
                     void *user, HfError *err)
{
  return hf_experiment_noisy_mt (opts, n, ms, count, flips, exact, copies, trials, seed,
                                 0, rows, cb, user, err);
}
