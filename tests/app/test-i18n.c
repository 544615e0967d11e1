/* GUI test: the studio in German, with the catalogue built into the build
 * directory (meson sets HS_LOCALEDIR=<build>/po, LANGUAGE=de and a UTF-8
 * locale; gettext ignores LANGUAGE under the "C" locale). The catalogue is
 * bound by hs_i18n_init, as main() does. Files go to a fresh temporary
 * directory. */
#include "config.h"

#include <check.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "hf-train.h"
#include "hs-i18n.h"
#include "hs-application.h"
#include "hs-help-window.h"
#include "gui-helpers.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = gui_tmpdir_new ("hs-i18n-XXXXXX");
}

static void
teardown (void)
{
  gui_tmpdir_remove (&tmpdir);
}

static gboolean
drawn (HsWindow *w)
{
  return gtk_widget_get_mapped (GTK_WIDGET (w))
         && gtk_widget_get_width (GTK_WIDGET (w)) > 100;
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
  ck_assert (gui_wait_for (drawn, win, 10));
  return win;
}

static void
close_window (HsWindow *win)
{
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Every label of a menu model, submenus and sections included. */
static void
menu_labels (GMenuModel *model, GPtrArray *out)
{
  for (int k = 0; k < g_menu_model_get_n_items (model); k++)
    {
      char *label = NULL;
      if (g_menu_model_get_item_attribute (model, k, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        g_ptr_array_add (out, label);
      GMenuLinkIter *links = g_menu_model_iterate_item_links (model, k);
      GMenuModel *link;
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          menu_labels (link, out);
          g_object_unref (link);
        }
      g_object_unref (links);
    }
}

/* The texts of every label and button under widget, and the labels of
 * every menu button's menu. */
static void
widget_texts (GtkWidget *widget, GPtrArray *out)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (out, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
  else if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_ptr_array_add (out, g_strdup (gtk_button_get_label (GTK_BUTTON (widget))));
  if (GTK_IS_MENU_BUTTON (widget)
      && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    menu_labels (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)), out);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c;
       c = gtk_widget_get_next_sibling (c))
    widget_texts (c, out);
}

static gboolean
has_text (GPtrArray *texts, const char *text)
{
  for (guint k = 0; k < texts->len; k++)
    if (g_strcmp0 (g_ptr_array_index (texts, k), text) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_has (GPtrArray *texts, const char *german, const char *english)
{
  ck_assert_msg (has_text (texts, german), "no \"%s\" in the window (English \"%s\": %s)",
                 german, english, has_text (texts, english) ? "present" : "absent");
  ck_assert_msg (!has_text (texts, english), "\"%s\" is still in English", english);
}

START_TEST (test_locale_is_german)
{
  /* the environment the test needs: not the C locale, German first */
  const char *messages = setlocale (LC_MESSAGES, NULL);
  ck_assert_msg (messages != NULL && strcmp (messages, "C") != 0
                     && strcmp (messages, "POSIX"),
                 "LC_MESSAGES is %s: gettext ignores LANGUAGE there", messages);
  ck_assert_str_eq (g_getenv ("LANGUAGE"), "de");
  ck_assert_str_eq (hs_i18n_localedir (), g_getenv ("HS_LOCALEDIR"));
  ck_assert_str_eq (_ ("Hopfield Studio Guide"), "Anleitung zu Hopfield Studio");
  /* engine strings: HF_N_ tables and the formats' messages */
  ck_assert_str_eq (_ (hf_rule_info (HF_RULE_STORKEY)->label), "Storkey (1997)");
  ck_assert_str_eq (_ (hf_rule_info (HF_RULE_PSEUDOINVERSE)->label),
                    "Pseudoinverse (Projektion)");
  HfError err;
  hf_train_options_check (&(HfTrainOptions){ .rule = HF_RULE_COUNT }, &err);
  ck_assert_msg (g_str_has_prefix (err.message, "unbekannte Lernregel"), "%s",
                 err.message);
}
END_TEST

START_TEST (test_window_in_german)
{
  HsWindow *win = new_window ();
  /* the title */
  ck_assert_str_eq (gtk_window_get_title (GTK_WINDOW (win)),
                    "Unbenannte Lektion — Hopfield Studio");
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  widget_texts (GTK_WIDGET (win), texts);
  /* menu items (the main menu and the view menu) */
  assert_has (texts, "_Öffnen…", "_Open…");
  assert_has (texts, "Sitzung speichern _unter…", "Save Session _As…");
  assert_has (texts, "_Beenden", "_Quit");
  assert_has (texts, "Ziffern, 16×16", "Digits, 16×16");
  assert_has (texts, "_Muster und Training zeigen", "Show _Patterns and Training");
  /* buttons, headings and the rule's description from the engine's table */
  assert_has (texts, "_Trainieren", "_Train");
  assert_has (texts, "_Verrauschen", "Co_rrupt");
  assert_has (texts, "_Schritt", "_Step");
  assert_has (texts, "Gespeicherte Muster", "Stored Patterns");
  assert_has (texts, "Schwellwerte lernen", "Learn thresholds");
  assert_has (texts, "Max. Iterationen", "Max. iterations");
  ck_assert_str_eq (gtk_label_get_text (win->train_panel->rule_description),
                    _ (hf_rule_info (HF_RULE_MPF)->description));
  ck_assert (g_str_has_prefix (gtk_label_get_text (win->train_panel->rule_description),
                               "Minimiert die konvexe MPF-Zielfunktion"));
  /* the probe line, with its plural */
  ck_assert_str_eq (gtk_label_get_text (win->probe_editor->probe_label),
                    "Testmuster: 51 von 256 Bits gekippt (Wurf 1)");
  g_ptr_array_unref (texts);

  /* the outcome: before training, and after a recall */
  ck_assert_str_eq (gtk_label_get_text (win->recall_panel->outcome_label),
                    "Trainieren Sie das Netz, um den Abruf zu starten (Strg+T)");
  run (win, "win.load-sample", g_variant_new_string ("digits-16"));
  HfSessionSettings s = *hs_document_get_settings (win->doc);
  s.rule = HF_RULE_PSEUDOINVERSE; /* stores the ten digits at once */
  hs_document_set_settings (win->doc, &s);
  run (win, "win.train", NULL);
  ck_assert (gui_wait_for (not_training, win, 60));
  ck_assert_ptr_nonnull (hs_document_get_network (win->doc));
  ck_assert_msg (g_str_has_prefix (gtk_label_get_text (win->train_panel->train_result),
                                   "Pseudoinverse (Projektion): 10 von 10 Mustern sind "
                                   "Fixpunkte ("),
                 "%s", gtk_label_get_text (win->train_panel->train_result));
  g_signal_emit_by_name (win->library_panel->flow, "child-activated",
                         gtk_flow_box_get_child_at_index (win->library_panel->flow, 1));
  run (win, "win.corrupt", NULL);
  run (win, "win.finish", NULL);
  ck_assert (gui_wait_for (gui_not_playing, win, 60));
  ck_assert_str_eq (gtk_label_get_text (win->recall_panel->outcome_label),
                    "✔ Muster 1 abgerufen");
  ck_assert (g_str_has_prefix (gtk_label_get_text (win->recall_panel->counter_label),
                               "Schritt "));
  const char *shots = g_getenv ("HS_SHOTS"); /* a screenshot for people to look at */
  if (shots != NULL)
    {
      GdkTexture *tex = gui_render (win);
      char *png = g_build_filename (shots, "de-recalled.png", NULL);
      ck_assert (tex != NULL && gdk_texture_save_to_png (tex, png));
      g_free (png);
      g_object_unref (tex);
    }
  close_window (win);
}
END_TEST

START_TEST (test_engine_errors_in_banner)
{
  HsWindow *win = new_window ();
  /* an engine (formats) message inside a message of the studio */
  char *path = g_build_filename (tmpdir, "kaputt.hfnet", NULL);
  ck_assert (g_file_set_contents (path, "\x89HFNET\r\n truncated", -1, NULL));
  GFile *file = g_file_new_for_path (path);
  hs_window_open_files (win, &file, 1);
  ck_assert (gui_wait_for (not_opening, win, 30));
  ck_assert (gtk_info_bar_get_revealed (win->banner));
  const char *msg = gtk_label_get_text (win->banner_label);
  ck_assert_msg (g_str_has_prefix (msg,
                                   "Fehler beim Öffnen von kaputt.hfnet: abgeschnittener "
                                   "Dateikopf ("),
                 "%s", msg);
  g_object_unref (file);
  g_free (path);
  /* an engine message with numbers: the pseudo-inverse on a duplicated
   * pattern (rank 10 of 11) */
  run (win, "win.load-sample", g_variant_new_string ("digits-16"));
  run (win, "win.duplicate-pattern", NULL);
  HfSessionSettings s = *hs_document_get_settings (win->doc);
  s.rule = HF_RULE_PSEUDOINVERSE;
  hs_document_set_settings (win->doc, &s);
  run (win, "win.train", NULL);
  ck_assert (gui_wait_for (not_training, win, 60));
  ck_assert (gtk_info_bar_get_revealed (win->banner));
  msg = gtk_label_get_text (win->banner_label);
  ck_assert_msg (g_str_has_prefix (msg,
                                   "Training fehlgeschlagen: die Muster sind linear "
                                   "abhängig (Rang 10 von 11): Die Pseudoinversen-Regel"),
                 "%s", msg);
  close_window (win);
  ck_assert (gui_wait_for (gui_no_workers, NULL, 60));
}
END_TEST

START_TEST (test_guide_in_german)
{
  GtkWidget *win = hs_help_window_new (NULL);
  char **titles = hs_help_window_get_titles (HS_HELP_WINDOW (win));
  ck_assert_uint_ge (g_strv_length (titles), 8);
  ck_assert_str_eq (titles[0], "Erste Schritte");
  ck_assert (g_strv_contains ((const char *const *)titles, "Die Energie"));
  ck_assert (g_strv_contains ((const char *const *)titles, "Die Lernregeln"));
  g_strfreev (titles);
  gtk_window_destroy (GTK_WINDOW (win));
}
END_TEST

/* A shipped lesson opens in German: its own title and notes
 * (NN.de.lesson), the notes' menu names those of the German studio. */
START_TEST (test_lesson_in_german)
{
  HsWindow *win = new_window ();
  hs_window_open_lesson (win, "03-spurious");
  ck_assert (gui_wait_for (not_opening, win, 30));
  gui_wait_for (NULL, NULL, 0.2);
  ck_assert_str_eq (hs_document_get_lesson_title (win->doc),
                    "Scheinzustände und Inverse");
  const char *notes = hs_document_get_notes (win->doc);
  ck_assert (notes != NULL && strstr (notes, "# Was zu zeigen ist") != NULL);
  ck_assert (strstr (notes, "Bild ▸ Invertieren") != NULL);
  close_window (win);
}
END_TEST

int
main (void)
{
  hs_i18n_init (); /* as main () does: locale, catalogue, engine messages */
  gtk_init ();
  g_resources_register (hs_get_resource ());
  Suite *s = suite_create ("i18n");
  TCase *tc = tcase_create ("german");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_locale_is_german);
  tcase_add_test (tc, test_window_in_german);
  tcase_add_test (tc, test_engine_errors_in_banner);
  tcase_add_test (tc, test_guide_in_german);
  tcase_add_test (tc, test_lesson_in_german);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
