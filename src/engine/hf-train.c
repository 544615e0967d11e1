#include "hf-train-private.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const HfRuleInfo rule_info[HF_RULE_COUNT] = {
  [HF_RULE_HEBBIAN]
  = { "hebbian", HF_N_ ("Hebbian outer product (±1)"),
      HF_N_ ("J = (1/n) Σ ξξᵀ with zero diagonal and zero thresholds."), false, false },
  [HF_RULE_OPR01]
  = { "opr01", HF_N_ ("Hebbian outer product (0/1, Hopfield 1982)"),
      HF_N_ ("Hebbian weights with zero thresholds in 0/1 state space, as in the "
             "paper's OPR curve; in ±1 form θᵢ = −Σⱼ Jᵢⱼ."),
      false, false },
  [HF_RULE_STORKEY]
  = { "storkey", HF_N_ ("Storkey (1997)"),
      HF_N_ ("Incremental rule that subtracts each pattern's local field "
             "crosstalk; higher capacity than Hebbian."),
      false, true },
  [HF_RULE_PSEUDOINVERSE] = { "pinv", HF_N_ ("Pseudo-inverse (projection)"),
                              HF_N_ ("J = Ξᵀ(ΞΞᵀ)⁻¹Ξ with zero diagonal: needs linearly "
                                     "independent patterns."),
                              false, false },
  [HF_RULE_PERCEPTRON]
  = { "perceptron", HF_N_ ("Perceptron (PER)"),
      HF_N_ ("Symmetric perceptron updates of J and θ from each pattern's "
             "unstable neurons until every pattern is a fixed point."),
      true, true },
  [HF_RULE_MPF]
  = { "mpf", HF_N_ ("Minimum probability flow (batch)"),
      HF_N_ ("Minimises the convex MPF objective (4) with L-BFGS and its analytic "
             "gradient."),
      true, true },
  [HF_RULE_MPF_ONLINE]
  = { "mpf-online", HF_N_ ("Minimum probability flow (online rule)"),
      HF_N_ ("The local rule (5)-(6): one pattern at a time, steepest descent "
             "on K for that pattern, with a step scaled to the grid size."),
      true, true },
};

static const HfRuleVtable *const rule_vt[HF_RULE_COUNT] = {
  [HF_RULE_HEBBIAN] = &hf_rule_hebbian_vt,
  [HF_RULE_OPR01] = &hf_rule_opr01_vt,
  [HF_RULE_STORKEY] = &hf_rule_storkey_vt,
  [HF_RULE_PSEUDOINVERSE] = &hf_rule_pinv_vt,
  [HF_RULE_PERCEPTRON] = &hf_rule_perceptron_vt,
  [HF_RULE_MPF] = &hf_rule_mpf_vt,
  [HF_RULE_MPF_ONLINE] = &hf_rule_mpf_online_vt,
};

const HfRuleInfo *
hf_rule_info (HfRule rule)
{
  return rule < HF_RULE_COUNT ? &rule_info[rule] : NULL;
}

bool
hf_rule_from_name (const char *name, HfRule *rule)
{
  for (int k = 0; k < HF_RULE_COUNT; k++)
    if (strcmp (name, rule_info[k].name) == 0)
      {
        *rule = (HfRule)k;
        return true;
      }
  return false;
}

void
hf_train_options_init (HfTrainOptions *opts, HfRule rule)
{
  memset (opts, 0, sizeof *opts);
  opts->rule = rule;
  opts->learn_thresholds = rule_info[rule < HF_RULE_COUNT ? rule : 0].learns_thresholds;
  opts->norm = HF_NORM_BY_N;
  opts->minimizer = HF_MINIMIZER_LBFGS;
  opts->lbfgs_memory = 10;
  opts->seed = 1;
  switch (rule)
    {
    case HF_RULE_PERCEPTRON:
      opts->learning_rate = 1.0;
      opts->max_iterations = 2000;
      opts->margin = 0.0;
      break;
    case HF_RULE_MPF:
      opts->max_iterations = 1000;
      opts->tolerance = 1e-7;
      opts->margin = 1.0;
      break;
    case HF_RULE_MPF_ONLINE:
      opts->learning_rate = 0.1;
      opts->max_iterations = 1000;
      opts->margin = 1.0;
      break;
    default:
      opts->max_iterations = 1;
      break;
    }
}

HfStatus
hf_train_options_check (const HfTrainOptions *opts, HfError *err)
{
  if (opts->rule >= HF_RULE_COUNT)
    return hf_error_set (err, HF_EINVAL, "unknown learning rule %d", (int)opts->rule);
  if (!(opts->learning_rate >= 0.0) || opts->learning_rate > 1e6)
    return hf_error_set (err, HF_EINVAL, "the learning rate must be in [0, 1e6] (got %g)",
                         opts->learning_rate);
  if ((opts->rule == HF_RULE_PERCEPTRON || opts->rule == HF_RULE_MPF_ONLINE)
      && !(opts->learning_rate > 0.0))
    return hf_error_set (err, HF_EINVAL, "the %s rule needs a learning rate > 0",
                         rule_info[opts->rule].name);
  if (rule_info[opts->rule].iterative && opts->max_iterations == 0)
    return hf_error_set (err, HF_EINVAL, "the iteration limit must be at least 1");
  if (!(opts->margin >= 0.0) || opts->margin > 1e6)
    return hf_error_set (err, HF_EINVAL, "the margin must be in [0, 1e6] (got %g)",
                         opts->margin);
  if (!(opts->tolerance >= 0.0))
    return hf_error_set (err, HF_EINVAL, "the tolerance must be >= 0 (got %g)",
                         opts->tolerance);
  if (opts->rule == HF_RULE_MPF && (opts->lbfgs_memory == 0 || opts->lbfgs_memory > 100))
    return hf_error_set (err, HF_EINVAL, "the L-BFGS memory must be in 1..100");
  return HF_OK;
}

double
hf_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

float *
hf_patterns_to_float (const HfPatterns *D)
{
  float *S = malloc ((D->m ? D->m : 1) * D->n * sizeof (float));
  if (S != NULL)
    for (size_t k = 0; k < D->m * D->n; k++)
      S[k] = D->data[k];
  return S;
}

void
hf_mirror_upper (float *J, size_t n)
{
  /* Blocked so that both the rows read and the columns written stay in
   * cache: a plain double loop is several times slower at n = 4096. */
  const size_t B = 64;
  for (size_t ib = 0; ib < n; ib += B)
    for (size_t jb = ib; jb < n; jb += B)
      {
        size_t ie = ib + B < n ? ib + B : n, je = jb + B < n ? jb + B : n;
        for (size_t i = ib; i < ie; i++)
          for (size_t j = (jb > i + 1 ? jb : i + 1); j < je; j++)
            J[j * n + i] = J[i * n + j];
      }
  for (size_t i = 0; i < n; i++)
    J[i * n + i] = 0.0f;
}

HfTrainer *
hf_trainer_new (HfNetwork *net, const HfPatterns *patterns, const HfTrainOptions *opts,
                HfError *err)
{
  if (hf_train_options_check (opts, err) != HF_OK)
    return NULL;
  if (patterns->m == 0)
    {
      hf_error_set (err, HF_EINVAL, "there are no patterns to train on");
      return NULL;
    }
  if (patterns->n != net->n)
    {
      hf_error_set (err, HF_EINVAL, "patterns of %zu neurons do not fit a network of %zu",
                    patterns->n, net->n);
      return NULL;
    }
  hf_gsl_init ();
  HfTrainer *t = calloc (1, sizeof *t);
  if (t == NULL || (t->rng = gsl_rng_alloc (gsl_rng_mt19937)) == NULL)
    {
      free (t);
      hf_error_set (err, HF_ENOMEM, "out of memory");
      return NULL;
    }
  t->rule = opts->rule;
  t->vt = rule_vt[opts->rule];
  t->net = net;
  t->D = patterns;
  t->opts = *opts;
  if (!rule_info[opts->rule].learns_thresholds)
    t->opts.learn_thresholds = false;
  gsl_rng_set (t->rng, opts->seed);
  t->progress.max_iterations = rule_info[opts->rule].iterative ? opts->max_iterations : 1;
  t->progress.unstable = (size_t)-1;
  t->t0 = hf_now ();
  hf_network_clear (net);
  if (t->vt->start (t, err) != HF_OK)
    {
      hf_trainer_free (t);
      hf_network_clear (net);
      return NULL;
    }
  return t;
}

void
hf_trainer_finish (HfTrainer *t)
{
  HfTrainSummary *sum = &t->net->summary;
  snprintf (sum->rule, sizeof sum->rule, "%s", rule_info[t->rule].name);
  sum->patterns = t->D->m;
  sum->iterations = t->progress.iteration;
  sum->objective = t->progress.objective;
  sum->seconds = hf_now () - t->t0;
  size_t fixed = 0;
  HfError e;
  if (hf_network_count_fixed (t->net, t->D, HF_TIE_OFF, &fixed, NULL, &e) != HF_OK)
    {
      /* Not counted (out of memory): say so rather than claim none. */
      t->progress.unstable = (size_t)-1;
      snprintf (t->progress.message, sizeof t->progress.message,
                hf_translate (HF_N_ ("the stored patterns could not be counted: %.100s")),
                e.message);
      return;
    }
  sum->stored = fixed;
  t->progress.unstable = t->D->m - fixed;
  if (t->progress.message[0] == '\0')
    snprintf (t->progress.message, sizeof t->progress.message,
              hf_translate (HF_N_ ("%zu of %zu patterns are fixed points")), fixed,
              t->D->m);
}

HfStatus
hf_trainer_iterate (HfTrainer *t, HfError *err)
{
  if (t->progress.finished)
    return HF_DONE;
  HfStatus st = t->vt->iterate (t, err);
  if (st == HF_DONE
      || (st == HF_OK && t->progress.iteration >= t->progress.max_iterations))
    {
      /* Counting the stored patterns costs an m x n x n product, as much
       * as Hebbian training itself: it is left to hf_trainer_finish. */
      t->progress.finished = true;
      return HF_DONE;
    }
  return st;
}

void
hf_trainer_set_cancel_flag (HfTrainer *t, const atomic_int *flag)
{
  t->cancel = flag;
}

const HfTrainProgress *
hf_trainer_progress (const HfTrainer *t)
{
  return &t->progress;
}

void
hf_trainer_free (HfTrainer *t)
{
  if (t == NULL)
    return;
  if (t->vt != NULL && t->vt->free != NULL)
    t->vt->free (t);
  if (t->rng)
    gsl_rng_free (t->rng);
  free (t);
}

HfStatus
hf_train (HfNetwork *net, const HfPatterns *patterns, const HfTrainOptions *opts,
          HfTrainCallback callback, void *user, HfError *err)
{
  HfError local, *e = err != NULL ? err : &local; /* the status, even without err */
  HfTrainer *t = hf_trainer_new (net, patterns, opts, e);
  if (t == NULL)
    return e->code;
  HfStatus st;
  while ((st = hf_trainer_iterate (t, err)) == HF_OK)
    if (callback != NULL && !callback (hf_trainer_progress (t), user))
      {
        hf_trainer_finish (t);
        hf_trainer_free (t);
        return hf_error_set (err, HF_ECANCELLED, "training was cancelled");
      }
  if (st == HF_DONE)
    {
      hf_trainer_finish (t);
      if (callback != NULL)
        callback (hf_trainer_progress (t), user);
    }
  hf_trainer_free (t);
  return st == HF_DONE ? HF_OK : st;
}
