/* GUI tests of the Keyboard Shortcuts window generated from the one table
 * of shortcuts (hs-shortcuts.c) and of About (hs-application.c). Pictures
 * go to HS_SHOTS when that names a directory. */
#include "hs-shortcuts.h"

#include "prefs-helpers.h"

/* ---- the one table of shortcuts ---- */
static GtkShortcutController *
controller (GtkWidget *w, const char *name)
{
  GtkShortcutController *found = NULL;
  GListModel *list = gtk_widget_observe_controllers (w);
  for (guint k = 0; k < g_list_model_get_n_items (list); k++)
    {
      GtkEventController *c = g_list_model_get_item (list, k);
      if (GTK_IS_SHORTCUT_CONTROLLER (c)
          && g_strcmp0 (gtk_event_controller_get_name (c), name) == 0)
        found = GTK_SHORTCUT_CONTROLLER (c);
      g_object_unref (c);
    }
  g_object_unref (list);
  return found;
}

/* Whether the controller has accel for the detailed action. */
static gboolean
controller_has (GtkShortcutController *c, const char *accel, const char *detailed)
{
  char *name = NULL;
  GVariant *target = NULL;
  ck_assert (g_action_parse_detailed_name (detailed, &name, &target, NULL));
  GtkShortcutTrigger *want = gtk_shortcut_trigger_parse_string (accel);
  ck_assert_ptr_nonnull (want);
  gboolean found = FALSE;
  for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (c)) && !found; j++)
    {
      GtkShortcut *sc = g_list_model_get_item (G_LIST_MODEL (c), j);
      GtkShortcutAction *act = gtk_shortcut_get_action (sc);
      GVariant *args = gtk_shortcut_get_arguments (sc);
      found = gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (sc), want)
              && GTK_IS_NAMED_ACTION (act)
              && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (act)),
                              name)
              && ((args == NULL && target == NULL)
                  || (args != NULL && target != NULL && g_variant_equal (args, target)));
      g_object_unref (sc);
    }
  g_object_unref (want);
  g_clear_pointer (&target, g_variant_unref);
  g_free (name);
  return found;
}

static gboolean
action_exists (GtkApplication *app, HsWindow *win, const char *detailed)
{
  char *name = NULL;
  GVariant *target = NULL;
  ck_assert (g_action_parse_detailed_name (detailed, &name, &target, NULL));
  gboolean found = g_str_has_prefix (name, "app.")
                       ? g_action_group_has_action (G_ACTION_GROUP (app), name + 4)
                       : g_action_group_has_action (G_ACTION_GROUP (win), name + 4);
  g_clear_pointer (&target, g_variant_unref);
  g_free (name);
  return found;
}

/* Every entry of the table is set where its kind says, its action exists,
 * and the shortcuts window shows it with the same keys. */
START_TEST (test_shortcuts_table_and_window)
{
  HsApplication *app = hs_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  ck_assert (g_application_register (G_APPLICATION (app), NULL, NULL));
  HsWindow *win = hs_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));

  guint n = 0;
  const HsShortcut *table = hs_shortcuts_get (&n);
  ck_assert_uint_gt (n, 30);
  /* what the issue and the brief name must be there */
  const char *const required[] = { "<Alt>1",
                                   "<Alt>7",
                                   "F9",
                                   "<Shift>s",
                                   "BackSpace",
                                   "F1",
                                   "F11",
                                   "<Ctrl>z",
                                   "<Ctrl><Shift>z",
                                   "<Ctrl>comma",
                                   "<Ctrl>question",
                                   "space",
                                   "s",
                                   "w",
                                   "r",
                                   "e",
                                   "i",
                                   NULL };
  for (const char *const *r = required; *r; r++)
    {
      gboolean in = FALSE;
      for (guint k = 0; k < n; k++)
        {
          char **accels = g_strsplit (table[k].accels, " ", -1);
          in |= g_strv_contains ((const char *const *)accels, *r);
          g_strfreev (accels);
        }
      ck_assert_msg (in, "%s is not in the table", *r);
    }

  /* no accelerator is set from anywhere but the table */
  char **described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (char **d = described; *d; d++)
    {
      gboolean in = FALSE;
      for (guint k = 0; k < n; k++)
        in |= table[k].kind == HS_SHORTCUT_ACCEL && g_str_equal (table[k].action, *d);
      ck_assert_msg (in, "%s has accelerators from outside the table", *d);
    }
  g_strfreev (described);
  GtkShortcutController *global = controller (GTK_WIDGET (win), "hs-window-shortcuts");
  GtkShortcutController *plain = controller (GTK_WIDGET (win), "hs-plain-keys");
  ck_assert (global != NULL && plain != NULL);
  ck_assert_int_eq (
      gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (plain)),
      GTK_PHASE_BUBBLE);

  GtkWindow *sw = hs_shortcuts_window_new (GTK_WINDOW (win));
  GPtrArray *shown = g_ptr_array_new ();
  collect (GTK_WIDGET (sw), GTK_TYPE_SHORTCUTS_SHORTCUT, shown);
  for (guint k = 0; k < n; k++)
    {
      const HsShortcut *e = &table[k];
      ck_assert (e->title != NULL && e->title[0] != '\0');
      ck_assert_uint_lt (e->section, hs_shortcuts_n_sections ());
      gboolean exists = action_exists (GTK_APPLICATION (app), win, e->action);
      ck_assert_msg (exists, "%s does not exist", e->action);
      char **accels = g_strsplit (e->accels, " ", -1);
      for (char **a = accels; *a; a++)
        {
          if (e->kind == HS_SHORTCUT_ACCEL)
            {
              char **set = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  e->action);
              guint key = 0, want_key = 0;
              GdkModifierType mods = 0, want_mods = 0;
              ck_assert (gtk_accelerator_parse (*a, &want_key, &want_mods));
              gboolean found = FALSE;
              for (char **s = set; *s; s++)
                {
                  ck_assert (gtk_accelerator_parse (*s, &key, &mods));
                  found |= key == want_key && mods == want_mods;
                }
              ck_assert_msg (found, "%s is not set for %s", *a, e->action);
              g_strfreev (set);
            }
          else
            ck_assert_msg (controller_has (e->kind == HS_SHORTCUT_PLAIN ? plain : global,
                                           *a, e->action),
                           "%s is not the window's key for %s", *a, e->action);
        }
      g_strfreev (accels);
      /* shown with its title and all of its keys, when its action exists */
      gboolean listed = FALSE;
      for (guint j = 0; j < shown->len; j++)
        {
          char *title = NULL, *accel = NULL;
          g_object_get (shown->pdata[j], "title", &title, "accelerator", &accel, NULL);
          listed |= g_strcmp0 (title, e->title) == 0 && g_strcmp0 (accel, e->accels) == 0;
          g_free (title);
          g_free (accel);
        }
      ck_assert_msg (listed == exists, "%s (%s) %s in the shortcuts window", e->title,
                     e->accels, listed ? "is" : "is not");
    }
  /* and nothing else: each shown shortcut is an entry of the table (the
   * window's search page shows each a second time) */
  for (guint j = 0; j < shown->len; j++)
    {
      char *title = NULL, *accel = NULL;
      g_object_get (shown->pdata[j], "title", &title, "accelerator", &accel, NULL);
      gboolean known = FALSE;
      for (guint k = 0; k < n; k++)
        known |= g_strcmp0 (title, table[k].title) == 0
                 && g_strcmp0 (accel, table[k].accels) == 0;
      ck_assert_msg (known, "%s (%s) is not in the table", title, accel);
      g_free (title);
      g_free (accel);
    }
  ck_assert_uint_ge (shown->len, n);
  g_ptr_array_free (shown, TRUE);

  /* app.shortcuts opens it over the window (Ctrl+question) */
  gtk_window_present (sw);
  settle (0.6);
  /* it fits a 1366x768 screen (and a 1024x768 one) */
  ck_assert_int_le (gtk_widget_get_width (GTK_WIDGET (sw)), 1024);
  ck_assert_int_le (gtk_widget_get_height (GTK_WIDGET (sw)), 700);
  shoot (GTK_WIDGET (sw), "shortcuts-files-and-editing.png");
  g_object_set (sw, "section-name", "recall", NULL);
  settle (0.4);
  shoot (GTK_WIDGET (sw), "shortcuts-training-recall-views.png");
  gtk_window_destroy (sw);
  char **for_key = gtk_application_get_actions_for_accel (GTK_APPLICATION (app),
                                                          "<Control>question");
  ck_assert (for_key[0] != NULL && g_str_equal (for_key[0], "app.shortcuts"));
  g_strfreev (for_key);
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  settle (0.3);
  gboolean open = FALSE;
  GListModel *tops = gtk_window_get_toplevels ();
  for (guint k = 0; k < g_list_model_get_n_items (tops); k++)
    {
      GtkWindow *w = g_list_model_get_item (tops, k);
      if (GTK_IS_SHORTCUTS_WINDOW (w)
          && gtk_window_get_transient_for (w) == GTK_WINDOW (win))
        {
          open = TRUE;
          gtk_window_destroy (w);
        }
      g_object_unref (w);
    }
  ck_assert (open);

  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  settle (0.2);
  g_object_unref (app);
}
END_TEST

/* ---- About ---- */

START_TEST (test_about)
{
  GtkWindow *w = hs_application_about_new (NULL);
  GtkAboutDialog *d = GTK_ABOUT_DIALOG (w);
  ck_assert_str_eq (gtk_about_dialog_get_version (d), PACKAGE_VERSION);
  ck_assert_int_eq (gtk_about_dialog_get_license_type (d), GTK_LICENSE_GPL_3_0);
  /* the website is the metainfo's homepage */
  char *meta = NULL;
  ck_assert (g_file_get_contents (METAINFO_IN, &meta, NULL, NULL));
  char *home = g_strdup_printf ("<url type=\"homepage\">%s</url>",
                                gtk_about_dialog_get_website (d));
  ck_assert_msg (strstr (meta, home) != NULL, "%s is not the metainfo's homepage",
                 gtk_about_dialog_get_website (d));
  g_free (home);
  g_free (meta);
  ck_assert_ptr_nonnull (gtk_about_dialog_get_authors (d)[0]);
  gtk_window_present (w);
  settle (0.5);
  shoot (GTK_WIDGET (w), "about.png");
  /* the credits name the paper's authors and its title (the page is
   * filled when it is shown) */
  GPtrArray *stacks = g_ptr_array_new ();
  collect (GTK_WIDGET (w), GTK_TYPE_STACK, stacks);
  for (guint k = 0; k < stacks->len; k++)
    if (gtk_stack_get_child_by_name (stacks->pdata[k], "credits") != NULL)
      gtk_stack_set_visible_child_name (stacks->pdata[k], "credits");
  g_ptr_array_free (stacks, TRUE);
  settle (1.0); /* after the cross-fade */
  shoot (GTK_WIDGET (w), "about-credits.png");
  GPtrArray *labels = g_ptr_array_new ();
  collect (GTK_WIDGET (w), GTK_TYPE_LABEL, labels);
  gboolean authors = FALSE, title = FALSE;
  for (guint k = 0; k < labels->len; k++)
    {
      const char *text = gtk_label_get_text (labels->pdata[k]);
      authors
          |= strstr (text, "Sohl-Dickstein") != NULL && strstr (text, "Hillar") != NULL;
      title |= strstr (text, "minimum probability flow") != NULL;
    }
  g_ptr_array_free (labels, TRUE);
  ck_assert_msg (authors && title, "the credits do not name the MPF paper");
  gtk_window_destroy (w);
  settle (0.1);
}
END_TEST

int
main (void)
{
  prefs_init ();
  TCase *tc = tcase_create ("shortcuts");
  tcase_add_test (tc, test_shortcuts_table_and_window);
  tcase_add_test (tc, test_about);
  return prefs_run (tc);
}
