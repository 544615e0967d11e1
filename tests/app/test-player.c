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

int
main (void)
{
  Suite *s = suite_create ("player");
  TCase *tc = tcase_create ("player");
  tcase_add_test (tc, test_player_follows_document);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
