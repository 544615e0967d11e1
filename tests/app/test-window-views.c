/* GUI tests of the window's centre views (hs-window-views.c): switching
 * pages, the landscape's leaves, the stability overlay, new networks.
 * Everything written goes to a fresh temporary directory (and, when
 * HS_SHOTS names a directory, a copy of each picture there). */
#include <check.h>
#include <glib/gstdio.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "hf-landscape.h"
#include "hf-train.h"
#include "hs-application.h"
#include "hs-compare-view.h"
#include "hs-landscape-view.h"
#include "hs-plane-view.h"
#include "gui-helpers.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = gui_tmpdir_new ("hs-views-XXXXXX");
}

static void
teardown (void)
{
  gui_tmpdir_remove (&tmpdir);
}

static void
settle (double seconds)
{
  gui_wait_for (NULL, NULL, seconds);
}

static gboolean
drawn (HsWindow *w)
{
  return gtk_widget_get_mapped (GTK_WIDGET (w))
         && gtk_widget_get_width (GTK_WIDGET (w)) > 100;
}

static void
run (HsWindow *win, const char *action, GVariant *param)
{
  ck_assert_msg (gtk_widget_activate_action_variant (GTK_WIDGET (win), action, param),
                 "action %s not found", action);
}

static void
show (HsWindow *win, const char *view)
{
  run (win, "win.view", g_variant_new_string (view));
}

static HsWindow *
new_window (int width, int height)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), width, height);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  return win;
}

static void
close_window (HsWindow *win)
{
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  settle (0.2);
}

/* The widget's pixels as GTK draws them (RGBA, w * h * 4 bytes); a copy
 * goes to the test's directory as name (and to $HS_SHOTS). */
static guchar *
pixels (GtkWidget *widget, const char *name, int *w, int *h)
{
  settle (0.3);
  *w = gtk_widget_get_width (widget);
  *h = gtk_widget_get_height (widget);
  GdkTexture *tex = gui_render_widget (widget);
  ck_assert_ptr_nonnull (tex);
  char *path = g_build_filename (tmpdir, name, NULL);
  ck_assert (gdk_texture_save_to_png (tex, path));
  g_free (path);
  const char *shots = g_getenv ("HS_SHOTS");
  if (shots != NULL)
    {
      path = g_build_filename (shots, name, NULL);
      gdk_texture_save_to_png (tex, path);
      g_free (path);
    }
  guchar *px = g_malloc ((gsize)*w * *h * 4);
  gdk_texture_download (tex, px, (gsize)*w * 4);
  g_object_unref (tex);
  return px;
}

/* The share of pixels that differ between two pictures of one size. */
static double
changed_share (const guchar *a, const guchar *b, int w, int h)
{
  gsize n = (gsize)w * h, changed = 0;
  for (gsize k = 0; k < n; k++)
    changed += memcmp (a + 4 * k, b + 4 * k, 4) != 0;
  return (double)changed / (double)n;
}

static gboolean
trained (HsWindow *w)
{
  return !hs_window_is_training (w) && hs_document_get_network (w->doc) != NULL;
}

static gboolean
not_training (HsWindow *w)
{
  return !hs_window_is_training (w);
}

static gboolean
compare_idle (HsWindow *w)
{
  (void)w;
  return hs_compare_view_workers_done ();
}

static HsLandscapeView *
landscape (HsWindow *w)
{
  return HS_LANDSCAPE_VIEW (hs_window_get_view (w, "landscape"));
}

static gboolean
landscape_ready (HsWindow *w)
{
  return !hs_landscape_view_is_busy (landscape (w))
         && hs_landscape_view_get_landscape (landscape (w)) != NULL;
}

static void
set_rule (HsWindow *win, HfRule rule)
{
  HfSessionSettings s = *hs_document_get_settings (win->doc);
  s.rule = rule;
  hs_document_set_settings (win->doc, &s);
}

/* A 4 x 4 grid with three random patterns (seeded), trained with rule. */
static void
small_network (HsWindow *win, HfRule rule)
{
  HfPatterns *set = hf_patterns_new (4, 4, NULL);
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 7);
  ck_assert_int_eq (hf_patterns_add_random (set, 3, 0.5, rng, NULL), HF_OK);
  gsl_rng_free (rng);
  hs_document_replace_library (win->doc, set);
  set_rule (win, rule);
  run (win, "win.train", NULL);
  ck_assert (gui_wait_for (trained, win, 60));
}

/* Every page shows something else; F9 gives the centre the left panel's
 * room; the pictures of every page at both sizes go to $HS_SHOTS. */
START_TEST (test_switching_pages_changes_the_picture)
{
  static const char *const views[]
      = { "canvas", "landscape", "plane", "basins", "weights", "compare" };
  static const int sizes[][2] = { { 1366, 768 }, { 1024, 768 } };
  for (gsize z = 0; z < G_N_ELEMENTS (sizes); z++)
    {
      HsWindow *win = new_window (sizes[z][0], sizes[z][1]);
      small_network (win, HF_RULE_HEBBIAN);
      int w, h;
      guchar *before = NULL;
      for (gsize k = 0; k < G_N_ELEMENTS (views); k++)
        {
          show (win, views[k]);
          ck_assert_str_eq (hs_window_get_view_name (win), views[k]);
          ck_assert_str_eq (
              gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_template_child (
                  GTK_WIDGET (win), HS_TYPE_WINDOW, "view_stack"))),
              views[k]);
          if (k == 1)
            ck_assert (gui_wait_for (landscape_ready, win, 30));
          settle (k == 0 ? 0.2 : 1.5); /* the plane and basins compute */
          char *name
              = g_strdup_printf ("view-%s-%dx%d.png", views[k], sizes[z][0], sizes[z][1]);
          int w1, h1;
          guchar *now = pixels (GTK_WIDGET (win), name, &w1, &h1);
          g_free (name);
          /* the window kept its size: no page widens it beyond the screen */
          ck_assert_int_le (w1, sizes[z][0]);
          if (before != NULL)
            {
              ck_assert_int_eq (w1, w);
              ck_assert_int_eq (h1, h);
              double share = changed_share (before, now, w, h);
              ck_assert_msg (share > 0.05, "%s: only %.3f of the pixels changed",
                             views[k], share);
            }
          g_free (before);
          before = now;
          w = w1;
          h = h1;
        }
      /* F9's action hides the left panel, and the view takes its room */
      GtkWidget *left = GTK_WIDGET (
          gtk_widget_get_template_child (GTK_WIDGET (win), HS_TYPE_WINDOW, "left_panel"));
      show (win, "landscape");
      settle (0.2);
      GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (landscape (win)),
                                                 GTK_TYPE_SCROLLED_WINDOW);
      int page0 = gtk_widget_get_width (page), left_w = gtk_widget_get_width (left);
      run (win, "win.show-library", NULL);
      settle (0.3);
      ck_assert (!gtk_widget_get_visible (left));
      char *name
          = g_strdup_printf ("view-landscape-wide-%dx%d.png", sizes[z][0], sizes[z][1]);
      g_free (pixels (GTK_WIDGET (win), name, &w, &h));
      g_free (name);
      ck_assert_int_ge (gtk_widget_get_width (page), page0 + left_w);
      /* and at both sizes that is room enough for the whole landscape */
      ck_assert_int_ge (gtk_widget_get_width (page),
                        gtk_widget_get_width (GTK_WIDGET (landscape (win))));
      run (win, "win.show-library", NULL);
      settle (0.2);
      ck_assert (gtk_widget_get_visible (left));
      /* the comparison lives only while shown (hidden, it would train two
       * networks nobody sees); its rules are kept */
      ck_assert_ptr_null (hs_window_get_view (win, "compare"));
      show (win, "compare");
      HsCompareView *cmp = HS_COMPARE_VIEW (hs_window_get_view (win, "compare"));
      ck_assert_ptr_nonnull (cmp);
      hs_compare_view_set_rule (cmp, HS_COMPARE_RIGHT, HF_RULE_PERCEPTRON);
      show (win, "landscape");
      ck_assert_ptr_null (hs_window_get_view (win, "compare"));
      ck_assert (gui_wait_for (compare_idle, win, 30));
      show (win, "compare");
      cmp = HS_COMPARE_VIEW (hs_window_get_view (win, "compare"));
      ck_assert_int_eq (hs_compare_view_get_rule (cmp, HS_COMPARE_RIGHT),
                        HF_RULE_PERCEPTRON);
      ck_assert_int_eq (hs_compare_view_get_rule (cmp, HS_COMPARE_LEFT), HF_RULE_HEBBIAN);
      show (win, "landscape");
      /* an unknown view name is refused with a message, nothing changes */
      show (win, "no-such-view");
      ck_assert_str_eq (hs_window_get_view_name (win), "landscape");
      g_free (before);
      close_window (win);
    }
}
END_TEST

/* Clicking a leaf of the barrier tree puts its state on the canvas. */
START_TEST (test_landscape_leaf_goes_to_the_canvas)
{
  HsWindow *win = new_window (1366, 768);
  small_network (win, HF_RULE_HEBBIAN);
  show (win, "landscape");
  ck_assert (gui_wait_for (landscape_ready, win, 30));
  const HfLandscape *ls = hs_landscape_view_get_landscape (landscape (win));
  size_t count = 0;
  const HfTreeMinimum *minima = hf_landscape_minima (ls, &count);
  ck_assert_uint_ge (count, 2);
  for (size_t m = 0; m < 2; m++)
    {
      show (win, "landscape");
      int8_t expect[16];
      hf_landscape_state_values (minima[m].state, 16, expect);
      ck_assert (hs_landscape_view_activate_minimum (landscape (win), m));
      ck_assert_mem_eq (hs_document_get_probe (win->doc), expect, 16);
      ck_assert_str_eq (hs_window_get_view_name (win), "canvas");
      settle (0.1);
      HsPatternCanvas *canvas = hs_probe_editor_get_canvas (win->probe_editor);
      ck_assert_mem_eq (hs_pattern_canvas_get_state (canvas), expect, 16);
    }
  close_window (win);
}
END_TEST

static void
check_stability_matches (HsWindow *win)
{
  const HfRecall *r = hs_recall_player_get_recall (win->player);
  const float *st
      = hs_pattern_canvas_get_stability (hs_probe_editor_get_canvas (win->probe_editor));
  ck_assert_ptr_nonnull (st);
  const int8_t *s = hf_recall_state (r);
  const float *hf = hf_recall_fields (r);
  for (size_t i = 0; i < hf_recall_n (r); i++)
    ck_assert_float_eq_tol (st[i], s[i] * hf[i], 1e-5);
}

/* The overlay changes what the canvas shows and follows recall. */
START_TEST (test_stability_overlay_follows_recall)
{
  HsWindow *win = new_window (1366, 768);
  set_rule (win, HF_RULE_HEBBIAN);
  run (win, "win.train", NULL);
  ck_assert (gui_wait_for (trained, win, 60));
  run (win, "win.corrupt", NULL);
  GtkWidget *canvas = GTK_WIDGET (hs_probe_editor_get_canvas (win->probe_editor));
  int w, h;
  guchar *off = pixels (canvas, "overlay-off.png", &w, &h);
  run (win, "win.stability-overlay", NULL);
  guchar *on = pixels (canvas, "overlay-on.png", &w, &h);
  ck_assert_msg (changed_share (off, on, w, h) > 0.01, "the overlay draws nothing");
  check_stability_matches (win);
  /* some cell of the corrupted probe is about to flip: a cross */
  const float *st = hs_pattern_canvas_get_stability (HS_PATTERN_CANVAS (canvas));
  gboolean negative = FALSE;
  for (int i = 0; i < 256; i++)
    negative |= st[i] < 0;
  ck_assert (negative);
  /* recall moves: the overlay follows on the next frame */
  float *first = g_memdup2 (st, 256 * sizeof (float));
  run (win, "win.sweep", NULL);
  guchar *later = pixels (canvas, "overlay-after-sweep.png", &w, &h);
  check_stability_matches (win);
  ck_assert (memcmp (first, hs_pattern_canvas_get_stability (HS_PATTERN_CANVAS (canvas)),
                     256 * sizeof (float))
             != 0);
  ck_assert (changed_share (on, later, w, h) > 0.005);
  g_free (pixels (GTK_WIDGET (win), "overlay-window-1366x768.png", &w, &h));
  /* 256 neurons: the landscape page says why it draws no map */
  show (win, "landscape");
  g_free (pixels (GTK_WIDGET (win), "view-landscape-256-neurons.png", &w, &h));
  ck_assert (!hs_landscape_view_is_busy (landscape (win)));
  ck_assert_ptr_null (hs_landscape_view_get_landscape (landscape (win)));
  show (win, "canvas");
  /* and off again */
  run (win, "win.stability-overlay", NULL);
  ck_assert_ptr_null (hs_pattern_canvas_get_stability (HS_PATTERN_CANVAS (canvas)));
  g_free (first);
  g_free (off);
  g_free (on);
  g_free (later);
  close_window (win);
}
END_TEST

/* After training, the visible view has the new network at once; a hidden
 * one gets it when shown. The live recall reaches the plane's trajectory. */
START_TEST (test_views_get_the_new_network)
{
  HsWindow *win = new_window (1366, 768);
  small_network (win, HF_RULE_HEBBIAN);
  show (win, "landscape");
  ck_assert (gui_wait_for (landscape_ready, win, 30));
  int8_t s[16];
  hf_landscape_state_values (5, 16, s);
  float scratch[16];
  const HfLandscape *ls = hs_landscape_view_get_landscape (landscape (win));
  ck_assert_float_eq_tol (
      hf_landscape_energies (ls)[5],
      hf_network_energy (hs_document_get_network (win->doc), s, scratch), 1e-4);
  /* another rule, another network: the map is made again for it */
  set_rule (win, HF_RULE_PSEUDOINVERSE);
  run (win, "win.train", NULL);
  ck_assert (gui_wait_for (not_training, win, 60));
  ck_assert (gui_wait_for (landscape_ready, win, 30));
  ls = hs_landscape_view_get_landscape (landscape (win));
  ck_assert_float_eq_tol (
      hf_landscape_energies (ls)[5],
      hf_network_energy (hs_document_get_network (win->doc), s, scratch), 1e-4);
  /* the map follows the update mode: at once when shown, on showing when
   * it was changed behind its back */
  HfSessionSettings st = *hs_document_get_settings (win->doc);
  st.mode = HF_UPDATE_SYNC;
  hs_document_set_settings (win->doc, &st);
  ck_assert (gui_wait_for (landscape_ready, win, 30));
  ls = hs_landscape_view_get_landscape (landscape (win));
  ck_assert_int_eq (hf_landscape_options (ls)->dynamics, HF_LANDSCAPE_SYNC);
  show (win, "weights");
  st.mode = HF_UPDATE_SEQUENTIAL;
  hs_document_set_settings (win->doc, &st);
  settle (0.2);
  show (win, "landscape");
  ck_assert (gui_wait_for (landscape_ready, win, 30));
  ls = hs_landscape_view_get_landscape (landscape (win));
  ck_assert_int_eq (hf_landscape_options (ls)->dynamics, HF_LANDSCAPE_ASYNC);
  /* the plane was hidden: shown, it gets the network, and recall draws its
   * trajectory there */
  show (win, "plane");
  HsPlaneView *plane = HS_PLANE_VIEW (hs_window_get_view (win, "plane"));
  run (win, "win.reset", NULL);
  settle (0.2);
  guint before = hs_plane_view_get_n_points (plane);
  ck_assert_uint_ge (before, 1);
  run (win, "win.step", NULL);
  settle (0.1);
  run (win, "win.step", NULL);
  settle (0.1);
  ck_assert_uint_gt (hs_plane_view_get_n_points (plane), before);
  /* a restart starts the trajectory again */
  run (win, "win.reset", NULL);
  settle (0.2);
  ck_assert_uint_eq (hs_plane_view_get_n_points (plane), 1);
  close_window (win);
}
END_TEST

/* Mid-recall on the landscape page (a picture for the lead). */
START_TEST (test_landscape_mid_recall)
{
  HsWindow *win = new_window (1366, 768);
  small_network (win, HF_RULE_HEBBIAN);
  run (win, "win.show-library", NULL);
  show (win, "landscape");
  ck_assert (gui_wait_for (landscape_ready, win, 30));
  int8_t s[16];
  hf_landscape_state_values (0x5a3c, 16, s);
  hs_document_set_probe (win->doc, s, TRUE);
  show (win, "landscape"); /* setting the probe does not leave the page */
  settle (0.2);
  int w, h;
  guchar *start = pixels (GTK_WIDGET (win), "landscape-recall-start.png", &w, &h);
  run (win, "win.step", NULL);
  run (win, "win.step", NULL);
  run (win, "win.step", NULL);
  guchar *mid = pixels (GTK_WIDGET (win), "landscape-mid-recall.png", &w, &h);
  ck_assert_str_eq (hs_window_get_view_name (win), "landscape");
  g_free (start);
  g_free (mid);
  close_window (win);
}
END_TEST

/* Alt+1 ... Alt+7 name the views, F9 the left panel: the window's
 * shortcuts, activated as a key press would. */
START_TEST (test_view_shortcuts)
{
  HsWindow *win = new_window (1366, 768);
  GtkShortcutController *ctrl = NULL;
  GListModel *ctrls = gtk_widget_observe_controllers (GTK_WIDGET (win));
  for (guint k = 0; k < g_list_model_get_n_items (ctrls); k++)
    {
      GObject *c = g_list_model_get_item (ctrls, k);
      if (GTK_IS_SHORTCUT_CONTROLLER (c) && ctrl == NULL)
        {
          GListModel *list = G_LIST_MODEL (c);
          for (guint j = 0; j < g_list_model_get_n_items (list); j++)
            {
              GtkShortcut *sc = g_list_model_get_item (list, j);
              GtkShortcutAction *act = gtk_shortcut_get_action (sc);
              if (GTK_IS_NAMED_ACTION (act)
                  && g_str_equal (
                      gtk_named_action_get_action_name (GTK_NAMED_ACTION (act)),
                      "win.view"))
                ctrl = GTK_SHORTCUT_CONTROLLER (c);
              g_object_unref (sc);
            }
        }
      g_object_unref (c);
    }
  g_object_unref (ctrls);
  ck_assert_ptr_nonnull (ctrl);
  struct
  {
    guint key;
    GdkModifierType mods;
    const char *view; /* NULL: F9 */
  } keys[] = {
    { GDK_KEY_2, GDK_ALT_MASK, "landscape" }, { GDK_KEY_3, GDK_ALT_MASK, "plane" },
    { GDK_KEY_4, GDK_ALT_MASK, "basins" },    { GDK_KEY_5, GDK_ALT_MASK, "weights" },
    { GDK_KEY_6, GDK_ALT_MASK, "compare" },   { GDK_KEY_7, GDK_ALT_MASK, "lab" },
    { GDK_KEY_1, GDK_ALT_MASK, "canvas" },    { GDK_KEY_F9, 0, NULL }
  };
  GtkWidget *left = GTK_WIDGET (
      gtk_widget_get_template_child (GTK_WIDGET (win), HS_TYPE_WINDOW, "left_panel"));
  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      gboolean found = FALSE;
      GListModel *list = G_LIST_MODEL (ctrl);
      for (guint j = 0; j < g_list_model_get_n_items (list) && !found; j++)
        {
          GtkShortcut *sc = g_list_model_get_item (list, j);
          GtkShortcutTrigger *trig = gtk_shortcut_get_trigger (sc);
          if (GTK_IS_KEYVAL_TRIGGER (trig)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trig)) == keys[k].key
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trig))
                     == keys[k].mods)
            {
              found = gtk_shortcut_action_activate (gtk_shortcut_get_action (sc), 0,
                                                    GTK_WIDGET (win),
                                                    gtk_shortcut_get_arguments (sc));
            }
          g_object_unref (sc);
        }
      ck_assert_msg (found, "no shortcut for key %u", keys[k].key);
      if (keys[k].view != NULL)
        ck_assert_str_eq (hs_window_get_view_name (win), keys[k].view);
      else
        ck_assert (!gtk_widget_get_visible (left));
    }
  close_window (win);
}
END_TEST

static Suite *
views_suite (void)
{
  Suite *s = suite_create ("window-views");
  TCase *tc = tcase_create ("views");
  tcase_set_timeout (tc, 300);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_switching_pages_changes_the_picture);
  tcase_add_test (tc, test_landscape_leaf_goes_to_the_canvas);
  tcase_add_test (tc, test_stability_overlay_follows_recall);
  tcase_add_test (tc, test_views_get_the_new_network);
  tcase_add_test (tc, test_landscape_mid_recall);
  tcase_add_test (tc, test_view_shortcuts);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  SRunner *sr = srunner_create (views_suite ());
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
