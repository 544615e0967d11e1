#include "hf-lbfgs.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "hf-bigmem.h"
#include "hf-blas.h"

struct HfLbfgs
{
  size_t dim, mem;
  double *x, *g, *d; /* current point, gradient, search direction */
  double *xt, *gt;   /* trial point and gradient */
  double *sv, *yv;   /* mem pairs s_k = x_{k+1} - x_k, y_k = g_{k+1} - g_k */
  double *rho, *alpha;
  size_t stored, head; /* ring buffer of pairs */
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
    }
  if (s == NULL || !s->x || !s->g || !s->d || !s->xt || !s->gt || !s->sv || !s->yv
      || !s->rho || !s->alpha)
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
  free (s);
}

/* Level-1 vector operations in plain C: they are memory-bound, and
 * OpenBLAS would split them over its threads, whose spinning and yielding
 * cost more than they bring (three times MPF's training time at n = 1024
 * on a busy two-core machine). Four partial sums keep ddot's loop busy;
 * the order is fixed, so results are reproducible. */
static double
vdot (size_t n, const double *a, const double *b)
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
vaxpy (size_t n, double alpha, const double *x, double *y)
{
  for (size_t i = 0; i < n; i++)
    y[i] += alpha * x[i];
}

static void
vscal (size_t n, double alpha, double *x)
{
  for (size_t i = 0; i < n; i++)
    x[i] *= alpha;
}

static HfStatus
eval_trial (HfLbfgs *s, double step, HfError *err)
{
  for (size_t i = 0; i < s->dim; i++)
    s->xt[i] = s->x[i] + step * s->d[i];
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

/* d = -H g by the two-loop recursion. */
static void
direction (HfLbfgs *s)
{
  int n = (int)s->dim;
  for (int i = 0; i < n; i++)
    s->d[i] = -s->g[i];
  for (size_t k = 0; k < s->stored; k++)
    {
      size_t j = (s->head + s->mem - 1 - k) % s->mem;
      s->alpha[j] = s->rho[j] * vdot (s->dim, s->sv + j * s->dim, s->d);
      vaxpy (s->dim, -s->alpha[j], s->yv + j * s->dim, s->d);
    }
  if (s->stored > 0)
    {
      size_t j = (s->head + s->mem - 1) % s->mem;
      double yy = vdot (s->dim, s->yv + j * s->dim, s->yv + j * s->dim);
      vscal (s->dim, 1.0 / (s->rho[j] * yy), s->d);
    }
  for (size_t k = s->stored; k-- > 0;)
    {
      size_t j = (s->head + s->mem - 1 - k) % s->mem;
      double beta = s->rho[j] * vdot (s->dim, s->yv + j * s->dim, s->d);
      vaxpy (s->dim, s->alpha[j] - beta, s->sv + j * s->dim, s->d);
    }
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
  int n = (int)s->dim;
  direction (s);
  double g0 = vdot (s->dim, s->g, s->d);
  if (!(g0 < 0.0))
    {
      /* Not a descent direction (rounding): restart from steepest descent. */
      s->stored = 0;
      direction (s);
      g0 = vdot (s->dim, s->g, s->d);
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
  double *sj = s->sv + j * s->dim, *yj = s->yv + j * s->dim;
  for (int i = 0; i < n; i++)
    {
      sj[i] = s->xt[i] - s->x[i];
      yj[i] = s->gt[i] - s->g[i];
    }
  double sy = vdot (s->dim, sj, yj);
  if (sy > 1e-300)
    {
      s->rho[j] = 1.0 / sy;
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
