/* hf-landscape-sample.c: the landscape of networks of any size, by seeded
 * sampling: the overlap plane, basin radii, and stability margins. */
#include "hf-landscape.h"

#include "hf-blas.h"
#include <gsl/gsl_randist.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_THREADS 16

static bool
flag_set (const atomic_int *flag)
{
  return flag != NULL && atomic_load (flag) != 0;
}

static unsigned
online_threads (unsigned asked)
{
  if (asked > 0)
    return asked > MAX_THREADS ? MAX_THREADS : asked;
  long c = sysconf (_SC_NPROCESSORS_ONLN);
  return c < 1 ? 1 : c > MAX_THREADS ? MAX_THREADS : (unsigned)c;
}

/* H (rows x n) = X J - theta: the fields of `rows` states at once. */
static void
fields_of_rows (const HfNetwork *net, const float *X, size_t rows, float *H)
{
  size_t n = net->n;
  cblas_sgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)rows, (int)n, (int)n, 1.0f,
               X, (int)n, net->J, (int)n, 0.0f, H, (int)n);
  for (size_t r = 0; r < rows; r++)
    for (size_t i = 0; i < n; i++)
      H[r * n + i] -= net->theta[i];
}

/* ---- overlap plane ------------------------------------------------ */

struct HfOverlapPlane
{
  const HfNetwork *net;
  const HfPatterns *P;
  HfOverlapPlaneOptions o;
  size_t n, G, row;
  const atomic_int *cancel;
  HfPlaneCell *cells;
  size_t *same, *diff; /* neurons where a and b agree / differ */
  size_t n_same, n_diff;
  float *X, *H;
  double *energies;
  gsl_rng *rng;
};

void
hf_overlap_plane_options_init (HfOverlapPlaneOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->a = 0;
  opts->b = 1;
  opts->grid = 21;
  opts->samples = 16;
  opts->tie = HF_TIE_OFF;
  opts->seed = 1;
}

HfOverlapPlane *
hf_overlap_plane_new (const HfNetwork *net, const HfPatterns *patterns,
                      const HfOverlapPlaneOptions *opts, HfError *err)
{
  if (patterns == NULL || patterns->n != net->n)
    {
      hf_error_set (err, HF_EINVAL,
                    "the overlap plane needs the stored patterns of the "
                    "network (same number of neurons)");
      return NULL;
    }
  if (opts->a >= patterns->m || opts->b >= patterns->m || opts->a == opts->b)
    {
      hf_error_set (
          err, HF_EINVAL,
          "the plane needs two different stored patterns (got %zu and %zu of %zu)",
          opts->a, opts->b, patterns->m);
      return NULL;
    }
  if (opts->grid < 2 || opts->grid > 401 || opts->samples < 1 || opts->samples > 100000)
    {
      hf_error_set (err, HF_EINVAL,
                    "the plane takes 2 to 401 cells per axis and 1 to 100000 samples per "
                    "cell (got %zu and %zu)",
                    opts->grid, opts->samples);
      return NULL;
    }
  size_t n = net->n, G = opts->grid, rows = G * opts->samples;
  if (hf_check_memory (2 * rows * n * sizeof (float), HF_N_ ("the overlap plane"), err)
      != HF_OK)
    return NULL;
  HfOverlapPlane *p = calloc (1, sizeof *p);
  if (p == NULL)
    goto oom;
  p->net = net;
  p->P = patterns;
  p->o = *opts;
  p->n = n;
  p->G = G;
  p->cells = calloc (G * G, sizeof (HfPlaneCell));
  p->same = malloc (n * sizeof (size_t));
  p->diff = malloc (n * sizeof (size_t));
  p->X = malloc (rows * n * sizeof (float));
  p->H = malloc (rows * n * sizeof (float));
  p->energies = malloc (opts->samples * sizeof (double));
  p->rng = gsl_rng_alloc (gsl_rng_mt19937);
  if (!p->cells || !p->same || !p->diff || !p->X || !p->H || !p->energies || !p->rng)
    goto oom;
  const int8_t *xa = hf_patterns_get (patterns, opts->a);
  const int8_t *xb = hf_patterns_get (patterns, opts->b);
  for (size_t i = 0; i < n; i++)
    {
      if (xa[i] == xb[i])
        p->same[p->n_same++] = i;
      else
        p->diff[p->n_diff++] = i;
    }
  return p;
oom:
  hf_overlap_plane_free (p);
  hf_error_set (err, HF_ENOMEM, "out of memory for the overlap plane");
  return NULL;
}

void
hf_overlap_plane_free (HfOverlapPlane *p)
{
  if (p == NULL)
    return;
  free (p->cells);
  free (p->same);
  free (p->diff);
  free (p->X);
  free (p->H);
  free (p->energies);
  if (p->rng)
    gsl_rng_free (p->rng);
  free (p);
}

void
hf_overlap_plane_set_cancel_flag (HfOverlapPlane *p, const atomic_int *flag)
{
  p->cancel = flag;
}

static size_t
clamp_round (double v, size_t hi)
{
  double r = floor (v + 0.5);
  return r < 0 ? 0 : r > (double)hi ? hi : (size_t)r;
}

/* Fills row `s` of X with a state agreeing with a on `p` random neurons of
 * `same` and `q` random neurons of `diff`. */
static void
draw_state (HfOverlapPlane *pl, size_t p, size_t q, float *x)
{
  const int8_t *xa = hf_patterns_get (pl->P, pl->o.a);
  for (size_t i = 0; i < pl->n; i++)
    x[i] = -xa[i];
  /* Partial Fisher-Yates: the first p (q) of a random permutation. */
  for (size_t k = 0; k < p; k++)
    {
      size_t j = k + gsl_rng_uniform_int (pl->rng, pl->n_same - k);
      size_t t = pl->same[k];
      pl->same[k] = pl->same[j];
      pl->same[j] = t;
      x[pl->same[k]] = xa[pl->same[k]];
    }
  for (size_t k = 0; k < q; k++)
    {
      size_t j = k + gsl_rng_uniform_int (pl->rng, pl->n_diff - k);
      size_t t = pl->diff[k];
      pl->diff[k] = pl->diff[j];
      pl->diff[j] = t;
      x[pl->diff[k]] = xa[pl->diff[k]];
    }
}

HfStatus
hf_overlap_plane_iterate (HfOverlapPlane *pl, HfError *err)
{
  if (pl->row >= pl->G)
    return HF_DONE;
  if (flag_set (pl->cancel))
    return hf_error_set (err, HF_ECANCELLED, "the overlap plane was cancelled");
  size_t n = pl->n, G = pl->G, S = pl->o.samples, i = pl->row;
  double nd = (double)n, step = 2.0 / (double)(G - 1);
  const int8_t *xa = hf_patterns_get (pl->P, pl->o.a);
  const int8_t *xb = hf_patterns_get (pl->P, pl->o.b);
  /* Each row on its own: its generator, and the neuron lists in order. */
  gsl_rng_set (pl->rng, pl->o.seed + 7919ul * i);
  pl->n_same = pl->n_diff = 0;
  for (size_t k = 0; k < n; k++)
    {
      if (xa[k] == xb[k])
        pl->same[pl->n_same++] = k;
      else
        pl->diff[pl->n_diff++] = k;
    }
  for (size_t j = 0; j < G; j++)
    {
      HfPlaneCell *c = &pl->cells[i * G + j];
      c->target_a = -1.0 + step * (double)i;
      c->target_b = -1.0 + step * (double)j;
      /* agreements with a: p + q = n (1 + ma) / 2; with b: p + n_diff - q. */
      double A = nd * (1 + c->target_a) / 2, B = nd * (1 + c->target_b) / 2;
      size_t p = clamp_round ((A + B - (double)pl->n_diff) / 2, pl->n_same);
      size_t q = clamp_round ((A - B + (double)pl->n_diff) / 2, pl->n_diff);
      c->ma = (2.0 * (double)(p + q) - nd) / nd;
      c->mb = (2.0 * (double)(p + pl->n_diff - q) - nd) / nd;
      if (fabs (c->ma - c->target_a) > step / 2 + 1e-12
          || fabs (c->mb - c->target_b) > step / 2 + 1e-12)
        {
          c->samples = 0;
          c->energy_mean = c->energy_sd = c->drift_a = c->drift_b = NAN;
          continue;
        }
      c->samples = S;
      for (size_t s = 0; s < S; s++)
        draw_state (pl, p, q, pl->X + (j * S + s) * n);
    }
  if (flag_set (pl->cancel))
    return hf_error_set (err, HF_ECANCELLED, "the overlap plane was cancelled");
  fields_of_rows (pl->net, pl->X, G * S, pl->H);
  for (size_t j = 0; j < G; j++)
    {
      HfPlaneCell *c = &pl->cells[i * G + j];
      if (c->samples == 0)
        continue;
      double sum = 0, da = 0, db = 0;
      for (size_t s = 0; s < S; s++)
        {
          const float *x = pl->X + (j * S + s) * n, *h = pl->H + (j * S + s) * n;
          double e = 0, ga = 0, gb = 0;
          for (size_t k = 0; k < n; k++)
            {
              e += x[k] * (-0.5 * (double)h[k] + 0.5 * (double)pl->net->theta[k]);
              int8_t cur = x[k] > 0 ? 1 : -1;
              int d = hf_decide (h[k], cur, pl->o.tie) - cur;
              ga += d * xa[k];
              gb += d * xb[k];
            }
          pl->energies[s] = e;
          sum += e;
          da += ga / nd;
          db += gb / nd;
        }
      double mean = sum / (double)S, var = 0;
      for (size_t s = 0; s < S; s++)
        var += (pl->energies[s] - mean) * (pl->energies[s] - mean);
      c->energy_mean = mean;
      c->energy_sd = sqrt (var / (double)S);
      c->drift_a = da / (double)S;
      c->drift_b = db / (double)S;
    }
  pl->row++;
  return pl->row >= G ? HF_DONE : HF_OK;
}

double
hf_overlap_plane_progress (const HfOverlapPlane *p)
{
  return (double)p->row / (double)p->G;
}

HfStatus
hf_overlap_plane_run (HfOverlapPlane *p, HfError *err)
{
  HfStatus st;
  while ((st = hf_overlap_plane_iterate (p, err)) == HF_OK)
    ;
  return st == HF_DONE ? HF_OK : st;
}

const HfPlaneCell *
hf_overlap_plane_cells (const HfOverlapPlane *p, size_t *grid)
{
  *grid = p->G;
  return p->cells;
}

/* ---- basin radius ------------------------------------------------- */

struct HfBasinRadius
{
  const HfNetwork *net;
  const HfPatterns *P;
  HfBasinRadiusOptions o;
  size_t n, next;
  unsigned threads;
  const atomic_int *cancel;
  HfBasinRadiusResult *results;
  float *X, *H; /* threads x n: the patterns of a batch and their fields */
  atomic_int stopped;
};

#define BATCH 16

/* A worker's state: one pattern, trials run BATCH at a time in lockstep so
 * that each row of J, read once per neuron step, serves every trial (at
 * n = 4096, J is 64 MiB: reading it per trial and flip would be the cost). */
typedef struct
{
  HfBasinRadius *b;
  size_t k;        /* pattern */
  const float *h0; /* its fields */
  gsl_rng *rng;
  int8_t *s;     /* BATCH x n states */
  float *h;      /* BATCH x n fields */
  size_t *idx;   /* n */
  uint8_t *flip; /* BATCH x n: the corruption */
} Trialist;

void
hf_basin_radius_options_init (HfBasinRadiusOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->share = 0.9;
  opts->trials = 64;
  opts->max_flips = 0;
  opts->max_sweeps = 100;
  opts->tie = HF_TIE_OFF;
  opts->seed = 1;
  opts->threads = 0;
}

HfBasinRadius *
hf_basin_radius_new (const HfNetwork *net, const HfPatterns *patterns,
                     const HfBasinRadiusOptions *opts, HfError *err)
{
  if (patterns == NULL || patterns->n != net->n || patterns->m == 0)
    {
      hf_error_set (err, HF_EINVAL,
                    "basin radii need at least one stored pattern of the "
                    "network's size");
      return NULL;
    }
  if (!(opts->share > 0.0 && opts->share <= 1.0) || opts->trials == 0
      || opts->trials > 1000000 || opts->max_flips > net->n || opts->max_sweeps == 0)
    {
      hf_error_set (err, HF_EINVAL,
                    "basin radius: the share must be in (0, 1], trials 1 to 1000000, at "
                    "most n flips and at least one sweep");
      return NULL;
    }
  HfBasinRadius *b = calloc (1, sizeof *b);
  if (b == NULL)
    goto oom;
  b->net = net;
  b->P = patterns;
  b->o = *opts;
  b->n = net->n;
  if (b->o.max_flips == 0)
    b->o.max_flips = net->n / 2;
  b->threads = online_threads (opts->threads);
  b->results = calloc (patterns->m, sizeof (HfBasinRadiusResult));
  b->X = malloc (b->threads * b->n * sizeof (float));
  b->H = malloc (b->threads * b->n * sizeof (float));
  if (!b->results || !b->X || !b->H)
    goto oom;
  return b;
oom:
  hf_basin_radius_free (b);
  hf_error_set (err, HF_ENOMEM, "out of memory for basin radii");
  return NULL;
}

void
hf_basin_radius_free (HfBasinRadius *b)
{
  if (b == NULL)
    return;
  free (b->results);
  free (b->X);
  free (b->H);
  free (b);
}

void
hf_basin_radius_set_cancel_flag (HfBasinRadius *b, const atomic_int *flag)
{
  b->cancel = flag;
}

/* h += c J[i, :] (J symmetric): no BLAS inside worker threads, but an
 * AVX2 clone where the processor has it. */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
add_row (float *h, const float *Ji, float c, size_t n)
{
  for (size_t k = 0; k < n; k++)
    h[k] += c * Ji[k];
}

/* Trials first .. first + count - 1 at d flips: how many return to the
 * pattern. Each draws its flips from its own seeded generator. */
static size_t
run_batch (Trialist *t, size_t d, size_t first, size_t count)
{
  HfBasinRadius *b = t->b;
  size_t n = b->n;
  const int8_t *xi = hf_patterns_get (b->P, t->k);
  const float *J = b->net->J;
  for (size_t q = 0; q < count; q++)
    {
      gsl_rng_set (t->rng,
                   b->o.seed + 7919ul * (first + q) + 104729ul * t->k + 15485863ul * d);
      for (size_t i = 0; i < n; i++)
        t->idx[i] = i;
      uint8_t *f = t->flip + q * n;
      memset (f, 0, n);
      for (size_t k = 0; k < d; k++)
        {
          size_t j = k + gsl_rng_uniform_int (t->rng, n - k);
          size_t i = t->idx[j];
          t->idx[j] = t->idx[k];
          t->idx[k] = i;
          f[i] = 1;
        }
      memcpy (t->h + q * n, t->h0, n * sizeof (float));
    }
  /* The corrupted states' fields, one pass over J. */
  for (size_t i = 0; i < n; i++)
    for (size_t q = 0; q < count; q++)
      if (t->flip[q * n + i])
        add_row (t->h + q * n, J + i * n, -2.0f * xi[i], n);
  bool active[BATCH];
  for (size_t q = 0; q < count; q++)
    {
      active[q] = true;
      for (size_t i = 0; i < n; i++)
        t->s[q * n + i] = t->flip[q * n + i] ? (int8_t)-xi[i] : xi[i];
    }
  size_t ok = 0, left = count;
  size_t flips[BATCH];
  for (size_t sweep = 0; sweep < b->o.max_sweeps && left > 0; sweep++)
    {
      memset (flips, 0, sizeof flips);
      for (size_t i = 0; i < n; i++)
        for (size_t q = 0; q < count; q++)
          {
            if (!active[q])
              continue;
            int8_t *sq = t->s + q * n;
            float *hq = t->h + q * n;
            int8_t v = hf_decide (hq[i], sq[i], b->o.tie);
            if (v != sq[i])
              {
                sq[i] = v;
                add_row (hq, J + i * n, 2.0f * v, n);
                flips[q]++;
              }
          }
      for (size_t q = 0; q < count; q++)
        if (active[q] && flips[q] == 0)
          {
            active[q] = false;
            left--;
            ok += memcmp (t->s + q * n, xi, n) == 0;
          }
    }
  return ok;
}

/* success(d) >= share? Stops as soon as the answer is known. */
static bool
passes (Trialist *t, size_t d, double *share)
{
  HfBasinRadius *b = t->b;
  size_t T = b->o.trials;
  size_t need = (size_t)ceil (b->o.share * (double)T - 1e-9);
  size_t ok = 0, done = 0;
  while (done < T)
    {
      if (flag_set (b->cancel))
        {
          atomic_store (&b->stopped, 1);
          return false;
        }
      size_t count = T - done < BATCH ? T - done : BATCH;
      ok += run_batch (t, d, done, count);
      done += count;
      if (ok >= need || done - ok > T - need)
        break;
    }
  *share = (double)ok / (double)done;
  return ok >= need;
}

static void *
radius_worker (void *data)
{
  Trialist *t = data;
  HfBasinRadius *b = t->b;
  HfBasinRadiusResult *r = &b->results[t->k];
  const int8_t *xi = hf_patterns_get (b->P, t->k);
  double margin = INFINITY, share;
  for (size_t i = 0; i < b->n; i++)
    margin = fmin (margin, (double)xi[i] * t->h0[i]);
  r->margin = margin;
  r->evaluations = 1;
  if (!passes (t, 0, &share))
    {
      r->radius = -1;
      r->share_at_radius = share;
      return NULL;
    }
  size_t lo = 0, hi = b->o.max_flips;
  double lo_share = share;
  r->evaluations++;
  if (hi == 0 || passes (t, hi, &share))
    {
      r->radius = (long)hi;
      r->share_at_radius = hi == 0 ? lo_share : share;
      return NULL;
    }
  while (hi - lo > 1)
    {
      size_t mid = lo + (hi - lo) / 2;
      r->evaluations++;
      if (passes (t, mid, &share))
        {
          lo = mid;
          lo_share = share;
        }
      else
        hi = mid;
    }
  r->radius = (long)lo;
  r->share_at_radius = lo_share;
  return NULL;
}

HfStatus
hf_basin_radius_iterate (HfBasinRadius *b, HfError *err)
{
  size_t m = b->P->m, n = b->n;
  if (b->next >= m)
    return HF_DONE;
  if (flag_set (b->cancel))
    return hf_error_set (err, HF_ECANCELLED, "the basin radii were cancelled");
  size_t batch = m - b->next < b->threads ? m - b->next : b->threads;
  for (size_t t = 0; t < batch; t++)
    for (size_t i = 0; i < n; i++)
      b->X[t * n + i] = hf_patterns_get (b->P, b->next + t)[i];
  fields_of_rows (b->net, b->X, batch, b->H);
  Trialist tl[MAX_THREADS];
  pthread_t th[MAX_THREADS];
  bool started[MAX_THREADS] = { false };
  HfStatus st = HF_OK;
  for (size_t t = 0; t < batch; t++)
    {
      tl[t] = (Trialist){ b,
                          b->next + t,
                          b->H + t * n,
                          gsl_rng_alloc (gsl_rng_mt19937),
                          malloc (BATCH * n),
                          malloc (BATCH * n * sizeof (float)),
                          malloc (n * sizeof (size_t)),
                          malloc (BATCH * n) };
      if (!tl[t].rng || !tl[t].s || !tl[t].h || !tl[t].idx || !tl[t].flip)
        st = HF_ENOMEM;
    }
  if (st == HF_OK)
    for (size_t t = 1; t < batch; t++)
      started[t] = pthread_create (&th[t], NULL, radius_worker, &tl[t]) == 0;
  if (st == HF_OK)
    {
      radius_worker (&tl[0]);
      for (size_t t = 1; t < batch; t++)
        if (started[t])
          pthread_join (th[t], NULL);
        else
          radius_worker (&tl[t]);
    }
  for (size_t t = 0; t < batch; t++)
    {
      if (tl[t].rng)
        gsl_rng_free (tl[t].rng);
      free (tl[t].s);
      free (tl[t].h);
      free (tl[t].idx);
      free (tl[t].flip);
    }
  if (st != HF_OK)
    return hf_error_set (err, HF_ENOMEM, "out of memory for basin radius trials");
  if (atomic_load (&b->stopped))
    return hf_error_set (err, HF_ECANCELLED, "the basin radii were cancelled");
  b->next += batch;
  return b->next >= m ? HF_DONE : HF_OK;
}

double
hf_basin_radius_progress (const HfBasinRadius *b)
{
  return (double)b->next / (double)b->P->m;
}

HfStatus
hf_basin_radius_run (HfBasinRadius *b, HfError *err)
{
  HfStatus st;
  while ((st = hf_basin_radius_iterate (b, err)) == HF_OK)
    ;
  return st == HF_DONE ? HF_OK : st;
}

const HfBasinRadiusResult *
hf_basin_radius_results (const HfBasinRadius *b)
{
  return b->results;
}

/* ---- stability ---------------------------------------------------- */

HfStatus
hf_stability (const HfNetwork *net, const int8_t *s, float *out, HfError *err)
{
  size_t n = net->n;
  float *x = calloc (n, sizeof (float));
  if (x == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory for the stability");
  for (size_t i = 0; i < n; i++)
    x[i] = s[i];
  hf_network_fields_f (net, x, out);
  for (size_t i = 0; i < n; i++)
    out[i] *= x[i];
  free (x);
  return HF_OK;
}

HfStatus
hf_pattern_margins (const HfNetwork *net, const HfPatterns *patterns, double *out,
                    HfError *err)
{
  if (patterns->n != net->n)
    return hf_error_set (err, HF_EINVAL,
                         "the patterns have %zu neurons but the network has %zu",
                         patterns->n, net->n);
  size_t n = net->n, batch = 64;
  float *X = malloc (batch * n * sizeof (float)),
        *H = malloc (batch * n * sizeof (float));
  if (X == NULL || H == NULL)
    {
      free (X);
      free (H);
      return hf_error_set (err, HF_ENOMEM, "out of memory for the pattern margins");
    }
  for (size_t k0 = 0; k0 < patterns->m; k0 += batch)
    {
      size_t rows = patterns->m - k0 < batch ? patterns->m - k0 : batch;
      for (size_t r = 0; r < rows; r++)
        for (size_t i = 0; i < n; i++)
          X[r * n + i] = hf_patterns_get (patterns, k0 + r)[i];
      fields_of_rows (net, X, rows, H);
      for (size_t r = 0; r < rows; r++)
        {
          double m = INFINITY;
          for (size_t i = 0; i < n; i++)
            m = fmin (m, (double)X[r * n + i] * H[r * n + i]);
          out[k0 + r] = m;
        }
    }
  free (X);
  free (H);
  return HF_OK;
}
