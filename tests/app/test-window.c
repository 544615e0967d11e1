/* GUI tests: a real window under Xvfb, driven through its actions. */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "hf-samples.h"
#include "hs-application.h"
#include "gui-helpers.h"

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
not_playing (HsWindow *w)
{
  return !w->playing;
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

static void
settle (double seconds)
{
  gui_wait_for (NULL, NULL, seconds);
}

/* Renders the window to a PNG through GTK's own renderer; returns the
 * number of distinct colours seen. */
static guint
render_to_png (HsWindow *win, const char *path)
{
  settle (0.3);
  int w = gtk_widget_get_width (GTK_WIDGET (win)),
      h = gtk_widget_get_height (GTK_WIDGET (win));
  GdkTexture *tex = gui_render (win);
  ck_assert_ptr_nonnull (tex);
  ck_assert (gdk_texture_save_to_png (tex, path));
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

START_TEST (test_train_corrupt_recall)
{
  HsWindow *win = new_window ();
  run (win, "win.load-sample", g_variant_new_string ("digits-16"));
  ck_assert_uint_eq (win->library->m, 10);
  ck_assert_uint_eq (win->width, 16);
  ck_assert_ptr_null (win->net);
  run (win, "win.train", NULL);
  ck_assert (hs_window_is_training (win));
  ck_assert (wait_for (not_training, win, 60));
  ck_assert_ptr_nonnull (win->net);
  ck_assert_uint_eq (win->net->summary.stored, 10);
  ck_assert_str_eq (win->net->summary.rule, "mpf");
  /* put digit 2 on the canvas through the library, corrupt it by 15% */
  g_signal_emit_by_name (win->library_box, "child-activated",
                         gtk_flow_box_get_child_at_index (win->library_box, 2));
  ck_assert_mem_eq (win->probe, hf_patterns_get (win->library, 2), 256);
  gtk_spin_button_set_value (win->corrupt_spin, 15);
  run (win, "win.corrupt", NULL);
  ck_assert_uint_eq (hf_hamming (win->probe, hf_patterns_get (win->library, 2), 256), 38);
  run (win, "win.corrupt", NULL); /* a re-roll corrupts the clean digit again */
  ck_assert_uint_eq (hf_hamming (win->probe, hf_patterns_get (win->library, 2), 256), 38);
  gtk_range_set_value (GTK_RANGE (win->speed_scale), 3.5);
  run (win, "win.play", NULL);
  ck_assert (win->playing);
  ck_assert (wait_for (not_playing, win, 60));
  ck_assert (hf_recall_converged (win->recall));
  ck_assert_mem_eq (hf_recall_state (win->recall), hf_patterns_get (win->library, 2),
                    256);
  ck_assert_mem_eq (hs_pattern_canvas_get_state (win->canvas),
                    hf_patterns_get (win->library, 2), 256);
  ck_assert_str_eq (gtk_label_get_text (win->outcome_label), "✔ Recalled pattern 2");
  ck_assert_uint_gt (hs_energy_plot_get_n_points (win->energy_plot), 2);
  /* zoom: whole-pixel cells, larger then smaller, and back to fit */
  run (win, "win.zoom", g_variant_new_int32 (0));
  settle (0.1);
  double fit = hs_pattern_canvas_get_cell_size (win->canvas);
  run (win, "win.zoom", g_variant_new_int32 (1));
  ck_assert_uint_gt (hs_pattern_canvas_get_zoom (win->canvas), (guint)fit);
  run (win, "win.zoom", g_variant_new_int32 (-1));
  run (win, "win.zoom", g_variant_new_int32 (-1));
  ck_assert_uint_lt (hs_pattern_canvas_get_zoom (win->canvas), (guint)fit);
  ck_assert_uint_ge (hs_pattern_canvas_get_zoom (win->canvas), 2);
  run (win, "win.zoom", g_variant_new_int32 (0));
  ck_assert_uint_eq (hs_pattern_canvas_get_zoom (win->canvas), 0);
  guint colours = render_to_png (win, "window-recalled.png");
  ck_assert_uint_gt (colours, 10);
  /* reset goes back to the probe; one step advances one neuron */
  run (win, "win.reset", NULL);
  ck_assert_mem_eq (hf_recall_state (win->recall), win->probe, 256);
  run (win, "win.step", NULL);
  ck_assert_uint_eq (hf_recall_steps (win->recall), 1);
  run (win, "win.sweep", NULL);
  ck_assert_uint_eq (hf_recall_steps (win->recall), 256);
  /* synchronous mode, run to the end at once */
  gtk_drop_down_set_selected (win->mode_dropdown, HF_UPDATE_SYNC);
  run (win, "win.finish", NULL);
  ck_assert (hf_recall_converged (win->recall) || hf_recall_in_cycle (win->recall));
  gtk_window_destroy (GTK_WINDOW (win));
}
END_TEST

START_TEST (test_cancel_keeps_previous_network)
{
  HsWindow *win = new_window ();
  run (win, "win.load-sample", g_variant_new_string ("letters-16"));
  run (win, "win.train", NULL);
  ck_assert (wait_for (not_training, win, 60));
  HfNetwork *before = win->net;
  ck_assert_ptr_nonnull (before);
  /* a slow job: 64x64 random patterns with MPF; cancel it while it runs */
  gtk_drop_down_set_selected (win->size_dropdown, 7);
  ck_assert_uint_eq (win->width, 64);
  ck_assert_ptr_null (win->net); /* the 16x16 network no longer fits */
  run (win, "win.random-patterns", NULL);
  for (int k = 0; k < 30; k++)
    run (win, "win.random-patterns", NULL);
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  HfPatterns *many = hf_patterns_new (64, 64, NULL);
  hf_patterns_add_random (many, 600, 0.5, rng, NULL);
  gsl_rng_free (rng);
  hs_window_set_library (win, many);
  run (win, "win.train", NULL);
  settle (0.5);
  ck_assert (hs_window_is_training (win));
  /* the window stays responsive: the canvas can still be edited */
  run (win, "win.invert", NULL);
  run (win, "win.cancel-training", NULL);
  ck_assert (wait_for (not_training, win, 30));
  ck_assert (hs_window_wait_for_workers (30.0));
  ck_assert_ptr_null (win->net);
  ck_assert (gtk_info_bar_get_revealed (win->banner));
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (win->banner_label), "cancelled"));
  /* closing the window in the middle of training cancels it, and the
   * worker stops promptly (the application waits for this at quit) */
  run (win, "win.train", NULL);
  settle (0.3);
  ck_assert (hs_window_is_training (win));
  gtk_window_destroy (GTK_WINDOW (win));
  ck_assert (hs_window_wait_for_workers (30.0));
}
END_TEST

START_TEST (test_bad_files_and_library_editing)
{
  HsWindow *win = new_window ();
  FILE *f = fopen ("garbage.hfnet", "wb");
  fputs ("\x89HFNET\r\n truncated", f);
  fclose (f);
  f = fopen ("broken.png", "wb");
  fputs ("\x89PNG\r\n\x1a\n\x00\x00", f);
  fclose (f);
  GFile *files[2]
      = { g_file_new_for_path ("garbage.hfnet"), g_file_new_for_path ("broken.png") };
  size_t m = win->library->m;
  hs_window_open_files (win, files, 2);
  ck_assert (wait_for (not_opening, win, 30));
  ck_assert (gtk_info_bar_get_revealed (win->banner));
  const char *msg = gtk_label_get_text (win->banner_label);
  ck_assert_ptr_nonnull (strstr (msg, "garbage.hfnet: truncated header"));
  ck_assert_ptr_nonnull (strstr (msg, "broken.png"));
  ck_assert_uint_eq (win->library->m, m);
  g_object_unref (files[0]);
  g_object_unref (files[1]);
  /* a PNG opens the import bar; storing it adds a pattern */
  int8_t s[64];
  for (int k = 0; k < 64; k++)
    s[k] = (k % 8) < 4 ? 1 : -1;
  ck_assert_int_eq (hf_png_save_pattern ("half.png", s, 8, 8, 4, NULL), HF_OK);
  GFile *png = g_file_new_for_path ("half.png");
  hs_window_open_files (win, &png, 1);
  ck_assert (wait_for (not_opening, win, 30));
  g_object_unref (png);
  ck_assert (gtk_revealer_get_reveal_child (win->import_revealer));
  ck_assert_int_eq (win->probe[0], 1);
  ck_assert_int_eq (win->probe[15], -1);
  run (win, "win.add-pattern", NULL);
  ck_assert_uint_eq (win->library->m, m + 1);
  /* duplicate, move and delete through the actions */
  gtk_flow_box_select_child (win->library_box,
                             gtk_flow_box_get_child_at_index (win->library_box, 0));
  run (win, "win.duplicate-pattern", NULL);
  ck_assert_uint_eq (win->library->m, m + 2);
  ck_assert_mem_eq (hf_patterns_get (win->library, 0), hf_patterns_get (win->library, 1),
                    256);
  run (win, "win.move-pattern", g_variant_new_int32 (1));
  run (win, "win.delete-pattern", NULL);
  ck_assert_uint_eq (win->library->m, m + 1);
  run (win, "win.clear-patterns", NULL);
  ck_assert_uint_eq (win->library->m, 0);
  ck_assert (
      !g_action_get_enabled (g_action_map_lookup_action (G_ACTION_MAP (win), "train")));
  gtk_window_destroy (GTK_WINDOW (win));
}
END_TEST

START_TEST (test_session_reopens_as_it_was)
{
  HsWindow *win = new_window ();
  run (win, "win.load-sample", g_variant_new_string ("letters-16"));
  run (win, "win.train", NULL);
  ck_assert (wait_for (not_training, win, 60));
  gtk_drop_down_set_selected (win->mode_dropdown, HF_UPDATE_RANDOM);
  gtk_spin_button_set_value (win->seed_spin, 42);
  run (win, "win.corrupt", NULL);
  HfSession ss;
  hs_window_describe_session (win, &ss);
  ck_assert_int_eq (hf_session_save ("lesson.hfsession", &ss, NULL), HF_OK);
  HsWindow *other = new_window ();
  GFile *file = g_file_new_for_path ("lesson.hfsession");
  hs_window_open_files (other, &file, 1);
  ck_assert (wait_for (not_opening, other, 30));
  g_object_unref (file);
  ck_assert_uint_eq (other->library->m, win->library->m);
  ck_assert_mem_eq (other->library->data, win->library->data, win->library->m * 256);
  ck_assert_mem_eq (other->probe, win->probe, 256);
  ck_assert_ptr_nonnull (other->net);
  ck_assert_mem_eq (other->net->J, win->net->J, 256 * 256 * sizeof (float));
  ck_assert_uint_eq (gtk_drop_down_get_selected (other->mode_dropdown), HF_UPDATE_RANDOM);
  ck_assert_int_eq (gtk_spin_button_get_value_as_int (other->seed_spin), 42);
  ck_assert_mem_eq (hf_recall_state (other->recall), win->probe, 256);
  gtk_window_destroy (GTK_WINDOW (other));
  gtk_window_destroy (GTK_WINDOW (win));
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
    { "<Control>t", "win.train" },
    { "Escape", "win.cancel-training" },
    { "<Control>k", "win.corrupt" },
    { "space", "win.play" },
    { "s", "win.step" },
    { "w", "win.sweep" },
    { "r", "win.reset" },
    { "e", "win.finish" },
    { "<Control>o", "win.open" },
    { "<Control>s", "win.save-session" },
    { "<Control>n", "win.add-pattern" },
    { "<Control>0", "win.zoom(0)" },
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
  gtk_window_destroy (GTK_WINDOW (win));
  g_object_unref (app);
}
END_TEST

static Suite *
window_suite (void)
{
  Suite *s = suite_create ("window");
  TCase *tc = tcase_create ("window");
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_train_corrupt_recall);
  tcase_add_test (tc, test_cancel_keeps_previous_network);
  tcase_add_test (tc, test_bad_files_and_library_editing);
  tcase_add_test (tc, test_session_reopens_as_it_was);
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
