/* hf-train.h: every learning rule behind one entry point.
 *
 * Training is a state you iterate, as GSL's minimisers are:
 *
 *   HfTrainer *t = hf_trainer_new (net, patterns, &options, &err);
 *   while ((st = hf_trainer_iterate (t, &err)) == HF_OK)
 *     show (hf_trainer_progress (t));          // or stop here: net is valid
 *   hf_trainer_free (t);
 *
 * After every iteration the network holds the rule's current weights,
 * symmetric with a zero diagonal, so stopping at any point is safe.
 * The trainer reads the pattern set during iterations: keep it alive.
 */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "hf-network.h"
#include "hf-patterns.h"

typedef enum
{
  HF_RULE_HEBBIAN = 0, /* outer product in +-1 form, zero thresholds */
  HF_RULE_OPR01,       /* Hopfield's 1982 form: zero thresholds in 0/1 space */
  HF_RULE_STORKEY,
  HF_RULE_PSEUDOINVERSE,
  HF_RULE_PERCEPTRON,
  HF_RULE_MPF,        /* batch: L-BFGS on objective (4) */
  HF_RULE_MPF_ONLINE, /* the local rule (5)-(6) */
  HF_RULE_COUNT
} HfRule;

typedef enum
{
  HF_NORM_BY_N = 0, /* J = (1/n) sum xi xi^T, the textbook convention */
  HF_NORM_BY_M,     /* J = (1/m) sum xi xi^T */
} HfHebbianNorm;

typedef enum
{
  HF_MINIMIZER_LBFGS = 0, /* our L-BFGS (hf-lbfgs.c) */
  HF_MINIMIZER_GSL_BFGS2, /* GSL multimin vector_bfgs2, for comparison */
} HfMinimizer;

typedef struct
{
  HfRule rule;
  double learning_rate;  /* PER (default 1), MPF online (default 0.1) */
  size_t max_iterations; /* PER and MPF online: epochs; MPF: iterations */
  double tolerance;      /* MPF: stop when |grad|_inf <= tolerance */
  double
      margin; /* MPF: stop once every s_i h_i >= margin; PER: required s_i h_i > margin */
  bool learn_thresholds; /* PER, MPF, MPF online */
  HfHebbianNorm norm;
  HfMinimizer minimizer;
  size_t lbfgs_memory;
  bool double_precision; /* MPF: products in double (slower; for checks) */
  unsigned long seed;    /* pattern order for online rules */
} HfTrainOptions;

typedef struct
{
  size_t iteration; /* iterations (or presentations) done */
  size_t max_iterations;
  size_t epoch;         /* online rules: completed passes over the patterns */
  size_t evaluations;   /* MPF: objective and gradient evaluations */
  double objective;     /* MPF: K / (m n); PER: unstable bits of the last epoch */
  double gradient_norm; /* MPF: |grad|_inf */
  size_t unstable;      /* patterns that are not (yet) fixed points, -1 unknown */
  double
      min_stability; /* MPF, MPF online: smallest s_i h_i over the terms (NAN: unknown) */
  bool finished;
  bool converged;      /* the rule's own success test held */
  double blas_seconds; /* MPF: wall time inside the dense products */
  double blas_flops;   /* MPF: floating-point operations of those products */
  char message[160];   /* one line for a status bar */
} HfTrainProgress;

/* HF_N_ (hf-error.h) marks engine strings for translation without making
 * the engine depend on gettext: xgettext knows the keyword, the GUI
 * translates at display. */

typedef struct
{
  const char *name;        /* "mpf", for the CLI and files */
  const char *label;       /* "Minimum probability flow (batch)", for menus */
  const char *description; /* one sentence */
  bool learns_thresholds;
  bool iterative; /* has more than one iteration */
} HfRuleInfo;

const HfRuleInfo *hf_rule_info (HfRule rule);
bool hf_rule_from_name (const char *name, HfRule *rule);
void hf_train_options_init (HfTrainOptions *opts, HfRule rule);
HfStatus hf_train_options_check (const HfTrainOptions *opts, HfError *err);

typedef struct HfTrainer HfTrainer;

HfTrainer *hf_trainer_new (HfNetwork *net, const HfPatterns *patterns,
                           const HfTrainOptions *opts, HfError *err);
/* HF_OK: more to do; HF_DONE: finished; anything else: an error, with the
 * network left at the last valid weights. */
HfStatus hf_trainer_iterate (HfTrainer *t, HfError *err);
const HfTrainProgress *hf_trainer_progress (const HfTrainer *t);
/* Fills net->summary (rule, time, and the stored patterns, counted with
 * one m x n x n product). hf_train calls it; a caller that iterates by
 * hand calls it once iterate has returned HF_DONE, or after cancelling. */
void hf_trainer_finish (HfTrainer *t);
void hf_trainer_free (HfTrainer *t);
/* A flag another thread may set to non-zero (atomic_store) to stop
 * training inside a long iteration (an MPF line search); iterate then
 * returns HF_ECANCELLED with the network at the last accepted point. */
void hf_trainer_set_cancel_flag (HfTrainer *t, const atomic_int *flag);

/* The MPF objective f = K / T (T: the number of neighbour terms, so that
 * f = 1 at J = 0, theta = 0) at the network's parameters, in the +-1 form
 * sum exp(-s_i h_i), and its gradient: grad_J (n x n, symmetric, zero
 * diagonal; entry ij is df/dJ_ij for the shared parameter J_ij = J_ji)
 * and grad_theta (n). Either gradient may be NULL. */
HfStatus hf_mpf_objective (const HfNetwork *net, const HfPatterns *D,
                           bool double_precision, double *f, double *grad_J,
                           double *grad_theta, HfError *err);

/* Callback between iterations: return false to cancel. */
typedef bool (*HfTrainCallback) (const HfTrainProgress *progress, void *user);

/* Runs a trainer to the end. HF_OK when finished, HF_ECANCELLED when the
 * callback stopped it (the network is then valid, partly trained). */
HfStatus hf_train (HfNetwork *net, const HfPatterns *patterns, const HfTrainOptions *opts,
                   HfTrainCallback callback, void *user, HfError *err);
