/* Tests of the learning rules against the MPF paper's claims. */
#include <string.h>

#include "../hf-check.h"
#include "hf-experiment.h"
#include "hf-lbfgs.h"
#include "hf-samples.h"
#include "hf-train.h"

static HfPatterns *
random_set (size_t n, size_t m, unsigned long seed)
{
  gsl_rng *rng = test_rng (seed);
  HfPatterns *D = hf_patterns_new (n, 1, NULL);
  hf_patterns_add_random (D, m, 0.5, rng, NULL);
  gsl_rng_free (rng);
  return D;
}

/* hf_trainer_new turns GSL's aborting error handler off (first in the
 * suite, so that with CK_FORK=no nothing else has done it before). */
START_TEST (test_trainer_new_turns_gsl_aborts_off)
{
  HfPatterns *D = random_set (8, 2, 3);
  HfNetwork *net = hf_network_new (8, 1, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  HfTrainer *t = hf_trainer_new (net, D, &o, NULL);
  ck_assert_ptr_nonnull (t);
  test_gsl_does_not_abort ();
  hf_trainer_free (t);
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

/* Analytic MPF gradient against central finite differences. */
START_TEST (test_mpf_gradient)
{
  gsl_rng *rng = test_rng (31);
  for (int trial = 0; trial < 4; trial++)
    {
      size_t n = 10 + 2 * (size_t)trial, m = 4 + (size_t)trial;
      HfPatterns *D = random_set (n, m, 40 + (unsigned long)trial);
      HfNetwork *net = hf_network_new (n, 1, NULL);
      test_random_network (net, 0.3, 0.3, rng);
      double f, *gJ = malloc (n * n * sizeof (double)),
                *gt = malloc (n * sizeof (double));
      ck_assert_int_eq (hf_mpf_objective (net, D, true, &f, gJ, gt, NULL), HF_OK);
      const double h = 1e-3;
      double worst = 0.0, gmax = 0.0;
      for (size_t i = 0; i < n; i++)
        for (size_t j = i; j < n; j++)
          {
            /* j == i perturbs theta_i; j > i perturbs J_ij = J_ji. */
            float *p1 = j == i ? &net->theta[i] : &net->J[i * n + j];
            float *p2 = j == i ? &net->theta[i] : &net->J[j * n + i];
            float keep = *p1;
            double fp, fm;
            *p1 = *p2 = keep + (float)h;
            double hp = (double)*p1 - keep;
            hf_mpf_objective (net, D, true, &fp, NULL, NULL, NULL);
            *p1 = *p2 = keep - (float)h;
            double hm = keep - (double)*p1;
            hf_mpf_objective (net, D, true, &fm, NULL, NULL, NULL);
            *p1 = *p2 = keep;
            double fd = (fp - fm) / (hp + hm);
            double an = j == i ? gt[i] : gJ[i * n + j];
            worst = fmax (worst, fabs (fd - an));
            gmax = fmax (gmax, fabs (an));
          }
      ck_assert_msg (worst < 1e-4 * gmax, "trial %d: |fd - analytic| = %g, |grad| = %g",
                     trial, worst, gmax);
      free (gJ);
      free (gt);
      hf_network_free (net);
      hf_patterns_free (D);
    }
  gsl_rng_free (rng);
}
END_TEST

/* Objective (4) in the paper's 0/1 form, summed from energy differences,
 * equals our +-1 form after the reparameterisation J = W/4,
 * theta = b/2 - W1/4; neighbours that are themselves in D are left out. */
START_TEST (test_mpf_objective_zero_one_form)
{
  gsl_rng *rng = test_rng (32);
  size_t n = 9, m = 6;
  for (int trial = 0; trial < 10; trial++)
    {
      HfPatterns *D = random_set (n, m, 60 + (unsigned long)trial);
      if (trial % 2)
        {
          /* add a pattern one bit away from pattern 0: both terms excluded */
          int8_t x[9];
          memcpy (x, hf_patterns_get (D, 0), n);
          x[4] = (int8_t)-x[4];
          hf_patterns_append (D, x, NULL);
        }
      double W[9][9], b[9];
      for (size_t i = 0; i < n; i++)
        {
          W[i][i] = 0;
          for (size_t j = i + 1; j < n; j++)
            W[i][j] = W[j][i] = gsl_ran_gaussian (rng, 0.7);
          b[i] = gsl_ran_gaussian (rng, 0.7);
        }
      double K = 0.0;
      size_t terms = 0;
      for (size_t p = 0; p < D->m; p++)
        {
          double x[9];
          for (size_t i = 0; i < n; i++)
            x[i] = (hf_patterns_get (D, p)[i] + 1) / 2;
          for (size_t i = 0; i < n; i++)
            {
              int8_t y[9];
              memcpy (y, hf_patterns_get (D, p), n);
              y[i] = (int8_t)-y[i];
              if (hf_patterns_find (D, y) >= 0)
                continue; /* x' in D: not a term of (4) */
              double xp[9];
              memcpy (xp, x, sizeof x);
              xp[i] = 1 - xp[i];
              double ex = 0, exp_ = 0;
              for (size_t a = 0; a < n; a++)
                {
                  for (size_t c = 0; c < n; c++)
                    {
                      ex -= 0.5 * x[a] * W[a][c] * x[c];
                      exp_ -= 0.5 * xp[a] * W[a][c] * xp[c];
                    }
                  ex += b[a] * x[a];
                  exp_ += b[a] * xp[a];
                }
              K += exp ((ex - exp_) / 2);
              terms++;
            }
        }
      HfNetwork *net = hf_network_new (n, 1, NULL);
      for (size_t i = 0; i < n; i++)
        {
          double row = 0;
          for (size_t j = 0; j < n; j++)
            {
              net->J[i * n + j] = (float)(W[i][j] / 4);
              row += W[i][j];
            }
          net->theta[i] = (float)(b[i] / 2 - row / 4);
        }
      double f;
      ck_assert_int_eq (hf_mpf_objective (net, D, true, &f, NULL, NULL, NULL), HF_OK);
      /* the planted pair is excluded (random 9-bit patterns may add more) */
      ck_assert_uint_le (terms, D->m * n - (trial % 2 ? 2 : 0));
      ck_assert_double_eq_tol (f * (double)terms, K, 1e-5 * K);
      hf_network_free (net);
      hf_patterns_free (D);
    }
  gsl_rng_free (rng);
}
END_TEST

static double
min_stability (const HfNetwork *net, const HfPatterns *D, size_t p)
{
  return hf_network_min_stability (net, hf_patterns_get (D, p), NULL);
}

/* Theorem 1: a storable set (m = n/2 random patterns) ends as strict
 * local minima. */
START_TEST (test_theorem_one)
{
  size_t ns[] = { 32, 64 };
  for (int k = 0; k < 2; k++)
    for (unsigned long seed = 1; seed <= 3; seed++)
      {
        size_t n = ns[k], m = n / 2;
        HfPatterns *D = random_set (n, m, 70 + seed);
        HfNetwork *net = hf_network_new (n, 1, NULL);
        HfTrainOptions o;
        hf_train_options_init (&o, HF_RULE_MPF);
        ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, NULL), HF_OK);
        for (size_t p = 0; p < m; p++)
          ck_assert_msg (min_stability (net, D, p) > 0, "n=%zu seed=%lu pattern %zu", n,
                         seed, p);
        ck_assert_uint_eq (net->summary.stored, m);
        ck_assert_double_eq (hf_network_asymmetry (net), 0.0);
        hf_network_free (net);
        hf_patterns_free (D);
      }
}
END_TEST

static void
capacity (HfRule rule, size_t max_iter, const size_t *ms, size_t count,
          HfCapacityRow *rows)
{
  HfTrainOptions o;
  hf_train_options_init (&o, rule);
  if (max_iter)
    o.max_iterations = max_iter;
  ck_assert_int_eq (
      hf_experiment_capacity (&o, 64, ms, count, 3, 17, rows, NULL, NULL, NULL), HF_OK);
}

/* Under valgrind (HF_TEST_SMALL) the figure tests run every rule and
 * experiment through the same code at a size memcheck can afford, and
 * check only what holds at any size; the figures' shapes are checked by
 * the plain and sanitizer runs. */
static void
small_figures (void)
{
  size_t ms[] = { 2, 12 }, flips[] = { 0, 3 };
  HfRule rules[] = { HF_RULE_OPR01, HF_RULE_HEBBIAN, HF_RULE_PERCEPTRON, HF_RULE_MPF };
  for (int k = 0; k < 4; k++)
    {
      HfTrainOptions o;
      hf_train_options_init (&o, rules[k]);
      o.max_iterations = o.max_iterations > 1 ? 30 : 1;
      HfCapacityRow cap[2];
      ck_assert_int_eq (
          hf_experiment_capacity (&o, 24, ms, 2, 1, 17, cap, NULL, NULL, NULL), HF_OK);
      ck_assert_double_eq (cap[0].m, 2);
      ck_assert (cap[1].fraction_stored >= 0.0 && cap[1].fraction_stored <= 1.0);
      if (rules[k] == HF_RULE_PERCEPTRON || rules[k] == HF_RULE_MPF)
        {
          HfDenoiseRow den[2];
          ck_assert_int_eq (hf_experiment_denoise (&o, 24, 3, flips, 2, 1, 1, 23, den,
                                                   NULL, NULL, NULL),
                            HF_OK);
          ck_assert_double_eq (den[0].recovered, 1.0);
          HfNoisyRow noi[1];
          ck_assert_int_eq (hf_experiment_noisy (&o, 24, ms, 1, 6, false, 20, 1, 29, noi,
                                                 NULL, NULL, NULL),
                            HF_OK);
          ck_assert (noi[0].bits_recalled >= 0.0 && noi[0].bits_recalled <= 1.0);
        }
    }
}

/* Fig. 2 (left) at n = 64: OPR only stores small sets; PER and MPF store
 * m = 32; MPF stores >= 95% of m = 64; no rule stores all of m = 120. */
START_TEST (test_fig2_shape)
{
  if (test_small ())
    {
      small_figures ();
      return;
    }
  size_t ms[] = { 4, 16, 32, 64, 120 };
  HfCapacityRow opr[5], heb[5], per[5], mpf[5];
  capacity (HF_RULE_OPR01, 0, ms, 5, opr);
  capacity (HF_RULE_HEBBIAN, 0, ms, 5, heb);
  capacity (HF_RULE_PERCEPTRON, 400, ms, 5, per);
  capacity (HF_RULE_MPF, 0, ms, 5, mpf);
  ck_assert_double_eq (opr[0].all_stored, 1.0);
  ck_assert_double_lt (opr[1].fraction_stored, 0.2);
  ck_assert_double_lt (heb[2].fraction_stored, 0.2);
  ck_assert_double_eq (per[2].all_stored, 1.0);
  ck_assert_double_eq (mpf[2].all_stored, 1.0);
  ck_assert_double_ge (mpf[3].fraction_stored, 0.95);
  ck_assert_double_eq (opr[4].all_stored, 0.0);
  ck_assert_double_eq (heb[4].all_stored, 0.0);
  ck_assert_double_eq (per[4].all_stored, 0.0);
  ck_assert_double_eq (mpf[4].all_stored, 0.0);
}
END_TEST

/* Fig. 3 at n = 128: MPF recovers at least as many corrupted probes as
 * PER at every corruption level, and clearly more at moderate ones. */
START_TEST (test_fig3_shape)
{
  if (test_small ())
    return; /* small_figures () ran the denoising experiment */
  size_t flips[] = { 0, 4, 8, 12, 16, 24 };
  HfDenoiseRow per[6], mpf[6];
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_PERCEPTRON);
  ck_assert_int_eq (
      hf_experiment_denoise (&o, 128, 32, flips, 6, 2, 2, 23, per, NULL, NULL, NULL),
      HF_OK);
  hf_train_options_init (&o, HF_RULE_MPF);
  ck_assert_int_eq (
      hf_experiment_denoise (&o, 128, 32, flips, 6, 2, 2, 23, mpf, NULL, NULL, NULL),
      HF_OK);
  ck_assert_double_eq (per[0].recovered, 1.0);
  ck_assert_double_eq (mpf[0].recovered, 1.0);
  for (int k = 0; k < 6; k++)
    ck_assert_msg (mpf[k].recovered >= per[k].recovered, "%zu flips: MPF %g < PER %g",
                   flips[k], mpf[k].recovered, per[k].recovered);
  ck_assert_msg (mpf[2].recovered - per[2].recovered >= 0.2, "8 flips: MPF %g, PER %g",
                 mpf[2].recovered, per[2].recovered);
}
END_TEST

/* Fig. 4 at n = 64: trained only on noisy copies (20 of 64 bits flipped
 * on average), MPF makes the unseen originals fixed points; PER does not. */
START_TEST (test_fig4_shape)
{
  if (test_small ())
    return; /* small_figures () ran the noisy-training experiment */
  size_t ms[] = { 2, 4 };
  HfNoisyRow per[2], mpf[2];
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_MPF);
  ck_assert_int_eq (
      hf_experiment_noisy (&o, 64, ms, 2, 20, false, 1000, 2, 29, mpf, NULL, NULL, NULL),
      HF_OK);
  hf_train_options_init (&o, HF_RULE_PERCEPTRON);
  o.max_iterations = 50;
  ck_assert_int_eq (
      hf_experiment_noisy (&o, 64, ms, 2, 20, false, 200, 2, 29, per, NULL, NULL, NULL),
      HF_OK);
  for (int k = 0; k < 2; k++)
    {
      ck_assert_msg (mpf[k].patterns_stored >= 0.9, "m=%zu MPF %g", ms[k],
                     mpf[k].patterns_stored);
      ck_assert_msg (per[k].patterns_stored <= 0.1, "m=%zu PER %g", ms[k],
                     per[k].patterns_stored);
      ck_assert_double_gt (mpf[k].bits_recalled, per[k].bits_recalled);
    }
}
END_TEST

START_TEST (test_pseudoinverse)
{
  HfPatterns *D = random_set (50, 20, 81);
  HfNetwork *net = hf_network_new (50, 1, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_PSEUDOINVERSE);
  ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, NULL), HF_OK);
  ck_assert_uint_eq (net->summary.stored, 20);
  ck_assert_double_eq (hf_network_asymmetry (net), 0.0);
  /* a pattern and its inverse are linearly dependent */
  int8_t x[50];
  memcpy (x, hf_patterns_get (D, 3), 50);
  hf_state_invert (x, 50);
  hf_patterns_append (D, x, NULL);
  HfError err;
  ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, &err), HF_ERANK);
  ck_assert_ptr_nonnull (strstr (err.message, "linearly dependent (rank 20 of 21)"));
  HfPatterns *big = random_set (10, 11, 82);
  HfNetwork *small = hf_network_new (10, 1, NULL);
  ck_assert_int_eq (hf_train (small, big, &o, NULL, NULL, &err), HF_ERANK);
  hf_network_free (small);
  hf_patterns_free (big);
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

START_TEST (test_hebbian_and_opr01_weights)
{
  HfPatterns *D = random_set (30, 5, 83);
  HfNetwork *net = hf_network_new (30, 1, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  hf_train (net, D, &o, NULL, NULL, NULL);
  for (size_t i = 0; i < 30; i++)
    for (size_t j = 0; j < 30; j++)
      {
        double w = 0;
        for (size_t p = 0; p < 5; p++)
          w += hf_patterns_get (D, p)[i] * hf_patterns_get (D, p)[j];
        ck_assert_float_eq_tol (net->J[i * 30 + j], i == j ? 0.0f : (float)(w / 30),
                                1e-6f);
      }
  hf_train_options_init (&o, HF_RULE_OPR01);
  hf_train (net, D, &o, NULL, NULL, NULL);
  for (size_t i = 0; i < 30; i++)
    {
      double row = 0;
      for (size_t j = 0; j < 30; j++)
        row += net->J[i * 30 + j];
      ck_assert_float_eq_tol (net->theta[i], (float)-row, 1e-5f);
    }
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

START_TEST (test_storkey_beats_hebbian)
{
  size_t ms[] = { 20 };
  HfCapacityRow heb, sto;
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  ck_assert_int_eq (hf_experiment_capacity (&o, 100, ms, 1, 5, 3, &heb, NULL, NULL, NULL),
                    HF_OK);
  hf_train_options_init (&o, HF_RULE_STORKEY);
  ck_assert_int_eq (hf_experiment_capacity (&o, 100, ms, 1, 5, 3, &sto, NULL, NULL, NULL),
                    HF_OK);
  ck_assert_msg (sto.fraction_stored > heb.fraction_stored + 0.2,
                 "Storkey %g, Hebbian %g", sto.fraction_stored, heb.fraction_stored);
}
END_TEST

START_TEST (test_online_rules_and_options)
{
  HfPatterns *D = random_set (32, 8, 84);
  HfNetwork *net = hf_network_new (32, 1, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_MPF_ONLINE);
  ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, NULL), HF_OK);
  ck_assert_uint_eq (net->summary.stored, 8);
  hf_train_options_init (&o, HF_RULE_PERCEPTRON);
  o.learn_thresholds = false;
  ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, NULL), HF_OK);
  ck_assert_uint_eq (net->summary.stored, 8);
  for (size_t i = 0; i < 32; i++)
    ck_assert_float_eq (net->theta[i], 0.0f);
  hf_train_options_init (&o, HF_RULE_MPF);
  o.minimizer = HF_MINIMIZER_GSL_BFGS2;
  ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, NULL), HF_OK);
  ck_assert_uint_eq (net->summary.stored, 8);
  HfError err;
  o.learning_rate = -1;
  ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, &err), HF_EINVAL);
  hf_train_options_init (&o, HF_RULE_MPF);
  HfPatterns *empty = hf_patterns_new (32, 1, NULL);
  ck_assert_int_eq (hf_train (net, empty, &o, NULL, NULL, &err), HF_EINVAL);
  hf_patterns_free (empty);
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

/* Trains the online rule (5)-(6) at its defaults and checks the scale of
 * what it learns, not only that the patterns end up fixed: the weights
 * and thresholds stay O(1) and the objective K/T (1 at J = 0) falls. */
static void
check_online_scale (const HfPatterns *D, const char *what)
{
  HfNetwork *net = hf_network_new (D->n, 1, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_MPF_ONLINE);
  HfError err;
  ck_assert_msg (hf_train (net, D, &o, NULL, NULL, &err) == HF_OK, "%s: %s", what,
                 err.message);
  double jmax = 0.0, tmax = 0.0;
  for (size_t k = 0; k < D->n * D->n; k++)
    jmax = fmax (jmax, fabs (net->J[k]));
  for (size_t i = 0; i < D->n; i++)
    tmax = fmax (tmax, fabs (net->theta[i]));
  double f;
  ck_assert_int_eq (hf_mpf_objective (net, D, false, &f, NULL, NULL, NULL), HF_OK);
  ck_assert_msg (jmax > 0.0 && jmax < 2.0, "%s: max |J| = %g", what, jmax);
  ck_assert_msg (tmax < 10.0, "%s: max |theta| = %g", what, tmax);
  ck_assert_msg (isfinite (f) && f < 0.5, "%s: K/T = %g", what, f);
  ck_assert_msg (isfinite (net->summary.objective) && net->summary.objective < 0.5,
                 "%s: reported K/T = %g", what, net->summary.objective);
  ck_assert_msg (net->summary.stored == D->m, "%s: %zu of %zu stored", what,
                 net->summary.stored, D->m);
  hf_network_free (net);
}

START_TEST (test_mpf_online_scale)
{
  /* Under valgrind (HF_TEST_SMALL) only the first set and 64 neurons. */
  for (const HfSample *s = hf_samples; s->name != NULL; s++)
    {
      if (test_small () && s != hf_samples)
        continue;
      HfPatterns *D = hf_sample_load (s->name, NULL);
      ck_assert_ptr_nonnull (D);
      check_online_scale (D, s->name);
      hf_patterns_free (D);
    }
  HfPatterns *D;
  if (!test_small ())
    {
      D = random_set (256, 20, 91);
      check_online_scale (D, "20 random patterns of 256");
      hf_patterns_free (D);
    }
  D = random_set (64, 30, 92);
  check_online_scale (D, "30 random patterns of 64");
  hf_patterns_free (D);
}
END_TEST

static bool
stop_after_two (const HfTrainProgress *p, void *user)
{
  (void)user;
  return p->iteration < 2;
}

START_TEST (test_cancel_leaves_valid_network)
{
  HfPatterns *D = random_set (64, 90, 85);
  HfNetwork *net = hf_network_new (64, 1, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_MPF);
  HfError err;
  ck_assert_int_eq (hf_train (net, D, &o, stop_after_two, NULL, &err), HF_ECANCELLED);
  ck_assert_double_eq (hf_network_asymmetry (net), 0.0);
  ck_assert (hf_network_finite (net));
  ck_assert_uint_eq (net->summary.iterations, 2);
  /* The flag stops inside an iteration, keeping the last accepted point. */
  atomic_int flag = 0;
  HfTrainer *t = hf_trainer_new (net, D, &o, &err);
  ck_assert_int_eq (hf_trainer_iterate (t, &err), HF_OK);
  float j01 = net->J[1];
  hf_trainer_set_cancel_flag (t, &flag);
  atomic_store (&flag, 1);
  ck_assert_int_eq (hf_trainer_iterate (t, &err), HF_ECANCELLED);
  ck_assert_float_eq (net->J[1], j01);
  ck_assert (hf_network_finite (net));
  hf_trainer_free (t);
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

/* f = |x|^2 with a gradient whose sign lies: every line search along -g
 * goes uphill and gives up. The fdf remembers the last point it saw. */
typedef struct
{
  double last[3];
  size_t calls;
} LyingQuadratic;

static HfStatus
lying_fdf (const double *x, double *f, double *g, void *user)
{
  LyingQuadratic *q = user;
  *f = 0.0;
  for (int i = 0; i < 3; i++)
    {
      *f += x[i] * x[i];
      g[i] = -2.0 * x[i];
      q->last[i] = x[i];
    }
  q->calls++;
  return HF_OK;
}

/* When the line search rejects every trial point, x stays where it was
 * and the last evaluation is there too (MPF reads its stability counts
 * from the last evaluation). */
START_TEST (test_lbfgs_last_evaluation_is_accepted_point)
{
  HfError err;
  HfLbfgs *s = hf_lbfgs_new (3, 5, &err);
  ck_assert_ptr_nonnull (s);
  LyingQuadratic q = { { 0 }, 0 };
  const double x0[3] = { 1.0, -2.0, 0.5 };
  ck_assert_int_eq (hf_lbfgs_set (s, x0, lying_fdf, &q, &err), HF_OK);
  ck_assert_int_eq (hf_lbfgs_iterate (s, &err), HF_DONE);
  ck_assert_uint_gt (q.calls, 2); /* trial points were evaluated */
  const double *x = hf_lbfgs_x (s);
  for (int i = 0; i < 3; i++)
    {
      ck_assert_double_eq (x[i], x0[i]);
      ck_assert_double_eq (q.last[i], x[i]);
    }
  ck_assert_double_eq (hf_lbfgs_f (s), 5.25);
  hf_lbfgs_free (s);
}
END_TEST

/* Patterns one bit apart (their terms excluded) and huge margins do not
 * produce NaN or overflow. */
START_TEST (test_mpf_numerically_safe)
{
  HfPatterns *D = random_set (40, 10, 86);
  int8_t x[40];
  memcpy (x, hf_patterns_get (D, 0), 40);
  x[7] = (int8_t)-x[7];
  hf_patterns_append (D, x, NULL);
  HfNetwork *net = hf_network_new (40, 1, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_MPF);
  o.margin = 0; /* run to the gradient tolerance: weights grow large */
  o.max_iterations = 300;
  ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, NULL), HF_OK);
  ck_assert (hf_network_finite (net));
  ck_assert (isfinite (net->summary.objective));
  for (size_t p = 1; p < 10; p++)
    ck_assert_double_gt (min_stability (net, D, p), 0);
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

/* Each experiment keeps the status of what failed, with or without an
 * HfError: too many neurons is HF_ERANGE, not "out of memory". */
START_TEST (test_experiment_statuses)
{
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  size_t ms[] = { 2 }, flips[] = { 1 }, big = HF_MAX_NEURONS + 1;
  HfCapacityRow cap;
  HfDenoiseRow den;
  HfNoisyRow noi;
  HfError err;
  for (int with_err = 0; with_err < 2; with_err++)
    {
      HfError *e = with_err ? &err : NULL;
      hf_error_clear (e);
      ck_assert_int_eq (
          hf_experiment_capacity (&o, big, ms, 1, 1, 1, &cap, NULL, NULL, e), HF_ERANGE);
      ck_assert_int_eq (
          hf_experiment_denoise (&o, big, 2, flips, 1, 1, 1, 1, &den, NULL, NULL, e),
          HF_ERANGE);
      ck_assert_int_eq (
          hf_experiment_noisy (&o, big, ms, 1, 1, false, 1, 1, 1, &noi, NULL, NULL, e),
          HF_ERANGE);
      if (with_err)
        ck_assert_ptr_nonnull (strstr (err.message, "more than"));
    }
  /* hf_train without an HfError still says why it refused */
  HfPatterns *D = random_set (16, 3, 5);
  HfNetwork *net = hf_network_new (16, 1, NULL);
  hf_train_options_init (&o, HF_RULE_PERCEPTRON);
  o.learning_rate = 0.0;
  ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, NULL), HF_EINVAL);
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

static Suite *
rules_suite (void)
{
  Suite *s = suite_create ("rules");
  TCase *tc = tcase_create ("mpf");
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_trainer_new_turns_gsl_aborts_off);
  tcase_add_test (tc, test_mpf_gradient);
  tcase_add_test (tc, test_mpf_objective_zero_one_form);
  tcase_add_test (tc, test_theorem_one);
  tcase_add_test (tc, test_mpf_numerically_safe);
  tcase_add_test (tc, test_cancel_leaves_valid_network);
  tcase_add_test (tc, test_lbfgs_last_evaluation_is_accepted_point);
  suite_add_tcase (s, tc);
  /* tags: tests/meson.build runs the tagged cases as tests of their own,
   * in parallel with the rest (CK_INCLUDE_TAGS / CK_EXCLUDE_TAGS) */
  TCase *paper = tcase_create ("paper");
  tcase_set_tags (paper, "paper");
  tcase_set_timeout (paper, 600);
  tcase_add_test (paper, test_fig2_shape);
  tcase_add_test (paper, test_fig3_shape);
  tcase_add_test (paper, test_fig4_shape);
  suite_add_tcase (s, paper);
  TCase *other = tcase_create ("rules");
  tcase_set_tags (other, "rules");
  tcase_set_timeout (other, 120);
  tcase_add_test (other, test_pseudoinverse);
  tcase_add_test (other, test_hebbian_and_opr01_weights);
  tcase_add_test (other, test_storkey_beats_hebbian);
  tcase_add_test (other, test_online_rules_and_options);
  tcase_add_test (other, test_experiment_statuses);
  tcase_add_test (other, test_mpf_online_scale);
  suite_add_tcase (s, other);
  return s;
}

HF_TEST_MAIN (rules_suite)
