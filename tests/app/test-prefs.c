/* GUI tests of the preferences (hs-preferences.c, hs-window-prefs.c,
 * hs-settings.c, the Speed slider of hs-recall-panel.c, app.projector).
 * Runs with the memory GSettings backend and the schema compiled into the
 * build directory; with the argument --no-schema (and GSETTINGS_SCHEMA_DIR
 * naming no schema) it checks that the studio runs without the schema and
 * without a warning. Pictures go to HS_SHOTS when that names a directory. */
#include "hf-text.h"
#include "hf-train.h"
#include "hs-preferences.h"

#include "prefs-helpers.h"

/* ---- Preferences ---- */

static gboolean
not_opening (HsWindow *w)
{
  return !hs_window_is_opening (w);
}

START_TEST (test_preferences_live_and_defaults)
{
  GSettings *settings = hs_settings_new ();
  ck_assert_msg (settings != NULL, "the schema is not found: GSETTINGS_SCHEMA_DIR?");
  reset_settings (settings);
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  ck_assert (!hs_document_get_modified (win->doc));
  GtkWindow *prefs = hs_preferences_new (GTK_WINDOW (win), settings);
  gtk_window_present (prefs);
  settle (0.6);
  shoot (GTK_WIDGET (prefs), "preferences.png");
  GPtrArray *scrolled = g_ptr_array_new ();
  collect (GTK_WIDGET (prefs), GTK_TYPE_SCROLLED_WINDOW, scrolled);
  ck_assert_uint_ge (scrolled->len, 1); /* the first: the page; then the drop-downs' */
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (scrolled->pdata[0]);
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
  g_ptr_array_free (scrolled, TRUE);
  settle (0.3);
  shoot (GTK_WIDGET (prefs), "preferences-scrolled-down.png");

  /* the playback speed: the preference and the panel's slider are one,
   * the player follows, and the lesson is not changed by it */
  GtkRange *speed = GTK_RANGE (child (prefs, HS_TYPE_PREFERENCES, "speed_scale"));
  gtk_range_set_value (speed, 3.0);
  settle (0.1);
  ck_assert_double_eq_tol (g_settings_get_double (settings, "playback-speed"), 3.0, 1e-9);
  ck_assert_double_eq_tol (
      gtk_range_get_value (GTK_RANGE (win->recall_panel->speed_scale)), 3.0, 1e-9);
  ck_assert_double_eq_tol (hs_recall_player_get_rate (win->player), 1000.0, 1e-6);
  gtk_range_set_value (GTK_RANGE (win->recall_panel->speed_scale), 1.0);
  settle (0.1);
  ck_assert_double_eq_tol (g_settings_get_double (settings, "playback-speed"), 1.0, 1e-9);
  ck_assert_double_eq_tol (gtk_range_get_value (speed), 1.0, 1e-9);
  ck_assert_double_eq_tol (hs_recall_player_get_rate (win->player), 10.0, 1e-6);
  ck_assert (!hs_document_get_modified (win->doc));

  /* the update mode: applied to the open lesson at once */
  GtkDropDown *mode = GTK_DROP_DOWN (child (prefs, HS_TYPE_PREFERENCES, "mode_dropdown"));
  gtk_drop_down_set_selected (mode, HF_UPDATE_SYNC);
  settle (0.1);
  char *s = g_settings_get_string (settings, "update-mode");
  ck_assert_str_eq (s, "sync");
  g_free (s);
  ck_assert_uint_eq (hs_document_get_settings (win->doc)->mode, HF_UPDATE_SYNC);
  ck_assert_uint_eq (gtk_drop_down_get_selected (win->recall_panel->mode_dropdown), 2);
  /* the panel's control changes the lesson, not the preference */
  gtk_drop_down_set_selected (win->recall_panel->mode_dropdown, 0);
  settle (0.1);
  s = g_settings_get_string (settings, "update-mode");
  ck_assert_str_eq (s, "sync");
  g_free (s);
  ck_assert_uint_eq (hs_document_get_settings (win->doc)->mode, HF_UPDATE_SEQUENTIAL);

  /* a rule chosen in the Preferences comes with its own parameters */
  GtkDropDown *rule = GTK_DROP_DOWN (child (prefs, HS_TYPE_PREFERENCES, "rule_dropdown"));
  gtk_drop_down_set_selected (rule, HF_RULE_PERCEPTRON);
  settle (0.1);
  s = g_settings_get_string (settings, "rule");
  ck_assert_str_eq (s, "perceptron");
  g_free (s);
  ck_assert_double_eq_tol (g_settings_get_double (settings, "learning-rate"), 1.0, 1e-12);
  ck_assert_uint_eq (g_settings_get_uint (settings, "max-iterations"), 2000);
  ck_assert_uint_eq (hs_document_get_settings (win->doc)->rule, HF_RULE_PERCEPTRON);
  ck_assert_double_eq_tol (hs_document_get_settings (win->doc)->learning_rate, 1.0,
                           1e-12);
  ck_assert_uint_eq (gtk_drop_down_get_selected (win->train_panel->rule_dropdown),
                     HF_RULE_PERCEPTRON);
  ck_assert (gtk_widget_get_visible (win->train_panel->lr_spin));
  GtkWidget *lr = child (prefs, HS_TYPE_PREFERENCES, "lr_spin");
  ck_assert (gtk_widget_is_visible (lr));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lr), 0.5);
  settle (0.1);
  ck_assert_double_eq_tol (g_settings_get_double (settings, "learning-rate"), 0.5, 1e-12);
  ck_assert_double_eq_tol (hs_document_get_settings (win->doc)->learning_rate, 0.5,
                           1e-12);
  gtk_drop_down_set_selected (rule, HF_RULE_HEBBIAN);
  settle (0.1);
  ck_assert (!gtk_widget_is_visible (lr)); /* Hebbian has no learning rate */

  /* the style key for helper S's styles: bound to the Display drop-down */
  g_settings_set_string (settings, "style", "dark");
  settle (0.1);
  ck_assert_uint_eq (gtk_drop_down_get_selected (GTK_DROP_DOWN (
                         child (prefs, HS_TYPE_PREFERENCES, "style_dropdown"))),
                     2);

  /* the grid: for the next new lesson only */
  GtkSpinButton *width
      = GTK_SPIN_BUTTON (child (prefs, HS_TYPE_PREFERENCES, "width_spin"));
  gtk_spin_button_set_value (width, 5);
  g_settings_set_int (settings, "grid-height", 7);
  settle (0.1);
  ck_assert_int_eq (g_settings_get_int (settings, "grid-width"), 5);
  ck_assert_uint_eq (hs_document_get_width (win->doc), 16);
  g_settings_set_string (settings, "update-mode", "stochastic");
  g_settings_set_double (settings, "temperature", 0.75);
  settle (0.1);
  ck_assert (hs_document_get_modified (win->doc));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.new-lesson", NULL));
  settle (0.1);
  ck_assert_ptr_nonnull (win->confirm_dialog); /* unsaved changes: asked first */
  gtk_dialog_response (GTK_DIALOG (win->confirm_dialog), 1 /* discard */);
  settle (0.2);
  ck_assert_uint_eq (hs_document_get_width (win->doc), 5);
  ck_assert_uint_eq (hs_document_get_height (win->doc), 7);
  ck_assert_uint_eq (hs_document_get_n_patterns (win->doc), 0);
  ck_assert_ptr_null (hs_document_get_file (win->doc));
  ck_assert (!hs_document_get_modified (win->doc));
  const HfSessionSettings *st = hs_document_get_settings (win->doc);
  ck_assert_uint_eq (st->rule, HF_RULE_HEBBIAN);
  ck_assert_uint_eq (st->mode, HF_UPDATE_STOCHASTIC);
  ck_assert_double_eq_tol (st->temperature, 0.75, 1e-12);
  ck_assert_double_eq_tol (
      gtk_range_get_value (GTK_RANGE (win->recall_panel->temperature_scale)), 0.75,
      1e-12);

  /* last folder: a file opened there; the next dialog starts there */
  HfPatterns *set = hf_patterns_new (5, 7, NULL);
  int8_t x[35];
  memset (x, 1, sizeof x);
  ck_assert_int_eq (hf_patterns_append (set, x, NULL), HF_OK);
  char *path = g_build_filename (tmpdir, "set.txt", NULL);
  ck_assert_int_eq (hf_text_save (path, set, NULL), HF_OK);
  hf_patterns_free (set);
  GFile *file = g_file_new_for_path (path);
  hs_window_open_files (win, &file, 1);
  ck_assert (gui_wait_for (not_opening, win, 10));
  settle (0.2);
  ck_assert_uint_eq (hs_document_get_n_patterns (win->doc), 1);
  GFile *folder = g_file_new_for_path (tmpdir);
  char *uri = g_file_get_uri (folder);
  s = g_settings_get_string (settings, "last-folder");
  ck_assert_str_eq (s, uri);
  g_free (s);
  hs_window_open_dialog (win);
  settle (0.5);
  GtkWindow *chooser = NULL;
  GListModel *tops = gtk_window_get_toplevels ();
  for (guint k = 0; k < g_list_model_get_n_items (tops); k++)
    {
      GtkWindow *w = g_list_model_get_item (tops, k);
      if (GTK_IS_FILE_CHOOSER (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        chooser = w;
      g_object_unref (w);
    }
  ck_assert_ptr_nonnull (chooser);
  GFile *current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  ck_assert (current != NULL && g_file_equal (current, folder));
  g_object_unref (current);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  settle (0.2);
  g_free (uri);
  g_object_unref (folder);
  g_object_unref (file);
  g_free (path);

  /* a session keeps its own settings; its saved speed does not replace
   * the viewer's */
  HfSession session = { 0 };
  hs_document_describe_session (win->doc, &session);
  session.settings.rule = HF_RULE_STORKEY;
  session.settings.mode = HF_UPDATE_RANDOM;
  session.settings.speed = 4.0;
  path = g_build_filename (tmpdir, "own.hfsession", NULL);
  ck_assert_int_eq (hf_session_save (path, &session, NULL), HF_OK);
  file = g_file_new_for_path (path);
  hs_document_set_modified (win->doc, FALSE);
  hs_window_open_files (win, &file, 1);
  ck_assert (gui_wait_for (not_opening, win, 10));
  settle (0.2);
  st = hs_document_get_settings (win->doc);
  ck_assert_uint_eq (st->rule, HF_RULE_STORKEY);
  ck_assert_uint_eq (st->mode, HF_UPDATE_RANDOM);
  ck_assert_uint_eq (gtk_drop_down_get_selected (win->train_panel->rule_dropdown),
                     HF_RULE_STORKEY);
  ck_assert_double_eq_tol (g_settings_get_double (settings, "playback-speed"), 1.0, 1e-9);
  ck_assert_double_eq_tol (
      gtk_range_get_value (GTK_RANGE (win->recall_panel->speed_scale)), 1.0, 1e-9);
  ck_assert_double_eq_tol (hs_recall_player_get_rate (win->player), 10.0, 1e-6);
  s = g_settings_get_string (settings, "rule");
  ck_assert_str_eq (s, "hebbian"); /* the preferences are untouched */
  g_free (s);
  ck_assert (!hs_document_get_modified (win->doc));
  /* and a preference changed now leaves the opened session's settings
   * alone (a lesson's notes may depend on its rule) */
  g_settings_set_string (settings, "rule", "perceptron");
  g_settings_set_string (settings, "update-mode", "sync");
  settle (0.2);
  st = hs_document_get_settings (win->doc);
  ck_assert_uint_eq (st->rule, HF_RULE_STORKEY);
  ck_assert_uint_eq (st->mode, HF_UPDATE_RANDOM);
  ck_assert (!hs_document_get_modified (win->doc));
  g_object_unref (file);
  g_free (path);

  gtk_window_destroy (prefs);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  reset_settings (settings);
  g_object_unref (settings);
  settle (0.2);
}
END_TEST

/* Projector mode from the Preferences reaches the application's windows. */
START_TEST (test_projector_preference)
{
  GSettings *settings = hs_settings_new ();
  ck_assert_ptr_nonnull (settings);
  reset_settings (settings);
  HsApplication *app = hs_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (app), NULL, NULL));
  HsWindow *win = hs_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  ck_assert (g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  settle (0.3);
  GtkWindow *prefs = NULL;
  GListModel *tops = gtk_window_get_toplevels ();
  for (guint k = 0; k < g_list_model_get_n_items (tops); k++)
    {
      GtkWindow *w = g_list_model_get_item (tops, k);
      if (HS_IS_PREFERENCES (w))
        prefs = w;
      g_object_unref (w);
    }
  ck_assert_ptr_nonnull (prefs);
  ck_assert (gtk_window_get_transient_for (prefs) == GTK_WINDOW (win));
  GtkSwitch *sw = GTK_SWITCH (child (prefs, HS_TYPE_PREFERENCES, "projector_switch"));
  gtk_switch_set_active (sw, TRUE);
  settle (0.2);
  ck_assert (hs_window_get_projector (win));
  gtk_switch_set_active (sw, FALSE);
  settle (0.2);
  ck_assert (!hs_window_get_projector (win));
  gtk_window_destroy (prefs);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  settle (0.2);
  g_object_unref (app);
  reset_settings (settings);
  g_object_unref (settings);
}
END_TEST

/* ---- without the schema ---- */

START_TEST (test_without_schema)
{
  ck_assert_ptr_null (hs_settings_new ());
  HsApplication *app = hs_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (app), NULL, NULL));
  ck_assert (!g_action_group_get_action_enabled (G_ACTION_GROUP (app), "preferences"));
  HsWindow *win = hs_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  /* the panel's speed is the lesson's again */
  gtk_range_set_value (GTK_RANGE (win->recall_panel->speed_scale), 2.0);
  settle (0.1);
  ck_assert_double_eq_tol (hs_document_get_settings (win->doc)->speed, 2.0, 1e-12);
  ck_assert_double_eq_tol (hs_recall_player_get_rate (win->player), 100.0, 1e-6);
  hs_document_set_modified (win->doc, FALSE);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.new-lesson", NULL));
  settle (0.2);
  ck_assert_uint_eq (hs_document_get_width (win->doc), 16);
  ck_assert_uint_eq (hs_document_get_n_patterns (win->doc), 0);
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  settle (0.3);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  settle (0.2);
  g_object_unref (app);
}
END_TEST

int
main (int argc, char **argv)
{
  gboolean no_schema = argc > 1 && g_str_equal (argv[1], "--no-schema");
  prefs_init ();
  TCase *tc = tcase_create ("prefs");
  if (no_schema)
    tcase_add_test (tc, test_without_schema);
  else
    {
      tcase_add_test (tc, test_preferences_live_and_defaults);
      tcase_add_test (tc, test_projector_preference);
    }
  return prefs_run (tc);
}
