/* test-lessons.c: the classroom features of the studio's window, under
 * Xvfb: every shipped lesson opens from the Lessons menu with its notes on
 * show, the guide opens on F1's action, and the recall timeline rewinds
 * the canvas and the panel. With HS_SHOTS_DIR set it saves screenshots
 * there; otherwise nothing is written anywhere. */
#include <check.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "gui-helpers.h"
#include "hs-application.h"
#include "hf-train.h"
#include "hs-help-window.h"
#include "hs-pattern-canvas.h"
#include "hf-session.h"
#include "hs-notes.h"

static const char *const lessons[]
    = { "01-digits",      "02-capacity",   "03-spurious", "04-sync",
        "05-temperature", "06-correlated", "07-landscape" };

static gboolean
drawn (HsWindow *win)
{
  return gtk_widget_get_mapped (GTK_WIDGET (win)) && gui_no_workers (win);
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
}

static const char *expected; /* the title of the lesson being opened */

static gboolean
opened (HsWindow *win)
{
  return !hs_window_is_opening (win)
         && g_strcmp0 (hs_document_get_lesson_title (win->doc), expected) == 0;
}

/* The title of a lesson embedded in the resources, read with the format
 * library. */
static char *
lesson_title (const char *name)
{
  char *path
      = g_strdup_printf ("/org/hopfieldstudio/HopfieldStudio/lessons/%s.hfsession", name);
  GBytes *bytes = g_resources_lookup_data (path, 0, NULL);
  ck_assert_msg (bytes != NULL, "%s is not in the resources", path);
  HfError err = { 0 };
  HfSession *ss = hf_session_decode (g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), name, &err);
  ck_assert_msg (ss != NULL, "%s", err.message);
  ck_assert_ptr_nonnull (ss->title);
  char *title = g_strdup (ss->title);
  hf_session_free (ss);
  g_bytes_unref (bytes);
  g_free (path);
  return title;
}

/* Saves the window as PNG in $HS_SHOTS_DIR, when set. */
static void
shoot (HsWindow *win, const char *name)
{
  const char *dir = g_getenv ("HS_SHOTS_DIR");
  if (dir == NULL)
    return;
  gui_wait_for (NULL, NULL, 0.5);
  GdkTexture *tex = gui_render (win);
  ck_assert_ptr_nonnull (tex);
  char *path = g_build_filename (dir, name, NULL);
  ck_assert (gdk_texture_save_to_png (tex, path));
  g_free (path);
  g_object_unref (tex);
}

static gboolean
label_shows (GtkWidget *widget, const char *text)
{
  return gtk_widget_is_drawable (widget)
         && strstr (hs_notes_panel_get_markup (HS_NOTES_PANEL (widget)), text) != NULL;
}

START_TEST (test_every_lesson_opens)
{
  HsWindow *win = new_window (1280, 720);
  /* an unsaved change: the question comes first, and Cancel keeps it */
  hs_document_set_modified (win->doc, TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (win), "open-lesson",
                                  g_variant_new_string (lessons[0]));
  gui_wait_for (NULL, NULL, 0.5);
  ck_assert_ptr_nonnull (win->confirm_dialog);
  gtk_dialog_response (GTK_DIALOG (win->confirm_dialog), GTK_RESPONSE_CANCEL);
  ck_assert_ptr_null (hs_document_get_lesson_title (win->doc));
  ck_assert_str_eq (gtk_stack_get_visible_child_name (win->side_stack), "patterns");
  for (guint k = 0; k < G_N_ELEMENTS (lessons); k++)
    {
      hs_document_set_modified (win->doc, FALSE);
      char *want_title = lesson_title (lessons[k]);
      expected = want_title;
      g_action_group_activate_action (G_ACTION_GROUP (win), "open-lesson",
                                      g_variant_new_string (lessons[k]));
      ck_assert_msg (gui_wait_for (opened, win, 20), "%s did not open: %s", lessons[k],
                     gtk_label_get_text (win->banner_label));
      const char *title = hs_document_get_lesson_title (win->doc);
      const char *notes = hs_document_get_notes (win->doc);
      ck_assert_ptr_nonnull (notes);
      /* the notes page is the one on show, with the lesson's words */
      ck_assert_str_eq (gtk_stack_get_visible_child_name (win->side_stack), "notes");
      gui_wait_for (NULL, NULL, 0.1);
      ck_assert_msg (label_shows (GTK_WIDGET (win->notes_panel), "What to show"), "%s",
                     lessons[k]);
      char *want = g_strdup_printf ("%s — Hopfield Studio", title);
      ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (win)), want);
      g_free (want);
      /* the lesson opens on the view it names: the landscape for the 4x4
       * lesson, the canvas for the others */
      ck_assert_str_eq (hs_window_get_view_name (win), hs_document_get_view (win->doc));
      /* saved under a new name: the lesson is not a file of the user's */
      ck_assert_ptr_null (hs_document_get_file (win->doc));
      ck_assert (!hs_document_get_modified (win->doc));
      if (k == 0)
        shoot (win, "lesson-notes-1280x720.png");
      g_free (want_title);
    }
  close_window (win);
}
END_TEST

START_TEST (test_lesson_shot_1366)
{
  HsWindow *win = new_window (1366, 768);
  char *title = lesson_title ("03-spurious");
  expected = title;
  g_action_group_activate_action (G_ACTION_GROUP (win), "open-lesson",
                                  g_variant_new_string ("03-spurious"));
  ck_assert (gui_wait_for (opened, win, 20));
  g_free (title);
  shoot (win, "lesson-notes-1366x768.png");
  close_window (win);
}
END_TEST

static gboolean
help_shown (HsWindow *win)
{
  return win->help_window != NULL
         && gtk_widget_get_mapped (GTK_WIDGET (win->help_window));
}

START_TEST (test_help)
{
  HsWindow *win = new_window (1280, 720);
  g_action_group_activate_action (G_ACTION_GROUP (win), "help", NULL);
  ck_assert (gui_wait_for (help_shown, win, 10));
  GtkWindow *help = win->help_window;
  ck_assert (HS_IS_HELP_WINDOW (help));
  /* asked again: the same guide comes forward */
  g_action_group_activate_action (G_ACTION_GROUP (win), "help", NULL);
  ck_assert_ptr_eq (win->help_window, help);
  close_window (win);
  gui_wait_for (NULL, NULL, 0.2);
}
END_TEST

/* Presses a key in the focused X window with xdotool; FALSE without it. */
static gboolean
press (HsWindow *win, const char *key)
{
  char *xdotool = g_find_program_in_path ("xdotool");
  if (xdotool == NULL)
    return FALSE;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (win));
  char *id = g_strdup_printf ("%lu", (unsigned long)gdk_x11_surface_get_xid (surface));
  const char *argv[] = { xdotool, "windowfocus", "--sync", id, "key", key, NULL };
  gboolean ok = g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                              NULL, NULL, NULL, NULL);
  gui_wait_for (NULL, NULL, 0.3);
  g_free (id);
  g_free (xdotool);
  return ok;
}

/* Backspace steps back, except in a text field, which keeps its key. */
static void
keys_step_back (HsWindow *win)
{
  const HfRecall *r = hs_recall_player_get_recall (win->player);
  size_t k = hf_recall_steps (r);
  gtk_window_set_focus (GTK_WINDOW (win), NULL);
  if (!press (win, "BackSpace"))
    return; /* no xdotool: the keys are not tried */
  ck_assert_uint_eq (hf_recall_steps (r), k - 1);
  ck_assert (press (win, "shift+s"));
  ck_assert_uint_eq (hf_recall_steps (r), k - 2);
  GtkSpinButton *seed = win->recall_panel->seed_spin;
  gtk_widget_grab_focus (GTK_WIDGET (seed));
  gtk_editable_set_position (GTK_EDITABLE (seed), -1);
  ck_assert (press (win, "BackSpace"));
  ck_assert_uint_eq (hf_recall_steps (r), k - 2);
  ck_assert_str_eq (gtk_editable_get_text (GTK_EDITABLE (seed)), "");
  gtk_editable_set_text (GTK_EDITABLE (seed), "9");
  gtk_window_set_focus (GTK_WINDOW (win), NULL);
  hs_recall_player_seek (win->player, k);
}

static gboolean
window_rewound (HsWindow *win)
{
  return hs_recall_player_is_rewound (win->player);
}

/* The timeline under the recall controls rewinds the canvas, the counters
 * and the energy plot to exactly what a fresh recall shows after k steps;
 * a new temperature there is a branch, marked on the timeline. */
START_TEST (test_timeline_rewinds)
{
  static const int sizes[][2] = { { 1366, 768 }, { 1280, 720 } };
  HsWindow *win = new_window (sizes[_i][0], sizes[_i][1]);
  char *shot
      = g_strdup_printf ("timeline-mid-rewind-%dx%d.png", sizes[_i][0], sizes[_i][1]);
  char *shot2 = g_strdup_printf ("timeline-branch-%dx%d.png", sizes[_i][0], sizes[_i][1]);
  HfNetwork *net = hf_network_new (16, 16, NULL);
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_HEBBIAN);
  ck_assert_int_eq (
      hf_train (net, hs_document_get_patterns (win->doc), &o, NULL, NULL, NULL), HF_OK);
  hs_document_set_network (win->doc, net);
  HfSessionSettings s = *hs_document_get_settings (win->doc);
  s.mode = HF_UPDATE_STOCHASTIC;
  s.temperature = 0.5;
  s.seed = 9;
  hs_document_set_settings (win->doc, &s);
  for (int k = 0; k < 3; k++)
    g_action_group_activate_action (G_ACTION_GROUP (win), "sweep", NULL);
  HsRecallPanel *panel = win->recall_panel;
  GtkRange *range = hs_timeline_get_range (panel->timeline);
  ck_assert_double_eq (gtk_range_get_value (range), 768);
  /* the slider moved as a person moves it */
  gtk_range_set_value (range, 300);
  ck_assert (gui_wait_for (window_rewound, win, 5));
  HfRecall *fresh = hf_recall_new (net, NULL);
  hf_recall_set_mode (fresh, HF_UPDATE_STOCHASTIC);
  hf_recall_set_temperature (fresh, 0.5, NULL);
  hf_recall_set_seed (fresh, 9);
  hf_recall_set_state (fresh, hs_document_get_probe (win->doc), NULL);
  for (int k = 0; k < 300; k++)
    hf_recall_step (fresh, NULL);
  ck_assert_mem_eq (hs_pattern_canvas_get_state (win->probe_editor->canvas),
                    hf_recall_state (fresh), 256);
  char *want = g_strdup_printf ("E = %.4f", hf_recall_energy (fresh));
  ck_assert_msg (strstr (gtk_label_get_text (panel->counter_label), want) != NULL, "%s",
                 gtk_label_get_text (panel->counter_label));
  ck_assert_ptr_nonnull (strstr (gtk_label_get_text (panel->counter_label), "Step 300 "));
  g_free (want);
  ck_assert_double_eq (hs_energy_plot_get_cursor (panel->energy_plot), 300);
  /* one step back on the key's action */
  g_action_group_activate_action (G_ACTION_GROUP (win), "step-back", NULL);
  ck_assert_double_eq (gtk_range_get_value (range), 299);
  ck_assert_double_eq (hs_energy_plot_get_cursor (panel->energy_plot), 299);
  if (_i == 0)
    keys_step_back (win);
  shoot (win, shot);
  /* a cooler temperature here: a branch, marked; no restart */
  gtk_range_set_value (GTK_RANGE (panel->temperature_scale), 0.1);
  ck_assert_uint_eq (hs_timeline_get_n_branches (panel->timeline), 1);
  ck_assert_uint_eq (hf_recall_steps (hs_recall_player_get_recall (win->player)), 299);
  ck_assert_double_eq (hs_energy_plot_get_cursor (panel->energy_plot), -1);
  g_action_group_activate_action (G_ACTION_GROUP (win), "sweep", NULL);
  ck_assert_double_eq (gtk_range_get_value (range), 512);
  gtk_range_set_value (range, 200);
  gui_wait_for (NULL, NULL, 0.2);
  shoot (win, shot2);
  g_free (shot);
  g_free (shot2);
  hf_recall_free (fresh);
  close_window (win);
}
END_TEST

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  Suite *s = suite_create ("lessons");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_every_lesson_opens);
  tcase_add_test (tc, test_lesson_shot_1366);
  tcase_add_test (tc, test_help);
  tcase_add_loop_test (tc, test_timeline_rewinds, 0, 2);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
