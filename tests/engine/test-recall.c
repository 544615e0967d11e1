/* Tests of src/engine/hf-recall.c: dynamics, energy, cycles, outcomes. */
#include <string.h>

#include "../hf-check.h"
#include "hf-recall.h"
#include "hf-experiment.h"
#include "hf-train.h"

/* hf_recall_new turns GSL's aborting error handler off (first in the
 * suite, so that with CK_FORK=no nothing else has done it before). */
START_TEST (test_recall_new_turns_gsl_aborts_off)
{
  HfNetwork *net = hf_network_new (4, 1, NULL);
  HfRecall *r = hf_recall_new (net, NULL);
  ck_assert_ptr_nonnull (r);
  test_gsl_does_not_abort ();
  hf_recall_free (r);
  hf_network_free (net);
}
END_TEST

/* Energy never increases under asynchronous updates (property test). */
START_TEST (test_energy_never_increases)
{
  gsl_rng *rng = test_rng (100);
  for (int trial = 0; trial < 200; trial++)
    {
      size_t n = 10 + gsl_rng_uniform_int (rng, 60);
      HfNetwork *net = hf_network_new (n, 1, NULL);
      test_random_network (net, 1.0, trial % 2 ? 0.5 : 0.0, rng);
      HfRecall *r = hf_recall_new (net, NULL);
      int8_t *s = malloc (n);
      hf_state_random (s, n, 0.5, rng);
      hf_recall_set_mode (r, trial % 3 == 0 ? HF_UPDATE_RANDOM : HF_UPDATE_SEQUENTIAL);
      hf_recall_set_tie (r, (HfTieRule)(trial % 3));
      hf_recall_set_seed (r, (unsigned long)trial);
      hf_recall_set_state (r, s, NULL);
      double e = hf_recall_energy (r);
      ck_assert_double_eq_tol (e, test_energy (net, s), 1e-3 * (1 + fabs (e)));
      size_t steps = 0;
      while (!hf_recall_converged (r) && steps < 100 * n)
        {
          HfEvent ev;
          hf_recall_step (r, &ev);
          ck_assert_msg (ev.energy <= e + 1e-5 * (1 + fabs (e)),
                         "trial %d step %zu: energy rose from %g to %g", trial, steps, e,
                         ev.energy);
          if (ev.flipped)
            ck_assert_double_eq_tol (ev.energy - e, ev.flip_delta, 1e-4 * (1 + fabs (e)));
          e = ev.energy;
          steps++;
        }
      ck_assert_msg (hf_recall_converged (r), "trial %d did not converge", trial);
      ck_assert (hf_network_is_fixed_point (net, hf_recall_state (r),
                                            (HfTieRule)(trial % 3), NULL));
      free (s);
      hf_recall_free (r);
      hf_network_free (net);
    }
  gsl_rng_free (rng);
}
END_TEST

/* Incremental fields and energy equal a full recomputation after a long
 * random run (stochastic dynamics keep flipping neurons). */
START_TEST (test_incremental_matches_full)
{
  gsl_rng *rng = test_rng (7);
  size_t n = 300;
  HfNetwork *net = hf_network_new (n, 1, NULL);
  test_random_network (net, 1.0 / sqrt ((double)n), 0.2, rng);
  HfRecall *r = hf_recall_new (net, NULL);
  int8_t *s = malloc (n);
  hf_state_random (s, n, 0.5, rng);
  hf_recall_set_mode (r, HF_UPDATE_STOCHASTIC);
  hf_recall_set_temperature (r, 1.0, NULL);
  hf_recall_set_seed (r, 3);
  hf_recall_set_state (r, s, NULL);
  for (int k = 0; k < 100; k++)
    hf_recall_sweep (r, NULL);
  ck_assert_uint_gt (hf_recall_flips (r), 5000);
  float *sf = malloc (n * sizeof (float)), *h = malloc (n * sizeof (float));
  const int8_t *st = hf_recall_state (r);
  for (size_t i = 0; i < n; i++)
    sf[i] = st[i];
  hf_network_fields_f (net, sf, h);
  const float *hi = hf_recall_fields (r);
  for (size_t i = 0; i < n; i++)
    ck_assert_float_eq_tol (hi[i], h[i], 1e-4f * (1.0f + fabsf (h[i])));
  double e = test_energy (net, st);
  ck_assert_double_eq_tol (hf_recall_energy (r), e, 1e-5 * (1.0 + fabs (e)));
  /* refresh() gives the exact values back. */
  hf_recall_refresh (r);
  ck_assert_double_eq_tol (hf_recall_energy (r), e, 1e-6 * (1.0 + fabs (e)));
  free (sf);
  free (h);
  free (s);
  hf_recall_free (r);
  hf_network_free (net);
  gsl_rng_free (rng);
}
END_TEST

static HfPatterns *
walsh_patterns (size_t n, size_t m)
{
  /* Rows of a Sylvester-Hadamard matrix (skipping the all-ones row):
   * exactly orthogonal patterns. */
  HfPatterns *D = hf_patterns_new (n, 1, NULL);
  int8_t *x = malloc (n);
  for (size_t k = 1; k <= m; k++)
    {
      for (size_t i = 0; i < n; i++)
        x[i] = (__builtin_popcountl (k & i) & 1) ? -1 : 1;
      hf_patterns_append (D, x, NULL);
    }
  free (x);
  return D;
}

START_TEST (test_hebbian_orthogonal_recall)
{
  size_t n = 64, m = 4;
  HfPatterns *D = walsh_patterns (n, m);
  HfNetwork *net = hf_network_new (n, 1, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  ck_assert_int_eq (hf_train (net, D, &o, NULL, NULL, NULL), HF_OK);
  ck_assert_uint_eq (net->summary.stored, m);
  HfRecall *r = hf_recall_new (net, NULL);
  gsl_rng *rng = test_rng (11);
  int8_t *probe = malloc (n);
  for (int mode = HF_UPDATE_SEQUENTIAL; mode <= HF_UPDATE_SYNC; mode++)
    for (size_t k = 0; k < m; k++)
      for (int rep = 0; rep < 5; rep++)
        {
          memcpy (probe, hf_patterns_get (D, k), n);
          hf_state_flip_fraction (probe, n, 0.10, rng, NULL);
          ck_assert_uint_eq (hf_hamming (probe, hf_patterns_get (D, k), n), 6);
          hf_recall_set_mode (r, (HfUpdateMode)mode);
          hf_recall_set_seed (r, (unsigned long)rep);
          hf_recall_set_state (r, probe, NULL);
          ck_assert_int_eq (hf_recall_run (r, 50), HF_OK);
          HfOutcome out = hf_recall_classify (r, D);
          ck_assert_int_eq (out.kind, HF_OUTCOME_PATTERN);
          ck_assert_int_eq (out.pattern, (long)k);
          ck_assert_mem_eq (hf_recall_state (r), hf_patterns_get (D, k), n);
        }
  free (probe);
  gsl_rng_free (rng);
  hf_recall_free (r);
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

/* The classic capacity figure: with Hebbian storage in n = 400 neurons
 * the fraction of patterns that are exact fixed points is ~1 well below
 * 0.138 n and collapses above it. Theory for a pattern to be wholly
 * stable: (1 - Phi(-sqrt(n/m)))^n = 0.999 at m = 0.05 n, ~0.24 at
 * 0.138 n, ~0.0005 at 0.25 n. */
START_TEST (test_hebbian_capacity)
{
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  if (test_small ())
    {
      /* valgrind: the same path at n = 100 (66 s at n = 400 under memcheck) */
      size_t ms[] = { 5, 25 };
      HfCapacityRow rows[2];
      ck_assert_int_eq (
          hf_experiment_capacity (&o, 100, ms, 2, 2, 5, rows, NULL, NULL, NULL), HF_OK);
      ck_assert_double_ge (rows[0].fraction_stored, 0.9);
      ck_assert_double_lt (rows[1].fraction_stored, rows[0].fraction_stored);
      return;
    }
  size_t ms[] = { 20, 55, 100 };
  HfCapacityRow rows[3];
  ck_assert_int_eq (hf_experiment_capacity (&o, 400, ms, 3, 8, 5, rows, NULL, NULL, NULL),
                    HF_OK);
  ck_assert_msg (rows[0].fraction_stored >= 0.97, "m = 0.05 n: %g",
                 rows[0].fraction_stored);
  ck_assert_msg (rows[1].fraction_stored > 0.08 && rows[1].fraction_stored < 0.6,
                 "m = 0.138 n: %g", rows[1].fraction_stored);
  ck_assert_msg (rows[2].fraction_stored < 0.02, "m = 0.25 n: %g",
                 rows[2].fraction_stored);
}
END_TEST

/* Synchronous dynamics find the textbook 2-cycle; asynchronous ones do
 * not cycle on the same network. */
START_TEST (test_sync_two_cycle)
{
  size_t n = 10;
  HfNetwork *net = hf_network_new (n, 1, NULL);
  for (size_t i = 0; i < n; i++)
    for (size_t j = 0; j < n; j++)
      net->J[i * n + j] = i == j ? 0.0f : -1.0f; /* every pair anti-aligned */
  int8_t s[10];
  memset (s, 1, sizeof s);
  HfRecall *r = hf_recall_new (net, NULL);
  hf_recall_set_mode (r, HF_UPDATE_SYNC);
  hf_recall_set_state (r, s, NULL);
  ck_assert_int_eq (hf_recall_run (r, 20), HF_OK);
  ck_assert (hf_recall_in_cycle (r));
  HfOutcome o = hf_recall_classify (r, NULL);
  ck_assert_int_eq (o.kind, HF_OUTCOME_CYCLE);
  ck_assert_uint_eq (o.period, 2);
  ck_assert_uint_eq (hf_recall_sweeps (r), 2);
  hf_recall_set_mode (r, HF_UPDATE_SEQUENTIAL);
  hf_recall_set_state (r, s, NULL);
  ck_assert_int_eq (hf_recall_run (r, 20), HF_OK);
  ck_assert (hf_recall_converged (r));
  ck_assert (!hf_recall_in_cycle (r));
  hf_recall_free (r);
  hf_network_free (net);
}
END_TEST

START_TEST (test_glauber_limits)
{
  gsl_rng *rng = test_rng (21);
  size_t n = 200;
  HfNetwork *net = hf_network_new (n, 1, NULL);
  test_random_network (net, 1.0 / sqrt ((double)n), 0.3, rng);
  HfRecall *r = hf_recall_new (net, NULL);
  int8_t *s = malloc (n);
  hf_state_random (s, n, 0.5, rng);
  /* Very low T: every update is the deterministic one. */
  hf_recall_set_mode (r, HF_UPDATE_STOCHASTIC);
  hf_recall_set_temperature (r, 1e-9, NULL);
  hf_recall_set_seed (r, 1);
  hf_recall_set_state (r, s, NULL);
  for (int k = 0; k < 20 * (int)n; k++)
    {
      HfEvent ev;
      hf_recall_step (r, &ev);
      ck_assert_int_eq (ev.new_value, hf_decide (ev.field, ev.old_value, HF_TIE_OFF));
    }
  ck_assert (hf_network_is_fixed_point (net, hf_recall_state (r), HF_TIE_OFF, NULL));
  /* Very high T: about half of the bits are on. */
  hf_recall_set_temperature (r, 1e6, NULL);
  size_t on = 0, total = 0;
  for (int k = 0; k < 200; k++)
    {
      hf_recall_sweep (r, NULL);
      for (size_t i = 0; i < n; i++)
        on += hf_recall_state (r)[i] > 0;
      total += n;
    }
  ck_assert_double_eq_tol ((double)on / (double)total, 0.5, 0.01);
  ck_assert_int_eq (hf_recall_set_temperature (r, -1.0, NULL), HF_EINVAL);
  ck_assert_int_eq (hf_recall_set_temperature (r, NAN, NULL), HF_EINVAL);
  free (s);
  hf_recall_free (r);
  hf_network_free (net);
  gsl_rng_free (rng);
}
END_TEST

START_TEST (test_tie_rules_and_clamp)
{
  size_t n = 6;
  HfNetwork *net = hf_network_new (n, 1, NULL); /* J = 0, theta = 0: every field is 0 */
  int8_t s[6] = { 1, -1, 1, -1, 1, -1 };
  HfRecall *r = hf_recall_new (net, NULL);
  hf_recall_set_state (r, s, NULL);
  hf_recall_run (r, 5);
  for (size_t i = 0; i < n; i++)
    ck_assert_int_eq (hf_recall_state (r)[i], -1); /* the paper's H(0) = 0 */
  hf_recall_set_tie (r, HF_TIE_ON);
  hf_recall_set_state (r, s, NULL);
  hf_recall_run (r, 5);
  for (size_t i = 0; i < n; i++)
    ck_assert_int_eq (hf_recall_state (r)[i], 1);
  hf_recall_set_tie (r, HF_TIE_KEEP);
  hf_recall_set_state (r, s, NULL);
  hf_recall_run (r, 5);
  ck_assert_mem_eq (hf_recall_state (r), s, n);
  ck_assert_uint_eq (hf_recall_flips (r), 0);
  /* Clamped neurons keep their values whatever the rule says. */
  uint8_t clamp[6] = { 1, 1, 0, 0, 0, 0 };
  hf_recall_set_tie (r, HF_TIE_ON);
  ck_assert_int_eq (hf_recall_set_clamp (r, clamp, NULL), HF_OK);
  hf_recall_set_state (r, s, NULL);
  hf_recall_run (r, 5);
  ck_assert_int_eq (hf_recall_state (r)[0], 1);
  ck_assert_int_eq (hf_recall_state (r)[1], -1);
  for (size_t i = 2; i < n; i++)
    ck_assert_int_eq (hf_recall_state (r)[i], 1);
  /* a sweep ends exactly at the sweep boundary, even when the last
   * neurons of the order are clamped and get skipped */
  uint8_t tail[6] = { 0, 0, 0, 0, 1, 1 };
  ck_assert_int_eq (hf_recall_set_clamp (r, tail, NULL), HF_OK);
  hf_recall_set_state (r, s, NULL);
  hf_recall_sweep (r, NULL);
  ck_assert_uint_eq (hf_recall_sweeps (r), 1);
  ck_assert_uint_eq (hf_recall_steps (r), 6);
  ck_assert_uint_eq (hf_recall_next_neuron (r), 0);
  ck_assert_int_eq (hf_recall_set_clamp (r, clamp, NULL), HF_OK);
  int8_t bad[6] = { 1, 0, 1, 1, 1, 1 };
  ck_assert_int_eq (hf_recall_set_state (r, bad, NULL), HF_EINVAL);
  hf_recall_free (r);
  hf_network_free (net);
}
END_TEST

START_TEST (test_outcomes)
{
  size_t n = 64;
  HfPatterns *D = walsh_patterns (n, 3);
  HfNetwork *net = hf_network_new (n, 1, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  hf_train (net, D, &o, NULL, NULL, NULL);
  HfRecall *r = hf_recall_new (net, NULL);
  int8_t *x = malloc (n);
  memcpy (x, hf_patterns_get (D, 2), n);
  hf_state_invert (x, n);
  hf_recall_set_state (r, x, NULL);
  hf_recall_run (r, 10);
  HfOutcome out = hf_recall_classify (r, D);
  ck_assert_int_eq (out.kind, HF_OUTCOME_INVERSE);
  ck_assert_int_eq (out.pattern, 2);
  /* A network whose only fixed point is no stored pattern: J = 0 and
   * theta = -x makes h = x everywhere. */
  hf_network_clear (net);
  gsl_rng *rng = test_rng (3);
  hf_state_random (x, n, 0.5, rng);
  for (size_t i = 0; i < n; i++)
    net->theta[i] = (float)-x[i];
  hf_recall_set_state (r, hf_patterns_get (D, 0), NULL);
  hf_recall_run (r, 10);
  ck_assert_mem_eq (hf_recall_state (r), x, n);
  out = hf_recall_classify (r, D);
  ck_assert_int_eq (out.kind, HF_OUTCOME_SPURIOUS);
  /* Not converged: a budget of one step. */
  hf_recall_set_state (r, hf_patterns_get (D, 0), NULL);
  hf_recall_step (r, NULL);
  out = hf_recall_classify (r, D);
  ck_assert_int_eq (out.kind, HF_OUTCOME_NOT_CONVERGED);
  gsl_rng_free (rng);
  free (x);
  hf_recall_free (r);
  hf_network_free (net);
  hf_patterns_free (D);
}
END_TEST

START_TEST (test_sequential_order_is_the_papers)
{
  size_t n = 8;
  HfNetwork *net = hf_network_new (n, 1, NULL);
  gsl_rng *rng = test_rng (5);
  test_random_network (net, 1.0, 0.1, rng);
  HfRecall *r = hf_recall_new (net, NULL);
  int8_t s[8];
  hf_state_random (s, n, 0.5, rng);
  hf_recall_set_state (r, s, NULL);
  for (size_t k = 0; k < 3 * n; k++)
    {
      HfEvent ev;
      ck_assert_uint_eq (hf_recall_next_neuron (r), k % n);
      hf_recall_step (r, &ev);
      ck_assert_uint_eq (ev.neuron, k % n);
    }
  /* Random order visits each neuron exactly once per sweep, reproducibly. */
  hf_recall_set_mode (r, HF_UPDATE_RANDOM);
  size_t seen[2][8];
  for (int rep = 0; rep < 2; rep++)
    {
      hf_recall_set_seed (r, 99);
      hf_recall_set_state (r, s, NULL);
      int count[8] = { 0 };
      for (size_t k = 0; k < n; k++)
        {
          HfEvent ev;
          hf_recall_step (r, &ev);
          seen[rep][k] = ev.neuron;
          count[ev.neuron]++;
        }
      for (size_t i = 0; i < n; i++)
        ck_assert_int_eq (count[i], 1);
    }
  ck_assert_mem_eq (seen[0], seen[1], sizeof seen[0]);
  gsl_rng_free (rng);
  hf_recall_free (r);
  hf_network_free (net);
}
END_TEST

static Suite *
recall_suite (void)
{
  Suite *s = suite_create ("recall");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_recall_new_turns_gsl_aborts_off);
  tcase_add_test (tc, test_energy_never_increases);
  tcase_add_test (tc, test_incremental_matches_full);
  tcase_add_test (tc, test_hebbian_orthogonal_recall);
  tcase_add_test (tc, test_hebbian_capacity);
  tcase_add_test (tc, test_sync_two_cycle);
  tcase_add_test (tc, test_glauber_limits);
  tcase_add_test (tc, test_tie_rules_and_clamp);
  tcase_add_test (tc, test_outcomes);
  tcase_add_test (tc, test_sequential_order_is_the_papers);
  suite_add_tcase (s, tc);
  return s;
}

HF_TEST_MAIN (recall_suite)
