/* Tests of hf-patterns.c and hf-network.c, and of the +-1 / 0-1
 * conventions (docs/conventions.md). */
#include <dlfcn.h>
#include <string.h>

#include "../hf-check.h"
#include "hf-blas.h"
#include "hf-network.h"
#include "hf-patterns.h"

START_TEST (test_flip_exactly_k)
{
  gsl_rng *rng = test_rng (1);
  int8_t a[100], b[100];
  for (size_t k = 0; k <= 100; k += 7)
    {
      hf_state_random (a, 100, 0.5, rng);
      memcpy (b, a, 100);
      ck_assert_int_eq (hf_state_flip_k (b, 100, k, rng, NULL), HF_OK);
      ck_assert_uint_eq (hf_hamming (a, b, 100), k);
    }
  ck_assert_int_eq (hf_state_flip_k (b, 100, 101, rng, NULL), HF_EINVAL);
  memcpy (b, a, 100);
  hf_state_flip_fraction (b, 100, 0.305, rng, NULL);
  ck_assert_uint_eq (hf_hamming (a, b, 100), 31);
  ck_assert_int_eq (hf_state_flip_fraction (b, 100, 1.5, rng, NULL), HF_EINVAL);
  /* every position is equally likely: k/n of 20000 draws each (3 sigma) */
  int count[10] = { 0 };
  for (int t = 0; t < 20000; t++)
    {
      int8_t x[10];
      memset (x, 1, sizeof x);
      hf_state_flip_k (x, 10, 3, rng, NULL);
      for (int i = 0; i < 10; i++)
        count[i] += x[i] < 0;
    }
  for (int i = 0; i < 10; i++)
    ck_assert_msg (abs (count[i] - 6000) < 200, "position %d flipped %d times", i,
                   count[i]);
  gsl_rng_free (rng);
}
END_TEST

START_TEST (test_occlude_and_overlap)
{
  int8_t s[20];
  memset (s, 1, sizeof s);
  ck_assert_int_eq (hf_state_occlude (s, 5, 4, 3, 2, 10, 10, -1, NULL), HF_OK);
  int off = 0;
  for (int i = 0; i < 20; i++)
    off += s[i] < 0;
  ck_assert_int_eq (off, 4); /* columns 3-4 of rows 2-3, clipped to the grid */
  ck_assert_int_eq (s[2 * 5 + 3], -1);
  ck_assert_int_eq (s[2 * 5 + 2], 1);
  ck_assert_int_eq (hf_state_occlude (s, 5, 4, 5, 0, 1, 1, -1, NULL), HF_EINVAL);
  int8_t t[20];
  memcpy (t, s, 20);
  ck_assert_double_eq (hf_overlap (s, t, 20), 1.0);
  hf_state_invert (t, 20);
  ck_assert_double_eq (hf_overlap (s, t, 20), -1.0);
}
END_TEST

START_TEST (test_pattern_set_editing)
{
  HfPatterns *set = hf_patterns_new (2, 2, NULL);
  int8_t rows[4][4]
      = { { 1, 1, 1, 1 }, { -1, 1, 1, 1 }, { -1, -1, 1, 1 }, { -1, -1, -1, 1 } };
  for (int k = 0; k < 4; k++)
    ck_assert_int_eq (hf_patterns_append (set, rows[k], NULL), HF_OK);
  ck_assert_int_eq (hf_patterns_move (set, 0, 3), HF_OK);
  ck_assert_mem_eq (hf_patterns_get (set, 3), rows[0], 4);
  ck_assert_mem_eq (hf_patterns_get (set, 0), rows[1], 4);
  ck_assert_int_eq (hf_patterns_move (set, 3, 1), HF_OK);
  ck_assert_mem_eq (hf_patterns_get (set, 1), rows[0], 4);
  ck_assert_mem_eq (hf_patterns_get (set, 2), rows[2], 4);
  ck_assert_int_eq (hf_patterns_remove (set, 1), HF_OK);
  ck_assert_uint_eq (set->m, 3);
  ck_assert_int_eq (hf_patterns_find (set, rows[3]), 2);
  ck_assert_int_eq (hf_patterns_find (set, rows[0]), -1);
  ck_assert_int_eq (hf_patterns_remove (set, 3), HF_EINVAL);
  HfError err;
  ck_assert_ptr_null (hf_patterns_new (0, 3, &err));
  ck_assert_int_eq (err.code, HF_EINVAL);
  ck_assert_ptr_null (hf_patterns_new (200, 200, &err));
  ck_assert_int_eq (err.code, HF_ERANGE);
  hf_patterns_free (set);
}
END_TEST

START_TEST (test_energy_and_fields)
{
  gsl_rng *rng = test_rng (2);
  HfNetwork *net = hf_network_new (7, 5, NULL);
  test_random_network (net, 1.0, 1.0, rng);
  int8_t s[35];
  for (int trial = 0; trial < 20; trial++)
    {
      hf_state_random (s, 35, 0.5, rng);
      double e = hf_network_energy (net, s, NULL);
      ck_assert_double_eq_tol (e, test_energy (net, s), 1e-4 * (1 + fabs (e)));
    }
  ck_assert_double_eq (hf_network_asymmetry (net), 0.0);
  ck_assert (hf_network_finite (net));
  net->J[3] = NAN;
  ck_assert (!hf_network_finite (net));
  HfError err;
  ck_assert_ptr_null (hf_network_new (200, 200, &err));
  ck_assert_int_eq (err.code, HF_ERANGE);
  hf_network_free (net);
  gsl_rng_free (rng);
}
END_TEST

/* The paper's model on 0/1 states, E01(x) = -1/2 x^T W x + b^T x with the
 * update x_i = H(W_i x - b_i), H(0) = 0, is our +-1 model with
 * J = W/4, theta = b/2 - W 1/4 (x = (s+1)/2): energies differ by a
 * constant and every update agrees, ties included. */
START_TEST (test_zero_one_convention)
{
  gsl_rng *rng = test_rng (4);
  size_t n = 12;
  for (int trial = 0; trial < 50; trial++)
    {
      double W[12][12], b[12];
      for (size_t i = 0; i < n; i++)
        {
          W[i][i] = 0;
          for (size_t j = i + 1; j < n; j++)
            /* integers make exact ties W_i x = b_i common */
            W[i][j] = W[j][i] = (double)((long)gsl_rng_uniform_int (rng, 5) - 2);
          b[i] = (double)((long)gsl_rng_uniform_int (rng, 5) - 2);
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
      double offset = 0;
      for (int k = 0; k < 30; k++)
        {
          int8_t s[12];
          double x[12];
          hf_state_random (s, n, 0.5, rng);
          for (size_t i = 0; i < n; i++)
            x[i] = (s[i] + 1) / 2;
          double e01 = 0;
          for (size_t i = 0; i < n; i++)
            {
              for (size_t j = 0; j < n; j++)
                e01 -= 0.5 * x[i] * W[i][j] * x[j];
              e01 += b[i] * x[i];
            }
          double d = e01 - hf_network_energy (net, s, NULL);
          if (k == 0)
            offset = d;
          ck_assert_double_eq_tol (d, offset, 1e-5);
          float sf[12], h[12];
          for (size_t i = 0; i < n; i++)
            sf[i] = s[i];
          hf_network_fields_f (net, sf, h);
          for (size_t i = 0; i < n; i++)
            {
              double a = -b[i];
              for (size_t j = 0; j < n; j++)
                a += W[i][j] * x[j];
              int paper = a > 0 ? 1 : 0; /* H(0) = 0 */
              int ours = hf_decide (h[i], s[i], HF_TIE_OFF) > 0;
              ck_assert_int_eq (paper, ours);
              ck_assert_double_eq_tol (a, 2.0 * h[i], 1e-5);
            }
        }
      hf_network_free (net);
    }
  gsl_rng_free (rng);
}
END_TEST

START_TEST (test_count_fixed)
{
  gsl_rng *rng = test_rng (9);
  HfNetwork *net = hf_network_new (40, 1, NULL);
  test_random_network (net, 0.3, 0.2, rng);
  HfPatterns *D = hf_patterns_new (40, 1, NULL);
  hf_patterns_add_random (D, 30, 0.5, rng, NULL);
  /* make a few of them fixed points by running the dynamics */
  for (size_t p = 0; p < 10; p++)
    {
      int8_t *x = hf_patterns_row (D, p);
      for (int sweep = 0; sweep < 100; sweep++)
        for (size_t i = 0; i < 40; i++)
          {
            double h = -net->theta[i];
            for (size_t j = 0; j < 40; j++)
              h += net->J[i * 40 + j] * x[j];
            x[i] = hf_decide ((float)h, x[i], HF_TIE_OFF);
          }
    }
  size_t fixed, bits, expect = 0;
  for (size_t p = 0; p < D->m; p++)
    expect += hf_network_is_fixed_point (net, hf_patterns_get (D, p), HF_TIE_OFF, NULL);
  ck_assert_int_eq (hf_network_count_fixed (net, D, HF_TIE_OFF, &fixed, &bits, NULL),
                    HF_OK);
  ck_assert_uint_eq (fixed, expect);
  ck_assert_uint_ge (fixed, 10);
  hf_patterns_free (D);
  hf_network_free (net);
  gsl_rng_free (rng);
}
END_TEST

/* Debian's libgsl itself needs libgslcblas, so both are loaded; every
 * cblas_* call must still bind to OpenBLAS, a direct dependency that the
 * dynamic linker searches first. */
START_TEST (test_cblas_is_openblas)
{
  /* dlsym in the global scope returns exactly the definition calls bind to */
  const char *names[] = { "cblas_sgemm", "cblas_ssyr2k", "cblas_saxpy", "cblas_dtrsm" };
  for (size_t k = 0; k < 4; k++)
    {
      void *sym = dlsym (RTLD_DEFAULT, names[k]);
      Dl_info info;
      ck_assert_ptr_nonnull (sym);
      ck_assert (dladdr (sym, &info) != 0);
      ck_assert_msg (strstr (info.dli_fname, "openblas") != NULL, "%s comes from %s",
                     names[k], info.dli_fname);
    }
  ck_assert_ptr_nonnull (strstr (openblas_get_config (), "OpenBLAS"));
}
END_TEST

static Suite *
network_suite (void)
{
  Suite *s = suite_create ("network");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_flip_exactly_k);
  tcase_add_test (tc, test_occlude_and_overlap);
  tcase_add_test (tc, test_pattern_set_editing);
  tcase_add_test (tc, test_energy_and_fields);
  tcase_add_test (tc, test_zero_one_convention);
  tcase_add_test (tc, test_count_fixed);
  tcase_add_test (tc, test_cblas_is_openblas);
  suite_add_tcase (s, tc);
  return s;
}

HF_TEST_MAIN (network_suite)
