/* Hebbian (both forms), Storkey and pseudo-inverse rules. */
#include "hf-train-private.h"

#include "hf-blas.h"
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Hebbian, +-1 form: J = c S^T S with c = 1/n or 1/m, one SSYRK ---- */

static HfStatus
hebbian_weights (HfTrainer *t, HfError *err)
{
  HfNetwork *net = t->net;
  const HfPatterns *D = t->D;
  float *S = hf_patterns_to_float (D);
  if (S == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  float c = 1.0f / (float)(t->opts.norm == HF_NORM_BY_M ? D->m : D->n);
  cblas_ssyrk (CblasRowMajor, CblasUpper, CblasTrans, (int)D->n, (int)D->m, c, S,
               (int)D->n, 0.0f, net->J, (int)D->n);
  hf_mirror_upper (net->J, D->n);
  free (S);
  return HF_OK;
}

static HfStatus
one_shot_start (HfTrainer *t, HfError *err)
{
  return HF_OK;
}

static HfStatus
hebbian_iterate (HfTrainer *t, HfError *err)
{
  HfStatus st = hebbian_weights (t, err);
  t->progress.iteration = 1;
  return st == HF_OK ? HF_DONE : st;
}

const HfRuleVtable hf_rule_hebbian_vt = { one_shot_start, hebbian_iterate, NULL };

/* ---- Hebbian in Hopfield's 0/1 form ----
 * Hopfield (1982) stores T_ij = sum (2x_i - 1)(2x_j - 1) with zero
 * thresholds on 0/1 states. With x = (s + 1)/2 the field J x - theta
 * equals (1/2)(J s + J 1), so in our +-1 engine the same dynamics are
 * J' = J and theta'_i = -sum_j J_ij (docs/conventions.md). */
static HfStatus
opr01_iterate (HfTrainer *t, HfError *err)
{
  HfStatus st = hebbian_weights (t, err);
  if (st != HF_OK)
    return st;
  size_t n = t->net->n;
  for (size_t i = 0; i < n; i++)
    {
      double row = 0.0;
      for (size_t j = 0; j < n; j++)
        row += t->net->J[i * n + j];
      t->net->theta[i] = (float)-row;
    }
  t->progress.iteration = 1;
  return HF_DONE;
}

const HfRuleVtable hf_rule_opr01_vt = { one_shot_start, opr01_iterate, NULL };

/* ---- Storkey (1997), one pattern per iteration ----
 * w_ij += (1/n)(xi_i xi_j - xi_i h_ji - h_ij xi_j) with
 * h_ij = sum_{k != i,j} w_ik xi_k = g_i - w_ij xi_j, g = W xi, which
 * simplifies to W <- (1 + 2/n) W + (1/n)(xi xi^T - xi g^T - g xi^T):
 * one SGEMV and two rank-one updates. */
typedef struct
{
  float *xi, *g, *v;
} Storkey;

static HfStatus
storkey_start (HfTrainer *t, HfError *err)
{
  size_t n = t->net->n;
  Storkey *s = calloc (1, sizeof *s);
  if (s != NULL)
    {
      s->xi = malloc (n * sizeof (float));
      s->g = malloc (n * sizeof (float));
      s->v = malloc (n * sizeof (float));
    }
  t->state = s;
  if (s == NULL || !s->xi || !s->g || !s->v)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  t->progress.max_iterations = t->D->m;
  return HF_OK;
}

static HfStatus
storkey_iterate (HfTrainer *t, HfError *err)
{
  Storkey *s = t->state;
  HfNetwork *net = t->net;
  size_t n = net->n, p = t->progress.iteration;
  const int8_t *x = hf_patterns_get (t->D, p);
  for (size_t i = 0; i < n; i++)
    s->xi[i] = x[i];
  cblas_sgemv (CblasRowMajor, CblasNoTrans, (int)n, (int)n, 1.0f, net->J, (int)n, s->xi,
               1, 0.0f, s->g, 1);
  /* u v^T + v u^T with u = xi, v = xi/2 - g gives xi xi^T - xi g^T - g xi^T. */
  for (size_t i = 0; i < n; i++)
    s->v[i] = 0.5f * s->xi[i] - s->g[i];
  float c = 1.0f / (float)n;
  cblas_sscal ((int)(n * n), 1.0f + 2.0f * c, net->J, 1);
  cblas_sger (CblasRowMajor, (int)n, (int)n, c, s->xi, 1, s->v, 1, net->J, (int)n);
  cblas_sger (CblasRowMajor, (int)n, (int)n, c, s->v, 1, s->xi, 1, net->J, (int)n);
  for (size_t i = 0; i < n; i++)
    net->J[i * n + i] = 0.0f;
  t->progress.iteration++;
  snprintf (t->progress.message, sizeof t->progress.message,
            hf_translate (HF_N_ ("pattern %zu of %zu")), t->progress.iteration, t->D->m);
  return t->progress.iteration >= t->D->m ? HF_DONE : HF_OK;
}

static void
storkey_free (HfTrainer *t)
{
  Storkey *s = t->state;
  if (s == NULL)
    return;
  free (s->xi);
  free (s->g);
  free (s->v);
  free (s);
}

const HfRuleVtable hf_rule_storkey_vt = { storkey_start, storkey_iterate, storkey_free };

/* ---- Pseudo-inverse (projection) rule ----
 * J = S^T C^-1 S with C = S S^T (m x m), the orthogonal projection onto
 * the span of the patterns; C is factored in double by Cholesky, and a
 * failure is reported with the rank found by SVD. */
static HfStatus
numerical_rank (const double *C, size_t m, size_t *rank, HfError *err)
{
  /* GSL's error handler is off (hf_trainer_new): failures come back as
   * NULL or a status, never as an abort. */
  gsl_matrix *A = gsl_matrix_alloc (m, m), *V = gsl_matrix_alloc (m, m);
  gsl_vector *sv = gsl_vector_alloc (m), *work = gsl_vector_alloc (m);
  HfStatus st = HF_OK;
  *rank = 0;
  if (!A || !V || !sv || !work)
    st = hf_error_set (err, HF_ENOMEM, "out of memory for the rank of %zu patterns", m);
  else
    {
      memcpy (A->data, C, m * m * sizeof (double));
      int rc = gsl_linalg_SV_decomp (A, V, sv, work);
      if (rc != GSL_SUCCESS)
        st = hf_error_set (err, HF_ENUMERIC,
                           "the singular value decomposition failed: %s",
                           gsl_strerror (rc));
      else
        {
          double top = gsl_vector_get (sv, 0);
          for (size_t k = 0; k < m; k++)
            *rank += gsl_vector_get (sv, k) > top * (double)m * 1e-12;
        }
    }
  if (A)
    gsl_matrix_free (A);
  if (V)
    gsl_matrix_free (V);
  if (sv)
    gsl_vector_free (sv);
  if (work)
    gsl_vector_free (work);
  return st;
}

static HfStatus
pinv_iterate (HfTrainer *t, HfError *err)
{
  const HfPatterns *D = t->D;
  size_t m = D->m, n = D->n;
  t->progress.iteration = 1;
  if (m > n)
    return hf_error_set (
        err, HF_ERANK,
        "the pseudo-inverse rule needs linearly independent patterns, and "
        "%zu patterns of %zu neurons cannot be",
        m, n);
  double *Sd = malloc (m * n * sizeof (double));
  double *C = malloc (m * m * sizeof (double));
  float *S = hf_patterns_to_float (D);
  float *X = malloc (m * n * sizeof (float));
  HfStatus st = HF_OK;
  if (!Sd || !C || !S || !X)
    {
      st = hf_error_set (err, HF_ENOMEM, "out of memory");
      goto out;
    }
  for (size_t k = 0; k < m * n; k++)
    Sd[k] = D->data[k];
  cblas_dsyrk (CblasRowMajor, CblasLower, CblasNoTrans, (int)m, (int)n, 1.0, Sd, (int)n,
               0.0, C, (int)m);
  for (size_t i = 0; i < m; i++)
    for (size_t j = i + 1; j < m; j++)
      C[i * m + j] = C[j * m + i];
  gsl_matrix_view Cv = gsl_matrix_view_array (C, m, m);
  double *Cc = malloc (m * m * sizeof (double));
  if (Cc == NULL)
    {
      st = hf_error_set (err, HF_ENOMEM, "out of memory");
      goto out;
    }
  memcpy (Cc, C, m * m * sizeof (double));
  int rc = gsl_linalg_cholesky_decomp1 (&Cv.matrix);
  /* A Cholesky that succeeds on a nearly singular C would still give
   * garbage: check its conditioning through the smallest pivot. */
  double pmin = 1e300, pmax = 0.0;
  for (size_t i = 0; rc == GSL_SUCCESS && i < m; i++)
    {
      double d = C[i * m + i];
      pmin = d < pmin ? d : pmin;
      pmax = d > pmax ? d : pmax;
    }
  if (rc != GSL_SUCCESS || pmin < pmax * 1e-6)
    {
      size_t rank;
      st = numerical_rank (Cc, m, &rank, err);
      free (Cc);
      if (st != HF_OK)
        goto out;
      st = hf_error_set (
          err, HF_ERANK,
          "the patterns are linearly dependent (rank %zu of %zu): the "
          "pseudo-inverse rule needs independent patterns; remove duplicates "
          "or inverses, or use another rule",
          rank, m);
      goto out;
    }
  free (Cc);
  /* X = C^-1 S through the factor: L L^T X = S, two triangular solves. */
  cblas_dtrsm (CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, (int)m,
               (int)n, 1.0, C, (int)m, Sd, (int)n);
  cblas_dtrsm (CblasRowMajor, CblasLeft, CblasLower, CblasTrans, CblasNonUnit, (int)m,
               (int)n, 1.0, C, (int)m, Sd, (int)n);
  for (size_t k = 0; k < m * n; k++)
    X[k] = (float)Sd[k];
  cblas_sgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int)n, (int)n, (int)m, 1.0f, S,
               (int)n, X, (int)n, 0.0f, t->net->J, (int)n);
  hf_network_symmetrize (t->net);
out:
  free (Sd);
  free (C);
  free (S);
  free (X);
  return st == HF_OK ? HF_DONE : st;
}

const HfRuleVtable hf_rule_pinv_vt = { one_shot_start, pinv_iterate, NULL };
