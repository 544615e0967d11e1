/* Figure 1: images learned from a stream of corrupted copies. See
 * hf-experiment-images.h and docs/experiments.md. */
#include "hf-experiment-images.h"

#include <gsl/gsl_randist.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "hf-bigmem.h"
#include "hf-blas.h"
#include "hf-train-private.h"

void
hf_images_options_init (HfImagesOptions *opts)
{
  *opts = (HfImagesOptions){
    .train_flip = 0.3,
    .exact_flips = false,
    .probe_flip = 0.4,
    .copies = 1,
    .max_steps = 300,
    .window = 0,
    .plateau = 1e-3,
    .learning_rate = 4.0,
    .seed = 1,
  };
}

typedef struct
{
  size_t n, B;
  float *S, *H, *M;      /* B x n, B x n, n x n */
  float *mJ, *vJ, *gth;  /* Adam moments (n x n), threshold gradient */
  float *mt, *vt, *ones; /* Adam moments of theta, B ones */
  int8_t *copy;
} Stream;

static void
stream_free (Stream *s)
{
  size_t n = s->n, B = s->B;
  hf_big_free (s->S, B * n * sizeof (float));
  hf_big_free (s->H, B * n * sizeof (float));
  hf_big_free (s->M, n * n * sizeof (float));
  hf_big_free (s->mJ, n * n * sizeof (float));
  hf_big_free (s->vJ, n * n * sizeof (float));
  free (s->gth);
  free (s->mt);
  free (s->vt);
  free (s->ones);
  free (s->copy);
}

static HfStatus
stream_init (Stream *s, size_t n, size_t B, bool adam, HfError *err)
{
  memset (s, 0, sizeof *s);
  s->n = n;
  s->B = B;
  size_t need = (2 * B * n + (adam ? 3 : 1) * n * n) * sizeof (float);
  HfStatus st = hf_check_memory (need, HF_N_ ("the Fig. 1 training buffers"), err);
  if (st != HF_OK)
    return st;
  s->S = hf_big_alloc (B * n * sizeof (float));
  s->H = hf_big_alloc (B * n * sizeof (float));
  s->M = hf_big_alloc (n * n * sizeof (float));
  if (adam)
    {
      s->mJ = hf_big_calloc (n * n * sizeof (float));
      s->vJ = hf_big_calloc (n * n * sizeof (float));
    }
  s->gth = calloc (n, sizeof (float));
  s->mt = calloc (n, sizeof (float));
  s->vt = calloc (n, sizeof (float));
  s->ones = malloc (B * sizeof (float));
  s->copy = malloc (n);
  if (!s->S || !s->H || !s->M || (adam && (!s->mJ || !s->vJ)) || !s->gth || !s->mt
      || !s->vt || !s->ones || !s->copy)
    {
      stream_free (s);
      return hf_error_set (err, HF_ENOMEM, "out of memory for the Fig. 1 training");
    }
  for (size_t p = 0; p < B; p++)
    s->ones[p] = 1.0f;
  return HF_OK;
}

/* Fills S with the next minibatch: `copies` fresh noisy copies of every
 * original, in order. Keeps the first copy of each original as panel a. */
static void
next_batch (Stream *s, const HfPatterns *D, const HfImagesOptions *o, gsl_rng *rng,
            int8_t *first)
{
  size_t n = s->n, k = (size_t)lround (o->train_flip * (double)n);
  for (size_t p = 0; p < s->B; p++)
    {
      size_t img = p % D->m;
      memcpy (s->copy, hf_patterns_get (D, img), n);
      if (o->exact_flips)
        hf_state_flip_k (s->copy, n, k, rng, NULL);
      else
        hf_state_flip_bernoulli (s->copy, n, o->train_flip, rng, NULL);
      if (first != NULL && p < D->m)
        memcpy (first + img * n, s->copy, n);
      float *row = s->S + p * n;
      for (size_t i = 0; i < n; i++)
        row[i] = s->copy[i];
    }
}

/* H = S J - 1 theta^T (J symmetric, full). */
static void
fields (Stream *s, const HfNetwork *net)
{
  size_t n = s->n, B = s->B;
  for (size_t p = 0; p < B; p++)
    for (size_t i = 0; i < n; i++)
      s->H[p * n + i] = -net->theta[i];
  cblas_ssymm (CblasRowMajor, CblasRight, CblasUpper, (int)B, (int)n, 1.0f, net->J,
               (int)n, s->S, (int)n, 1.0f, s->H, (int)n);
}

/* H <- G = S o w(S o H); returns sum of exp(-s h) for MPF. */
static double
weights (Stream *s, HfRule rule)
{
  double sum = 0.0;
  size_t total = s->B * s->n;
  for (size_t k = 0; k < total; k++)
    {
      float sh = s->S[k] * s->H[k];
      if (rule == HF_RULE_MPF)
        {
          float a = expf (-sh < 80.0f ? -sh : 80.0f);
          sum += a;
          s->H[k] = s->S[k] * a;
        }
      else
        s->H[k] = sh <= 0.0f ? s->S[k] : 0.0f;
    }
  return sum;
}

/* M = G^T S + S^T G (upper triangle only: ssymm reads J's upper triangle,
 * so the lower one is filled once, after training), gth = G^T 1. */
static void
outer (Stream *s)
{
  size_t n = s->n, B = s->B;
  cblas_ssyr2k (CblasRowMajor, CblasUpper, CblasTrans, (int)n, (int)B, 1.0f, s->H, (int)n,
                s->S, (int)n, 0.0f, s->M, (int)n);
  cblas_sgemv (CblasRowMajor, CblasTrans, (int)B, (int)n, 1.0f, s->H, (int)n, s->ones, 1,
               0.0f, s->gth, 1);
}

static void
adam (float *x, const float *g, float *m, float *v, size_t count, float scale, float lr,
      float c1, float c2)
{
  const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
  for (size_t k = 0; k < count; k++)
    {
      float gk = scale * g[k];
      m[k] = b1 * m[k] + (1.0f - b1) * gk;
      v[k] = b2 * v[k] + (1.0f - b2) * gk * gk;
      x[k] -= lr * (m[k] / c1) / (sqrtf (v[k] / c2) + eps);
    }
}

typedef struct
{
  HfExperimentCallback cb;
  void *user;
  double done, share; /* progress before this rule, and its share */
} Progress;

static bool
report (const Progress *p, double fraction)
{
  return p->cb == NULL || p->cb (p->done + p->share * fraction, p->user);
}

static HfStatus
train_stream (const HfPatterns *D, const HfImagesOptions *o, HfRule rule, size_t steps,
              HfImagesResult *res, HfImagesRuleResult *rr, const Progress *pr,
              HfError *err)
{
  size_t n = D->n, B = D->m * o->copies;
  bool is_mpf = rule == HF_RULE_MPF;
  Stream s;
  HfStatus st = stream_init (&s, n, B, is_mpf, err);
  if (st != HF_OK)
    return st;
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  if (rng == NULL)
    {
      stream_free (&s);
      return hf_error_set (err, HF_ENOMEM, "out of memory");
    }
  gsl_rng_set (rng, o->seed);
  HfNetwork *net = rr->net;
  hf_network_clear (net);
  double t0 = hf_now ();
  double *hist = calloc (steps + 1, sizeof (double));
  if (hist == NULL)
    st = hf_error_set (err, HF_ENOMEM, "out of memory");
  size_t step = 0;
  float b1t = 1.0f, b2t = 1.0f;
  for (; step < steps && st == HF_OK; step++)
    {
      next_batch (&s, D, o, rng,
                  step == 0 && res->training_copy ? res->training_copy : NULL);
      if (rule == HF_RULE_HEBBIAN)
        cblas_ssyrk (CblasRowMajor, CblasUpper, CblasTrans, (int)n, (int)B, 1.0f, s.S,
                     (int)n, 1.0f, net->J, (int)n);
      else
        {
          fields (&s, net);
          double f = weights (&s, rule);
          outer (&s);
          if (is_mpf)
            {
              float T = (float)(B * n);
              /* Every field sums n couplings: a step of rate / n moves it by O(rate). */
              float lr = (float)(o->learning_rate / (double)n
                                 * (1.0 - (double)step / (double)steps));
              b1t *= 0.9f;
              b2t *= 0.999f;
              /* grad J = -M / T, grad theta = gth / T */
              /* The strict upper triangle only: the diagonal stays zero and
               * ssyr2k leaves M's lower triangle unwritten. */
              for (size_t i = 0; i + 1 < n; i++)
                {
                  size_t at = i * n + i + 1;
                  adam (net->J + at, s.M + at, s.mJ + at, s.vJ + at, n - i - 1, -1.0f / T,
                        lr, 1.0f - b1t, 1.0f - b2t);
                }
              adam (net->theta, s.gth, s.mt, s.vt, n, 1.0f / T, lr, 1.0f - b1t,
                    1.0f - b2t);
              hist[step] = f / (double)T;
              size_t w = o->window;
              if (w > 0 && step + 1 >= 2 * w && (step + 1) % w == 0)
                {
                  double now = 0.0, before = 0.0;
                  for (size_t k = 0; k < w; k++)
                    {
                      now += hist[step - k];
                      before += hist[step - w - k];
                    }
                  rr->objective = now / (double)w;
                  if (before - now < o->plateau * before)
                    {
                      step++;
                      break;
                    }
                }
            }
          else
            {
              /* Batch perceptron: J += M, theta -= gth. */
              for (size_t i = 0; i + 1 < n; i++)
                cblas_saxpy ((int)(n - i - 1), 1.0f, s.M + i * n + i + 1, 1,
                             net->J + i * n + i + 1, 1);
              cblas_saxpy ((int)n, -1.0f, s.gth, 1, net->theta, 1);
            }
        }
      if (!report (pr, (double)(step + 1) / (double)steps))
        st = hf_error_set (err, HF_ECANCELLED, "the experiment was cancelled");
    }
  if (rule == HF_RULE_HEBBIAN && step > 0)
    /* J = (1/n) mean of s s^T over the stream. */
    cblas_sscal ((int)(n * n), 1.0f / ((float)n * (float)(step * B)), net->J, 1);
  /* Training updated the upper triangle: mirror it, zero the diagonal. */
  hf_mirror_upper (net->J, n);
  rr->steps = step;
  rr->seconds = hf_now () - t0;
  if (is_mpf && hist != NULL && step > 0)
    {
      /* The objective reported: mean over the last window (or fewer) steps. */
      size_t w = o->window > 0 && o->window < step ? o->window : step;
      double sum = 0.0;
      for (size_t k = step - w; k < step; k++)
        sum += hist[k];
      rr->objective = sum / (double)w;
    }
  free (hist);
  gsl_rng_free (rng);
  stream_free (&s);
  return st;
}

static HfStatus
evaluate (const HfPatterns *D, const HfImagesResult *res, HfImagesRuleResult *rr,
          HfError *err)
{
  size_t n = D->n;
  HfRecall *rec = hf_recall_new (rr->net, err);
  if (rec == NULL)
    return err ? err->code : HF_ENOMEM;
  for (size_t k = 0; k < D->m; k++)
    {
      const int8_t *x = hf_patterns_get (D, k);
      hf_recall_set_state (rec, x, NULL);
      size_t flips;
      hf_recall_sweep (rec, &flips);
      rr->fixed[k] = flips == 0 && memcmp (hf_recall_state (rec), x, n) == 0;
      hf_recall_set_state (rec, res->probe + k * n, NULL);
      hf_recall_sweep (rec, &flips);
      memcpy (rr->after_sweep + k * n, hf_recall_state (rec), n);
      hf_recall_run (rec, 100);
      memcpy (rr->converged + k * n, hf_recall_state (rec), n);
      rr->recall_ok[k] = memcmp (hf_recall_state (rec), x, n) == 0;
      rr->fixed_points += rr->fixed[k];
      rr->recalled += rr->recall_ok[k];
    }
  hf_recall_free (rec);
  return HF_OK;
}

void
hf_images_result_free (HfImagesResult *res)
{
  if (res == NULL)
    return;
  for (size_t r = 0; r < res->nrules; r++)
    {
      HfImagesRuleResult *rr = &res->rules[r];
      free (rr->fixed);
      free (rr->recall_ok);
      free (rr->after_sweep);
      free (rr->converged);
      hf_network_free (rr->net);
    }
  free (res->rules);
  free (res->training_copy);
  free (res->probe);
  free (res);
}

HfStatus
hf_experiment_images (const HfPatterns *originals, const HfImagesOptions *opts,
                      const HfRule *rules, size_t nrules, HfImagesResult **out,
                      HfExperimentCallback cb, void *user, HfError *err)
{
  *out = NULL;
  const HfPatterns *D = originals;
  if (D == NULL || D->m == 0 || D->n < 2 || nrules == 0)
    return hf_error_set (err, HF_EINVAL, "Fig. 1 needs at least one image and one rule");
  if (!(opts->train_flip >= 0.0 && opts->train_flip < 0.5) || !(opts->probe_flip >= 0.0)
      || opts->probe_flip > 1.0)
    return hf_error_set (err, HF_EINVAL,
                         "the training corruption must be in [0, 0.5) and the probe's in "
                         "[0, 1] (got %g and %g)",
                         opts->train_flip, opts->probe_flip);
  if (opts->copies == 0 || opts->max_steps == 0 || !(opts->learning_rate > 0.0))
    return hf_error_set (err, HF_EINVAL,
                         "Fig. 1 needs copies, steps and a learning rate above zero");
  for (size_t r = 0; r < nrules; r++)
    if (rules[r] != HF_RULE_MPF && rules[r] != HF_RULE_HEBBIAN
        && rules[r] != HF_RULE_PERCEPTRON)
      return hf_error_set (
          err, HF_EINVAL,
          "Fig. 1 streams copies through mpf, hebbian or perceptron, not "
          "%s",
          hf_rule_info (rules[r])->name);
  size_t n = D->n, m = D->m;
  HfImagesResult *res = calloc (1, sizeof *res);
  HfStatus st = HF_OK;
  if (res != NULL)
    {
      res->n = n;
      res->width = D->width;
      res->height = D->height;
      res->count = m;
      res->nrules = nrules;
      res->training_copy = malloc (m * n);
      res->probe = malloc (m * n);
      res->rules = calloc (nrules, sizeof *res->rules);
    }
  if (res == NULL || !res->training_copy || !res->probe || !res->rules)
    st = hf_error_set (err, HF_ENOMEM, "out of memory");
  for (size_t r = 0; r < nrules && st == HF_OK; r++)
    {
      HfImagesRuleResult *rr = &res->rules[r];
      rr->rule = rules[r];
      rr->fixed = calloc (m, sizeof (bool));
      rr->recall_ok = calloc (m, sizeof (bool));
      rr->after_sweep = malloc (m * n);
      rr->converged = malloc (m * n);
      rr->net = hf_network_new (D->width, D->height, err);
      if (!rr->fixed || !rr->recall_ok || !rr->after_sweep || !rr->converged || !rr->net)
        st = hf_error_set (err, HF_ENOMEM, "out of memory");
    }
  if (st == HF_OK)
    {
      /* The probes (panel b) come from their own generator. */
      gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
      if (rng == NULL)
        st = hf_error_set (err, HF_ENOMEM, "out of memory");
      else
        {
          gsl_rng_set (rng, opts->seed + 1000003);
          size_t k = (size_t)lround (opts->probe_flip * (double)n);
          for (size_t p = 0; p < m; p++)
            {
              memcpy (res->probe + p * n, hf_patterns_get (D, p), n);
              hf_state_flip_k (res->probe + p * n, n, k, rng, NULL);
            }
          gsl_rng_free (rng);
        }
    }
  /* MPF first, so the others can take as many steps. */
  size_t steps = opts->max_steps;
  for (size_t pass = 0; pass < 2 && st == HF_OK; pass++)
    for (size_t r = 0; r < nrules && st == HF_OK; r++)
      {
        bool first = rules[r] == HF_RULE_MPF;
        if ((pass == 0) != first)
          continue;
        Progress pr = { cb, user, (double)r / (double)nrules, 1.0 / (double)nrules };
        st = train_stream (D, opts, rules[r], steps, res, &res->rules[r], &pr, err);
        if (st == HF_OK && first)
          steps = res->rules[r].steps;
        if (st == HF_OK)
          {
            snprintf (res->rules[r].net->summary.rule,
                      sizeof res->rules[r].net->summary.rule, "%s",
                      hf_rule_info (rules[r])->name);
            st = evaluate (D, res, &res->rules[r], err);
          }
      }
  if (st != HF_OK)
    {
      hf_images_result_free (res);
      return st;
    }
  *out = res;
  return HF_OK;
}
