/* prefs-helpers.h: what the GUI tests of the preferences (test-prefs.c) and
 * of the shortcuts window and About (test-shortcuts.c) share. */
#pragma once

#include <check.h>
#include <glib/gstdio.h>
#include <string.h>

#include "config.h"

#include "hs-application.h"
#include "hs-settings.h"

#include "gui-helpers.h"

static char *tmpdir;
static guint warnings; /* warnings and criticals logged, but D-Bus's */

/* Counts warnings and criticals, so that a test can require none: G_DEBUG=
 * fatal-warnings would also stop at GTK's "no session bus" under Xvfb. */
static inline GLogWriterOutput
count_warnings (GLogLevelFlags level, const GLogField *fields, gsize n, gpointer user)
{
  if (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
    {
      const char *message = "";
      for (gsize k = 0; k < n; k++)
        if (g_str_equal (fields[k].key, "MESSAGE") && fields[k].length < 0)
          message = fields[k].value;
      if (strstr (message, "session bus") == NULL && strstr (message, "dbus") == NULL)
        {
          warnings++;
          if (g_getenv ("HS_TRAP_WARNINGS") != NULL)
            G_BREAKPOINT ();
        }
    }
  return g_log_writer_default (level, fields, n, user);
}

static inline void
setup (void)
{
  tmpdir = gui_tmpdir_new ("hs-prefs-XXXXXX");
}

static inline void
teardown (void)
{
  gui_tmpdir_remove (&tmpdir);
}

static inline void
settle (double seconds)
{
  gui_wait_for (NULL, NULL, seconds);
}

static inline gboolean
drawn (HsWindow *w)
{
  return gtk_widget_get_mapped (GTK_WIDGET (w))
         && gtk_widget_get_width (GTK_WIDGET (w)) > 100;
}

static inline void
shoot (GtkWidget *widget, const char *name)
{
  const char *shots = g_getenv ("HS_SHOTS");
  GdkTexture *tex = gui_render_widget (widget);
  ck_assert_ptr_nonnull (tex);
  char *path = g_build_filename (tmpdir, name, NULL);
  ck_assert (gdk_texture_save_to_png (tex, path));
  g_free (path);
  if (shots != NULL && g_file_test (shots, G_FILE_TEST_IS_DIR))
    {
      path = g_build_filename (shots, name, NULL);
      gdk_texture_save_to_png (tex, path);
      g_free (path);
    }
  g_object_unref (tex);
}

static inline void
reset_settings (GSettings *settings)
{
  GSettingsSchema *schema = NULL;
  g_object_get (settings, "settings-schema", &schema, NULL);
  char **keys = g_settings_schema_list_keys (schema);
  for (char **k = keys; *k; k++)
    g_settings_reset (settings, *k);
  g_strfreev (keys);
  g_settings_schema_unref (schema);
  g_settings_set_boolean (settings, "tour-shown", TRUE);
}

static inline GtkWidget *
child (gpointer owner, GType type, const char *id)
{
  GObject *o = gtk_widget_get_template_child (GTK_WIDGET (owner), type, id);
  ck_assert_msg (o != NULL, "no %s", id);
  return GTK_WIDGET (o);
}

static inline void
collect (GtkWidget *w, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    g_ptr_array_add (out, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c;
       c = gtk_widget_get_next_sibling (c))
    collect (c, type, out);
}

/* Runs the test case's tests with the warning counter on; the exit status
 * of main. */
static inline int
prefs_run (TCase *tc)
{
  Suite *s = suite_create ("prefs");
  tcase_set_timeout (tc, 120);
  tcase_add_checked_fixture (tc, setup, teardown);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  if (warnings > 0)
    g_printerr ("%u warnings or criticals were logged\n", warnings);
  return failed == 0 && warnings == 0 ? 0 : 1;
}

static inline void
prefs_init (void)
{
  g_log_set_writer_func (count_warnings, NULL, NULL);
  gtk_init ();
  hs_application_register_resources ();
}
