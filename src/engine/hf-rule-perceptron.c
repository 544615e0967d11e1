/* Perceptron rule (PER), symmetric form.
 *
 * For each pattern xi, the neurons with xi_i h_i <= margin are unstable;
 * with e = eta u o xi (u their indicator) the update is
 *   J += e xi^T + xi e^T (diagonal kept at zero),  theta -= e,
 * which is local: J_ij needs only h_i and h_j. One iteration is one epoch
 * over the patterns; an epoch without updates means every pattern is a
 * fixed point (with margin) and training has converged. */
#include "hf-train-private.h"

#include "hf-blas.h"
#include <stdio.h>
#include <stdlib.h>

typedef struct
{
  float *xi, *h, *e;
} Perceptron;

static HfStatus
per_start (HfTrainer *t, HfError *err)
{
  size_t n = t->net->n;
  Perceptron *p = calloc (1, sizeof *p);
  if (p != NULL)
    {
      p->xi = malloc (n * sizeof (float));
      p->h = malloc (n * sizeof (float));
      p->e = malloc (n * sizeof (float));
    }
  t->state = p;
  if (p == NULL || !p->xi || !p->h || !p->e)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  return HF_OK;
}

static HfStatus
per_iterate (HfTrainer *t, HfError *err)
{
  Perceptron *p = t->state;
  HfNetwork *net = t->net;
  size_t n = net->n, m = t->D->m, bad_bits = 0, bad_patterns = 0;
  float eta = (float)t->opts.learning_rate, margin = (float)t->opts.margin;
  for (size_t k = 0; k < m; k++)
    {
      const int8_t *x = hf_patterns_get (t->D, k);
      for (size_t i = 0; i < n; i++)
        p->xi[i] = x[i];
      hf_network_fields_f (net, p->xi, p->h);
      size_t bad = 0;
      for (size_t i = 0; i < n; i++)
        {
          bool unstable = p->xi[i] * p->h[i] <= margin;
          p->e[i] = unstable ? eta * p->xi[i] : 0.0f;
          bad += unstable;
        }
      if (bad == 0)
        continue;
      bad_bits += bad;
      bad_patterns++;
      cblas_sger (CblasRowMajor, (int)n, (int)n, 1.0f, p->e, 1, p->xi, 1, net->J, (int)n);
      cblas_sger (CblasRowMajor, (int)n, (int)n, 1.0f, p->xi, 1, p->e, 1, net->J, (int)n);
      for (size_t i = 0; i < n; i++)
        net->J[i * n + i] = 0.0f;
      if (t->opts.learn_thresholds)
        cblas_saxpy ((int)n, -1.0f, p->e, 1, net->theta, 1);
    }
  t->progress.iteration++;
  t->progress.epoch = t->progress.iteration;
  t->progress.objective = (double)bad_bits;
  t->progress.unstable = bad_patterns;
  if (bad_patterns == 0)
    {
      t->progress.converged = true;
      snprintf (t->progress.message, sizeof t->progress.message,
                hf_translate (
                    HF_N_ ("converged after %zu epochs: every pattern is a fixed point")),
                t->progress.iteration);
      return HF_DONE;
    }
  snprintf (
      t->progress.message, sizeof t->progress.message,
      hf_translate (HF_N_ ("epoch %zu: %zu patterns had unstable neurons (%zu bits)")),
      t->progress.iteration, bad_patterns, bad_bits);
  if (t->progress.iteration >= t->progress.max_iterations)
    {
      snprintf (t->progress.message, sizeof t->progress.message,
                hf_translate (HF_N_ (
                    "did not converge in %zu epochs (%zu patterns still unstable)")),
                t->progress.iteration, bad_patterns);
      return HF_DONE;
    }
  return HF_OK;
}

static void
per_free (HfTrainer *t)
{
  Perceptron *p = t->state;
  if (p == NULL)
    return;
  free (p->xi);
  free (p->h);
  free (p->e);
  free (p);
}

const HfRuleVtable hf_rule_perceptron_vt = { per_start, per_iterate, per_free };
