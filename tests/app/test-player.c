/* Tests of HsRecallPlayer without a display: stepping, and how it follows
 * the document (GTK is linked but never initialised). */
#include <check.h>
#include <string.h>

#include "hf-samples.h"
#include "hf-train.h"
#include "hs-recall-player.h"

typedef struct
{
  guint restarted, stepped, last_count;
  double last_energy;
} Log;

static void
on_restarted (HsRecallPlayer *player, Log *log)
{
  log->restarted++;
}

static void
on_stepped (HsRecallPlayer *player, const HfEvent *ev, const double *energies,
            guint count, Log *log)
{
  log->stepped++;
  log->last_count = count;
  if (count > 0)
    log->last_energy = energies[count - 1];
}

START_TEST (test_player_follows_document)
{
  HsDocument *doc = hs_document_new (16, 16);
  HfPatterns *digits = hf_sample_load ("digits-16", NULL);
  hs_document_replace_library (doc, hf_patterns_copy (digits, NULL));
  hs_document_set_probe (doc, hf_patterns_get (digits, 3), TRUE);
  HsRecallPlayer *player = hs_recall_player_new (doc);
  Log log = { 0 };
  g_signal_connect (player, "restarted", G_CALLBACK (on_restarted), &log);
  g_signal_connect (player, "stepped", G_CALLBACK (on_stepped), &log);
  /* no network: nothing to step, the state shown is the probe */
  ck_assert_ptr_null (hs_recall_player_get_recall (player));
  ck_assert_ptr_eq (hs_recall_player_get_state (player), hs_document_get_probe (doc));
  hs_recall_player_step (player);
  ck_assert_uint_eq (log.stepped, 0);
  /* a network arrives: a fresh recall from the probe */
  HfNetwork *net = hf_network_new (16, 16, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_PSEUDOINVERSE);
  ck_assert_int_eq (hf_train (net, digits, &o, NULL, NULL, NULL), HF_OK);
  hs_document_set_network (doc, net);
  ck_assert_uint_eq (log.restarted, 1);
  const HfRecall *r = hs_recall_player_get_recall (player);
  ck_assert_ptr_nonnull (r);
  ck_assert_mem_eq (hf_recall_state (r), hs_document_get_probe (doc), 256);
  /* one step, then the rest of the sweep, each with its energies */
  hs_recall_player_step (player);
  ck_assert_uint_eq (hf_recall_steps (r), 1);
  ck_assert_uint_eq (log.last_count, 1);
  ck_assert_double_eq_tol (log.last_energy, hf_recall_energy (r), 1e-9);
  hs_recall_player_sweep (player);
  ck_assert_uint_eq (hf_recall_steps (r), 256);
  ck_assert_uint_eq (log.last_count, 255);
  /* a stored pattern is a fixed point: finished */
  ck_assert (hs_recall_player_is_finished (player));
  /* a new probe restarts */
  hs_document_corrupt (doc, 0.2, NULL);
  ck_assert_uint_eq (log.restarted, 2);
  ck_assert_uint_eq (hf_recall_steps (r), 0);
  ck_assert_mem_eq (hf_recall_state (r), hs_document_get_probe (doc), 256);
  ck_assert (!hs_recall_player_is_finished (player));
  /* a new temperature applies at once, without a restart */
  hs_recall_player_step (player);
  HfSessionSettings s = *hs_document_get_settings (doc);
  s.temperature = 0.7;
  hs_document_set_settings (doc, &s);
  ck_assert_uint_eq (log.restarted, 2);
  ck_assert_uint_eq (hf_recall_steps (r), 1);
  ck_assert_double_eq (hf_recall_temperature (r), 0.7);
  /* a new mode or seed restarts with it */
  s.mode = HF_UPDATE_SYNC;
  hs_document_set_settings (doc, &s);
  ck_assert_uint_eq (log.restarted, 3);
  ck_assert_int_eq (hf_recall_mode (r), HF_UPDATE_SYNC);
  hs_recall_player_sweep (player); /* synchronous: one step updates all */
  ck_assert_uint_eq (hf_recall_steps (r), 1);
  /* the network goes with a grid change: no recall left */
  hs_document_set_grid (doc, 8, 8, NULL);
  ck_assert_ptr_null (hs_recall_player_get_recall (player));
  ck_assert (hs_recall_player_is_finished (player));
  g_object_unref (player);
  g_object_unref (doc);
  hf_patterns_free (digits);
}
END_TEST

/* A fresh recall, set up as the player sets up its own, after k steps. */
static HfRecall *
fresh_recall (HsDocument *doc, size_t k)
{
  const HfSessionSettings *s = hs_document_get_settings (doc);
  HfRecall *r = hf_recall_new (hs_document_get_network (doc), NULL);
  hf_recall_set_mode (r, (HfUpdateMode)s->mode);
  hf_recall_set_tie (r, (HfTieRule)s->tie);
  hf_recall_set_temperature (r, s->temperature, NULL);
  hf_recall_set_clamp (r, hs_document_get_clamp (doc), NULL);
  hf_recall_set_seed (r, s->seed);
  hf_recall_set_state (r, hs_document_get_probe (doc), NULL);
  for (size_t i = 0; i < k; i++)
    hf_recall_step (r, NULL);
  return r;
}

static void
assert_shows (HsRecallPlayer *player, HsDocument *doc, size_t k, const char *mode)
{
  const HfRecall *r = hs_recall_player_get_recall (player);
  ck_assert_uint_eq (hf_recall_steps (r), k);
  HfRecall *fresh = fresh_recall (doc, k);
  ck_assert_msg (
      memcmp (hs_recall_player_get_state (player), hf_recall_state (fresh), 256) == 0,
      "%s: the state at step %zu differs", mode, k);
  /* exactly: the same sums in the same order */
  ck_assert_msg (hf_recall_energy (r) == hf_recall_energy (fresh),
                 "%s: the energy at step %zu is %.17g, fresh %.17g", mode, k,
                 hf_recall_energy (r), hf_recall_energy (fresh));
  hf_recall_free (fresh);
}

/* Rewinding to step k shows exactly what a fresh recall shows after k
 * steps, in every update mode (stochastic included, same seed); stepping
 * on from there replays the record. */
START_TEST (test_rewind)
{
  static const struct
  {
    HfUpdateMode mode;
    const char *name;
  } modes[] = { { HF_UPDATE_SEQUENTIAL, "sequential" },
                { HF_UPDATE_RANDOM, "random" },
                { HF_UPDATE_SYNC, "synchronous" },
                { HF_UPDATE_STOCHASTIC, "stochastic" } };
  HsDocument *doc = hs_document_new (16, 16);
  HfPatterns *digits = hf_sample_load ("digits-16", NULL);
  hs_document_replace_library (doc, hf_patterns_copy (digits, NULL));
  HfNetwork *net = hf_network_new (16, 16, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN); /* over capacity: long, varied runs */
  ck_assert_int_eq (hf_train (net, digits, &o, NULL, NULL, NULL), HF_OK);
  hs_document_set_network (doc, net);
  hs_document_set_probe (doc, hf_patterns_get (digits, 3), TRUE);
  hs_document_corrupt (doc, 0.3, NULL);
  HsRecallPlayer *player = hs_recall_player_new (doc);
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      HfSessionSettings s = *hs_document_get_settings (doc);
      s.mode = modes[m].mode;
      s.seed = 11 + m;
      s.temperature = modes[m].mode == HF_UPDATE_STOCHASTIC ? 0.6 : 0;
      hs_document_set_settings (doc, &s);
      hs_recall_player_restart (player);
      const HfRecall *r = hs_recall_player_get_recall (player);
      for (int k = 0; k < 4 && !hs_recall_player_is_finished (player); k++)
        hs_recall_player_sweep (player);
      size_t total = hf_recall_steps (r);
      ck_assert_uint_gt (total, 1);
      const HfHistory *h = hs_recall_player_get_history (player);
      ck_assert_uint_eq (hf_history_last (h), total);
      ck_assert (!hs_recall_player_is_rewound (player));
      size_t ks[] = { total / 2, 0, 1, total / 3, total - 1, total, 2 * total / 3 };
      for (guint i = 0; i < G_N_ELEMENTS (ks); i++)
        {
          ck_assert (hs_recall_player_seek (player, ks[i]));
          assert_shows (player, doc, ks[i], modes[m].name);
          ck_assert (hs_recall_player_is_rewound (player) == (ks[i] < total));
        }
      /* step back, then forward again: the record replays */
      ck_assert (hs_recall_player_step_back (player));
      size_t k = 2 * total / 3 - 1;
      assert_shows (player, doc, k, modes[m].name);
      hs_recall_player_step (player);
      hs_recall_player_step (player);
      assert_shows (player, doc, k + 2, modes[m].name);
      ck_assert_uint_eq (hf_history_last (h), total);
      ck_assert_uint_eq (hf_history_n_branches (h), 0);
      /* back at the first step there is nothing before it */
      ck_assert (hs_recall_player_seek (player, 0));
      ck_assert (!hs_recall_player_step_back (player));
    }
  g_object_unref (player);
  g_object_unref (doc);
  hf_patterns_free (digits);
}
END_TEST

/* A setting changed at a rewound step branches there (no restart from the
 * probe); at the live end a new mode still restarts. */
START_TEST (test_branch)
{
  HsDocument *doc = hs_document_new (16, 16);
  HfPatterns *digits = hf_sample_load ("digits-16", NULL);
  hs_document_replace_library (doc, hf_patterns_copy (digits, NULL));
  HfNetwork *net = hf_network_new (16, 16, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  ck_assert_int_eq (hf_train (net, digits, &o, NULL, NULL, NULL), HF_OK);
  hs_document_set_network (doc, net);
  hs_document_set_probe (doc, hf_patterns_get (digits, 5), TRUE);
  hs_document_corrupt (doc, 0.3, NULL);
  HfSessionSettings s = *hs_document_get_settings (doc);
  s.mode = HF_UPDATE_STOCHASTIC;
  s.temperature = 0.8;
  hs_document_set_settings (doc, &s);
  HsRecallPlayer *player = hs_recall_player_new (doc);
  Log log = { 0 };
  g_signal_connect (player, "restarted", G_CALLBACK (on_restarted), &log);
  for (int k = 0; k < 3; k++)
    hs_recall_player_sweep (player);
  const HfRecall *r = hs_recall_player_get_recall (player);
  const HfHistory *h = hs_recall_player_get_history (player);
  ck_assert_uint_eq (hf_history_last (h), 768);
  ck_assert (hs_recall_player_seek (player, 300));
  /* a cooler temperature at step 300: a branch, the old future dropped */
  s.temperature = 0.1;
  hs_document_set_settings (doc, &s);
  ck_assert_uint_eq (log.restarted, 0);
  ck_assert_uint_eq (hf_recall_steps (r), 300);
  ck_assert_double_eq (hf_recall_temperature (r), 0.1);
  ck_assert_uint_eq (hf_history_n_branches (h), 1);
  ck_assert_uint_eq (hf_history_branch_point (h, 0)->step, 300);
  ck_assert_str_eq (hf_history_branch_point (h, 0)->label, "T = 0.10");
  ck_assert_uint_eq (hf_history_last (h), 300);
  ck_assert (!hs_recall_player_is_rewound (player));
  /* the branch plays on, and rewinds like any record */
  hs_recall_player_sweep (player);
  ck_assert_uint_eq (hf_history_last (h), 512);
  int8_t end[256];
  memcpy (end, hf_recall_state (r), 256);
  double end_energy = hf_recall_energy (r);
  ck_assert (hs_recall_player_seek (player, 100));
  ck_assert (hs_recall_player_seek (player, 512));
  ck_assert_mem_eq (hf_recall_state (r), end, 256);
  ck_assert (hf_recall_energy (r) == end_energy);
  /* stepping on from before the branch follows the record through it (the
   * branch's temperature from step 300 on) */
  ck_assert (hs_recall_player_seek (player, 450));
  int8_t at450[256];
  memcpy (at450, hf_recall_state (r), 256);
  double e450 = hf_recall_energy (r);
  ck_assert (hs_recall_player_seek (player, 250));
  for (int k = 0; k < 200; k++)
    hs_recall_player_step (player);
  ck_assert_uint_eq (hf_recall_steps (r), 450);
  ck_assert_mem_eq (hf_recall_state (r), at450, 256);
  ck_assert (hf_recall_energy (r) == e450);
  ck_assert_double_eq (hf_recall_temperature (r), 0.1);
  /* a new mode at a rewound step: another branch */
  ck_assert (hs_recall_player_seek (player, 400));
  s.mode = HF_UPDATE_SEQUENTIAL;
  hs_document_set_settings (doc, &s);
  ck_assert_uint_eq (log.restarted, 0);
  ck_assert_int_eq (hf_recall_mode (r), HF_UPDATE_SEQUENTIAL);
  ck_assert_uint_eq (hf_history_n_branches (h), 2);
  ck_assert_uint_eq (hf_history_branch_point (h, 1)->step, 400);
  /* a clamp at a rewound step: a branch too */
  hs_recall_player_step (player);
  hs_recall_player_step (player);
  ck_assert (hs_recall_player_seek (player, 401));
  uint8_t mask[256] = { 0 };
  mask[7] = 1;
  hs_document_set_clamp (doc, mask);
  ck_assert_uint_eq (log.restarted, 0);
  ck_assert_uint_eq (hf_history_n_branches (h), 3);
  ck_assert_uint_eq (hf_history_branch_point (h, 2)->step, 401);
  /* at the live end, a new mode restarts from the probe as before */
  s.mode = HF_UPDATE_SYNC;
  hs_document_set_settings (doc, &s);
  ck_assert_uint_eq (log.restarted, 1);
  ck_assert_uint_eq (hf_recall_steps (r), 0);
  ck_assert_uint_eq (hf_history_n_branches (hs_recall_player_get_history (player)), 0);
  g_object_unref (player);
  g_object_unref (doc);
  hf_patterns_free (digits);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("player");
  TCase *tc = tcase_create ("player");
  tcase_add_test (tc, test_player_follows_document);
  tcase_add_test (tc, test_rewind);
  tcase_add_test (tc, test_branch);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
