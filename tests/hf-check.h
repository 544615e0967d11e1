/* hf-check.h: shared helpers for the Check test programs. */
#pragma once

#include <check.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "hf-network.h"

#define HF_TEST_MAIN(suite_fn)                                                           \
  int main (void)                                                                        \
  {                                                                                      \
    SRunner *sr = srunner_create (suite_fn ());                                          \
    srunner_run_all (sr, CK_NORMAL);                                                     \
    int failed = srunner_ntests_failed (sr);                                             \
    srunner_free (sr);                                                                   \
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;                                    \
  }

/* After an engine entry point has run, GSL's aborting error handler is
 * off: a failing GSL call (Cholesky of an indefinite matrix) returns its
 * status instead of aborting the process. */
static inline void
test_gsl_does_not_abort (void)
{
  double a[4] = { 1.0, 2.0, 2.0, 1.0 };
  gsl_matrix_view A = gsl_matrix_view_array (a, 2, 2);
  ck_assert_int_eq (gsl_linalg_cholesky_decomp1 (&A.matrix), GSL_EDOM);
}

/* HF_TEST_SMALL=1 (set by .ci/check for the valgrind run) asks the
 * expensive tests for smaller sizes: the same code paths, less work. */
static inline bool
test_small (void)
{
  const char *v = getenv ("HF_TEST_SMALL");
  return v != NULL && v[0] != '\0' && v[0] != '0';
}

static inline gsl_rng *
test_rng (unsigned long seed)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, seed);
  return rng;
}

/* A random symmetric network with Gaussian weights (no ties at h = 0). */
static inline void
test_random_network (HfNetwork *net, double j_scale, double theta_scale, gsl_rng *rng)
{
  size_t n = net->n;
  for (size_t i = 0; i < n; i++)
    {
      net->J[i * n + i] = 0.0f;
      for (size_t j = i + 1; j < n; j++)
        net->J[i * n + j] = net->J[j * n + i] = (float)gsl_ran_gaussian (rng, j_scale);
      net->theta[i] = (float)gsl_ran_gaussian (rng, theta_scale);
    }
}

/* Energy of s computed directly in double, from the definition. */
static inline double
test_energy (const HfNetwork *net, const int8_t *s)
{
  double e = 0.0;
  for (size_t i = 0; i < net->n; i++)
    {
      for (size_t j = 0; j < net->n; j++)
        e -= 0.5 * net->J[i * net->n + j] * s[i] * s[j];
      e += (double)net->theta[i] * s[i];
    }
  return e;
}
