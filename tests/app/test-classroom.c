/* test-classroom.c: lesson notes become safe, formatted Pango markup and
 * show in their panel; the recall timeline seeks only when a person moves it. */
#include <check.h>
#include <gtk/gtk.h>
#include <string.h>

#include "hf-session.h"
#include "hs-application.h"
#include "hs-help-window.h"
#include "hs-notes.h"
#include "hs-timeline.h"

static gboolean
valid_markup (const char *markup)
{
  return pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL);
}

START_TEST (test_markup)
{
  char *m
      = hs_notes_to_markup ("# What to show\n- press *Play*\n- the **energy** falls\n\n"
                            "E = -1/2 s<J>s & more");
  ck_assert_msg (valid_markup (m), "%s", m);
  ck_assert_ptr_nonnull (strstr (m, "<b><big>What to show</big></b>"));
  ck_assert_ptr_nonnull (strstr (m, "\xe2\x80\xa2 press <i>Play</i>"));
  ck_assert_ptr_nonnull (strstr (m, "the <b>energy</b> falls"));
  ck_assert_ptr_nonnull (strstr (m, "s&lt;J&gt;s &amp; more"));
  /* a blank line separates paragraphs; a heading starts one */
  ck_assert_ptr_nonnull (strstr (m, "falls\n\nE ="));
  g_free (m);
  m = hs_notes_to_markup ("## Sub\nrun `hopfield info <f>` now");
  ck_assert_str_eq (m, "<b>Sub</b>\nrun <tt>hopfield info &lt;f&gt;</tt> now");
  g_free (m);
  /* stars that open nothing stay stars */
  m = hs_notes_to_markup ("2 * 3 = 6, a*b and *unclosed");
  ck_assert_str_eq (m, "2 * 3 = 6, a*b and *unclosed");
  g_free (m);
  m = hs_notes_to_markup (NULL);
  ck_assert_str_eq (m, "");
  g_free (m);
}
END_TEST

/* Any text at all gives valid markup (a seeded random walk over the
 * characters that matter). */
START_TEST (test_markup_always_valid)
{
  static const char alphabet[] = "*#- \n<>&`ab'\"\t\xc3\xa9";
  GRand *rand = g_rand_new_with_seed (5);
  for (int trial = 0; trial < 5000; trial++)
    {
      char text[48];
      int len = g_rand_int_range (rand, 0, (int)sizeof text - 1);
      for (int k = 0; k < len; k++)
        text[k] = alphabet[g_rand_int_range (rand, 0, (int)sizeof alphabet - 3)];
      text[len] = '\0';
      char *m = hs_notes_to_markup (text);
      ck_assert_msg (valid_markup (m), "notes \"%s\" gave \"%s\"", text, m);
      g_free (m);
    }
  g_rand_free (rand);
}
END_TEST

START_TEST (test_panel)
{
  GtkWidget *panel = g_object_ref_sink (hs_notes_panel_new ());
  hs_notes_panel_set_notes (HS_NOTES_PANEL (panel), "Spurious states",
                            "# Show\n- a *mixture*");
  ck_assert_ptr_nonnull (
      strstr (hs_notes_panel_get_markup (HS_NOTES_PANEL (panel)), "<i>mixture</i>"));
  hs_notes_panel_set_notes (HS_NOTES_PANEL (panel), NULL, NULL);
  ck_assert_ptr_nonnull (
      strstr (hs_notes_panel_get_markup (HS_NOTES_PANEL (panel)), "no notes"));
  g_object_unref (panel);
}
END_TEST

static void
on_seek (HsTimeline *timeline, guint64 step, gpointer data)
{
  guint64 *out = data;
  *out = step;
}

START_TEST (test_timeline)
{
  GtkWidget *tl = g_object_ref_sink (hs_timeline_new ());
  guint64 seen = G_MAXUINT64;
  g_signal_connect (tl, "seek", G_CALLBACK (on_seek), &seen);
  GtkRange *range = hs_timeline_get_range (HS_TIMELINE (tl));
  /* nothing recorded: nothing to scrub */
  ck_assert (!gtk_widget_get_sensitive (GTK_WIDGET (range)));
  /* set from code: no seek */
  hs_timeline_set (HS_TIMELINE (tl), 0, 1200, 1200);
  ck_assert_uint_eq (seen, G_MAXUINT64);
  ck_assert (gtk_widget_get_sensitive (GTK_WIDGET (range)));
  ck_assert_uint_eq (hs_timeline_get_position (HS_TIMELINE (tl)), 1200);
  /* moved as a person does (the keyboard's Left key is this signal) */
  g_signal_emit_by_name (range, "move-slider", GTK_SCROLL_STEP_LEFT);
  ck_assert_uint_eq (seen, 1199);
  gtk_range_set_value (range, 300.4);
  ck_assert_uint_eq (seen, 300);
  ck_assert_uint_eq (hs_timeline_get_position (HS_TIMELINE (tl)), 300);
  /* clamped to the recorded range */
  gtk_range_set_value (range, 5000);
  ck_assert_uint_eq (seen, 1200);
  guint64 steps[] = { 200 };
  const char *labels[] = { "T = 0.1" };
  hs_timeline_set_branches (HS_TIMELINE (tl), steps, labels, 1);
  g_object_unref (tl);
}
END_TEST

/* The guide opens with one page per chapter, each valid markup, and
 * explains the energy with its formula. */
START_TEST (test_guide)
{
  GtkWidget *win = hs_help_window_new (NULL);
  char **titles = hs_help_window_get_titles (HS_HELP_WINDOW (win));
  ck_assert_uint_ge (g_strv_length (titles), 8);
  ck_assert_str_eq (titles[0], "Getting started");
  ck_assert (g_strv_contains ((const char *const *)titles, "The energy"));
  ck_assert (g_strv_contains ((const char *const *)titles, "The learning rules"));
  g_strfreev (titles);
  ck_assert (hs_help_window_show_page (HS_HELP_WINDOW (win), "The energy"));
  ck_assert (!hs_help_window_show_page (HS_HELP_WINDOW (win), "No such page"));
  GBytes *guide = g_resources_lookup_data (
      "/org/hopfieldstudio/HopfieldStudio/help/guide.md", 0, NULL);
  ck_assert_ptr_nonnull (guide);
  char *text = g_strndup (g_bytes_get_data (guide, NULL), g_bytes_get_size (guide));
  char *markup = hs_notes_to_markup (text);
  ck_assert (valid_markup (markup));
  ck_assert_ptr_nonnull (strstr (markup, "E(s) = \xe2\x88\x92\xc2\xbd"));
  ck_assert_ptr_nonnull (strstr (markup, "never rise"));
  g_free (markup);
  g_free (text);
  g_bytes_unref (guide);
  gtk_window_destroy (GTK_WINDOW (win));
}
END_TEST

int
main (void)
{
  gtk_init ();
  g_resources_register (hs_get_resource ());
  Suite *s = suite_create ("classroom");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, test_markup);
  tcase_add_test (tc, test_markup_always_valid);
  tcase_add_test (tc, test_panel);
  tcase_add_test (tc, test_timeline);
  tcase_add_test (tc, test_guide);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
