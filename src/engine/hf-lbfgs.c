#include "hf-lbfgs.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "hf-bigmem.h"
#include "hf-blas.h"
#include "hf-parallel.h"

struct HfLbfgs
{
  size_t dim, mem;
  double *x, *g, *d;        /* current point, gradient, search direction */
  double *xt, *gt;          /* trial point and gradient */
  double *sv, *yv;          /* mem pairs s_k = x_{k+1} - x_k, y_k = g_{k+1} - g_k */
  double *rho, *alpha, *yy; /* 1 / s_k.y_k, the two-loop's alphas, y_k.y_k */
  size_t stored, head;      /* ring buffer of pairs */
  double f, ft;
  HfFdf fdf;
  void *user;
};

HfLbfgs *
hf_lbfgs_new (size_t dim, size_t memory, HfError *err)
{
  if (dim == 0 || memory == 0)
    {
      hf_error_set (err, HF_EINVAL,
                    "L-BFGS needs a dimension and a memory of at least 1");
      return NULL;
    }
  HfLbfgs *s = calloc (1, sizeof *s);
  if (s != NULL)
    {
      s->dim = dim;
      s->mem = memory;
      s->x = hf_big_alloc (dim * sizeof (double));
      s->g = hf_big_alloc (dim * sizeof (double));
      s->d = hf_big_alloc (dim * sizeof (double));
      s->xt = hf_big_alloc (dim * sizeof (double));
      s->gt = hf_big_alloc (dim * sizeof (double));
      s->sv = hf_big_alloc (memory * dim * sizeof (double));
      s->yv = hf_big_alloc (memory * dim * sizeof (double));
      s->rho = malloc (memory * sizeof (double));
      s->alpha = malloc (memory * sizeof (double));
      s->yy = malloc (memory * sizeof (double));
    }
  if (s == NULL || !s->x || !s->g || !s->d || !s->xt || !s->gt || !s->sv || !s->yv
      || !s->rho || !s->alpha || !s->yy)
    {
      hf_lbfgs_free (s);
      hf_error_set (err, HF_ENOMEM,
                    "out of memory for L-BFGS over %zu parameters (%.0f MiB)", dim,
                    (double)(5 + 2 * memory) * (double)dim * 8.0 / 1048576.0);
      return NULL;
    }
  return s;
}

void
hf_lbfgs_free (HfLbfgs *s)
{
  if (s == NULL)
    return;
  hf_big_free (s->x, s->dim * sizeof (double));
  hf_big_free (s->g, s->dim * sizeof (double));
  hf_big_free (s->d, s->dim * sizeof (double));
  hf_big_free (s->xt, s->dim * sizeof (double));
  hf_big_free (s->gt, s->dim * sizeof (double));
  hf_big_free (s->sv, s->mem * s->dim * sizeof (double));
  hf_big_free (s->yv, s->mem * s->dim * sizeof (double));
  free (s->rho);
  free (s->alpha);
  free (s->yy);
  free (s);
}

/* Level-1 vector operations in plain C, not OpenBLAS: they are
 * memory-bound, and OpenBLAS would split them over its threads, whose
 * spinning and yielding cost more than they bring (three times MPF's
 * training time at n = 1024 on a busy two-core machine). Each runs as
 * fixed chunks on hf_parallel_for (the helpers sit idle while the
 * objective's BLAS products run, and BLAS sits idle now), and the two-loop
 * recursion fuses each update with the next dot product, so d is read
 * once per pair and loop. Dot products are summed per chunk (four partial
 * sums each) and the chunks in order: the results do not depend on the
 * thread count. */
typedef enum
{
  V_DOT,   /* p1 = x.y */
  V_AXPBY, /* z = b z + a x (b = 0: z = a x); p1 = y.z when y is given */
  V_LINE,  /* z = x + a y */
  V_PAIR,  /* z = x - y, w = u - v; p1 = z.w, p2 = w.w */
} VecOp;

typedef struct
{
  VecOp op;
  size_t n, chunks;
  double a, b;
  const double *x, *y, *u, *v;
  double *z, *w;
  double p1[64], p2[64];
} Vec;

static double
dot4 (const double *a, const double *b, size_t n)
{
  double s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4)
    {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
  for (; i < n; i++)
    s0 += a[i] * b[i];
  return (s0 + s1) + (s2 + s3);
}

static void
vec_chunk (size_t chunk, void *data)
{
  Vec *c = data;
  size_t i0 = c->n * chunk / c->chunks, i1 = c->n * (chunk + 1) / c->chunks,
         len = i1 - i0;
  double a = c->a, b = c->b;
  switch (c->op)
    {
    case V_DOT:
      c->p1[chunk] = dot4 (c->x + i0, c->y + i0, len);
      break;
    case V_AXPBY:
      {
        double *z = c->z + i0;
        const double *x = c->x + i0;
        if (b == 0.0)
          for (size_t i = 0; i < len; i++)
            z[i] = a * x[i];
        else if (b == 1.0)
          for (size_t i = 0; i < len; i++)
            z[i] += a * x[i];
        else
          for (size_t i = 0; i < len; i++)
            z[i] = b * z[i] + a * x[i];
        c->p1[chunk] = c->y != NULL ? dot4 (c->y + i0, z, len) : 0.0;
        break;
      }
    case V_LINE:
      for (size_t i = i0; i < i1; i++)
        c->z[i] = c->x[i] + a * c->y[i];
      break;
    case V_PAIR:
      for (size_t i = i0; i < i1; i++)
        {
          c->z[i] = c->x[i] - c->y[i];
          c->w[i] = c->u[i] - c->v[i];
        }
      c->p1[chunk] = dot4 (c->z + i0, c->w + i0, len);
      c->p2[chunk] = dot4 (c->w + i0, c->w + i0, len);
      break;
    }
}

/* Runs c over the dimension; returns the summed p1 (and p2 in *second). */
static double
vec_run (Vec *c, size_t n, double *second)
{
  c->n = n;
  c->chunks = hf_parallel_chunks (n, 16384); /* one chunk below n = 256 */
  hf_parallel_for (c->chunks, vec_chunk, c);
  double s1 = 0.0, s2 = 0.0;
  for (size_t k = 0; k < c->chunks; k++)
    {
      s1 += c->p1[k];
      s2 += c->p2[k];
    }
  if (second != NULL)
    *second = s2;
  return s1;
}

static double
vdot (size_t n, const double *a, const double *b)
{
  Vec c = { .op = V_DOT, .x = a, .y = b };
  return vec_run (&c, n, NULL);
}

/* z = b z + a x; returns y.z (0 without y). */
static double
vaxpby_dot (size_t n, double a, const double *x, double b, double *z, const double *y)
{
  Vec c = { .op = V_AXPBY, .a = a, .x = x, .b = b, .z = z, .y = y };
  return vec_run (&c, n, NULL);
}

static HfStatus
eval_trial (HfLbfgs *s, double step, HfError *err)
{
  Vec c = { .op = V_LINE, .z = s->xt, .x = s->x, .a = step, .y = s->d };
  vec_run (&c, s->dim, NULL);
  HfStatus st = s->fdf (s->xt, &s->ft, s->gt, s->user);
  if (st != HF_OK)
    return st == HF_ECANCELLED
               ? hf_error_set (err, st, "training was cancelled")
               : hf_error_set (err, st, "the objective could not be evaluated");
  if (isnan (s->ft))
    return hf_error_set (err, HF_ENUMERIC, "the objective became NaN");
  return HF_OK;
}

HfStatus
hf_lbfgs_set (HfLbfgs *s, const double *x0, HfFdf fdf, void *user, HfError *err)
{
  s->fdf = fdf;
  s->user = user;
  s->stored = s->head = 0;
  memcpy (s->x, x0, s->dim * sizeof (double));
  HfStatus st = fdf (s->x, &s->f, s->g, user);
  if (st != HF_OK)
    return hf_error_set (err, st, "the objective could not be evaluated at the start");
  if (!isfinite (s->f))
    return hf_error_set (err, HF_ENUMERIC, "the objective is not finite at the start");
  return HF_OK;
}

/* d = -H g by the two-loop recursion; returns g.d. Pair j (newest first)
 * needs alpha_j = rho_j s_j.d before d -= alpha_j y_j, and beta_j = rho_j
 * y_j.d before d += (alpha_j - beta_j) s_j: each update computes the dot
 * product the next one needs in the same pass, and the initial scaling
 * gamma = s.y / y.y of the newest pair rides on the first update of the
 * second loop. */
static double
direction (HfLbfgs *s)
{
  size_t n = s->dim, K = s->stored;
#define PAIR(k) ((s->head + s->mem - 1 - (k)) % s->mem) /* k = 0: newest */
  /* d = -g, with the first dot product of the first loop */
  double dot = vaxpby_dot (n, -1.0, s->g, 0.0, s->d, K > 0 ? s->sv + PAIR (0) * n : s->g);
  if (K == 0)
    return dot;
  for (size_t k = 0; k < K; k++)
    {
      size_t j = PAIR (k);
      s->alpha[j] = s->rho[j] * dot;
      /* the next: s of the next older pair, or y of the oldest for beta */
      const double *next
          = k + 1 < K ? s->sv + PAIR (k + 1) * n : s->yv + PAIR (K - 1) * n;
      dot = vaxpby_dot (n, -s->alpha[j], s->yv + j * n, 1.0, s->d, next);
    }
  size_t newest = PAIR (0);
  double gamma = 1.0 / (s->rho[newest] * s->yy[newest]), scale = gamma;
  for (size_t k = K; k-- > 0;)
    {
      size_t j = PAIR (k);
      double beta = s->rho[j] * scale * dot; /* y_j.(scale d) */
      const double *next = k > 0 ? s->yv + PAIR (k - 1) * n : s->g;
      dot = vaxpby_dot (n, s->alpha[j] - beta, s->sv + j * n, scale, s->d, next);
      scale = 1.0;
    }
#undef PAIR
  return dot;
}

static double
cubic_min (double a, double fa, double ga, double b, double fb, double gb)
{
  /* Minimiser of the cubic interpolating f and f' at a and b, kept
   * safely inside the interval; bisection when the cubic is degenerate. */
  double d1 = ga + gb - 3.0 * (fa - fb) / (a - b);
  double disc = d1 * d1 - ga * gb;
  double lo = fmin (a, b), hi = fmax (a, b), t;
  if (disc < 0.0)
    t = 0.5 * (a + b);
  else
    {
      double d2 = copysign (sqrt (disc), b - a);
      t = b - (b - a) * (gb + d2 - d1) / (gb - ga + 2.0 * d2);
    }
  double margin = 0.1 * (hi - lo);
  if (!isfinite (t) || t < lo + margin || t > hi - margin)
    t = 0.5 * (a + b);
  return t;
}

HfStatus
hf_lbfgs_iterate (HfLbfgs *s, HfError *err)
{
  const double c1 = 1e-4, c2 = 0.9;
  double g0 = direction (s);
  if (!(g0 < 0.0))
    {
      /* Not a descent direction (rounding): restart from steepest descent. */
      s->stored = 0;
      g0 = direction (s);
      if (!(g0 < 0.0))
        return HF_DONE;
    }
  double step = 1.0;
  if (s->stored == 0)
    {
      double dn = sqrt (vdot (s->dim, s->d, s->d));
      step = dn > 0.0 ? fmin (1.0, 1.0 / dn) : 1.0;
    }
  double f0 = s->f, lo = 0.0, flo = f0, glo = g0, hi = 0.0, fhi = 0.0, ghi = 0.0;
  bool bracketed = false, found = false;
  HfStatus st;
  for (int k = 0; k < 40 && !found; k++)
    {
      if ((st = eval_trial (s, step, err)) != HF_OK)
        return st;
      double ft = s->ft;
      double gt = vdot (s->dim, s->gt, s->d);
      if (!isfinite (ft) || ft > f0 + c1 * step * g0 || ft >= flo)
        {
          hi = step;
          fhi = isfinite (ft) ? ft : INFINITY;
          ghi = gt;
          bracketed = true;
        }
      else if (fabs (gt) <= -c2 * g0)
        found = true;
      else
        {
          /* Sufficient decrease but too steep: step becomes the new lo;
           * a positive slope brackets the minimum between it and old lo. */
          if ((bracketed && gt * (hi - lo) >= 0.0) || (!bracketed && gt >= 0.0))
            {
              hi = lo;
              fhi = flo;
              ghi = glo;
              bracketed = true;
            }
          lo = step;
          flo = ft;
          glo = gt;
        }
      if (found)
        break;
      if (bracketed)
        {
          if (fabs (hi - lo) < 1e-16 * fmax (1.0, fabs (lo)))
            break;
          step
              = isfinite (fhi) ? cubic_min (lo, flo, glo, hi, fhi, ghi) : 0.5 * (lo + hi);
        }
      else
        step *= 4.0;
    }
  if (!found)
    {
      /* Accept the best sufficient-decrease point seen, if any; with none,
       * stay at x, and evaluate there again so that the last evaluation
       * (whose by-products a caller may read) is the accepted point. */
      if (lo <= 0.0)
        {
          if ((st = eval_trial (s, 0.0, err)) != HF_OK)
            return st;
          return HF_DONE;
        }
      if ((st = eval_trial (s, lo, err)) != HF_OK)
        return st;
      step = lo;
    }
  /* Store the pair and move to the trial point. */
  size_t j = s->head;
  Vec pair = { .op = V_PAIR,
               .z = s->sv + j * s->dim,
               .x = s->xt,
               .y = s->x,
               .w = s->yv + j * s->dim,
               .u = s->gt,
               .v = s->g };
  double yy, sy = vec_run (&pair, s->dim, &yy);
  if (sy > 1e-300)
    {
      s->rho[j] = 1.0 / sy;
      s->yy[j] = yy;
      s->head = (s->head + 1) % s->mem;
      if (s->stored < s->mem)
        s->stored++;
    }
  double *t = s->x;
  s->x = s->xt;
  s->xt = t;
  t = s->g;
  s->g = s->gt;
  s->gt = t;
  bool moved = s->ft < s->f;
  s->f = s->ft;
  return moved ? HF_OK : HF_DONE;
}

const double *
hf_lbfgs_x (const HfLbfgs *s)
{
  return s->x;
}
double
hf_lbfgs_f (const HfLbfgs *s)
{
  return s->f;
}
double
hf_lbfgs_gnorm_inf (const HfLbfgs *s)
{
  return fabs (s->g[cblas_idamax ((int)s->dim, s->g, 1)]);
}
