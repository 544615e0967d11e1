/* The paper's trial experiments (Figs. 2-4) on every core: each trial is a
 * job of hf_parallel_run with its own generator, seeded as the serial
 * version always was (seed + 7919 t + 104729 m), writing its own result;
 * the tables are summed in trial order afterwards, so they are identical
 * for any thread count. */
#include "hf-experiment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hf-parallel.h"
#include "hf-train-private.h"

typedef struct
{
  HfNetwork *net;
  HfPatterns *D, *originals;
  gsl_rng *rng;
  HfRecall *rec;
  int8_t *probe;
} Trial;

static void
trial_clear (Trial *b)
{
  hf_recall_free (b->rec);
  hf_network_free (b->net);
  hf_patterns_free (b->D);
  hf_patterns_free (b->originals);
  if (b->rng)
    gsl_rng_free (b->rng);
  free (b->probe);
}

static HfStatus
trial_init (Trial *b, size_t n, bool recall, bool originals, HfError *err)
{
  memset (b, 0, sizeof *b);
  hf_gsl_init ();
  /* the network and pattern allocators say why they failed (an n beyond
   * the engine's limit is ERANGE, not a lack of memory): keep their code */
  HfError local, *e = err != NULL ? err : &local;
  hf_error_clear (e);
  b->net = hf_network_new (n, 1, e);
  b->D = b->net ? hf_patterns_new (n, 1, e) : NULL;
  if (b->D && originals)
    b->originals = hf_patterns_new (n, 1, e);
  if (b->net && recall && b->D)
    b->rec = hf_recall_new (b->net, e);
  if (!b->net || !b->D || (originals && !b->originals) || (recall && !b->rec))
    {
      HfStatus st = e->code != HF_OK ? e->code : HF_ENOMEM;
      trial_clear (b);
      return st;
    }
  b->rng = gsl_rng_alloc (gsl_rng_mt19937);
  b->probe = malloc (n);
  if (!b->rng || !b->probe)
    {
      trial_clear (b);
      return hf_error_set (err, HF_ENOMEM, "out of memory");
    }
  return HF_OK;
}

static bool
train_continue (const HfTrainProgress *progress, void *user)
{
  (void)progress;
  return !atomic_load ((atomic_int *)user);
}

/* Trains without output; stops promptly when the experiment is cancelled. */
static HfStatus
train_trial (Trial *b, const HfTrainOptions *opts, atomic_int *cancel, double *secs,
             size_t *iters, HfError *err)
{
  double t0 = hf_now ();
  HfStatus st = hf_train (b->net, b->D, opts, train_continue, cancel, err);
  /* A rule that cannot store a set (pseudo-inverse on dependent patterns)
   * simply stores nothing here: that is a data point, not a failure. */
  if (st == HF_ERANK)
    {
      hf_network_clear (b->net);
      hf_error_clear (err);
      st = HF_OK;
    }
  if (st == HF_OK && atomic_load (cancel))
    st = hf_error_set (err, HF_ECANCELLED, "the experiment was cancelled");
  *secs = hf_now () - t0;
  *iters = b->net->summary.iterations;
  return st;
}

/* ---- Fig. 2: capacity and training time ---- */
typedef struct
{
  size_t fixed, iters;
  double secs;
} CapResult;

typedef struct
{
  const HfTrainOptions *opts;
  size_t n, trials;
  const size_t *ms;
  unsigned long seed;
  CapResult *res;
} CapJob;

static HfStatus
capacity_job (size_t job, void *ctx, atomic_int *cancel, HfError *err)
{
  CapJob *c = ctx;
  size_t r = job / c->trials, t = job % c->trials, m = c->ms[r];
  Trial b;
  HfStatus st = trial_init (&b, c->n, false, false, err);
  if (st != HF_OK)
    return st;
  gsl_rng_set (b.rng, c->seed + 7919 * t + 104729 * m);
  CapResult *out = &c->res[job];
  if ((st = hf_patterns_add_random (b.D, m, 0.5, b.rng, err)) == HF_OK
      && (st = train_trial (&b, c->opts, cancel, &out->secs, &out->iters, err)) == HF_OK)
    st = hf_network_count_fixed (b.net, b.D, HF_TIE_OFF, &out->fixed, NULL, NULL);
  trial_clear (&b);
  return st;
}

HfStatus
hf_experiment_capacity_mt (const HfTrainOptions *opts, size_t n, const size_t *ms,
                           size_t count, size_t trials, unsigned long seed,
                           size_t threads, HfCapacityRow *rows, HfExperimentCallback cb,
                           void *user, HfError *err)
{
  if (n == 0 || trials == 0)
    return hf_error_set (err, HF_EINVAL,
                         "a capacity experiment needs n >= 1 and trials >= 1");
  for (size_t r = 0; r < count; r++)
    if (ms[r] == 0)
      return hf_error_set (err, HF_EINVAL, "a capacity experiment needs m >= 1");
  CapJob c = { opts, n, trials, ms, seed, calloc (count * trials, sizeof (CapResult)) };
  if (c.res == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  HfStatus st
      = hf_parallel_run (count * trials, threads, capacity_job, &c, cb, user, err);
  for (size_t r = 0; r < count && st == HF_OK; r++)
    {
      HfCapacityRow *row = &rows[r];
      memset (row, 0, sizeof *row);
      row->m = ms[r];
      for (size_t t = 0; t < trials; t++)
        {
          const CapResult *x = &c.res[r * trials + t];
          row->fraction_stored += (double)x->fixed / (double)ms[r] / (double)trials;
          row->all_stored += (x->fixed == ms[r]) / (double)trials;
          row->seconds += x->secs / (double)trials;
          row->iterations += (double)x->iters / (double)trials;
        }
      double vf = 0.0, vs = 0.0;
      for (size_t t = 0; t < trials; t++)
        {
          const CapResult *x = &c.res[r * trials + t];
          double df = (double)x->fixed / (double)ms[r] - row->fraction_stored,
                 ds = x->secs - row->seconds;
          vf += df * df;
          vs += ds * ds;
        }
      row->fraction_sd = trials > 1 ? sqrt (vf / (double)(trials - 1)) : 0.0;
      row->seconds_sd = trials > 1 ? sqrt (vs / (double)(trials - 1)) : 0.0;
    }
  free (c.res);
  return st;
}

/* ---- Fig. 3: denoising ---- */
typedef struct
{
  const HfTrainOptions *opts;
  size_t n, trials, count, probes;
  const size_t *ms, *flips;
  unsigned long seed;
  size_t *recovered; /* (m, trial) x count */
} DenJob;

static HfStatus
denoise_job (size_t job, void *ctx, atomic_int *cancel, HfError *err)
{
  DenJob *c = ctx;
  size_t n = c->n, t = job % c->trials, m = c->ms[job / c->trials];
  Trial b;
  HfStatus st = trial_init (&b, n, true, false, err);
  if (st != HF_OK)
    return st;
  gsl_rng_set (b.rng, c->seed + 7919 * t);
  double secs;
  size_t iters, *out = c->recovered + job * c->count;
  if ((st = hf_patterns_add_random (b.D, m, 0.5, b.rng, err)) == HF_OK)
    st = train_trial (&b, c->opts, cancel, &secs, &iters, err);
  for (size_t p = 0; p < m && st == HF_OK; p++)
    {
      if (atomic_load (cancel))
        st = hf_error_set (err, HF_ECANCELLED, "the experiment was cancelled");
      for (size_t r = 0; r < c->count && st == HF_OK; r++)
        for (size_t q = 0; q < c->probes; q++)
          {
            memcpy (b.probe, hf_patterns_get (b.D, p), n);
            hf_state_flip_k (b.probe, n, c->flips[r], b.rng, NULL);
            hf_recall_set_state (b.rec, b.probe, NULL);
            hf_recall_run (b.rec, 100);
            out[r]
                += hf_recall_converged (b.rec)
                   && memcmp (hf_recall_state (b.rec), hf_patterns_get (b.D, p), n) == 0;
          }
    }
  trial_clear (&b);
  return st;
}

HfStatus
hf_experiment_denoise_grid_mt (const HfTrainOptions *opts, size_t n, const size_t *ms,
                               size_t count_m, const size_t *flips, size_t count,
                               size_t trials, size_t probes, unsigned long seed,
                               size_t threads, HfDenoiseRow *rows,
                               HfExperimentCallback cb, void *user, HfError *err)
{
  if (n == 0 || trials == 0 || probes == 0)
    return hf_error_set (err, HF_EINVAL,
                         "a denoising experiment needs n, m, trials, probes >= 1");
  for (size_t r = 0; r < count_m; r++)
    if (ms[r] == 0)
      return hf_error_set (err, HF_EINVAL,
                           "a denoising experiment needs n, m, trials, probes >= 1");
  for (size_t r = 0; r < count; r++)
    if (flips[r] > n)
      return hf_error_set (err, HF_EINVAL, "cannot flip %zu of %zu bits", flips[r], n);
  DenJob c = { opts,  n,      trials,
               count, probes, ms,
               flips, seed,   calloc (count_m * trials * count, sizeof (size_t)) };
  if (c.recovered == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  HfStatus st
      = hf_parallel_run (count_m * trials, threads, denoise_job, &c, cb, user, err);
  for (size_t i = 0; i < count_m && st == HF_OK; i++)
    for (size_t r = 0; r < count; r++)
      {
        size_t sum = 0;
        for (size_t t = 0; t < trials; t++)
          sum += c.recovered[(i * trials + t) * count + r];
        rows[i * count + r]
            = (HfDenoiseRow){ flips[r], (double)sum / (double)(trials * ms[i] * probes) };
      }
  free (c.recovered);
  return st;
}

HfStatus
hf_experiment_denoise_mt (const HfTrainOptions *opts, size_t n, size_t m,
                          const size_t *flips, size_t count, size_t trials, size_t probes,
                          unsigned long seed, size_t threads, HfDenoiseRow *rows,
                          HfExperimentCallback cb, void *user, HfError *err)
{
  if (m == 0)
    return hf_error_set (err, HF_EINVAL,
                         "a denoising experiment needs n, m, trials, probes >= 1");
  return hf_experiment_denoise_grid_mt (opts, n, &m, 1, flips, count, trials, probes,
                                        seed, threads, rows, cb, user, err);
}

/* ---- Fig. 4: learning from corrupted samples ---- */
typedef struct
{
  size_t fixed;
  double bits;
} NoisyResult;

typedef struct
{
  const HfTrainOptions *opts;
  size_t n, trials, flips, copies;
  bool exact;
  const size_t *ms;
  unsigned long seed;
  NoisyResult *res;
} NoisyJob;

static HfStatus
noisy_job (size_t job, void *ctx, atomic_int *cancel, HfError *err)
{
  NoisyJob *c = ctx;
  size_t r = job / c->trials, t = job % c->trials, m = c->ms[r], n = c->n;
  Trial b;
  HfStatus st = trial_init (&b, n, true, true, err);
  if (st != HF_OK)
    return st;
  gsl_rng_set (b.rng, c->seed + 7919 * t + 104729 * m);
  st = hf_patterns_add_random (b.originals, m, 0.5, b.rng, err);
  for (size_t k = 0; k < c->copies && st == HF_OK; k++)
    for (size_t p = 0; p < m && st == HF_OK; p++)
      {
        memcpy (b.probe, hf_patterns_get (b.originals, p), n);
        if (c->exact)
          hf_state_flip_k (b.probe, n, c->flips, b.rng, NULL);
        else
          hf_state_flip_bernoulli (b.probe, n, (double)c->flips / (double)n, b.rng, NULL);
        st = hf_patterns_append (b.D, b.probe, err);
      }
  double secs;
  size_t iters;
  NoisyResult *out = &c->res[job];
  if (st == HF_OK
      && (st = train_trial (&b, c->opts, cancel, &secs, &iters, err)) == HF_OK)
    st = hf_network_count_fixed (b.net, b.originals, HF_TIE_OFF, &out->fixed, NULL, NULL);
  double bits = 0.0;
  for (size_t p = 0; p < m && st == HF_OK; p++)
    {
      hf_recall_set_state (b.rec, hf_patterns_get (b.originals, p), NULL);
      hf_recall_run (b.rec, 100);
      bits += 1.0
              - (double)hf_hamming (hf_recall_state (b.rec),
                                    hf_patterns_get (b.originals, p), n)
                    / (double)n;
    }
  out->bits = bits / (double)m;
  trial_clear (&b);
  return st;
}

HfStatus
hf_experiment_noisy_mt (const HfTrainOptions *opts, size_t n, const size_t *ms,
                        size_t count, size_t flips, bool exact, size_t copies,
                        size_t trials, unsigned long seed, size_t threads,
                        HfNoisyRow *rows, HfExperimentCallback cb, void *user,
                        HfError *err)
{
  if (n == 0 || copies == 0 || trials == 0 || flips > n)
    return hf_error_set (err, HF_EINVAL,
                         "a noisy-training experiment needs n, copies, "
                         "trials >= 1 and flips <= n");
  for (size_t r = 0; r < count; r++)
    if (ms[r] == 0)
      return hf_error_set (err, HF_EINVAL, "a noisy-training experiment needs m >= 1");
  NoisyJob c = { opts,  n,      trials,
                 flips, copies, exact,
                 ms,    seed,   calloc (count * trials, sizeof (NoisyResult)) };
  if (c.res == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  HfStatus st = hf_parallel_run (count * trials, threads, noisy_job, &c, cb, user, err);
  for (size_t r = 0; r < count && st == HF_OK; r++)
    {
      HfNoisyRow *row = &rows[r];
      memset (row, 0, sizeof *row);
      row->m = ms[r];
      for (size_t t = 0; t < trials; t++)
        {
          row->patterns_stored
              += (double)c.res[r * trials + t].fixed / (double)ms[r] / (double)trials;
          row->bits_recalled += c.res[r * trials + t].bits / (double)trials;
        }
    }
  free (c.res);
  return st;
}

/* ---- scaling: MPF time against n at m = n / 4 ---- */
typedef struct
{
  HfExperimentCallback cb;
  void *user;
  double base, share;
} Sub;

static bool
sub_progress (double done, void *user)
{
  Sub *s = user;
  return s->cb == NULL || s->cb (s->base + s->share * done, s->user);
}

HfStatus
hf_experiment_scaling (const HfTrainOptions *opts, const size_t *ns, size_t count,
                       size_t trials, unsigned long seed, size_t fit_from,
                       HfScalingRow *rows, double *exponent, HfExperimentCallback cb,
                       void *user, HfError *err)
{
  *exponent = NAN;
  if (trials == 0 || count == 0)
    return hf_error_set (err, HF_EINVAL, "a scaling experiment needs trials and sizes");
  for (size_t r = 0; r < count; r++)
    if (ns[r] < 8)
      return hf_error_set (err, HF_EINVAL, "a scaling experiment needs n >= 8 (got %zu)",
                           ns[r]);
  /* Time accumulated per size; each size is a one-row capacity run on one
   * thread of trials, so every training keeps BLAS's threads. */
  HfStatus st = HF_OK;
  double total = 0.0;
  for (size_t r = 0; r < count; r++)
    total += pow ((double)ns[r], 2.5);
  double done = 0.0;
  for (size_t r = 0; r < count && st == HF_OK; r++)
    {
      size_t n = ns[r], m = n / 4;
      HfCapacityRow row;
      double share = pow ((double)n, 2.5) / total;
      Sub sub = { cb, user, done, share };
      Trial b;
      CapResult *res = calloc (trials, sizeof *res);
      if (res == NULL)
        return hf_error_set (err, HF_ENOMEM, "out of memory");
      atomic_int cancel;
      atomic_init (&cancel, 0);
      for (size_t t = 0; t < trials && st == HF_OK; t++)
        {
          if ((st = trial_init (&b, n, false, false, err)) != HF_OK)
            break;
          gsl_rng_set (b.rng, seed + 7919 * t + 104729 * m);
          if ((st = hf_patterns_add_random (b.D, m, 0.5, b.rng, err)) == HF_OK
              && (st = train_trial (&b, opts, &cancel, &res[t].secs, &res[t].iters, err))
                     == HF_OK)
            st = hf_network_count_fixed (b.net, b.D, HF_TIE_OFF, &res[t].fixed, NULL,
                                         NULL);
          trial_clear (&b);
          if (st == HF_OK && !sub_progress ((double)(t + 1) / (double)trials, &sub))
            st = hf_error_set (err, HF_ECANCELLED, "the experiment was cancelled");
        }
      memset (&row, 0, sizeof row);
      for (size_t t = 0; t < trials; t++)
        {
          row.seconds += res[t].secs / (double)trials;
          row.fraction_stored += (double)res[t].fixed / (double)m / (double)trials;
        }
      double v = 0.0;
      for (size_t t = 0; t < trials; t++)
        v += (res[t].secs - row.seconds) * (res[t].secs - row.seconds);
      rows[r] = (HfScalingRow){ n, m, row.seconds,
                                trials > 1 ? sqrt (v / (double)(trials - 1)) : 0.0,
                                row.fraction_stored };
      free (res);
      done += share;
    }
  if (st != HF_OK)
    return st;
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int k = 0;
  for (size_t r = 0; r < count; r++)
    if (rows[r].n >= fit_from && rows[r].seconds > 0.0)
      {
        double lx = log ((double)rows[r].n), ly = log (rows[r].seconds);
        sx += lx;
        sy += ly;
        sxx += lx * lx;
        sxy += lx * ly;
        k++;
      }
  if (k >= 2 && k * sxx - sx * sx > 0.0)
    *exponent = (k * sxy - sx * sy) / (k * sxx - sx * sx);
  return HF_OK;
}

/* ---- stopping and basins: denoising against MPF's stopping margin ---- */
HfStatus
hf_experiment_margin (const HfTrainOptions *opts, size_t n, size_t m,
                      const double *margins, size_t count_margins, const size_t *flips,
                      size_t count_flips, size_t trials, size_t probes,
                      unsigned long seed, size_t threads, HfDenoiseRow *rows,
                      HfExperimentCallback cb, void *user, HfError *err)
{
  HfStatus st = HF_OK;
  for (size_t r = 0; r < count_margins && st == HF_OK; r++)
    {
      if (!(margins[r] >= 0.0) || margins[r] > 1e6)
        return hf_error_set (err, HF_EINVAL, "a stopping margin must be in [0, 1e6]");
      HfTrainOptions o = *opts;
      o.margin = margins[r];
      Sub sub
          = { cb, user, (double)r / (double)count_margins, 1.0 / (double)count_margins };
      st = hf_experiment_denoise_mt (&o, n, m, flips, count_flips, trials, probes, seed,
                                     threads, rows + r * count_flips, sub_progress, &sub,
                                     err);
    }
  return st;
}
