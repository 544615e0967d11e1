#include "hf-experiment.h"

#include <stdlib.h>
#include <string.h>

#include "hf-train-private.h"

typedef struct
{
  HfNetwork *net;
  HfPatterns *D;
  gsl_rng *rng;
  int8_t *probe;
} Bench;

static HfStatus
bench_init (Bench *b, size_t n, HfError *err)
{
  memset (b, 0, sizeof *b);
  hf_gsl_init ();
  HfError local, *e = err != NULL ? err : &local; /* keeps ERANGE an ERANGE */
  if ((b->net = hf_network_new (n, 1, e)) == NULL
      || (b->D = hf_patterns_new (n, 1, e)) == NULL)
    return e->code;
  b->rng = gsl_rng_alloc (gsl_rng_mt19937);
  b->probe = malloc (n);
  if (!b->rng || !b->probe)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  return HF_OK;
}

static void
bench_clear (Bench *b)
{
  hf_network_free (b->net);
  hf_patterns_free (b->D);
  if (b->rng)
    gsl_rng_free (b->rng);
  free (b->probe);
}

static HfStatus
train_quietly (HfNetwork *net, const HfPatterns *D, const HfTrainOptions *opts,
               double *secs, size_t *iters, HfError *err)
{
  double t0 = hf_now ();
  HfStatus st = hf_train (net, D, opts, NULL, NULL, err);
  /* A rule that cannot store a set (pseudo-inverse on dependent patterns)
   * simply stores nothing here: that is a data point, not a failure. */
  if (st == HF_ERANK)
    {
      hf_network_clear (net);
      hf_error_clear (err);
      st = HF_OK;
    }
  *secs = hf_now () - t0;
  *iters = net->summary.iterations;
  return st;
}

HfStatus
hf_experiment_capacity (const HfTrainOptions *opts, size_t n, const size_t *ms,
                        size_t count, size_t trials, unsigned long seed,
                        HfCapacityRow *rows, HfExperimentCallback cb, void *user,
                        HfError *err)
{
  if (n == 0 || trials == 0)
    return hf_error_set (err, HF_EINVAL,
                         "a capacity experiment needs n >= 1 and trials >= 1");
  Bench b;
  HfStatus st = bench_init (&b, n, err);
  for (size_t r = 0; r < count && st == HF_OK; r++)
    {
      HfCapacityRow *row = &rows[r];
      memset (row, 0, sizeof *row);
      row->m = ms[r];
      for (size_t t = 0; t < trials && st == HF_OK; t++)
        {
          gsl_rng_set (b.rng, seed + 7919 * t + 104729 * ms[r]);
          hf_patterns_clear (b.D);
          if ((st = hf_patterns_add_random (b.D, ms[r], 0.5, b.rng, err)) != HF_OK)
            break;
          double secs;
          size_t iters, fixed;
          if ((st = train_quietly (b.net, b.D, opts, &secs, &iters, err)) != HF_OK
              || (st = hf_network_count_fixed (b.net, b.D, HF_TIE_OFF, &fixed, NULL, err))
                     != HF_OK)
            break;
          row->fraction_stored += (double)fixed / (double)ms[r] / (double)trials;
          row->all_stored += (fixed == ms[r]) / (double)trials;
          row->seconds += secs / (double)trials;
          row->iterations += (double)iters / (double)trials;
          if (cb && !cb ((double)(r * trials + t + 1) / (double)(count * trials), user))
            st = hf_error_set (err, HF_ECANCELLED, "the experiment was cancelled");
        }
    }
  bench_clear (&b);
  return st;
}

HfStatus
hf_experiment_denoise (const HfTrainOptions *opts, size_t n, size_t m,
                       const size_t *flips, size_t count, size_t trials, size_t probes,
                       unsigned long seed, HfDenoiseRow *rows, HfExperimentCallback cb,
                       void *user, HfError *err)
{
  if (n == 0 || m == 0 || trials == 0 || probes == 0)
    return hf_error_set (err, HF_EINVAL,
                         "a denoising experiment needs n, m, trials, probes >= 1");
  for (size_t r = 0; r < count; r++)
    if (flips[r] > n)
      return hf_error_set (err, HF_EINVAL, "cannot flip %zu of %zu bits", flips[r], n);
  Bench b;
  HfStatus st = bench_init (&b, n, err);
  HfRecall *rec = st == HF_OK ? hf_recall_new (b.net, err) : NULL;
  if (st == HF_OK && rec == NULL)
    st = HF_ENOMEM; /* its only failure */
  for (size_t r = 0; r < count; r++)
    rows[r] = (HfDenoiseRow){ flips[r], 0.0 };
  double total = (double)(trials * m * count * probes);
  for (size_t t = 0; t < trials && st == HF_OK; t++)
    {
      gsl_rng_set (b.rng, seed + 7919 * t);
      hf_patterns_clear (b.D);
      double secs;
      size_t iters;
      if ((st = hf_patterns_add_random (b.D, m, 0.5, b.rng, err)) != HF_OK
          || (st = train_quietly (b.net, b.D, opts, &secs, &iters, err)) != HF_OK)
        break;
      for (size_t p = 0; p < m && st == HF_OK; p++)
        for (size_t r = 0; r < count && st == HF_OK; r++)
          for (size_t q = 0; q < probes; q++)
            {
              memcpy (b.probe, hf_patterns_get (b.D, p), n);
              hf_state_flip_k (b.probe, n, flips[r], b.rng, NULL);
              hf_recall_set_state (rec, b.probe, NULL);
              hf_recall_run (rec, 100);
              rows[r].recovered
                  += (hf_recall_converged (rec)
                      && memcmp (hf_recall_state (rec), hf_patterns_get (b.D, p), n) == 0)
                     / total * (double)count;
            }
      if (cb && !cb ((double)(t + 1) / (double)trials, user))
        st = hf_error_set (err, HF_ECANCELLED, "the experiment was cancelled");
    }
  hf_recall_free (rec);
  bench_clear (&b);
  return st;
}

HfStatus
hf_experiment_noisy (const HfTrainOptions *opts, size_t n, const size_t *ms, size_t count,
                     size_t flips, bool exact, size_t copies, size_t trials,
                     unsigned long seed, HfNoisyRow *rows, HfExperimentCallback cb,
                     void *user, HfError *err)
{
  if (n == 0 || copies == 0 || trials == 0 || flips > n)
    return hf_error_set (err, HF_EINVAL,
                         "a noisy-training experiment needs n, copies, "
                         "trials >= 1 and flips <= n");
  Bench b;
  HfStatus st = bench_init (&b, n, err);
  HfPatterns *originals = st == HF_OK ? hf_patterns_new (n, 1, err) : NULL;
  HfRecall *rec = originals ? hf_recall_new (b.net, err) : NULL;
  if (st == HF_OK && rec == NULL)
    st = HF_ENOMEM; /* the only failure of either, n being valid */
  for (size_t r = 0; r < count && st == HF_OK; r++)
    {
      HfNoisyRow *row = &rows[r];
      memset (row, 0, sizeof *row);
      row->m = ms[r];
      for (size_t t = 0; t < trials && st == HF_OK; t++)
        {
          gsl_rng_set (b.rng, seed + 7919 * t + 104729 * ms[r]);
          hf_patterns_clear (originals);
          hf_patterns_clear (b.D);
          if ((st = hf_patterns_add_random (originals, ms[r], 0.5, b.rng, err)) != HF_OK)
            break;
          for (size_t c = 0; c < copies && st == HF_OK; c++)
            for (size_t p = 0; p < ms[r] && st == HF_OK; p++)
              {
                memcpy (b.probe, hf_patterns_get (originals, p), n);
                if (exact)
                  hf_state_flip_k (b.probe, n, flips, b.rng, NULL);
                else
                  hf_state_flip_bernoulli (b.probe, n, (double)flips / (double)n, b.rng,
                                           NULL);
                st = hf_patterns_append (b.D, b.probe, err);
              }
          double secs;
          size_t iters, fixed;
          if (st != HF_OK
              || (st = train_quietly (b.net, b.D, opts, &secs, &iters, err)) != HF_OK
              || (st = hf_network_count_fixed (b.net, originals, HF_TIE_OFF, &fixed, NULL,
                                               err))
                     != HF_OK)
            break;
          row->patterns_stored += (double)fixed / (double)ms[r] / (double)trials;
          double bits = 0.0;
          for (size_t p = 0; p < ms[r]; p++)
            {
              hf_recall_set_state (rec, hf_patterns_get (originals, p), NULL);
              hf_recall_run (rec, 100);
              bits += 1.0
                      - (double)hf_hamming (hf_recall_state (rec),
                                            hf_patterns_get (originals, p), n)
                            / (double)n;
            }
          row->bits_recalled += bits / (double)ms[r] / (double)trials;
          if (cb && !cb ((double)(r * trials + t + 1) / (double)(count * trials), user))
            st = hf_error_set (err, HF_ECANCELLED, "the experiment was cancelled");
        }
    }
  hf_recall_free (rec);
  hf_patterns_free (originals);
  bench_clear (&b);
  return st;
}
