/* Minimum probability flow: batch (objective (4) by L-BFGS) and online
 * (rule (5)-(6)). See docs/conventions.md for why the +-1 form here,
 * sum exp(-s_i h_i), equals the paper's 0/1 form term by term. */
#include "hf-train-private.h"

#include "hf-blas.h"
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hf-bigmem.h"
#include "hf-lbfgs.h"

typedef struct
{
  size_t n, m, nJ, dim;
  bool learn_theta, dbl;
  void *S, *J, *H, *M, *gth, *ones; /* float or double, per dbl */
  size_t *excl, n_excl;             /* sorted flat indices p*n+i left out */
  size_t terms;                     /* m n - n_excl */
  double last_min_stability;
  size_t last_unstable;
  double blas_seconds, blas_flops;
  size_t evaluations; /* every objective evaluation, whoever asked for it */
  const atomic_int *cancel;
  HfLbfgs *lbfgs;
  gsl_multimin_fdfminimizer *gsl;
  gsl_multimin_function_fdf gsl_fdf;
  double *x0, *gscratch;
  HfStatus (*eval) (const double *x, double *f, double *g, void *user);
} Mpf;

#define REAL float
#define MPF_EVAL mpf_eval_float
#define BLAS(name) cblas_s##name
#define EXP_CLAMP 80.0 /* e^80 ~ 5.5e34 still fits a float */
#define EXP expf
#include "hf-mpf-eval.inc"
#undef REAL
#undef MPF_EVAL
#undef BLAS
#undef EXP_CLAMP
#undef EXP
#define REAL double
#define MPF_EVAL mpf_eval_double
#define BLAS(name) cblas_d##name
#define EXP_CLAMP 700.0
#define EXP exp
#include "hf-mpf-eval.inc"
#undef REAL
#undef MPF_EVAL
#undef BLAS
#undef EXP_CLAMP
#undef EXP

/* ---- pairs of patterns one bit apart ----
 * If flipping bit i of pattern p gives another pattern of D, the term
 * (p, i) is not a neighbour outside D and objective (4) leaves it out.
 * Zobrist hashing finds all such pairs in O(m n). */
static uint64_t
splitmix64 (uint64_t *state)
{
  uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static int
cmp_size (const void *a, const void *b)
{
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return (x > y) - (x < y);
}

static HfStatus
find_exclusions (Mpf *w, const HfPatterns *D, HfError *err)
{
  size_t n = D->n, m = D->m, cap = 16;
  while (cap < 2 * m)
    cap *= 2;
  uint64_t *key = malloc (n * sizeof *key), *hash = malloc (m * sizeof *hash);
  long *table = malloc (cap * sizeof *table);
  if (!key || !hash || !table)
    {
      free (key);
      free (hash);
      free (table);
      return hf_error_set (err, HF_ENOMEM, "out of memory");
    }
  uint64_t st = 0x48f5e2a1u;
  for (size_t i = 0; i < n; i++)
    key[i] = splitmix64 (&st);
  for (size_t c = 0; c < cap; c++)
    table[c] = -1;
  for (size_t p = 0; p < m; p++)
    {
      const int8_t *x = hf_patterns_get (D, p);
      uint64_t h = 0;
      for (size_t i = 0; i < n; i++)
        if (x[i] > 0)
          h ^= key[i];
      hash[p] = h;
      size_t c = h & (cap - 1);
      while (table[c] >= 0)
        c = (c + 1) & (cap - 1);
      table[c] = (long)p;
    }
  HfStatus status = HF_OK;
  size_t alloc = 0;
  for (size_t p = 0; p < m && status == HF_OK; p++)
    for (size_t i = 0; i < n && status == HF_OK; i++)
      {
        uint64_t h = hash[p] ^ key[i];
        for (size_t c = h & (cap - 1); table[c] >= 0; c = (c + 1) & (cap - 1))
          {
            size_t q = (size_t)table[c];
            if (hash[q] != h)
              continue;
            const int8_t *a = hf_patterns_get (D, p), *b = hf_patterns_get (D, q);
            if (a[i] == b[i] || hf_hamming (a, b, n) != 1)
              continue;
            if (w->n_excl == alloc)
              {
                alloc = alloc ? 2 * alloc : 16;
                size_t *e = realloc (w->excl, alloc * sizeof *e);
                if (e == NULL)
                  {
                    status = hf_error_set (err, HF_ENOMEM, "out of memory");
                    break;
                  }
                w->excl = e;
              }
            w->excl[w->n_excl++] = p * n + i;
            break;
          }
      }
  free (key);
  free (hash);
  free (table);
  if (w->n_excl > 1)
    qsort (w->excl, w->n_excl, sizeof (size_t), cmp_size);
  return status;
}

static void workspace_free (Mpf *w);

/* ---- GSL vector_bfgs2 adapter, kept for comparison in the benchmark ---- */
static void
gsl_fdf (const gsl_vector *x, void *user, double *f, gsl_vector *g)
{
  Mpf *w = user;
  double *gd = g != NULL ? g->data : w->gscratch;
  if (w->eval (x->data, f, gd, w) != HF_OK)
    *f = NAN;
}
static double
gsl_f (const gsl_vector *x, void *user)
{
  double f;
  gsl_fdf (x, user, &f, NULL);
  return f;
}
static void
gsl_df (const gsl_vector *x, void *user, gsl_vector *g)
{
  double f;
  gsl_fdf (x, user, &f, g);
}

static void
mpf_free (HfTrainer *t)
{
  if (t->state != NULL)
    workspace_free (t->state);
}

static void
write_network (Mpf *w, HfNetwork *net, const double *x)
{
  size_t n = w->n, k = 0;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      net->J[i * n + j] = (float)x[k++];
  hf_mirror_upper (net->J, n);
  for (size_t i = 0; i < n; i++)
    net->theta[i] = w->learn_theta ? (float)x[w->nJ + i] : 0.0f;
}

static HfStatus
mpf_workspace (Mpf *w, const HfPatterns *D, bool learn_theta, bool dbl, HfError *err)
{
  size_t n = D->n, m = D->m;
  w->n = n;
  w->m = m;
  w->nJ = n * (n - 1) / 2;
  w->learn_theta = learn_theta;
  w->dim = w->nJ + (w->learn_theta ? n : 0);
  w->dbl = dbl;
  w->eval = w->dbl ? mpf_eval_double : mpf_eval_float;
  if (w->dim == 0)
    return hf_error_set (err, HF_EINVAL, "a network of one neuron has nothing to learn");
  size_t el = w->dbl ? sizeof (double) : sizeof (float);
  w->S = hf_big_alloc (m * n * el);
  w->H = hf_big_alloc (m * n * el);
  w->J = hf_big_calloc (n * n * el);
  w->M = hf_big_alloc (n * n * el);
  w->gth = malloc (n * el);
  w->ones = malloc (m * el);
  w->x0 = hf_big_calloc (w->dim * sizeof (double));
  if (!w->S || !w->H || !w->J || !w->M || !w->gth || !w->ones || !w->x0)
    return hf_error_set (err, HF_ENOMEM,
                         "out of memory for MPF workspaces (n = %zu, m = %zu: %.0f MiB)",
                         n, m, (double)(2 * m * n + 2 * n * n) * (double)el / 1048576.0);
  for (size_t k = 0; k < m * n; k++)
    {
      if (w->dbl)
        ((double *)w->S)[k] = D->data[k];
      else
        ((float *)w->S)[k] = D->data[k];
    }
  for (size_t p = 0; p < m; p++)
    {
      if (w->dbl)
        ((double *)w->ones)[p] = 1.0;
      else
        ((float *)w->ones)[p] = 1.0f;
    }
  HfStatus st = find_exclusions (w, D, err);
  if (st != HF_OK)
    return st;
  w->terms = m * n - w->n_excl;
  if (w->terms == 0)
    return hf_error_set (err, HF_EINVAL,
                         "every neighbour of every pattern is itself a pattern");
  return HF_OK;
}

static void
workspace_free (Mpf *w)
{
  size_t el = w->dbl ? sizeof (double) : sizeof (float);
  hf_big_free (w->S, w->m * w->n * el);
  hf_big_free (w->J, w->n * w->n * el);
  hf_big_free (w->H, w->m * w->n * el);
  hf_big_free (w->M, w->n * w->n * el);
  free (w->gth);
  free (w->ones);
  free (w->excl);
  hf_big_free (w->x0, w->dim * sizeof (double));
  free (w->gscratch);
  hf_lbfgs_free (w->lbfgs);
  if (w->gsl)
    gsl_multimin_fdfminimizer_free (w->gsl);
  free (w);
}

HfStatus
hf_mpf_objective (const HfNetwork *net, const HfPatterns *D, bool double_precision,
                  double *f, double *grad_J, double *grad_theta, HfError *err)
{
  if (D->n != net->n || D->m == 0)
    return hf_error_set (err, HF_EINVAL,
                         "the MPF objective needs patterns of the network's size");
  Mpf *w = calloc (1, sizeof *w);
  if (w == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  HfStatus st = mpf_workspace (w, D, true, double_precision, err);
  double *g = st == HF_OK ? malloc (w->dim * sizeof (double)) : NULL;
  if (st == HF_OK && g == NULL)
    st = hf_error_set (err, HF_ENOMEM, "out of memory");
  if (st == HF_OK)
    {
      size_t n = net->n, k = 0;
      for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
          w->x0[k++] = net->J[i * n + j];
      for (size_t i = 0; i < n; i++)
        w->x0[w->nJ + i] = net->theta[i];
      st = w->eval (w->x0, f, g, w);
      k = 0;
      for (size_t i = 0; i < n; i++)
        {
          if (grad_J != NULL)
            grad_J[i * n + i] = 0.0;
          for (size_t j = i + 1; j < n; j++, k++)
            if (grad_J != NULL)
              grad_J[i * n + j] = grad_J[j * n + i] = g[k];
          if (grad_theta != NULL)
            grad_theta[i] = g[w->nJ + i];
        }
    }
  free (g);
  workspace_free (w);
  return st;
}

static HfStatus
mpf_start (HfTrainer *t, HfError *err)
{
  Mpf *w = calloc (1, sizeof *w);
  t->state = w;
  if (w == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  HfStatus st
      = mpf_workspace (w, t->D, t->opts.learn_thresholds, t->opts.double_precision, err);
  if (st != HF_OK)
    return st;
  /* L-BFGS keeps 2 * memory vectors of every parameter in double, plus
   * five working vectors (8.4 million parameters at n = 4096). Where the
   * requested memory would not fit in half the machine, use fewer pairs
   * (at least 2) rather than trust the kernel's overcommit. */
  size_t per_vector = w->dim * sizeof (double), budget = hf_physical_memory () / 2;
  size_t pairs = t->opts.lbfgs_memory;
  if (budget > 0 && (5 + 2 * pairs) * per_vector > budget)
    pairs = budget / per_vector > 9 ? (budget / per_vector - 5) / 2 : 2;
  size_t vectors = t->opts.minimizer == HF_MINIMIZER_GSL_BFGS2 ? 12 : 5 + 2 * pairs;
  char what[96];
  snprintf (what, sizeof what, hf_translate (HF_N_ ("MPF over %zu parameters (n = %zu)")),
            w->dim, w->n);
  if ((st = hf_check_memory (vectors * per_vector, what, err)) != HF_OK)
    return st;
  t->opts.lbfgs_memory = pairs;
  if (t->opts.minimizer == HF_MINIMIZER_GSL_BFGS2)
    {
      w->gsl = gsl_multimin_fdfminimizer_alloc (gsl_multimin_fdfminimizer_vector_bfgs2,
                                                w->dim);
      w->gscratch = malloc (w->dim * sizeof (double));
      if (w->gsl == NULL || w->gscratch == NULL)
        return hf_error_set (err, HF_ENOMEM, "out of memory for the GSL minimiser");
      w->gsl_fdf = (gsl_multimin_function_fdf){ gsl_f, gsl_df, gsl_fdf, w->dim, w };
      gsl_vector_view xv = gsl_vector_view_array (w->x0, w->dim);
      int rc = gsl_multimin_fdfminimizer_set (w->gsl, &w->gsl_fdf, &xv.vector, 1.0, 0.1);
      if (rc != GSL_SUCCESS)
        return hf_error_set (err, HF_ENUMERIC, "the GSL minimiser could not start: %s",
                             gsl_strerror (rc));
    }
  else
    {
      HfError local, *e = err != NULL ? err : &local; /* keep the status */
      w->lbfgs = hf_lbfgs_new (w->dim, t->opts.lbfgs_memory, e);
      if (w->lbfgs == NULL)
        return e->code;
      st = hf_lbfgs_set (w->lbfgs, w->x0, w->eval, w, err);
      if (st != HF_OK)
        return st;
    }
  t->progress.objective = 1.0;
  t->progress.evaluations = w->evaluations;
  return HF_OK;
}

static HfStatus
mpf_iterate (HfTrainer *t, HfError *err)
{
  Mpf *w = t->state;
  HfStatus st;
  const double *x;
  w->cancel = t->cancel;
  double f, gnorm;
  if (w->gsl != NULL)
    {
      int rc = gsl_multimin_fdfminimizer_iterate (w->gsl);
      x = w->gsl->x->data;
      f = w->gsl->f;
      gnorm = fabs (
          w->gsl->gradient->data[cblas_idamax ((int)w->dim, w->gsl->gradient->data, 1)]);
      /* Its last evaluation need not be the accepted point: evaluate there
       * again for the stability statistics. */
      double fx;
      st = rc == GSL_SUCCESS ? HF_OK : rc == GSL_ENOPROG ? HF_DONE : HF_ENUMERIC;
      if (st == HF_ENUMERIC)
        hf_error_set (err, st, "the GSL minimiser failed: %s", gsl_strerror (rc));
      else if (w->eval (x, &fx, w->gscratch, w) != HF_OK)
        st = hf_error_set (err, HF_ECANCELLED, "training was cancelled");
    }
  else
    {
      st = hf_lbfgs_iterate (w->lbfgs, err);
      x = hf_lbfgs_x (w->lbfgs);
      f = hf_lbfgs_f (w->lbfgs);
      gnorm = hf_lbfgs_gnorm_inf (w->lbfgs);
    }
  t->progress.evaluations = w->evaluations;
  if (st != HF_OK && st != HF_DONE)
    return st;
  if (!isfinite (f))
    return hf_error_set (err, HF_ENUMERIC, "the MPF objective overflowed");
  write_network (w, t->net, x);
  t->progress.iteration++;
  t->progress.objective = f;
  t->progress.gradient_norm = gnorm;
  t->progress.unstable = w->last_unstable;
  t->progress.min_stability = w->last_min_stability;
  t->progress.blas_seconds = w->blas_seconds;
  t->progress.blas_flops = w->blas_flops;
  bool margin_ok = t->opts.margin > 0.0 && w->last_min_stability >= t->opts.margin;
  bool flat = gnorm <= t->opts.tolerance;
  snprintf (t->progress.message, sizeof t->progress.message,
            hf_translate (HF_N_ (
                "iteration %zu: K/T = %.3g, |grad| = %.2g, %zu patterns not yet stable")),
            t->progress.iteration, f, gnorm, w->last_unstable);
  if (margin_ok || flat || st == HF_DONE)
    {
      t->progress.converged = margin_ok || flat;
      snprintf (t->progress.message, sizeof t->progress.message,
                hf_translate (HF_N_ ("%s after %zu iterations (%zu evaluations)")),
                margin_ok ? hf_translate (
                    HF_N_ ("every pattern is a strict minimum with margin"))
                : flat ? hf_translate (HF_N_ ("gradient below tolerance"))
                       : hf_translate (HF_N_ ("no further decrease")),
                t->progress.iteration, t->progress.evaluations);
      return HF_DONE;
    }
  return HF_OK;
}

const HfRuleVtable hf_rule_mpf_vt = { mpf_start, mpf_iterate, mpf_free };

/* ---- the online rule (5)-(6), one pattern per iteration ----
 * For pattern s: a_i = exp(-s_i h_i), and steepest descent on
 * K_s = sum_i a_i gives dJ_ij = e s_i s_j (a_i + a_j), dtheta_i = -e s_i a_i:
 * local, since J_ij needs only s_i, s_j, h_i, h_j.
 *
 * The step e comes from the data's scale (docs/conventions.md): one
 * update moves s_i h_i by e ((n - 2) a_i + A + a_i), A = sum_j a_j, for the
 * pattern shown and by at most that for any other, so a fixed e overshoots
 * by a factor n and then by the exponential (K/T ~ 1e302 on the 16x16
 * digits at e = 0.1). Hence e = eta / n, and never more than moves any
 * s_i h_i by 1. */
static double
online_step (const float *a, size_t n, double eta, bool thresholds)
{
  double amax = 0.0, sum = 0.0;
  for (size_t i = 0; i < n; i++)
    {
      amax = a[i] > amax ? a[i] : amax;
      sum += a[i];
    }
  double reach = ((double)n - 2.0) * amax + sum + (thresholds ? amax : 0.0);
  double step = eta / (double)n;
  return reach * step > 1.0 ? 1.0 / reach : step;
}
typedef struct
{
  float *xi, *h, *e;
  float *S, *H; /* m x n: the patterns as floats, and their fields at an epoch's end */
  size_t *order;
  size_t pos;
} MpfOnline;

static HfStatus
online_start (HfTrainer *t, HfError *err)
{
  size_t n = t->net->n, m = t->D->m;
  MpfOnline *o = calloc (1, sizeof *o);
  t->state = o;
  if (o != NULL)
    {
      o->xi = malloc (n * sizeof (float));
      o->h = malloc (n * sizeof (float));
      o->e = malloc (n * sizeof (float));
      o->order = malloc (m * sizeof (size_t));
      o->S = hf_patterns_to_float (t->D);
      o->H = malloc (m * n * sizeof (float));
    }
  if (o == NULL || !o->xi || !o->h || !o->e || !o->order || !o->S || !o->H)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  for (size_t p = 0; p < m; p++)
    o->order[p] = p;
  gsl_ran_shuffle (t->rng, o->order, m, sizeof (size_t));
  t->progress.max_iterations = t->opts.max_iterations * m;
  return HF_OK;
}

static HfStatus
online_iterate (HfTrainer *t, HfError *err)
{
  MpfOnline *o = t->state;
  HfNetwork *net = t->net;
  size_t n = net->n, m = t->D->m;
  const int8_t *x = hf_patterns_get (t->D, o->order[o->pos]);
  for (size_t i = 0; i < n; i++)
    o->xi[i] = x[i];
  hf_network_fields_f (net, o->xi, o->h);
  for (size_t i = 0; i < n; i++)
    {
      double sh = (double)o->xi[i] * o->h[i];
      o->e[i] = (float)exp (-sh < 30.0 ? -sh : 30.0); /* a_i */
    }
  float step
      = (float)online_step (o->e, n, t->opts.learning_rate, t->opts.learn_thresholds);
  for (size_t i = 0; i < n; i++)
    o->e[i] *= step * o->xi[i];
  /* J += e xi^T + xi e^T  (e_i = step s_i a_i: (e xi^T)_ij = step a_i s_i s_j) */
  cblas_sger (CblasRowMajor, (int)n, (int)n, 1.0f, o->e, 1, o->xi, 1, net->J, (int)n);
  cblas_sger (CblasRowMajor, (int)n, (int)n, 1.0f, o->xi, 1, o->e, 1, net->J, (int)n);
  for (size_t i = 0; i < n; i++)
    net->J[i * n + i] = 0.0f;
  if (t->opts.learn_thresholds)
    cblas_saxpy ((int)n, -1.0f, o->e, 1, net->theta, 1);
  t->progress.iteration++;
  if (++o->pos < m)
    {
      snprintf (t->progress.message, sizeof t->progress.message,
                hf_translate (HF_N_ ("epoch %zu, pattern %zu of %zu")),
                t->progress.epoch + 1, o->pos, m);
      return HF_OK;
    }
  /* End of an epoch: check every pattern's stability in one SGEMM. */
  o->pos = 0;
  t->progress.epoch++;
  gsl_ran_shuffle (t->rng, o->order, m, sizeof (size_t));
  float *S = o->S, *H = o->H;
  for (size_t p = 0; p < m; p++)
    memcpy (H + p * n, net->theta, n * sizeof (float));
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)m, (int)n, (int)n, 1.0f, S,
               (int)n, net->J, (int)n, -1.0f, H, (int)n);
  double worst = INFINITY, sum = 0.0;
  size_t unstable = 0;
  for (size_t p = 0; p < m; p++)
    {
      bool bad = false;
      for (size_t i = 0; i < n; i++)
        {
          double sh = (double)S[p * n + i] * H[p * n + i];
          worst = fmin (worst, sh);
          bad |= sh <= 0.0;
          sum += exp (-sh < 700.0 ? -sh : 700.0);
        }
      unstable += bad;
    }
  t->progress.objective = sum / (double)(m * n);
  t->progress.unstable = unstable;
  snprintf (t->progress.message, sizeof t->progress.message,
            hf_translate (HF_N_ ("epoch %zu: K/T = %.3g, %zu patterns not yet stable")),
            t->progress.epoch, t->progress.objective, unstable);
  if (worst >= t->opts.margin && t->opts.margin > 0.0)
    {
      t->progress.converged = true;
      snprintf (t->progress.message, sizeof t->progress.message,
                hf_translate (HF_N_ (
                    "every pattern is a strict minimum with margin after %zu epochs")),
                t->progress.epoch);
      return HF_DONE;
    }
  return HF_OK;
}

static void
online_free (HfTrainer *t)
{
  MpfOnline *o = t->state;
  if (o == NULL)
    return;
  free (o->xi);
  free (o->h);
  free (o->e);
  free (o->order);
  free (o->S);
  free (o->H);
  free (o);
}

const HfRuleVtable hf_rule_mpf_online_vt = { online_start, online_iterate, online_free };
