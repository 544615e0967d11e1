/* test-session-results.c: kept experiment results in sessions (format
 * version 3): round trips, older versions, and refusals. */
#include <glib.h>
#include <string.h>
#include <zlib.h>

#include "../hf-check.h"
#include "hf-fileio.h"
#include "hf-samples.h"
#include "hf-session.h"

static void
fix_crc (unsigned char *a, size_t len)
{
  uLong crc = crc32 (0, a, (uInt)(len - 4));
  for (int k = 0; k < 4; k++)
    a[len - 4 + k] = (crc >> (8 * k)) & 0xff;
}

/* A capacity-like table of 3 rows and, with images, 2 states of 5x3. */
static void
make_result (HfSessionResult *r, const char *label, gboolean images)
{
  memset (r, 0, sizeof *r);
  r->kind = strdup (images ? "images" : "capacity");
  r->label = strdup (label);
  r->time = (int64_t)1795000000 + (images ? 5000000000LL : 0); /* past 2038 too */
  static const char *const keys[] = { "rules", "n", "m", "trials", "seed" };
  static const char *const values[] = { "perceptron,mpf", "64", "4:12:4", "3", "7" };
  r->nparams = 5;
  r->keys = calloc (5, sizeof (char *));
  r->values = calloc (5, sizeof (char *));
  for (size_t k = 0; k < 5; k++)
    {
      r->keys[k] = strdup (keys[k]);
      r->values[k] = strdup (values[k]);
    }
  r->ncols = 3;
  r->columns = calloc (3, sizeof (char *));
  r->columns[0] = strdup ("m");
  r->columns[1] = strdup ("fraction_stored");
  r->columns[2] = strdup ("rule \xe2\x80\x94 index");
  r->nrows = 3;
  r->table = malloc (9 * sizeof (double));
  for (size_t k = 0; k < 9; k++)
    r->table[k] = k % 3 == 1 ? 1.0 / (double)(k + 3) : (double)k;
  r->table[4] = NAN; /* any double travels */
  if (images)
    {
      r->image_width = 5;
      r->image_height = 3;
      r->nimages = 2;
      r->images = malloc (30);
      for (size_t k = 0; k < 30; k++)
        r->images[k] = (k * 7) % 3 == 0 ? 1 : -1;
    }
}

static void
make_session (HfSession *ss, size_t nresults)
{
  memset (ss, 0, sizeof *ss);
  hf_session_settings_init (&ss->settings);
  ss->library = hf_sample_load ("digits-16", NULL);
  ss->probe = g_memdup2 (hf_patterns_get (ss->library, 1), 256);
  ss->source = g_memdup2 (hf_patterns_get (ss->library, 1), 256);
  ss->nresults = nresults;
  ss->results = calloc (nresults + 1, sizeof *ss->results);
  for (size_t k = 0; k < nresults; k++)
    make_result (&ss->results[k], k == 0 ? "Before the break" : "", k == 1);
}

static void
free_session (HfSession *ss)
{
  for (size_t k = 0; k < ss->nresults; k++)
    hf_session_result_clear (&ss->results[k]);
  free (ss->results);
  g_free (ss->probe);
  g_free (ss->source);
  hf_patterns_free (ss->library);
}

static void
assert_same_result (const HfSessionResult *a, const HfSessionResult *b)
{
  ck_assert_str_eq (a->kind, b->kind);
  ck_assert_str_eq (a->label, b->label);
  ck_assert_int_eq (a->time, b->time);
  ck_assert_uint_eq (a->nparams, b->nparams);
  for (size_t k = 0; k < a->nparams; k++)
    {
      ck_assert_str_eq (a->keys[k], b->keys[k]);
      ck_assert_str_eq (a->values[k], b->values[k]);
    }
  ck_assert_uint_eq (a->ncols, b->ncols);
  ck_assert_uint_eq (a->nrows, b->nrows);
  for (size_t k = 0; k < a->ncols; k++)
    ck_assert_str_eq (a->columns[k], b->columns[k]);
  /* bit for bit, NaN included */
  ck_assert_mem_eq (a->table, b->table, a->nrows * a->ncols * sizeof (double));
  ck_assert_uint_eq (a->nimages, b->nimages);
  ck_assert_uint_eq (a->image_width, b->image_width);
  ck_assert_uint_eq (a->image_height, b->image_height);
  if (a->nimages > 0)
    ck_assert_mem_eq (a->images, b->images,
                      a->nimages * a->image_width * a->image_height);
  else
    ck_assert_ptr_null (b->images);
}

START_TEST (test_results_round_trip)
{
  HfSession ss;
  make_session (&ss, 2);
  unsigned char *a, *b;
  size_t la, lb;
  HfError err;
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_OK);
  ck_assert_uint_eq (hf_get_u32 (a + 8), 3);
  HfSession *back = hf_session_decode (a, la, "s", &err);
  ck_assert_msg (back != NULL, "%s", err.message);
  ck_assert_uint_eq (back->nresults, 2);
  for (size_t k = 0; k < 2; k++)
    assert_same_result (&ss.results[k], &back->results[k]);
  /* canonical: encoding what was read gives the same bytes */
  ck_assert_int_eq (hf_session_encode (back, &b, &lb, &err), HF_OK);
  ck_assert_uint_eq (la, lb);
  ck_assert_mem_eq (a, b, la);
  /* a copy is deep and equal */
  HfSessionResult copy;
  ck_assert_int_eq (hf_session_result_copy (&copy, &back->results[1], &err), HF_OK);
  hf_session_free (back);
  assert_same_result (&ss.results[1], &copy);
  hf_session_result_clear (&copy);
  /* bits past the end of a packed state are refused (found by the fuzzer:
   * such a file would not be written back as it was read) */
  a[la - 5] |= 0x80; /* the last image's 16th bit: 5 x 3 = 15 */
  fix_crc (a, la);
  ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
  ck_assert_ptr_nonnull (strstr (err.message, "past its end"));
  a[la - 5] &= 0x7f;
  fix_crc (a, la);
  /* every truncation and every flipped byte of the file is refused */
  for (size_t k = 0; k < la; k++)
    ck_assert_ptr_null (hf_session_decode (a, k, "s", &err));
  for (size_t k = 8; k < la; k += 3)
    {
      a[k] ^= 0x40;
      ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
      a[k] ^= 0x40;
    }
  free (a);
  free (b);
  free_session (&ss);
}
END_TEST

/* A session without results is still version 3 (no flag, no section);
 * version 2 and 1 files (no results) still open, but cannot claim results;
 * a newer version is refused with a message that says so. */
START_TEST (test_results_versions)
{
  HfSession ss;
  make_session (&ss, 0);
  unsigned char *a;
  size_t la;
  HfError err;
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_OK);
  ck_assert_uint_eq (hf_get_u32 (a + 8), 3);
  ck_assert_uint_eq (hf_get_u32 (a + 24) & 8, 0);
  for (unsigned v = 1; v <= 3; v++)
    {
      a[8] = (unsigned char)v;
      fix_crc (a, la);
      HfSession *back = hf_session_decode (a, la, "s", &err);
      ck_assert_msg (back != NULL, "version %u: %s", v, err.message);
      ck_assert_uint_eq (back->nresults, 0);
      ck_assert_ptr_null (back->results);
      hf_session_free (back);
    }
  a[8] = 4;
  fix_crc (a, la);
  ck_assert_ptr_null (hf_session_decode (a, la, "lesson.hfsession", &err));
  ck_assert_ptr_nonnull (strstr (err.message, "made by a newer Hopfield Studio"));
  ck_assert_ptr_nonnull (strstr (err.message, "lesson.hfsession"));
  a[8] = 0;
  fix_crc (a, la);
  ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
  free (a);
  free_session (&ss);
  /* a version 2 file cannot carry results */
  make_session (&ss, 1);
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_OK);
  a[8] = 2;
  fix_crc (a, la);
  ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
  free (a);
  free_session (&ss);
}
END_TEST

/* Bad content, with a valid checksum, is refused by the reader; the writer
 * refuses it before writing. */
START_TEST (test_results_refused)
{
  HfSession ss;
  make_session (&ss, 1);
  unsigned char *a;
  size_t la;
  HfError err;
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_OK);
  /* the section starts right after the probe and its source: count, kind */
  size_t at = 28 + 68 + (ss.library->m + 2) * 32;
  ck_assert_uint_eq (hf_get_u32 (a + at), 1);
  ck_assert_uint_eq (hf_get_u32 (a + at + 4), strlen ("capacity"));
  ck_assert_mem_eq (a + at + 8, "capacity", 8);
  struct
  {
    size_t offset;
    unsigned char value;
    const char *why;
  } cases[] = {
    { at, 0, "impossible number of results" }, /* the flag with a count of 0 */
    { at + 8, 'C', "experiment name" },
    { at + 4, 40, "experiment name" },
    { at + 16 + 4 + 16 + 8, 0xff, "parameters" }, /* nparams, after the time */
  };
  for (size_t k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      unsigned char keep = a[cases[k].offset];
      a[cases[k].offset] = cases[k].value;
      fix_crc (a, la);
      ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
      ck_assert_msg (strstr (err.message, cases[k].why) != NULL, "case %zu: %s", k,
                     err.message);
      a[cases[k].offset] = keep;
    }
  /* a huge row count with few bytes behind it is refused before allocating */
  unsigned char *rows = NULL; /* the row count follows the last column's name */
  for (size_t k = at; k + 8 < la; k++)
    if (memcmp (a + k, "index", 5) == 0)
      rows = a + k + 5;
  ck_assert_ptr_nonnull (rows);
  ck_assert_uint_eq (hf_get_u32 (rows), 3);
  rows[2] = 0x0f; /* 983043 rows */
  fix_crc (a, la);
  ck_assert_ptr_null (hf_session_decode (a, la, "s", &err));
  ck_assert_ptr_nonnull (strstr (err.message, "rows"));
  free (a);
  /* the writer */
  HfSessionResult *r = &ss.results[0];
  char *keep = r->kind;
  const char *bad_kinds[]
      = { "", "Capacity", "a b", "0123456789012345678901234567890123" };
  for (size_t k = 0; k < G_N_ELEMENTS (bad_kinds); k++)
    {
      r->kind = (char *)bad_kinds[k];
      ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_EINVAL);
    }
  r->kind = keep;
  keep = r->label;
  r->label = (char *)"two\nlines";
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_EINVAL);
  r->label = (char *)"\xc0\xaf";
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_EINVAL);
  r->label = keep;
  keep = r->columns[1];
  r->columns[1] = (char *)"";
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_EINVAL);
  r->columns[1] = keep;
  r->nimages = 1; /* images claimed without states */
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_EINVAL);
  r->nimages = 0;
  ss.nresults = HF_SESSION_RESULTS_MAX + 1;
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_EINVAL);
  ss.nresults = 1;
  ck_assert_int_eq (hf_session_encode (&ss, &a, &la, &err), HF_OK);
  free (a);
  free_session (&ss);
}
END_TEST

static Suite *
results_suite (void)
{
  Suite *s = suite_create ("session-results");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, test_results_round_trip);
  tcase_add_test (tc, test_results_versions);
  tcase_add_test (tc, test_results_refused);
  suite_add_tcase (s, tc);
  return s;
}

HF_TEST_MAIN (results_suite)
