/* Tests of src/engine/hf-history.c: rewinding a recall is exact. */
#include <string.h>

#include "../hf-check.h"
#include "hf-history.h"

enum
{
  N = 48,
  K = 1500
};

typedef struct
{
  int8_t s[K + 1][N];
  double e[K + 1];
  HfEvent ev[K + 1];
} Trace;

static HfNetwork *
make_network (unsigned long seed)
{
  gsl_rng *rng = test_rng (seed);
  HfNetwork *net = hf_network_new (N, 1, NULL);
  test_random_network (net, 1.0, 0.3, rng);
  gsl_rng_free (rng);
  return net;
}

static void
start (HfRecall *r, HfUpdateMode mode, unsigned long seed)
{
  int8_t s[N];
  gsl_rng *rng = test_rng (seed + 1);
  hf_state_random (s, N, 0.5, rng);
  gsl_rng_free (rng);
  hf_recall_set_mode (r, mode);
  ck_assert_int_eq (
      hf_recall_set_temperature (r, mode == HF_UPDATE_STOCHASTIC ? 0.8 : 0, NULL), HF_OK);
  hf_recall_set_seed (r, seed);
  ck_assert_int_eq (hf_recall_set_state (r, s, NULL), HF_OK);
}

/* What a fresh recall shows after each of its first K steps. */
static void
trace (const HfNetwork *net, HfUpdateMode mode, unsigned long seed, const uint8_t *clamp,
       Trace *t)
{
  HfRecall *r = hf_recall_new (net, NULL);
  start (r, mode, seed);
  ck_assert_int_eq (hf_recall_set_clamp (r, clamp, NULL), HF_OK);
  memcpy (t->s[0], hf_recall_state (r), N);
  t->e[0] = hf_recall_energy (r);
  for (size_t k = 1; k <= K; k++)
    {
      ck_assert (hf_recall_advance_to (r, k, &t->ev[k]));
      memcpy (t->s[k], hf_recall_state (r), N);
      t->e[k] = hf_recall_energy (r);
    }
  hf_recall_free (r);
}

static void
check_rewind (HfUpdateMode mode, const uint8_t *clamp)
{
  HfNetwork *net = make_network (11);
  static Trace t;
  trace (net, mode, 5, clamp, &t);
  /* the same recall played in uneven batches of steps and sweeps */
  HfRecall *r = hf_recall_new (net, NULL);
  start (r, mode, 5);
  ck_assert_int_eq (hf_recall_set_clamp (r, clamp, NULL), HF_OK);
  HfHistory *h = hf_history_new (r, NULL);
  ck_assert_ptr_nonnull (h);
  gsl_rng *rng = test_rng (3);
  while (hf_recall_steps (r) < K - N)
    {
      if (gsl_rng_uniform (rng) < 0.3)
        hf_recall_sweep (r, NULL);
      else
        {
          size_t target = hf_recall_steps (r) + 1 + gsl_rng_uniform_int (rng, 40);
          hf_recall_advance_to (r, target, NULL);
        }
      ck_assert_int_eq (hf_history_note (h, NULL), HF_OK);
    }
  size_t last = hf_history_last (h);
  ck_assert_uint_eq (last, hf_recall_steps (r));
  ck_assert_uint_ge (hf_history_n_snapshots (h), 2);
  /* rewind to random steps, backwards and forwards */
  for (int trial = 0; trial < 300; trial++)
    {
      size_t k = trial == 0 ? 0 : trial == 1 ? last : gsl_rng_uniform_int (rng, last + 1);
      HfEvent ev;
      ck_assert_int_eq (hf_history_seek (h, k, &ev, NULL), HF_OK);
      ck_assert_uint_eq (hf_recall_steps (r), k);
      ck_assert_msg (memcmp (hf_recall_state (r), t.s[k], N) == 0,
                     "mode %d: state differs at step %zu", mode, k);
      ck_assert_msg (hf_recall_energy (r) == t.e[k],
                     "mode %d: energy %.17g != %.17g at %zu", mode, hf_recall_energy (r),
                     t.e[k], k);
      if (k > 0)
        {
          ck_assert_uint_eq (ev.neuron, t.ev[k].neuron);
          ck_assert_int_eq (ev.flipped, t.ev[k].flipped);
          ck_assert (ev.field == t.ev[k].field);
        }
    }
  /* seeking back and stepping on from there repeats the record */
  ck_assert_int_eq (hf_history_seek (h, 100, NULL, NULL), HF_OK);
  hf_recall_advance_to (r, 400, NULL);
  ck_assert (memcmp (hf_recall_state (r), t.s[400], N) == 0);
  ck_assert (hf_recall_energy (r) == t.e[400]);
  HfError err;
  ck_assert_int_eq (hf_history_seek (h, last + 1, NULL, &err), HF_ERANGE);
  gsl_rng_free (rng);
  hf_history_free (h);
  hf_recall_free (r);
  hf_network_free (net);
}

START_TEST (test_rewind_every_mode)
{
  check_rewind ((HfUpdateMode)_i, NULL);
}
END_TEST

START_TEST (test_rewind_with_clamps)
{
  uint8_t clamp[N] = { 0 };
  for (size_t i = 0; i < N; i += 5)
    clamp[i] = 1;
  check_rewind (HF_UPDATE_SEQUENTIAL, clamp);
  check_rewind (HF_UPDATE_STOCHASTIC, clamp);
}
END_TEST

/* A setting changed at a rewound step starts a branch: the old future is
 * dropped, the branch point is recorded, and both sides replay exactly. */
START_TEST (test_branch)
{
  HfNetwork *net = make_network (12);
  static Trace before, after;
  trace (net, HF_UPDATE_STOCHASTIC, 9, NULL, &before);
  /* what the branch should be: 200 steps at T = 0.8, then T = 0.1 */
  HfRecall *ref = hf_recall_new (net, NULL);
  start (ref, HF_UPDATE_STOCHASTIC, 9);
  hf_recall_advance_to (ref, 200, NULL);
  hf_recall_set_temperature (ref, 0.1, NULL);
  for (size_t k = 201; k <= K; k++)
    {
      hf_recall_advance_to (ref, k, NULL);
      memcpy (after.s[k], hf_recall_state (ref), N);
      after.e[k] = hf_recall_energy (ref);
    }
  HfRecall *r = hf_recall_new (net, NULL);
  start (r, HF_UPDATE_STOCHASTIC, 9);
  HfHistory *h = hf_history_new (r, NULL);
  for (size_t k = 50; k <= 1200; k += 50)
    {
      hf_recall_advance_to (r, k, NULL);
      hf_history_note (h, NULL);
    }
  ck_assert_int_eq (hf_history_seek (h, 200, NULL, NULL), HF_OK);
  hf_recall_set_temperature (r, 0.1, NULL);
  ck_assert_int_eq (hf_history_branch (h, "T = 0.1", NULL), HF_OK);
  ck_assert_uint_eq (hf_history_last (h), 200);
  ck_assert_uint_eq (hf_history_n_branches (h), 1);
  ck_assert_uint_eq (hf_history_branch_point (h, 0)->step, 200);
  ck_assert_str_eq (hf_history_branch_point (h, 0)->label, "T = 0.1");
  hf_recall_advance_to (r, K, NULL);
  hf_history_note (h, NULL);
  ck_assert (memcmp (hf_recall_state (r), after.s[K], N) == 0);
  for (size_t j = 0; j <= K / 37 + 1; j++)
    {
      size_t k = j == K / 37 + 1 ? 200 : 37 * j; /* and the branch point itself */
      ck_assert_int_eq (hf_history_seek (h, k, NULL, NULL), HF_OK);
      const int8_t *want = k <= 200 ? before.s[k] : after.s[k];
      double e = k <= 200 ? before.e[k] : after.e[k];
      ck_assert_msg (memcmp (hf_recall_state (r), want, N) == 0, "state at %zu", k);
      ck_assert (hf_recall_energy (r) == e);
      /* the settings follow the shown step */
      ck_assert (hf_recall_temperature (r) == (k < 200 ? 0.8 : 0.1));
    }
  hf_history_free (h);
  hf_recall_free (r);
  hf_recall_free (ref);
  hf_network_free (net);
}
END_TEST

/* However long a recall plays, the history's memory stays bounded and a
 * seek replays at most the spacing. */
START_TEST (test_memory_bounded)
{
  HfNetwork *net = make_network (13);
  HfRecall *r = hf_recall_new (net, NULL);
  start (r, HF_UPDATE_STOCHASTIC, 1);
  HfHistory *h = hf_history_new (r, NULL);
  size_t total = getenv ("HF_TEST_SMALL") ? 400000 : 3000000;
  for (size_t k = 1000; k <= total; k += 1000)
    {
      hf_recall_advance_to (r, k, NULL);
      ck_assert_int_eq (hf_history_note (h, NULL), HF_OK);
    }
  ck_assert_uint_le (hf_history_n_snapshots (h), HF_HISTORY_MAX_SNAPSHOTS + 1);
  /* bounded by the snapshot budget, whatever the length of the recall */
  HfRecallSnapshot *one = hf_recall_snapshot (r, NULL);
  size_t budget = (HF_HISTORY_MAX_SNAPSHOTS + 2) * hf_recall_snapshot_bytes (one) + 65536;
  hf_recall_snapshot_free (one);
  ck_assert_uint_lt (hf_history_bytes (h), budget);
  int8_t s[N];
  memcpy (s, hf_recall_state (r), N);
  double e = hf_recall_energy (r);
  ck_assert_int_eq (hf_history_seek (h, total / 3, NULL, NULL), HF_OK);
  ck_assert_int_eq (hf_history_seek (h, total, NULL, NULL), HF_OK);
  ck_assert (memcmp (hf_recall_state (r), s, N) == 0 && hf_recall_energy (r) == e);
  hf_history_free (h);
  hf_recall_free (r);
  hf_network_free (net);
}
END_TEST

static Suite *
history_suite (void)
{
  Suite *s = suite_create ("history");
  TCase *tc = tcase_create ("rewind");
  tcase_set_timeout (tc, 600);
  tcase_add_loop_test (tc, test_rewind_every_mode, 0, HF_UPDATE_COUNT);
  tcase_add_test (tc, test_rewind_with_clamps);
  tcase_add_test (tc, test_branch);
  tcase_add_test (tc, test_memory_bounded);
  suite_add_tcase (s, tc);
  return s;
}

HF_TEST_MAIN (history_suite)
