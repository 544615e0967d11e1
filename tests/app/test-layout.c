/* GUI test: the studio at 1024x768 with the side panel shown. For every
 * view (Alt+1 ... Alt+7, and every experiment of the Lab): the window needs
 * no more than 1024 px, and the view fits the centre without scrolling
 * sideways (its minimum width is at most the width of the page that holds
 * it). The Preferences and Keyboard Shortcuts windows fit 1024x768.
 * meson runs it twice: in English (gui-layout) and in German (gui-layout-de,
 * the catalogue built into <build>/po). Screenshots go to HS_SHOTS when that
 * names a directory, in the light and the dark style. */
#include "config.h"

#include <check.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "hs-application.h"
#include "hs-i18n.h"
#include "hs-lab-run.h"
#include "hs-preferences.h"
#include "hs-settings.h"
#include "hs-shortcuts.h"
#include "hs-style.h"
#include "gui-helpers.h"

#define SCREEN_W 1024
#define SCREEN_H 768

static const char *const views[]
    = { "canvas", "landscape", "plane", "basins", "weights", "compare", "lab" };

/* GTK's warnings that a widget got less room than it needs ("attempt to
 * allocate ... with width -6"): none may come while the views are shown. */
static guint squeezed;

static GLogWriterOutput
count_squeezed (GLogLevelFlags level, const GLogField *fields, gsize n, gpointer user)
{
  for (gsize k = 0; k < n; k++)
    if (g_str_equal (fields[k].key, "MESSAGE") && fields[k].length < 0
        && (level & (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL))
        && strstr (fields[k].value, "attempt to allocate") != NULL)
      squeezed++;
  return g_log_writer_default (level, fields, n, user);
}

static gboolean
drawn (HsWindow *w)
{
  return gtk_widget_get_mapped (GTK_WIDGET (w))
         && gtk_widget_get_width (GTK_WIDGET (w)) > 100;
}

static void
settle (double seconds)
{
  gui_wait_for (NULL, NULL, seconds);
}

static const char *
language (void)
{
  const char *l = g_getenv ("LANGUAGE");
  return l != NULL && *l != '\0' ? l : "en";
}

static void
assert_not_squeezed (void)
{
  ck_assert_msg (squeezed == 0, "GTK allocated %u widget(s) less than they need (%s)",
                 squeezed, language ());
}

static void
shoot (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("HS_SHOTS");
  if (dir == NULL)
    return;
  GdkTexture *tex = gui_render_widget (widget);
  char *file = g_strdup_printf ("%s-%s.png", name, language ());
  char *png = g_build_filename (dir, file, NULL);
  ck_assert (tex != NULL && gdk_texture_save_to_png (tex, png));
  g_free (png);
  g_free (file);
  g_object_unref (tex);
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* With HS_LAYOUT_DEBUG set, a view too wide is printed with the minimum
 * width of each widget in it, to find the one that needs the room. */
static void
dump (GtkWidget *w, int depth)
{
  if (depth > 5)
    return;
  printf ("%*s%s %d\n", depth * 2, "", G_OBJECT_TYPE_NAME (w), min_width (w));
  for (GtkWidget *c = gtk_widget_get_first_child (w); c;
       c = gtk_widget_get_next_sibling (c))
    dump (c, depth + 1);
}

/* Whether the window and the view shown fit SCREEN_W; what does not is
 * added to cut. */
static void
check_fits (HsWindow *win, const char *view, const char *what, GString *cut)
{
  int need = min_width (GTK_WIDGET (win));
  if (need > SCREEN_W)
    g_string_append_printf (cut, "\n  %s: the window needs %d px", what, need);
  GtkWidget *page = hs_window_get_view (win, view);
  ck_assert_msg (page != NULL, "no view %s", view);
  GtkWidget *holder = gtk_widget_get_ancestor (page, GTK_TYPE_SCROLLED_WINDOW);
  int room = gtk_widget_get_width (holder != NULL ? holder : page);
  need = min_width (page);
  if (need > room && g_getenv ("HS_LAYOUT_DEBUG"))
    dump (page, 0);
  if (need > room)
    g_string_append_printf (cut, "\n  %s: the view needs %d px but has %d", what, need,
                            room);
}

static HsWindow *
new_window (void)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), SCREEN_W, SCREEN_H);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  return win;
}

static void
close_window (HsWindow *win)
{
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  ck_assert (gui_wait_for (gui_no_workers, NULL, 60));
}

static gboolean
trained (HsWindow *w)
{
  return gui_trained (w);
}

static void
walk_views (gboolean dark)
{
  hs_style_apply (dark ? HS_STYLE_DARK : HS_STYLE_LIGHT, FALSE, FALSE);
  HsWindow *win = new_window ();
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (win), "win.load-sample",
                                                 g_variant_new_string ("digits-16")));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.train", NULL));
  ck_assert (gui_wait_for (trained, win, 60));
  GVariant *shown
      = g_action_group_get_action_state (G_ACTION_GROUP (win), "show-library");
  ck_assert (g_variant_get_boolean (shown)); /* the side panel is open */
  g_variant_unref (shown);
  GString *cut = g_string_new (NULL);
  for (size_t k = 0; k < G_N_ELEMENTS (views); k++)
    {
      ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (win), "win.view",
                                                     g_variant_new_string (views[k])));
      settle (views[k][0] == 'c' && views[k][1] == 'o' ? 1.5 : 0.4);
      check_fits (win, views[k], views[k], cut);
      char *name = g_strdup_printf ("%s-1024x768%s", views[k], dark ? "-dark" : "");
      shoot (GTK_WIDGET (win), name);
      g_free (name);
    }
  /* every experiment of the Lab, quick and full: their parameters differ */
  HsLabView *lab = HS_LAB_VIEW (hs_window_get_view (win, "lab"));
  for (int kind = 0; kind < LAB_NKINDS; kind++)
    {
      hs_lab_view_set_kind (lab, (HsLabKind)kind);
      settle (0.2);
      char *what = g_strdup_printf ("lab, experiment %d", kind);
      check_fits (win, "lab", what, cut);
      g_free (what);
    }
  close_window (win);
  hs_style_apply (HS_STYLE_LIGHT, FALSE, FALSE);
  assert_not_squeezed ();
  ck_assert_msg (cut->len == 0, "cut on the right at %d px (%s):%s", SCREEN_W,
                 language (), cut->str);
  g_string_free (cut, TRUE);
}

START_TEST (test_views_fit_1024)
{
  walk_views (FALSE);
}
END_TEST

START_TEST (test_views_fit_1024_dark)
{
  walk_views (TRUE);
}
END_TEST

static gboolean
lesson_open (HsWindow *w)
{
  return !hs_window_is_opening (w) && hs_document_get_lesson_title (w->doc) != NULL;
}

/* The landscape and the plane of a 4x4 network (a lesson) drawn at
 * 1024 px: the views people look at in them, not only their messages. */
START_TEST (test_landscape_lesson_fits_1024)
{
  HsWindow *win = new_window ();
  hs_document_set_modified (win->doc, FALSE);
  g_action_group_activate_action (G_ACTION_GROUP (win), "open-lesson",
                                  g_variant_new_string ("07-landscape"));
  ck_assert (gui_wait_for (lesson_open, win, 30));
  GString *cut = g_string_new (NULL);
  for (const char *const *view = (const char *const[]){ "landscape", "plane", NULL };
       *view != NULL; view++)
    {
      ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (win), "win.view",
                                                     g_variant_new_string (*view)));
      settle (2.0); /* the map of every state is computed in the background */
      check_fits (win, *view, *view, cut);
      char *name = g_strdup_printf ("lesson-4x4-%s-1024x768", *view);
      shoot (GTK_WIDGET (win), name);
      g_free (name);
    }
  close_window (win);
  ck_assert_msg (cut->len == 0, "cut on the right at %d px (%s):%s", SCREEN_W,
                 language (), cut->str);
  g_string_free (cut, TRUE);
}
END_TEST

static HsLabView *the_lab;

static gboolean
lab_done (HsWindow *w)
{
  (void)w;
  return !hs_lab_view_is_busy (the_lab) && hs_lab_view_has_result (the_lab);
}

/* The Lab with a finished run (its plot and the export buttons) at
 * 1024x768, and the Lab and the comparison at 1366x768, side panel open. */
START_TEST (test_lab_result_and_1366)
{
  HsWindow *win = new_window ();
  GString *cut = g_string_new (NULL);
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (win), "win.view",
                                                 g_variant_new_string ("lab")));
  the_lab = HS_LAB_VIEW (hs_window_get_view (win, "lab"));
  hs_lab_view_set_kind (the_lab, HS_LAB_CAPACITY);
  hs_lab_view_set_quick (the_lab, TRUE);
  ck_assert (hs_lab_view_run (the_lab, NULL));
  ck_assert (gui_wait_for (lab_done, win, 120));
  settle (0.5);
  check_fits (win, "lab", "lab with a result", cut);
  shoot (GTK_WIDGET (win), "lab-result-1024x768");
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  settle (0.5);
  ck_assert_int_gt (gtk_widget_get_width (GTK_WIDGET (win)), 1300); /* less the frame */
  check_fits (win, "lab", "lab with a result at 1366", cut);
  shoot (GTK_WIDGET (win), "lab-result-1366x768");
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (win), "win.view",
                                                 g_variant_new_string ("compare")));
  settle (1.5);
  check_fits (win, "compare", "compare at 1366", cut);
  shoot (GTK_WIDGET (win), "compare-1366x768");
  close_window (win);
  assert_not_squeezed ();
  ck_assert_msg (cut->len == 0, "cut on the right (%s):%s", language (), cut->str);
  g_string_free (cut, TRUE);
}
END_TEST

/* Preferences and Keyboard Shortcuts over the window: they fit the screen. */
START_TEST (test_dialogs_fit_1024)
{
  HsWindow *win = new_window ();
  GSettings *settings = hs_settings_new ();
  ck_assert_msg (settings != NULL, "the schema is not found: GSETTINGS_SCHEMA_DIR?");
  GtkWindow *prefs = hs_preferences_new (GTK_WINDOW (win), settings);
  gtk_window_present (prefs);
  settle (0.6);
  ck_assert_int_le (min_width (GTK_WIDGET (prefs)), SCREEN_W);
  ck_assert_int_le (gtk_widget_get_width (GTK_WIDGET (prefs)), SCREEN_W);
  ck_assert_int_le (gtk_widget_get_height (GTK_WIDGET (prefs)), SCREEN_H);
  shoot (GTK_WIDGET (prefs), "preferences");
  gtk_window_destroy (prefs);
  GtkWindow *keys = hs_shortcuts_window_new (GTK_WINDOW (win));
  gtk_window_present (keys);
  settle (0.6);
  shoot (GTK_WIDGET (keys), "shortcuts");
  ck_assert_int_le (gtk_widget_get_width (GTK_WIDGET (keys)), SCREEN_W);
  ck_assert_int_le (gtk_widget_get_height (GTK_WIDGET (keys)), SCREEN_H);
  g_object_set (keys, "section-name", "recall", NULL);
  settle (0.4);
  ck_assert_int_le (gtk_widget_get_width (GTK_WIDGET (keys)), SCREEN_W);
  shoot (GTK_WIDGET (keys), "shortcuts-recall");
  gtk_window_destroy (keys);
  g_object_unref (settings);
  close_window (win);
}
END_TEST

int
main (void)
{
  hs_i18n_init (); /* as main () does: locale, catalogue, engine messages */
  g_log_set_writer_func (count_squeezed, NULL, NULL);
  gtk_init ();
  g_resources_register (hs_get_resource ());
  Suite *s = suite_create ("layout");
  TCase *tc = tcase_create ("1024x768");
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_views_fit_1024);
  tcase_add_test (tc, test_views_fit_1024_dark);
  tcase_add_test (tc, test_landscape_lesson_fits_1024);
  tcase_add_test (tc, test_lab_result_and_1366);
  tcase_add_test (tc, test_dialogs_fit_1024);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
