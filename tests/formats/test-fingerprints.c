/* The built-in fingerprints (Fig. 1): at least 80 distinct 64x64 images,
 * not trivially correlated, neither blank nor solid. */
#include <stdio.h>
#include <stdlib.h>

#include "../hf-check.h"
#include "hf-samples.h"

START_TEST (test_fingerprints_distinct)
{
  HfError err = { 0 };
  HfPatterns *D = hf_sample_load ("fingerprints-64", &err);
  ck_assert_msg (D != NULL, "%s", err.message);
  ck_assert_uint_ge (D->m, 80);
  ck_assert_uint_eq (D->n, 4096);
  ck_assert_uint_eq (D->width, 64);
  double worst = 0.0;
  size_t closest = D->n;
  for (size_t p = 0; p < D->m; p++)
    {
      const int8_t *a = hf_patterns_get (D, p);
      long on = 0;
      for (size_t i = 0; i < D->n; i++)
        on += a[i] > 0;
      /* Ridges and valleys: neither blank nor solid. */
      ck_assert_int_gt (on, 4096 * 3 / 10);
      ck_assert_int_lt (on, 4096 * 6 / 10);
      for (size_t q = p + 1; q < D->m; q++)
        {
          const int8_t *b = hf_patterns_get (D, q);
          long dot = 0;
          for (size_t i = 0; i < D->n; i++)
            dot += a[i] * b[i];
          double overlap = fabs ((double)dot / (double)D->n);
          worst = fmax (worst, overlap);
          size_t d = hf_hamming (a, b, D->n);
          closest = d < closest ? d : closest;
        }
    }
  printf (
      "fingerprints-64: %zu images, max |overlap| %.3f, closest pair %zu bits apart\n",
      D->m, worst, closest);
  /* Distinct by far more than noise, and not near-copies of each other
   * (the shared blank background outside the finger bounds the overlap). */
  ck_assert_uint_gt (closest, D->n / 5);
  ck_assert_double_lt (worst, 0.5);
  hf_patterns_free (D);
}
END_TEST

static Suite *
fingerprints_suite (void)
{
  Suite *s = suite_create ("fingerprints");
  TCase *tc = tcase_create ("samples");
  tcase_add_test (tc, test_fingerprints_distinct);
  suite_add_tcase (s, tc);
  return s;
}

HF_TEST_MAIN (fingerprints_suite)
