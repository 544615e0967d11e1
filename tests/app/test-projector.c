/* GUI tests of projector mode and the first-run tour
 * (hs-window-projector.c, hs-tour.c, app.projector and --projector in
 * hs-application.c). Pictures go to a fresh temporary directory (and, when
 * HS_SHOTS names a directory, a copy there). Runs with the memory
 * GSettings backend and the schema compiled into the build directory. */
#include <check.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hs-application.h"
#include "hs-settings.h"
#include "hs-tour.h"

#include "gui-helpers.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = gui_tmpdir_new ("hs-projector-XXXXXX");
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

/* The size in pixels of the font a widget draws its text in. */
static double
font_px (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  ck_assert_ptr_nonnull (font);
  double px = (double)pango_font_description_get_size (font) / PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (font))
    {
      double dpi = pango_cairo_context_get_resolution (context);
      px *= (dpi > 0 ? dpi : 96.0) / 72.0;
    }
  return px;
}

static GtkWidget *
template_child (HsWindow *win, GType type, gpointer owner, const char *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (owner), type, id));
}

typedef struct
{
  double outcome_px, counter_px, cell;
  gboolean left_panel, draw_bar, edit_bar, settings;
} Look;

/* Measures the window and saves its picture as name. */
static Look
look (HsWindow *win, const char *name)
{
  settle (0.5);
  Look l;
  l.outcome_px = font_px (GTK_WIDGET (win->recall_panel->outcome_label));
  l.counter_px = font_px (GTK_WIDGET (win->recall_panel->counter_label));
  l.cell
      = hs_pattern_canvas_get_cell_size (hs_probe_editor_get_canvas (win->probe_editor));
  l.left_panel
      = gtk_widget_get_visible (template_child (win, HS_TYPE_WINDOW, win, "left_panel"));
  l.draw_bar = gtk_widget_get_visible (
      template_child (win, HS_TYPE_PROBE_EDITOR, win->probe_editor, "draw_bar"));
  l.edit_bar = gtk_widget_get_visible (
      template_child (win, HS_TYPE_PROBE_EDITOR, win->probe_editor, "edit_bar"));
  l.settings = gtk_widget_get_visible (
      template_child (win, HS_TYPE_RECALL_PANEL, win->recall_panel, "settings_grid"));
  GdkTexture *tex = gui_render (win);
  ck_assert_ptr_nonnull (tex);
  char *path = g_build_filename (tmpdir, name, NULL);
  ck_assert (gdk_texture_save_to_png (tex, path));
  ck_assert_int_le (gdk_texture_get_width (tex), 1280);
  g_free (path);
  const char *shots = g_getenv ("HS_SHOTS");
  if (shots != NULL && g_file_test (shots, G_FILE_TEST_IS_DIR))
    {
      path = g_build_filename (shots, name, NULL);
      gdk_texture_save_to_png (tex, path);
      g_free (path);
    }
  g_object_unref (tex);
  return l;
}

START_TEST (test_projector_scales_and_presents)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1280, 720);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  ck_assert (!hs_window_get_projector (win));
  /* a trained network, one sweep in: an outcome and a step counter to read */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.train", NULL));
  ck_assert (gui_wait_for (gui_trained, win, 60));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.sweep", NULL));
  ck_assert (gui_wait_for (gui_not_playing, win, 30));
  ck_assert_str_ne (gtk_label_get_text (win->recall_panel->counter_label), "");
  Look normal = look (win, "normal-1280x720.png");
  ck_assert (normal.left_panel && normal.draw_bar && normal.edit_bar && normal.settings);

  hs_window_set_projector (win, TRUE);
  ck_assert (hs_window_get_projector (win));
  ck_assert (gtk_widget_has_css_class (GTK_WIDGET (win), "projector"));
  Look big = look (win, "projector-1280x720.png");
  g_print ("outcome %.1f -> %.1f px, counter %.1f -> %.1f px, cell %.1f -> %.1f px\n",
           normal.outcome_px, big.outcome_px, normal.counter_px, big.counter_px,
           normal.cell, big.cell);
  ck_assert_msg (big.outcome_px >= 24 && big.outcome_px > normal.outcome_px,
                 "outcome %.1f px (normal %.1f)", big.outcome_px, normal.outcome_px);
  ck_assert_msg (big.counter_px >= 24 && big.counter_px > normal.counter_px,
                 "step counter %.1f px (normal %.1f)", big.counter_px, normal.counter_px);
  ck_assert_msg (big.cell > normal.cell, "cells %.1f px (normal %.1f)", big.cell,
                 normal.cell);
  ck_assert (!big.left_panel && !big.draw_bar && !big.edit_bar && !big.settings);
  /* the window still fits the projector: nothing forced it wider */
  ck_assert_int_le (gtk_widget_get_width (GTK_WIDGET (win)), 1280);

  /* off again: the editing layout comes back */
  hs_window_set_projector (win, FALSE);
  Look back = look (win, "normal-again.png");
  ck_assert (back.left_panel && back.draw_bar && back.edit_bar && back.settings);
  ck_assert_double_eq_tol (back.outcome_px, normal.outcome_px, 0.01);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  settle (0.2);
}
END_TEST

START_TEST (test_tour_pages)
{
  GSettings *settings = hs_settings_new ();
  ck_assert_msg (settings != NULL, "the schema is not found: GSETTINGS_SCHEMA_DIR?");
  g_settings_set_boolean (settings, "tour-shown", FALSE);
  HsWindow *win = hs_window_new (NULL);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  GtkWindow *tour = hs_tour_show (GTK_WINDOW (win));
  g_object_ref (tour);
  settle (0.5);
  ck_assert_uint_eq (hs_tour_get_page (tour), 0);
  ck_assert_uint_eq (hs_tour_n_pages (), 5);
  GdkTexture *tex = gui_render_widget (GTK_WIDGET (tour));
  const char *shots = g_getenv ("HS_SHOTS");
  if (tex != NULL && shots != NULL && g_file_test (shots, G_FILE_TEST_IS_DIR))
    {
      char *path = g_build_filename (shots, "tour-page1.png", NULL);
      gdk_texture_save_to_png (tex, path);
      g_free (path);
    }
  g_clear_object (&tex);
  /* the buttons in the bar: Back, Next, Done (found by their labels) */
  GtkWidget *back = NULL, *next = NULL, *done = NULL;
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (tour)); w != NULL;)
    {
      if (GTK_IS_BUTTON (w))
        {
          const char *label = gtk_button_get_label (GTK_BUTTON (w));
          if (g_strcmp0 (label, "_Back") == 0)
            back = w;
          else if (g_strcmp0 (label, "_Next") == 0)
            next = w;
          else if (g_strcmp0 (label, "_Done") == 0)
            done = w;
        }
      /* depth first */
      GtkWidget *child = gtk_widget_get_first_child (w);
      if (child != NULL)
        w = child;
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
            {
              w = gtk_widget_get_parent (w);
              if (w == GTK_WIDGET (tour))
                w = NULL;
            }
          if (w != NULL)
            w = gtk_widget_get_next_sibling (w);
        }
    }
  ck_assert (back && next && done);
  ck_assert (!gtk_widget_get_sensitive (back) && !gtk_widget_get_visible (done));
  for (guint k = 1; k < 5; k++)
    {
      g_signal_emit_by_name (next, "clicked");
      ck_assert_uint_eq (hs_tour_get_page (tour), k);
    }
  ck_assert (!gtk_widget_get_visible (next) && gtk_widget_get_visible (done));
  g_signal_emit_by_name (back, "clicked");
  ck_assert_uint_eq (hs_tour_get_page (tour), 3);
  g_signal_emit_by_name (next, "clicked");
  ck_assert (!g_settings_get_boolean (settings, "tour-shown"));
  g_signal_emit_by_name (done, "clicked");
  settle (0.2);
  ck_assert (g_settings_get_boolean (settings, "tour-shown"));
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (tour)));
  g_object_unref (tour);

  /* Escape closes it (and does not count as done) */
  g_settings_set_boolean (settings, "tour-shown", FALSE);
  tour = hs_tour_show (GTK_WINDOW (win));
  g_object_ref (tour);
  settle (0.3);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (tour), "window.close", NULL));
  settle (0.2);
  ck_assert (!gtk_widget_get_visible (GTK_WIDGET (tour)));
  ck_assert (!g_settings_get_boolean (settings, "tour-shown"));
  g_object_unref (tour);

  /* the menu's "Take the Tour" (win.tour) opens it over the window; F11's
   * win.fullscreen is there */
  ck_assert (g_action_group_has_action (G_ACTION_GROUP (win), "fullscreen"));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.tour", NULL));
  settle (0.3);
  guint over = 0;
  GListModel *tops = gtk_window_get_toplevels ();
  for (guint k = 0; k < g_list_model_get_n_items (tops); k++)
    {
      GtkWindow *w = g_list_model_get_item (tops, k);
      if (gtk_window_get_transient_for (w) == GTK_WINDOW (win)
          && gtk_widget_get_visible (GTK_WIDGET (w)))
        over++;
      g_object_unref (w);
    }
  ck_assert_uint_eq (over, 1);
  gtk_window_destroy (GTK_WINDOW (win));
  g_settings_set_boolean (settings, "tour-shown", TRUE);
  g_object_unref (settings);
  settle (0.2);
}
END_TEST

/* ---- the application: --projector, the setting, the first-run tour ---- */

typedef struct
{
  gboolean projector; /* the window's mode when it opened */
  gboolean turn_off;  /* then switch it off through app.projector */
  gboolean projector_after;
  guint tours; /* windows over the main window (the tour) */
} Run;

static gboolean
inspect (gpointer data)
{
  GApplication *app = g_object_get_data (G_OBJECT (data), "app");
  Run *r = data == NULL ? NULL : g_object_get_data (G_OBJECT (data), "run");
  HsWindow *win = HS_WINDOW (data);
  r->projector = hs_window_get_projector (win);
  GListModel *tops = gtk_window_get_toplevels ();
  for (guint k = 0; k < g_list_model_get_n_items (tops); k++)
    {
      GtkWindow *w = g_list_model_get_item (tops, k);
      if (gtk_window_get_transient_for (w) == GTK_WINDOW (win))
        {
          r->tours++;
          gtk_window_destroy (w);
        }
      g_object_unref (w);
    }
  if (r->turn_off)
    g_action_group_change_action_state (G_ACTION_GROUP (app), "projector",
                                        g_variant_new_boolean (FALSE));
  r->projector_after = hs_window_get_projector (win);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app, Run *r)
{
  GtkWindow *win = gtk_application_get_active_window (GTK_APPLICATION (app));
  ck_assert (HS_IS_WINDOW (win));
  g_object_set_data (G_OBJECT (win), "app", app);
  g_object_set_data (G_OBJECT (win), "run", r);
  g_timeout_add (500, inspect, win);
}

static Run
run_app (gboolean option, gboolean turn_off)
{
  Run r = { FALSE, turn_off, FALSE, 0 };
  /* no application id: no D-Bus, every run its own primary instance */
  GApplication *app
      = g_object_new (HS_TYPE_APPLICATION, "flags",
                      G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN, NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), &r);
  char *argv[] = { (char *)"hopfield-studio", (char *)"--projector", NULL };
  int status = g_application_run (app, option ? 2 : 1, argv);
  ck_assert_int_eq (status, 0);
  g_object_unref (app);
  settle (0.2);
  return r;
}

START_TEST (test_option_and_setting_round_trip)
{
  GSettings *settings = hs_settings_new ();
  ck_assert_ptr_nonnull (settings);
  g_settings_set_boolean (settings, "projector-mode", FALSE);
  g_settings_set_boolean (settings, "tour-shown", TRUE);

  Run plain = run_app (FALSE, FALSE);
  ck_assert (!plain.projector);
  ck_assert_uint_eq (plain.tours, 0);

  Run opt = run_app (TRUE, FALSE); /* hopfield-studio --projector */
  ck_assert (opt.projector);
  ck_assert (g_settings_get_boolean (settings, "projector-mode"));

  Run again = run_app (FALSE, TRUE); /* remembered; then off from the menu */
  ck_assert (again.projector);
  ck_assert (!again.projector_after);
  ck_assert (!g_settings_get_boolean (settings, "projector-mode"));

  Run off = run_app (FALSE, FALSE);
  ck_assert (!off.projector);

  /* the first start shows the tour over the main window */
  g_settings_set_boolean (settings, "tour-shown", FALSE);
  Run first = run_app (FALSE, FALSE);
  ck_assert_uint_eq (first.tours, 1);
  g_settings_set_boolean (settings, "tour-shown", TRUE);
  g_object_unref (settings);
}
END_TEST

START_TEST (test_window_size_is_remembered)
{
  GSettings *settings = hs_settings_new ();
  ck_assert_ptr_nonnull (settings);
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 650);
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  HsWindow *win = hs_window_new (NULL);
  int w = 0, h = 0;
  gtk_window_get_default_size (GTK_WINDOW (win), &w, &h);
  ck_assert_int_eq (w, 1000);
  ck_assert_int_eq (h, 650);
  gtk_window_set_default_size (GTK_WINDOW (win), 1100, 700);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  gtk_window_close (GTK_WINDOW (win)); /* unmodified: closes, saving its size */
  settle (0.3);
  ck_assert_int_eq (g_settings_get_int (settings, "window-width"), 1100);
  ck_assert_int_eq (g_settings_get_int (settings, "window-height"), 700);
  ck_assert (!g_settings_get_boolean (settings, "window-maximized"));
  g_object_unref (settings);
}
END_TEST

static Suite *
projector_suite (void)
{
  Suite *s = suite_create ("projector");
  TCase *tc = tcase_create ("projector");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_projector_scales_and_presents);
  tcase_add_test (tc, test_tour_pages);
  tcase_add_test (tc, test_window_size_is_remembered);
  tcase_add_test (tc, test_option_and_setting_round_trip);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  SRunner *sr = srunner_create (projector_suite ());
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
