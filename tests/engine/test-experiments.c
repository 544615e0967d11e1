/* Tests of the parallel experiments and the lab's new experiments. */
#include <string.h>
#include <time.h>

#include "../hf-check.h"
#include "hf-experiment.h"
#include "hf-parallel.h"

static double
test_now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Capacity, denoising and noisy-training tables are identical, field by
 * field, for 1 and 2 threads (only the wall-clock columns may differ). */
START_TEST (test_tables_identical_for_any_thread_count)
{
  HfTrainOptions mpf, per;
  hf_train_options_init (&mpf, HF_RULE_MPF);
  hf_train_options_init (&per, HF_RULE_PERCEPTRON);
  size_t ms[] = { 8, 24, 40, 56 }, nm = 4;
  HfCapacityRow c1[4], c2[4];
  ck_assert_int_eq (
      hf_experiment_capacity_mt (&per, 32, ms, nm, 6, 3, 1, c1, NULL, NULL, NULL), HF_OK);
  ck_assert_int_eq (
      hf_experiment_capacity_mt (&per, 32, ms, nm, 6, 3, 2, c2, NULL, NULL, NULL), HF_OK);
  for (size_t r = 0; r < nm; r++)
    {
      ck_assert_uint_eq (c1[r].m, c2[r].m);
      ck_assert (c1[r].fraction_stored == c2[r].fraction_stored);
      ck_assert (c1[r].all_stored == c2[r].all_stored);
      ck_assert (c1[r].iterations == c2[r].iterations);
    }
  size_t flips[] = { 0, 8, 16, 24, 32 };
  HfDenoiseRow d1[5], d2[5];
  ck_assert_int_eq (
      hf_experiment_denoise_mt (&mpf, 64, 16, flips, 5, 4, 2, 9, 1, d1, NULL, NULL, NULL),
      HF_OK);
  ck_assert_int_eq (
      hf_experiment_denoise_mt (&mpf, 64, 16, flips, 5, 4, 2, 9, 2, d2, NULL, NULL, NULL),
      HF_OK);
  ck_assert (memcmp (d1, d2, sizeof d1) == 0);
  size_t nms[] = { 2, 4 };
  HfNoisyRow n1[2], n2[2];
  ck_assert_int_eq (hf_experiment_noisy_mt (&mpf, 32, nms, 2, 8, false, 100, 3, 5, 1, n1,
                                            NULL, NULL, NULL),
                    HF_OK);
  ck_assert_int_eq (hf_experiment_noisy_mt (&mpf, 32, nms, 2, 8, false, 100, 3, 5, 2, n2,
                                            NULL, NULL, NULL),
                    HF_OK);
  ck_assert (memcmp (n1, n2, sizeof n1) == 0);
}
END_TEST

static bool
stop_at_once (double done, void *user)
{
  (*(int *)user)++;
  return false;
}

/* Cancelling from the progress callback returns HF_ECANCELLED promptly:
 * far fewer trials run than were asked for. */
START_TEST (test_cancel_is_prompt)
{
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_MPF);
  size_t ms[] = { 32 };
  HfCapacityRow row;
  HfError err = { 0 };
  int calls = 0;
  double t0 = test_now ();
  ck_assert_int_eq (hf_experiment_capacity_mt (&o, 128, ms, 1, 10000, 1, 2, &row,
                                               stop_at_once, &calls, &err),
                    HF_ECANCELLED);
  ck_assert_double_lt (test_now () - t0, 10.0);
  ck_assert_int_eq (calls, 1);
  ck_assert (strstr (err.message, "cancel") != NULL);
}
END_TEST

static Suite *
experiments_suite (void)
{
  Suite *s = suite_create ("experiments");
  TCase *tc = tcase_create ("parallel");
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_tables_identical_for_any_thread_count);
  tcase_add_test (tc, test_cancel_is_prompt);
  suite_add_tcase (s, tc);
  return s;
}

HF_TEST_MAIN (experiments_suite)
