/* GUI tests: a real window under Xvfb, driven through its actions. Every
 * file they write goes to a fresh temporary directory. */
#include <check.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "hf-samples.h"
#include "hf-train.h"
#include "hs-application.h"
#include "gui-helpers.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = gui_tmpdir_new ("hs-gui-XXXXXX");
}

static void
teardown (void)
{
  gui_tmpdir_remove (&tmpdir);
}

/* A path in the test's directory (freed at the next call but one). */
static const char *
tmp (const char *name)
{
  static char *paths[2];
  static int k;
  k ^= 1;
  g_free (paths[k]);
  paths[k] = g_build_filename (tmpdir, name, NULL);
  return paths[k];
}

static gboolean
wait_for (gboolean (*cond) (HsWindow *), HsWindow *win, double seconds)
{
  return gui_wait_for (cond, win, seconds);
}

static gboolean
not_training (HsWindow *w)
{
  return !hs_window_is_training (w);
}
static gboolean
not_opening (HsWindow *w)
{
  return !hs_window_is_opening (w);
}
static gboolean
unmodified (HsWindow *w)
{
  return !hs_document_get_modified (w->doc);
}
static gboolean
saved (HsWindow *w)
{
  return !w->saving;
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

static HsWindow *
new_window (void)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (wait_for (drawn, win, 10));
  return win;
}

/* Closes a window whatever its unsaved changes. */
static void
close_window (HsWindow *win)
{
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
settle (double seconds)
{
  gui_wait_for (NULL, NULL, seconds);
}

static void
set_mode (HsWindow *win, HfUpdateMode mode, guint32 seed)
{
  HfSessionSettings s = *hs_document_get_settings (win->doc);
  s.mode = mode;
  s.seed = seed;
  hs_document_set_settings (win->doc, &s);
}

static void
set_rule (HsWindow *win, HfRule rule)
{
  HfSessionSettings s = *hs_document_get_settings (win->doc);
  HfTrainOptions o;
  hf_train_options_init (&o, rule);
  s.rule = rule;
  s.max_iterations = (uint32_t)o.max_iterations;
  s.learning_rate = o.learning_rate;
  s.margin = o.margin;
  hs_document_set_settings (win->doc, &s);
}

/* Renders a widget to a PNG in the test directory and, when HS_SHOTS is
 * set, beside it there too; returns the number of distinct colours. */
static guint
render_to_png (GtkWidget *widget, const char *name)
{
  settle (0.3);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkTexture *tex = gui_render_widget (widget);
  ck_assert_ptr_nonnull (tex);
  ck_assert (gdk_texture_save_to_png (tex, tmp (name)));
  const char *shots = g_getenv ("HS_SHOTS");
  if (shots != NULL)
    {
      char *path = g_build_filename (shots, name, NULL);
      gdk_texture_save_to_png (tex, path);
      g_free (path);
    }
  guchar *px = g_malloc ((gsize)w * h * 4);
  gdk_texture_download (tex, px, (gsize)w * 4);
  GHashTable *colours = g_hash_table_new (NULL, NULL);
  for (gsize k = 0; k < (gsize)w * h; k += 7)
    {
      guint32 c;
      memcpy (&c, px + 4 * k, 4);
      g_hash_table_add (colours, GUINT_TO_POINTER (c));
    }
  guint count = g_hash_table_size (colours);
  g_hash_table_destroy (colours);
  g_free (px);
  g_object_unref (tex);
  return count;
}

static const HfPatterns *
library (HsWindow *win)
{
  return hs_document_get_patterns (win->doc);
}

START_TEST (test_train_corrupt_recall)
{
  HsWindow *win = new_window ();
  /* at start: the noisy 3 of the first roll, and the 3 highlighted */
  ck_assert_str_eq (gtk_label_get_text (win->probe_editor->probe_label),
                    "Probe: 51 of 256 bits flipped (roll 1)");
  ck_assert_int_eq (hs_library_panel_get_selected (win->library_panel), 3);
  ck_assert (!hs_document_get_modified (win->doc));
  run (win, "win.load-sample", g_variant_new_string ("digits-16"));
  ck_assert_uint_eq (library (win)->m, 10);
  ck_assert_uint_eq (hs_document_get_width (win->doc), 16);
  ck_assert_ptr_null (hs_document_get_network (win->doc));
  ck_assert_int_eq (hs_library_panel_get_selected (win->library_panel), 0);
  ck_assert_str_eq (gtk_label_get_text (win->probe_editor->probe_label), "");
  run (win, "win.train", NULL);
  ck_assert (hs_window_is_training (win));
  ck_assert (wait_for (not_training, win, 60));
  const HfNetwork *net = hs_document_get_network (win->doc);
  ck_assert_ptr_nonnull (net);
  ck_assert_uint_eq (net->summary.stored, 10);
  ck_assert_str_eq (net->summary.rule, "mpf");
  ck_assert (hs_document_get_modified (win->doc));
  ck_assert_ptr_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (win)), "•"));
  /* put digit 2 on the canvas through the library, corrupt it by 15% */
  g_signal_emit_by_name (win->library_panel->flow, "child-activated",
                         gtk_flow_box_get_child_at_index (win->library_panel->flow, 2));
  ck_assert_mem_eq (hs_document_get_probe (win->doc), hf_patterns_get (library (win), 2),
                    256);
  ck_assert_int_eq (hs_library_panel_get_selected (win->library_panel), 2);
  gtk_spin_button_set_value (win->probe_editor->corrupt_spin, 15);
  run (win, "win.corrupt", NULL);
  ck_assert_uint_eq (hf_hamming (hs_document_get_probe (win->doc),
                                 hf_patterns_get (library (win), 2), 256),
                     38);
  run (win, "win.corrupt", NULL); /* a re-roll corrupts the clean digit again */
  ck_assert_uint_eq (hf_hamming (hs_document_get_probe (win->doc),
                                 hf_patterns_get (library (win), 2), 256),
                     38);
  /* clearing the canvas makes a clean probe: no roll to report */
  run (win, "win.fill", g_variant_new_int32 (-1));
  ck_assert_str_eq (gtk_label_get_text (win->probe_editor->probe_label), "");
  g_signal_emit_by_name (win->library_panel->flow, "child-activated",
                         gtk_flow_box_get_child_at_index (win->library_panel->flow, 2));
  run (win, "win.corrupt", NULL);
  gtk_range_set_value (GTK_RANGE (win->recall_panel->speed_scale), 3.5);
  run (win, "win.play", NULL);
  ck_assert (hs_recall_player_get_playing (win->player));
  ck_assert (wait_for (gui_not_playing, win, 60));
  const HfRecall *r = hs_recall_player_get_recall (win->player);
  ck_assert (hf_recall_converged (r));
  ck_assert_mem_eq (hf_recall_state (r), hf_patterns_get (library (win), 2), 256);
  HsPatternCanvas *canvas = win->probe_editor->canvas;
  ck_assert_mem_eq (hs_pattern_canvas_get_state (canvas),
                    hf_patterns_get (library (win), 2), 256);
  ck_assert_str_eq (gtk_label_get_text (win->recall_panel->outcome_label),
                    "✔ Recalled pattern 2");
  /* the last step stays explained when play stops */
  ck_assert_ptr_nonnull (
      strstr (gtk_label_get_text (win->recall_panel->neuron_label), "Neuron "));
  ck_assert_uint_gt (hs_energy_plot_get_n_points (win->recall_panel->energy_plot), 2);
  ck_assert_uint_gt (render_to_png (GTK_WIDGET (win), "window-recalled.png"), 10);
  /* reset goes back to the probe; one step advances one neuron, counted
   * from 0 in rows and columns */
  run (win, "win.reset", NULL);
  ck_assert_mem_eq (hf_recall_state (r), hs_document_get_probe (win->doc), 256);
  run (win, "win.step", NULL);
  ck_assert_uint_eq (hf_recall_steps (r), 1);
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (win->recall_panel->neuron_label),
                                 "Neuron 0 (row 0, column 0)"));
  run (win, "win.sweep", NULL);
  ck_assert_uint_eq (hf_recall_steps (r), 256);
  /* run to the end never blocks: the action returns at once and the
   * steps come in chunks on the following frames */
  set_mode (win, HF_UPDATE_RANDOM, 7);
  r = hs_recall_player_get_recall (win->player);
  ck_assert_uint_eq (hf_recall_steps (r), 0);
  run (win, "win.finish", NULL);
  ck_assert_uint_eq (hf_recall_steps (r), 0);
  ck_assert (hs_recall_player_get_playing (win->player));
  ck_assert (wait_for (gui_not_playing, win, 30));
  ck_assert (hf_recall_converged (r) || hf_recall_in_cycle (r));
  close_window (win);
}
END_TEST

static gboolean
zoom_laid_out (HsWindow *w)
{
  HsPatternCanvas *c = w->probe_editor->canvas;
  return gtk_widget_get_width (GTK_WIDGET (c))
         >= (int)(16 * hs_pattern_canvas_get_zoom (c));
}

/* Zoom makes the cells bigger on screen, and the canvas scrolls. */
START_TEST (test_zoom_is_real)
{
  HsWindow *win = new_window ();
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  settle (0.5);
  HsPatternCanvas *canvas = win->probe_editor->canvas;
  run (win, "win.zoom", g_variant_new_int32 (0));
  settle (0.2);
  double fit = hs_pattern_canvas_get_cell_size (canvas);
  int view = gtk_widget_get_width (GTK_WIDGET (win->probe_editor->scroller));
  render_to_png (GTK_WIDGET (win), "zoom-before.png");
  for (int k = 0; k < 3; k++)
    run (win, "win.zoom", g_variant_new_int32 (1));
  ck_assert (wait_for (zoom_laid_out, win, 5));
  settle (0.2);
  double zoomed = hs_pattern_canvas_get_cell_size (canvas);
  ck_assert_msg (zoomed > fit, "cells %g px, fit %g px", zoomed, fit);
  ck_assert_double_eq (zoomed, hs_pattern_canvas_get_zoom (canvas));
  /* the canvas is laid out at the zoomed size, wider than its view */
  ck_assert_int_ge (gtk_widget_get_width (GTK_WIDGET (canvas)), (int)(16 * zoomed));
  ck_assert_int_gt (gtk_widget_get_width (GTK_WIDGET (canvas)), view);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (win->probe_editor->scroller);
  ck_assert (gtk_adjustment_get_upper (h) > gtk_adjustment_get_page_size (h));
  render_to_png (GTK_WIDGET (win), "zoom-after-3x-ctrl-plus.png");
  /* smaller, then back to fit */
  for (int k = 0; k < 6; k++)
    run (win, "win.zoom", g_variant_new_int32 (-1));
  ck_assert_uint_lt (hs_pattern_canvas_get_zoom (canvas), (guint)fit);
  ck_assert_uint_ge (hs_pattern_canvas_get_zoom (canvas), 2);
  run (win, "win.zoom", g_variant_new_int32 (0));
  ck_assert_uint_eq (hs_pattern_canvas_get_zoom (canvas), 0);
  settle (0.2);
  ck_assert_double_eq_tol (hs_pattern_canvas_get_cell_size (canvas), fit, 1e-9);
  close_window (win);
}
END_TEST

/* A fast stroke reports points far apart: every cell between is painted. */
START_TEST (test_fast_stroke_has_no_gaps)
{
  HsWindow *win = new_window ();
  run (win, "win.fill", g_variant_new_int32 (-1));
  settle (0.2);
  HsPatternCanvas *canvas = win->probe_editor->canvas;
  double c = hs_pattern_canvas_get_cell_size (canvas);
  int w = gtk_widget_get_width (GTK_WIDGET (canvas)),
      h = gtk_widget_get_height (GTK_WIDGET (canvas));
  double ox = (w - 16 * c) / 2, oy = (h - 16 * c) / 2;
  /* from cell (1, 2) to (14, 9) in one jump, then to (14, 14) */
  ck_assert (hs_pattern_canvas_begin_stroke (canvas, ox + 1.5 * c, oy + 2.5 * c, 1));
  hs_pattern_canvas_stroke_to (canvas, ox + 14.5 * c, oy + 9.5 * c);
  hs_pattern_canvas_end_stroke (canvas, ox + 14.5 * c, oy + 14.5 * c);
  const int8_t *s = hs_document_get_probe (win->doc);
  guint on = 0;
  for (int k = 0; k < 256; k++)
    on += s[k] > 0;
  /* 14 cells on the diagonal part (Bresenham: one per column), 5 below */
  ck_assert_uint_eq (on, 14 + 5);
  for (int x = 1; x <= 14; x++)
    {
      int col = 0;
      for (int y = 0; y < 16; y++)
        col += s[y * 16 + x] > 0;
      ck_assert_msg (col >= 1, "column %d has a gap", x);
    }
  ck_assert_int_eq (s[2 * 16 + 1], 1);
  ck_assert_int_eq (s[9 * 16 + 14], 1);
  ck_assert_int_eq (s[14 * 16 + 14], 1);
  close_window (win);
}
END_TEST

static gboolean
cancelled_shown (HsWindow *w)
{
  return !hs_window_is_training (w) && gtk_info_bar_get_revealed (w->banner);
}

START_TEST (test_cancel_keeps_previous_network)
{
  HsWindow *win = new_window ();
  /* a real network at 64x64 first (Hebbian: instant) */
  run (win, "win.load-sample", g_variant_new_string ("digits-32"));
  ck_assert (hs_document_set_grid (win->doc, 64, 64, NULL));
  set_rule (win, HF_RULE_HEBBIAN);
  run (win, "win.train", NULL);
  ck_assert (wait_for (gui_trained, win, 60));
  const HfNetwork *before = hs_document_get_network (win->doc);
  ck_assert_uint_eq (before->n, 4096);
  float *J = g_memdup2 (before->J, 4096 * 4096 * sizeof (float));
  /* then a slow job: 300 random 64x64 patterns with MPF, cancelled (an
   * evaluation takes seconds on a loaded machine: the waits are generous) */
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  HfPatterns *many = hf_patterns_new (64, 64, NULL);
  hf_patterns_add_random (many, 300, 0.5, rng, NULL);
  gsl_rng_free (rng);
  hs_document_replace_library (win->doc, many);
  ck_assert (hs_document_get_network_stale (win->doc));
  set_rule (win, HF_RULE_MPF);
  run (win, "win.train", NULL);
  settle (0.5);
  ck_assert (hs_window_is_training (win));
  /* the window stays responsive: the canvas can still be edited */
  run (win, "win.invert", NULL);
  run (win, "win.cancel-training", NULL);
  ck_assert (wait_for (cancelled_shown, win, 90));
  ck_assert (wait_for (gui_no_workers, win, 90));
  ck_assert_ptr_eq (hs_document_get_network (win->doc), before);
  ck_assert_mem_eq (hs_document_get_network (win->doc)->J, J,
                    4096 * 4096 * sizeof (float));
  ck_assert_str_eq (hs_document_get_network (win->doc)->summary.rule, "hebbian");
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (win->banner_label), "cancelled"));
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (win->train_panel->train_result),
                                 "The stored patterns changed since"));
  ck_assert_ptr_nonnull (
      hs_recall_player_get_recall (win->player)); /* recall still works */
  g_free (J);
  /* closing the window in the middle of training cancels it, and the
   * worker stops promptly */
  run (win, "win.train", NULL);
  settle (0.3);
  ck_assert (hs_window_is_training (win));
  close_window (win);
  ck_assert (wait_for (gui_no_workers, NULL, 90));
}
END_TEST

static gboolean
asking (HsWindow *w)
{
  return w->confirm_dialog != NULL;
}

START_TEST (test_bad_files_and_library_editing)
{
  HsWindow *win = new_window ();
  FILE *f = fopen (tmp ("garbage.hfnet"), "wb");
  fputs ("\x89HFNET\r\n truncated", f);
  fclose (f);
  f = fopen (tmp ("broken.png"), "wb");
  fputs ("\x89PNG\r\n\x1a\n\x00\x00", f);
  fclose (f);
  GFile *files[2] = { g_file_new_for_path (tmp ("garbage.hfnet")),
                      g_file_new_for_path (tmp ("broken.png")) };
  size_t m = library (win)->m;
  hs_window_open_files (win, files, 2);
  ck_assert (wait_for (not_opening, win, 30));
  ck_assert (gtk_info_bar_get_revealed (win->banner));
  const char *msg = gtk_label_get_text (win->banner_label);
  ck_assert_ptr_nonnull (strstr (msg, "Could not open 2 of 2 files"));
  ck_assert_ptr_nonnull (strstr (msg, "garbage.hfnet: truncated header"));
  ck_assert_ptr_nonnull (strstr (msg, "broken.png"));
  ck_assert_uint_eq (library (win)->m, m);
  /* one file: no "everything" */
  hs_window_open_files (win, files, 1);
  ck_assert (wait_for (not_opening, win, 30));
  msg = gtk_label_get_text (win->banner_label);
  ck_assert_msg (g_str_has_prefix (msg, "Could not open garbage.hfnet"), "%s", msg);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  /* a PNG opens the import bar; storing it adds a pattern */
  int8_t s[64];
  for (int k = 0; k < 64; k++)
    s[k] = (k % 8) < 4 ? 1 : -1;
  ck_assert_int_eq (hf_png_save_pattern (tmp ("half.png"), s, 8, 8, 4, NULL), HF_OK);
  GFile *png = g_file_new_for_path (tmp ("half.png"));
  hs_window_open_files (win, &png, 1);
  ck_assert (wait_for (not_opening, win, 30));
  g_object_unref (png);
  ck_assert (gtk_revealer_get_reveal_child (win->probe_editor->import_revealer));
  ck_assert_int_eq (hs_document_get_probe (win->doc)[0], 1);
  ck_assert_int_eq (hs_document_get_probe (win->doc)[15], -1);
  /* automatic threshold: the slider shows the threshold used */
  gtk_check_button_set_active (win->probe_editor->otsu_check, TRUE);
  double used = gtk_range_get_value (GTK_RANGE (win->probe_editor->threshold_scale));
  ck_assert_double_eq_tol (used, hf_otsu_threshold (win->probe_editor->import_cells, 256),
                           1e-9);
  ck_assert (used > 0.01);
  run (win, "win.add-pattern", NULL);
  ck_assert_uint_eq (library (win)->m, m + 1);
  /* duplicate, move and delete through the actions; the flow box keeps
   * the thumbnails an edit does not touch */
  GtkWidget *first
      = GTK_WIDGET (gtk_flow_box_get_child_at_index (win->library_panel->flow, 0));
  hs_library_panel_select (win->library_panel, 2);
  run (win, "win.duplicate-pattern", NULL);
  ck_assert_ptr_eq (gtk_flow_box_get_child_at_index (win->library_panel->flow, 0), first);
  ck_assert_uint_eq (library (win)->m, m + 2);
  ck_assert_mem_eq (hf_patterns_get (library (win), 2),
                    hf_patterns_get (library (win), 3), 256);
  run (win, "win.move-pattern", g_variant_new_int32 (1));
  run (win, "win.delete-pattern", NULL);
  ck_assert_uint_eq (library (win)->m, m + 1);
  /* removing every pattern asks first: the work is unsaved */
  run (win, "win.clear-patterns", NULL);
  ck_assert (asking (win));
  ck_assert_uint_eq (library (win)->m, m + 1);
  gtk_dialog_response (GTK_DIALOG (win->confirm_dialog), 1 /* discard */);
  ck_assert_uint_eq (library (win)->m, 0);
  ck_assert (
      !g_action_get_enabled (g_action_map_lookup_action (G_ACTION_MAP (win), "train")));
  /* a window closed while its files are being read drops them quietly */
  GFile *text = g_file_new_for_path (tmp ("set.txt"));
  ck_assert (g_file_set_contents (tmp ("set.txt"), "#.\n.#\n", -1, NULL));
  hs_window_open_files (win, &text, 1);
  ck_assert (hs_window_is_opening (win));
  HsDocument *doc = g_object_ref (win->doc);
  close_window (win);
  settle (0.5);
  ck_assert_uint_eq (hs_document_get_width (doc), 16); /* the 2x2 set never came */
  g_object_unref (doc);
  g_object_unref (text);
}
END_TEST

static void
on_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  *(gboolean *)data = hs_document_save_finish (HS_DOCUMENT (source), result, NULL);
}

START_TEST (test_session_reopens_as_it_was)
{
  HsWindow *win = new_window ();
  run (win, "win.load-sample", g_variant_new_string ("letters-16"));
  run (win, "win.train", NULL);
  ck_assert (wait_for (not_training, win, 60));
  set_mode (win, HF_UPDATE_RANDOM, 42);
  run (win, "win.corrupt", NULL);
  GFile *file = g_file_new_for_path (tmp ("lesson.hfsession"));
  gboolean ok = FALSE;
  hs_document_save_async (win->doc, file, NULL, on_saved, &ok);
  ck_assert (wait_for (unmodified, win, 30));
  ck_assert (ok);
  HsWindow *other = new_window ();
  hs_window_open_files (other, &file, 1);
  ck_assert (wait_for (not_opening, other, 30));
  HsDocument *doc = other->doc;
  ck_assert_uint_eq (library (other)->m, library (win)->m);
  ck_assert_mem_eq (library (other)->data, library (win)->data, library (win)->m * 256);
  ck_assert_mem_eq (hs_document_get_probe (doc), hs_document_get_probe (win->doc), 256);
  ck_assert_ptr_nonnull (hs_document_get_network (doc));
  ck_assert_mem_eq (hs_document_get_network (doc)->J,
                    hs_document_get_network (win->doc)->J, 256 * 256 * sizeof (float));
  ck_assert_uint_eq (gtk_drop_down_get_selected (other->recall_panel->mode_dropdown),
                     1); /* "One at a time, random order" */
  ck_assert_int_eq (gtk_spin_button_get_value_as_int (other->recall_panel->seed_spin),
                    42);
  ck_assert_mem_eq (hf_recall_state (hs_recall_player_get_recall (other->player)),
                    hs_document_get_probe (win->doc), 256);
  /* no stale or contradictory words: the title names the file, unchanged;
   * the training panel describes the network it has */
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (other)),
                    "lesson.hfsession — Hopfield Studio");
  ck_assert_str_eq (gtk_progress_bar_get_text (other->train_panel->train_progress),
                    "Trained");
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (other->train_panel->train_result),
                                 "10 of 10 patterns are fixed points"));
  ck_assert_str_eq (gtk_label_get_text (other->probe_editor->probe_label), "");
  render_to_png (GTK_WIDGET (other), "session-reopened.png");
  /* Ctrl+S saves to the session's own file, without a dialog */
  run (other, "win.invert", NULL);
  ck_assert (hs_document_get_modified (doc));
  ck_assert_ptr_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (other)), "•"));
  run (other, "win.save-session", NULL);
  ck_assert (wait_for (saved, other, 30));
  ck_assert (!hs_document_get_modified (doc));
  HfSession *back = hf_session_load (tmp ("lesson.hfsession"), NULL);
  ck_assert_ptr_nonnull (back);
  ck_assert_mem_eq (back->probe, hs_document_get_probe (doc), 256);
  hf_session_free (back);
  g_object_unref (file);
  close_window (other);
  close_window (win);
}
END_TEST

/* Unsaved work is never wiped without asking. */
START_TEST (test_unsaved_changes_ask_first)
{
  HsWindow *win = new_window ();
  run (win, "win.train", NULL);
  ck_assert (wait_for (not_training, win, 60));
  ck_assert (hs_document_get_modified (win->doc));
  HfPatterns *digits = hf_patterns_copy (library (win), NULL);
  run (win, "win.load-sample", g_variant_new_string ("letters-16"));
  ck_assert (asking (win));
  settle (0.3);
  render_to_png (GTK_WIDGET (win->confirm_dialog), "unsaved-changes-dialog.png");
  gtk_dialog_response (GTK_DIALOG (win->confirm_dialog), GTK_RESPONSE_CANCEL);
  ck_assert (!asking (win));
  ck_assert_mem_eq (library (win)->data, digits->data, 10 * 256);
  run (win, "win.load-sample", g_variant_new_string ("letters-16"));
  gtk_dialog_response (GTK_DIALOG (win->confirm_dialog), 1 /* discard */);
  ck_assert (memcmp (library (win)->data, digits->data, 10 * 256) != 0);
  hf_patterns_free (digits);
  /* a lesson with a file can be saved from the question, then replaced */
  GFile *file = g_file_new_for_path (tmp ("kept.hfsession"));
  gboolean ok = FALSE;
  hs_document_save_async (win->doc, file, NULL, on_saved, &ok);
  ck_assert (wait_for (unmodified, win, 30));
  run (win, "win.invert", NULL);
  int8_t *inverted = g_memdup2 (hs_document_get_probe (win->doc), 256);
  run (win, "win.load-sample", g_variant_new_string ("digits-16"));
  ck_assert (asking (win));
  gtk_dialog_response (GTK_DIALOG (win->confirm_dialog), 2 /* save */);
  HfPatterns *d16 = hf_sample_load ("digits-16", NULL);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (memcmp (library (win)->data, d16->data, 10 * 256) != 0
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  ck_assert_mem_eq (library (win)->data, d16->data, 10 * 256);
  hf_patterns_free (d16);
  HfSession *kept = hf_session_load (tmp ("kept.hfsession"), NULL);
  ck_assert_ptr_nonnull (kept);
  ck_assert_mem_eq (kept->probe, inverted, 256);
  hf_session_free (kept);
  g_free (inverted);
  g_object_unref (file);
  /* closing asks too, and Cancel keeps the window */
  run (win, "win.invert", NULL);
  g_object_ref (win);
  gtk_window_close (GTK_WINDOW (win));
  ck_assert (asking (win));
  gtk_dialog_response (GTK_DIALOG (win->confirm_dialog), GTK_RESPONSE_CANCEL);
  ck_assert (gtk_widget_get_visible (GTK_WIDGET (win)));
  gtk_window_close (GTK_WINDOW (win));
  gtk_dialog_response (GTK_DIALOG (win->confirm_dialog), 1);
  ck_assert (!gtk_widget_get_realized (GTK_WIDGET (win))); /* destroyed */
  g_object_add_weak_pointer (G_OBJECT (win), (gpointer *)&win);
  g_object_unref (win);
  ck_assert_ptr_null (win);
}
END_TEST

/* Quit closes every window, and a window with unsaved work asks first. */
START_TEST (test_quit_asks_for_unsaved_work)
{
  HsApplication *app = hs_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (app), NULL, NULL));
  HsWindow *clean = hs_window_new (GTK_APPLICATION (app));
  HsWindow *dirty = hs_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (clean));
  gtk_window_present (GTK_WINDOW (dirty));
  ck_assert (wait_for (drawn, dirty, 10));
  run (dirty, "win.invert", NULL);
  ck_assert_uint_eq (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))),
                     2);
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  GList *left = gtk_application_get_windows (GTK_APPLICATION (app));
  /* the clean window went; the other asks (its dialog is a window too) */
  ck_assert (g_list_find (left, clean) == NULL);
  ck_assert (g_list_find (left, dirty) != NULL);
  ck_assert (asking (dirty));
  gtk_dialog_response (GTK_DIALOG (dirty->confirm_dialog), 1 /* discard */);
  ck_assert_ptr_null (gtk_application_get_windows (GTK_APPLICATION (app)));
  settle (0.2);
  g_object_unref (app);
}
END_TEST

/* Usable at 1024x768, whatever the rule. */
START_TEST (test_fits_small_screens)
{
  HsWindow *win = new_window ();
  for (HfRule rule = 0; rule < HF_RULE_COUNT; rule++)
    {
      set_rule (win, rule);
      settle (0.05);
      int min_w, min_h;
      gtk_widget_measure (GTK_WIDGET (win), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL,
                          NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (win), GTK_ORIENTATION_VERTICAL, min_w, &min_h, NULL,
                          NULL, NULL);
      int lib_w, train_w, probe_w, recall_w;
      gtk_widget_measure (GTK_WIDGET (win->library_panel), GTK_ORIENTATION_HORIZONTAL, -1,
                          &lib_w, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (win->train_panel), GTK_ORIENTATION_HORIZONTAL, -1,
                          &train_w, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (win->probe_editor), GTK_ORIENTATION_HORIZONTAL, -1,
                          &probe_w, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (win->recall_panel), GTK_ORIENTATION_HORIZONTAL, -1,
                          &recall_w, NULL, NULL, NULL);
      ck_assert_msg (min_w <= 1024 && min_h <= 740,
                     "%s: needs %dx%d (library %d, training %d, probe %d, recall %d)",
                     hf_rule_info (rule)->name, min_w, min_h, lib_w, train_w, probe_w,
                     recall_w);
    }
  gtk_window_set_default_size (GTK_WINDOW (win), 1024, 740);
  settle (0.5);
  render_to_png (GTK_WIDGET (win), "window-1024x768.png");
  close_window (win);
}
END_TEST

/* The keyboard reaches every command of the flow: the application binds
 * the accelerators the tooltips and README promise. */
START_TEST (test_keyboard_shortcuts)
{
  HsApplication *app = hs_application_new ();
  hs_application_setup_accels (GTK_APPLICATION (app));
  const struct
  {
    const char *accel, *action;
  } expect[] = {
    /* the plain keys (Space, S, W, R, E, I, Escape) are the window's own,
     * in the bubble phase: tests/app/test-prefs.c and test-keys.c */
    { "<Control>t", "win.train" },       { "<Control>k", "win.corrupt" },
    { "<Control>o", "win.open" },        { "<Control>s", "win.save-session" },
    { "<Control>n", "win.add-pattern" }, { "<Control>0", "win.zoom(0)" },
  };
  for (gsize k = 0; k < G_N_ELEMENTS (expect); k++)
    {
      char **actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                              expect[k].accel);
      ck_assert_msg (actions[0] != NULL && g_str_equal (actions[0], expect[k].action),
                     "%s -> %s, wanted %s", expect[k].accel,
                     actions[0] ? actions[0] : "nothing", expect[k].action);
      g_strfreev (actions);
    }
  /* and every one of those actions exists on the window */
  HsWindow *win = new_window ();
  for (gsize k = 0; k < G_N_ELEMENTS (expect); k++)
    {
      char *name = NULL;
      GVariant *target = NULL;
      ck_assert (g_action_parse_detailed_name (expect[k].action, &name, &target, NULL));
      ck_assert_ptr_nonnull (g_action_map_lookup_action (G_ACTION_MAP (win), name + 4));
      g_free (name);
      g_clear_pointer (&target, g_variant_unref);
    }
  /* Open's default filter shows saved sessions */
  gboolean sessions = FALSE;
  for (const char *const *p = hs_window_open_patterns; *p; p++)
    sessions |= g_str_equal (*p, "*.hfsession");
  ck_assert (sessions);
  close_window (win);
  g_object_unref (app);
}
END_TEST

static Suite *
window_suite (void)
{
  Suite *s = suite_create ("window");
  TCase *tc = tcase_create ("window");
  tcase_set_timeout (tc, 300);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_train_corrupt_recall);
  tcase_add_test (tc, test_zoom_is_real);
  tcase_add_test (tc, test_fast_stroke_has_no_gaps);
  tcase_add_test (tc, test_cancel_keeps_previous_network);
  tcase_add_test (tc, test_bad_files_and_library_editing);
  tcase_add_test (tc, test_session_reopens_as_it_was);
  tcase_add_test (tc, test_unsaved_changes_ask_first);
  tcase_add_test (tc, test_quit_asks_for_unsaved_work);
  tcase_add_test (tc, test_fits_small_screens);
  tcase_add_test (tc, test_keyboard_shortcuts);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  SRunner *sr = srunner_create (window_suite ());
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
