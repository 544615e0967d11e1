/* GUI tests of the side-by-side view: a real HsCompareView in a window
 * under Xvfb. With HS_SHOTS_DIR set, it also saves screenshots there;
 * otherwise nothing is written anywhere. */
#include <check.h>
#include <string.h>

#include "hf-samples.h"
#include "hs-application.h"
#include "hs-compare-view.h"
#include "hs-pattern-canvas.h"

static HsDocument *doc;
static GtkWidget *window;
static HsCompareView *view;

static gboolean
wake (gpointer data)
{
  (void)data;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until cond holds or the time is up. */
static gboolean
wait_for (gboolean (*cond) (void), double seconds)
{
  guint id = g_timeout_add (10, wake, NULL);
  gint64 end = g_get_monotonic_time () + (gint64)(seconds * 1e6);
  while (!cond () && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return cond ();
}

static gboolean
ready (void)
{
  return !hs_compare_view_is_training (view)
         && hs_compare_view_get_recall (view, HS_COMPARE_LEFT) != NULL
         && hs_compare_view_get_recall (view, HS_COMPARE_RIGHT) != NULL
         && gtk_widget_get_mapped (GTK_WIDGET (view));
}

static gboolean
not_playing (void)
{
  return !hs_compare_view_get_playing (view);
}

static gboolean
never (void)
{
  return FALSE;
}

static gboolean
no_workers (void)
{
  return hs_compare_view_workers_done ();
}

static HfPatterns *
digits (void)
{
  HfError err = { 0 };
  HfPatterns *set = hf_sample_load ("digits-16", &err);
  ck_assert_msg (set != NULL, "%s", err.message);
  return set;
}

/* The digits as the library, the probe digit k with a fraction flipped. */
static void
setup (void)
{
  doc = hs_document_new (16, 16);
  hs_document_replace_library (doc, digits ());
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  view = HS_COMPARE_VIEW (hs_compare_view_new (doc));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
}

static void
teardown (void)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ck_assert (wait_for (no_workers, 60));
  g_clear_object (&doc);
  view = NULL;
}

static void
set_probe (guint k, double fraction)
{
  const HfPatterns *lib = hs_document_get_patterns (doc);
  hs_document_set_probe (doc, hf_patterns_get (lib, k), TRUE);
  if (fraction > 0)
    ck_assert (hs_document_corrupt (doc, fraction, NULL));
}

static void
set_mode (HfUpdateMode mode, double temperature, guint32 seed)
{
  HfSessionSettings s = *hs_document_get_settings (doc);
  s.mode = mode;
  s.temperature = temperature;
  s.seed = seed;
  hs_document_set_settings (doc, &s);
}

static HsPatternCanvas *
find_canvas (GtkWidget *w, int *skip)
{
  if (HS_IS_PATTERN_CANVAS (w) && (*skip)-- == 0)
    return HS_PATTERN_CANVAS (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c;
       c = gtk_widget_get_next_sibling (c))
    {
      HsPatternCanvas *found = find_canvas (c, skip);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What the side's canvas shows (the view's canvases: left, then right). */
static const int8_t *
canvas_state (HsCompareSide side)
{
  int skip = (int)side;
  HsPatternCanvas *canvas = find_canvas (GTK_WIDGET (view), &skip);
  ck_assert_ptr_nonnull (canvas);
  return hs_pattern_canvas_get_state (canvas);
}

/* A label of the view whose text starts with prefix. */
static GtkLabel *
find_label (GtkWidget *w, const char *prefix)
{
  if (GTK_IS_LABEL (w) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (w)), prefix))
    return GTK_LABEL (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkLabel *found = find_label (c, prefix);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
save_shot (const char *name)
{
  const char *dir = g_getenv ("HS_SHOTS_DIR");
  if (dir == NULL)
    return;
  /* let the window lay itself out and draw once */
  gboolean playing = hs_compare_view_get_playing (view);
  hs_compare_view_pause (view);
  wait_for (never, 0.2);
  if (playing)
    hs_compare_view_play (view);
  GtkWidget *w = window;
  int width = gtk_widget_get_width (w), height = gtk_widget_get_height (w);
  GdkPaintable *paintable = gtk_widget_paintable_new (w);
  GtkSnapshot *snap = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snap, width, height);
  GskRenderNode *node = gtk_snapshot_free_to_node (snap);
  if (node != NULL)
    {
      GskRenderer *r = gtk_native_get_renderer (GTK_NATIVE (w));
      GdkTexture *tex = gsk_renderer_render_texture (
          r, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
      char *path = g_build_filename (dir, name, NULL);
      gdk_texture_save_to_png (tex, path);
      g_free (path);
      g_object_unref (tex);
      gsk_render_node_unref (node);
    }
  g_object_unref (paintable);
}

/* ---- one rule on both sides: the same states at every step ---- */

START_TEST (test_same_rule_lockstep)
{
  static const HfUpdateMode modes[]
      = { HF_UPDATE_SEQUENTIAL, HF_UPDATE_RANDOM, HF_UPDATE_SYNC, HF_UPDATE_STOCHASTIC };
  hs_compare_view_set_rule (view, HS_COMPARE_RIGHT, HF_RULE_HEBBIAN);
  set_probe (3, 0.25);
  ck_assert (wait_for (ready, 60));
  size_t n = hs_document_get_n_neurons (doc);
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      set_mode (modes[m], modes[m] == HF_UPDATE_STOCHASTIC ? 0.4 : 0.2, 7 + m);
      const HfRecall *a = hs_compare_view_get_recall (view, HS_COMPARE_LEFT);
      const HfRecall *b = hs_compare_view_get_recall (view, HS_COMPARE_RIGHT);
      ck_assert_uint_eq (hf_recall_steps (a), 0);
      ck_assert_int_eq (hf_recall_mode (b), modes[m]);
      for (int batch = 0; batch < 40; batch++)
        {
          if (batch % 3 == 2)
            hs_compare_view_sweep (view);
          else
            hs_compare_view_advance (view, 1 + (guint64)batch * 7);
          ck_assert_uint_eq (hf_recall_steps (a), hf_recall_steps (b));
          ck_assert_msg (memcmp (hf_recall_state (a), hf_recall_state (b), n) == 0,
                         "mode %u: the sides differ after batch %d", m, batch);
          ck_assert_double_eq (hf_recall_energy (a), hf_recall_energy (b));
          ck_assert (memcmp (canvas_state (HS_COMPARE_LEFT), hf_recall_state (a), n)
                     == 0);
          ck_assert (memcmp (canvas_state (HS_COMPARE_RIGHT), hf_recall_state (b), n)
                     == 0);
        }
      ck_assert_msg (hf_recall_flips (a) > 0, "mode %u: nothing happened", m);
      if (modes[m] == HF_UPDATE_SYNC)
        save_shot ("compare-same-rule-sync.png");
      ck_assert_str_eq (hs_compare_view_get_outcome (view, HS_COMPARE_LEFT),
                        hs_compare_view_get_outcome (view, HS_COMPARE_RIGHT));
    }
}
END_TEST

/* ---- the correlated digits: Hebbian fails where MPF recalls ---- */

START_TEST (test_digits_hebbian_vs_mpf)
{
  ck_assert_int_eq (hs_compare_view_get_rule (view, HS_COMPARE_LEFT), HF_RULE_HEBBIAN);
  ck_assert_int_eq (hs_compare_view_get_rule (view, HS_COMPARE_RIGHT), HF_RULE_MPF);
  set_probe (3, 0.10);
  ck_assert (wait_for (ready, 120));
  size_t n = hs_document_get_n_neurons (doc);
  hs_compare_view_set_speed (view, 2.0);
  hs_compare_view_play (view);
  ck_assert (hs_compare_view_get_playing (view));
  /* mid-recall (about 100 steps): a picture, and both sides moved alike */
  wait_for (never, 1.0);
  ck_assert (!hs_compare_view_is_finished (view));
  ck_assert_uint_eq (
      hf_recall_steps (hs_compare_view_get_recall (view, HS_COMPARE_LEFT)),
      hf_recall_steps (hs_compare_view_get_recall (view, HS_COMPARE_RIGHT)));
  save_shot ("compare-digits-mid-recall.png");
  hs_compare_view_set_speed (view, 5.0);
  ck_assert (wait_for (not_playing, 60));
  ck_assert (hs_compare_view_is_finished (view));
  save_shot ("compare-digits-end.png");

  const HfPatterns *lib = hs_document_get_patterns (doc);
  const char *left = hs_compare_view_get_outcome (view, HS_COMPARE_LEFT);
  const char *right = hs_compare_view_get_outcome (view, HS_COMPARE_RIGHT);
  ck_assert_msg (g_str_has_prefix (left, "Spurious state"), "left: %s", left);
  ck_assert_str_eq (right, "Recalled pattern 3");
  ck_assert (memcmp (canvas_state (HS_COMPARE_RIGHT), hf_patterns_get (lib, 3), n) == 0);
  ck_assert_int_lt (hf_patterns_find (lib, canvas_state (HS_COMPARE_LEFT)), 0);
  const HfNetwork *mpf = hs_compare_view_get_network (view, HS_COMPARE_RIGHT);
  ck_assert_uint_eq (mpf->summary.stored, lib->m);
}
END_TEST

/* ---- changes while training or recalling ---- */

static size_t stale_seen;

/* Fails the test if a network of the old library ever shows. */
static gboolean
ready_watching (void)
{
  for (int k = 0; k < 2; k++)
    {
      const HfNetwork *net = hs_compare_view_get_network (view, (HsCompareSide)k);
      if (net != NULL && net->summary.patterns != hs_document_get_n_patterns (doc))
        stale_seen++;
    }
  return ready ();
}

START_TEST (test_changes_restart_cleanly)
{
  size_t n = hs_document_get_n_neurons (doc);
  ck_assert (wait_for (ready, 120));

  /* a new library: both sides train; let the workers finish without
   * handing their results over, then change the library again */
  HfPatterns *three = digits ();
  three->m = 3;
  hs_document_replace_library (doc, three);
  for (int k = 0; k < 10; k++)
    g_main_context_iteration (NULL, FALSE);
  ck_assert (hs_compare_view_is_training (view));
  while (!hs_compare_view_workers_done ())
    g_usleep (10000);
  HfPatterns *five = digits ();
  five->m = 5;
  hs_document_replace_library (doc, five);
  /* and the probe changes while they train */
  set_probe (4, 0.2);
  int8_t *probe = g_memdup2 (hs_document_get_probe (doc), n);
  stale_seen = 0;
  ck_assert (wait_for (ready_watching, 120));
  ck_assert_uint_eq (stale_seen, 0);
  for (int k = 0; k < 2; k++)
    {
      const HfNetwork *net = hs_compare_view_get_network (view, (HsCompareSide)k);
      ck_assert_uint_eq (net->summary.patterns, 5);
      const HfRecall *r = hs_compare_view_get_recall (view, (HsCompareSide)k);
      ck_assert_uint_eq (hf_recall_steps (r), 0);
      ck_assert (memcmp (hf_recall_state (r), probe, n) == 0);
    }

  /* the probe changes while both recall: they start again from it, and
   * follow exactly what a fresh recall from the new probe does */
  hs_compare_view_play (view);
  wait_for (not_playing, 0.2);
  hs_compare_view_advance (view, 100);
  set_probe (2, 0.15);
  ck_assert (!hs_compare_view_get_playing (view));
  hs_compare_view_advance (view, 300);
  for (int k = 0; k < 2; k++)
    {
      const HfNetwork *net = hs_compare_view_get_network (view, (HsCompareSide)k);
      HfRecall *fresh = hf_recall_new (net, NULL);
      const HfSessionSettings *s = hs_document_get_settings (doc);
      hf_recall_set_mode (fresh, (HfUpdateMode)s->mode);
      hf_recall_set_tie (fresh, (HfTieRule)s->tie);
      hf_recall_set_temperature (fresh, s->temperature, NULL);
      hf_recall_set_seed (fresh, s->seed);
      hf_recall_set_state (fresh, hs_document_get_probe (doc), NULL);
      const HfRecall *r = hs_compare_view_get_recall (view, (HsCompareSide)k);
      for (size_t i = 0; i < hf_recall_steps (r); i++)
        hf_recall_step (fresh, NULL);
      ck_assert_uint_eq (hf_recall_steps (r), 300);
      ck_assert (memcmp (hf_recall_state (r), hf_recall_state (fresh), n) == 0);
      ck_assert_double_eq_tol (hf_recall_energy (r), hf_recall_energy (fresh), 1e-6);
      hf_recall_free (fresh);
    }
  g_free (probe);

  /* a new library while recalling: the old networks go at once */
  hs_compare_view_play (view);
  hs_document_remove_pattern (doc, 0);
  ck_assert (!hs_compare_view_get_playing (view));
  ck_assert_ptr_null (hs_compare_view_get_network (view, HS_COMPARE_LEFT));
  stale_seen = 0;
  ck_assert (wait_for (ready_watching, 120));
  ck_assert_uint_eq (stale_seen, 0);
}
END_TEST

/* The document's clamps hold on both sides. */
START_TEST (test_clamps)
{
  set_probe (3, 0.25);
  ck_assert (wait_for (ready, 120));
  size_t n = hs_document_get_n_neurons (doc);
  hs_compare_view_advance (view, 2 * n);
  ck_assert_uint_gt (hf_recall_flips (hs_compare_view_get_recall (view, 0)), 0);
  /* clamp the top half of the grid: it keeps the probe's values */
  uint8_t *mask = g_malloc0 (n);
  memset (mask, 1, n / 2);
  hs_document_set_clamp (doc, mask);
  ck_assert_uint_eq (hf_recall_steps (hs_compare_view_get_recall (view, 0)), 0);
  hs_compare_view_advance (view, 3 * n);
  for (int k = 0; k < 2; k++)
    {
      const HfRecall *r = hs_compare_view_get_recall (view, (HsCompareSide)k);
      ck_assert (memcmp (hf_recall_state (r), hs_document_get_probe (doc), n / 2) == 0);
      ck_assert (memcmp (canvas_state ((HsCompareSide)k), hf_recall_state (r), n) == 0);
    }
  g_free (mask);
}
END_TEST

/* A rule that cannot store the patterns says why; the other side works. */
static gboolean
left_ready (void)
{
  return !hs_compare_view_is_training (view)
         && hs_compare_view_get_recall (view, HS_COMPARE_LEFT) != NULL;
}

START_TEST (test_training_error)
{
  ck_assert (wait_for (ready, 120));
  size_t n = hs_document_get_n_neurons (doc);
  int8_t *again = g_memdup2 (hf_patterns_get (hs_document_get_patterns (doc), 0), n);
  ck_assert (hs_document_append_pattern (doc, again, NULL));
  g_free (again);
  hs_compare_view_set_rule (view, HS_COMPARE_RIGHT, HF_RULE_PSEUDOINVERSE);
  ck_assert (wait_for (left_ready, 120));
  ck_assert_ptr_null (hs_compare_view_get_network (view, HS_COMPARE_RIGHT));
  ck_assert_ptr_null (hs_compare_view_get_recall (view, HS_COMPARE_RIGHT));
  GtkLabel *status = find_label (GTK_WIDGET (view), "Training failed: ");
  ck_assert_ptr_nonnull (status);
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (status), "independent"));
  /* the working side still recalls, alone */
  hs_compare_view_advance (view, 300);
  ck_assert_uint_eq (hf_recall_steps (hs_compare_view_get_recall (view, HS_COMPARE_LEFT)),
                     300);
  ck_assert_str_eq (hs_compare_view_get_outcome (view, HS_COMPARE_RIGHT), "");
  save_shot ("compare-training-error.png");
}
END_TEST

/* Closing the view while both sides train leaves no worker behind. */
START_TEST (test_close_while_training)
{
  HfPatterns *set = digits ();
  hs_document_replace_library (doc, set);
  for (int k = 0; k < 10; k++)
    g_main_context_iteration (NULL, FALSE);
  ck_assert (hs_compare_view_is_training (view));
  gtk_window_destroy (GTK_WINDOW (window));
  window = gtk_window_new ();
  ck_assert (wait_for (no_workers, 60));
}
END_TEST

static Suite *
compare_suite (void)
{
  Suite *s = suite_create ("compare");
  TCase *tc = tcase_create ("compare");
  tcase_set_timeout (tc, 600);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_same_rule_lockstep);
  tcase_add_test (tc, test_digits_hebbian_vs_mpf);
  tcase_add_test (tc, test_changes_restart_cleanly);
  tcase_add_test (tc, test_clamps);
  tcase_add_test (tc, test_training_error);
  tcase_add_test (tc, test_close_while_training);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  SRunner *sr = srunner_create (compare_suite ());
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
