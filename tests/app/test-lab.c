/* test-lab.c: the experiments lab (issue 10, "In the studio"). */
#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <string.h>

#include "hs-application.h"
#include "hs-lab-run.h"
#include "hs-lab-view-private.h"
#include "gui-helpers.h"

static GtkWidget *window;
static HsLabView *lab;

static void
setup (void)
{
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  lab = HS_LAB_VIEW (hs_lab_view_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (lab));
  gtk_window_present (GTK_WINDOW (window));
}

static void
teardown (void)
{
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
on_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  (void)source;
  *(GAsyncResult **)data = g_object_ref (result);
}

static gboolean
wake (gpointer data)
{
  (void)data;
  return G_SOURCE_CONTINUE;
}

/* Turns the main loop until the lab is idle (or rows_done >= rows when
 * rows > 0) or the time is up. */
static void
wait_lab (gsize rows, double seconds)
{
  guint id = g_timeout_add (10, wake, NULL);
  gint64 end = g_get_monotonic_time () + (gint64)(seconds * 1e6);
  while (g_get_monotonic_time () < end
         && (rows > 0 ? hs_lab_view_rows_done (lab) < rows : hs_lab_view_is_busy (lab)))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* The lab's drawing at 800 x 500. */
static cairo_surface_t *
render (void)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  cairo_t *cr = cairo_create (s);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  hs_lab_view_draw (lab, cr, 800, 500);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static long
pixels_differing (cairo_surface_t *a, cairo_surface_t *b)
{
  const uint32_t *pa = (const uint32_t *)(void *)cairo_image_surface_get_data (a),
                 *pb = (const uint32_t *)(void *)cairo_image_surface_get_data (b);
  long d = 0;
  for (int k = 0; k < 800 * 500; k++)
    d += pa[k] != pb[k];
  return d;
}

START_TEST (test_quick_capacity_fills_plot)
{
  hs_lab_view_set_kind (lab, HS_LAB_CAPACITY);
  hs_lab_view_set_quick (lab, TRUE);
  cairo_surface_t *before = render ();
  GError *error = NULL;
  ck_assert_msg (hs_lab_view_run (lab, &error), "%s", error ? error->message : "");
  ck_assert (hs_lab_view_is_busy (lab));
  wait_lab (0, 120);
  ck_assert (!hs_lab_view_is_busy (lab));
  ck_assert (hs_lab_view_has_result (lab));
  /* quick: 3 rules x 16 values of m */
  ck_assert_uint_eq (hs_lab_view_rows_done (lab), 48);
  cairo_surface_t *after = render ();
  long d = pixels_differing (before, after);
  ck_assert_msg (d > 2000, "the plot changed in only %ld pixels", d);
  cairo_surface_destroy (before);
  cairo_surface_destroy (after);

  /* the exported SVG is well-formed XML with a path per series; the CSV a row per m */
  g_autofree char *dir = g_dir_make_tmp ("test-lab-XXXXXX", NULL);
  ck_assert (dir != NULL);
  g_autofree char *svg = g_build_filename (dir, "plot.svg", NULL);
  g_autofree char *csv = g_build_filename (dir, "table.csv", NULL);
  ck_assert_msg (hs_lab_view_export (lab, svg, &error), "%s",
                 error ? error->message : "");
  ck_assert_msg (hs_lab_view_export_csv (lab, csv, &error), "%s",
                 error ? error->message : "");
  g_autofree char *text = NULL, *table = NULL;
  gsize len = 0;
  ck_assert (g_file_get_contents (svg, &text, &len, NULL));
  ck_assert (len > 1000);
  static const GMarkupParser parser = { 0 };
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  gboolean ok = g_markup_parse_context_parse (ctx, text, (gssize)len, &error)
                && g_markup_parse_context_end_parse (ctx, &error);
  g_markup_parse_context_free (ctx);
  ck_assert_msg (ok, "the SVG is not valid XML: %s", error ? error->message : "");
  ck_assert (strstr (text, "<svg") != NULL);
  ck_assert (g_file_get_contents (csv, &table, NULL, NULL));
  ck_assert (g_str_has_prefix (table, "m,fraction_stored,"));
  int lines = 0;
  for (const char *p = table; *p; p++)
    lines += *p == '\n';
  ck_assert_int_eq (lines, 49);
  ck_assert (strstr (table, ",mpf\n") != NULL);
  g_remove (svg);
  g_remove (csv);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_cancel_is_prompt)
{
  hs_lab_view_set_kind (lab, HS_LAB_CAPACITY);
  hs_lab_view_set_quick (lab, FALSE); /* the paper's sizes: minutes */
  GError *error = NULL;
  ck_assert (hs_lab_view_run (lab, &error));
  wait_lab (1, 60); /* the first row arrives and is drawn */
  ck_assert_uint_ge (hs_lab_view_rows_done (lab), 1);
  cairo_surface_destroy (render ());
  gint64 t0 = g_get_monotonic_time ();
  hs_lab_view_cancel (lab);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  double secs = (double)(g_get_monotonic_time () - t0) / 1e6;
  ck_assert_msg (secs < 1.0, "cancel took %.2f s", secs);
  ck_assert (!hs_lab_view_is_busy (lab));
  ck_assert (!hs_lab_view_has_result (lab));
  /* the worker itself stops at its next check, well before the run's minutes */
  guint id = g_timeout_add (10, wake, NULL);
  while (!hs_lab_view_workers_done () && g_get_monotonic_time () - t0 < 5000000)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  ck_assert_msg (hs_lab_view_workers_done (),
                 "the cancelled run's thread is still going");
  /* still usable: a quick run after it completes */
  hs_lab_view_set_quick (lab, TRUE);
  hs_lab_view_set_param (lab, LAB_P_MS, "4:16:4");
  ck_assert (hs_lab_view_run (lab, &error));
  wait_lab (0, 120);
  ck_assert (hs_lab_view_has_result (lab));
  ck_assert_uint_eq (hs_lab_view_rows_done (lab), 12);
}
END_TEST

START_TEST (test_bad_input)
{
  hs_lab_view_set_kind (lab, HS_LAB_DENOISE);
  hs_lab_view_set_param (lab, LAB_P_N, "lots");
  GError *error = NULL;
  ck_assert (!hs_lab_view_run (lab, &error));
  ck_assert (error != NULL && strstr (error->message, "2 to 4096") != NULL);
  g_clear_error (&error);
  hs_lab_view_set_param (lab, LAB_P_N, "16");
  hs_lab_view_set_param (lab, LAB_P_KS, "0:32:4"); /* more flips than bits */
  ck_assert (!hs_lab_view_run (lab, &error));
  g_clear_error (&error);
  hs_lab_view_set_param (lab, LAB_P_RULES, "mpf,nosuchrule");
  hs_lab_view_set_param (lab, LAB_P_KS, "0:8:4");
  ck_assert (!hs_lab_view_run (lab, &error));
  g_clear_error (&error);
  ck_assert (!hs_lab_view_is_busy (lab));
  ck_assert (!hs_lab_view_export (lab, "/nonexistent/x.svg", &error));
  g_clear_error (&error);
}
END_TEST

static void
on_image (HsLabView *view, const int8_t *state, guint width, guint height, gpointer data)
{
  (void)view;
  guint *got = data;
  got[0] = width;
  got[1] = height;
  got[2] = state != NULL && (state[0] == 1 || state[0] == -1);
}

START_TEST (test_images_grid)
{
  hs_lab_view_set_kind (lab, HS_LAB_IMAGES);
  hs_lab_view_set_quick (lab, TRUE);
  hs_lab_view_set_param (lab, LAB_P_IMAGES, "2");
  hs_lab_view_set_param (lab, LAB_P_STEPS, "3");
  hs_lab_view_set_param (lab, LAB_P_RULES, "mpf,hebbian");
  GError *error = NULL;
  ck_assert (hs_lab_view_run (lab, &error));
  wait_lab (0, 300);
  ck_assert (hs_lab_view_has_result (lab));
  guint got[3] = { 0 };
  g_signal_connect (lab, "image-activated", G_CALLBACK (on_image), got);
  ck_assert (!hs_lab_view_activate_at (lab, 2, 2)); /* the title */
  /* the probe panel of the first image: x past the first panel, y under the header */
  ck_assert (hs_lab_view_activate_at (lab, 8 + 66 + 20, 54 + 14 + 20));
  ck_assert_uint_eq (got[0], 64);
  ck_assert_uint_eq (got[1], 64);
  ck_assert_uint_eq (got[2], 1);
}
END_TEST

/* The window's Lab page (Alt+7): a Fig. 1 panel goes onto the canvas, the
 * grid following it while the library is empty; with patterns of another
 * size the document is left alone. */
START_TEST (test_window_lab_page)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (win), "win.view",
                                                 g_variant_new_string ("lab")));
  ck_assert_str_eq (hs_window_get_view_name (win), "lab");
  GtkWidget *view = hs_window_get_view (win, "lab");
  ck_assert (HS_IS_LAB_VIEW (view));
  hs_document_clear_patterns (win->doc);
  int8_t *img = g_new (int8_t, 64 * 64);
  for (int k = 0; k < 64 * 64; k++)
    img[k] = (k / 64 + k % 64) % 3 == 0 ? 1 : -1;
  g_signal_emit_by_name (view, "image-activated", img, 64u, 64u);
  ck_assert_uint_eq (hs_document_get_width (win->doc), 64);
  ck_assert_uint_eq (hs_document_get_height (win->doc), 64);
  ck_assert (memcmp (hs_document_get_probe (win->doc), img, 64 * 64) == 0);
  ck_assert_str_eq (hs_window_get_view_name (win), "canvas");
  /* a library on another grid stays as it is */
  ck_assert (hs_document_set_grid (win->doc, 8, 8, NULL));
  int8_t cells[64];
  memset (cells, 1, sizeof cells);
  ck_assert (hs_document_append_pattern (win->doc, cells, NULL));
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (win), "win.view",
                                                 g_variant_new_string ("lab")));
  g_signal_emit_by_name (view, "image-activated", img, 64u, 64u);
  ck_assert_uint_eq (hs_document_get_width (win->doc), 8);
  ck_assert_uint_eq (hs_document_get_n_patterns (win->doc), 1);
  ck_assert_str_eq (hs_window_get_view_name (win), "lab");
  g_free (img);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
END_TEST

static HsLabView *
window_lab (HsWindow *win)
{
  return HS_LAB_VIEW (hs_window_get_view (win, "lab"));
}

static gboolean
lab_idle (HsWindow *win)
{
  return !hs_lab_view_is_busy (window_lab (win));
}

static gboolean
has_two_results (HsWindow *win)
{
  return hs_document_get_n_results (win->doc) == 2;
}

/* The view's drawing at 900 x 600 (a chart, or the Fig. 1 grid). */
static cairo_surface_t *
render_view (HsLabView *view)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 600);
  cairo_t *cr = cairo_create (s);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  hs_lab_view_draw (view, cr, 900, 600);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

static long
differing (cairo_surface_t *a, cairo_surface_t *b)
{
  const uint32_t *pa = (const uint32_t *)(void *)cairo_image_surface_get_data (a),
                 *pb = (const uint32_t *)(void *)cairo_image_surface_get_data (b);
  long d = 0;
  for (int k = 0; k < 900 * 600; k++)
    d += pa[k] != pb[k];
  return d;
}

static char *
export_csv (HsLabView *view, const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GError *error = NULL;
  ck_assert_msg (hs_lab_view_export_csv (view, path, &error), "%s",
                 error ? error->message : "");
  char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  g_remove (path);
  return text;
}

static HsWindow *
lab_window (void)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gtk_widget_activate_action_variant (GTK_WIDGET (win), "win.view",
                                                 g_variant_new_string ("lab")));
  return win;
}

/* Results kept in the session: a quick capacity run and a small Fig. 1 are
 * kept, the session saved and opened in a new window, whose Lab lists them
 * and shows each as it was (the same pixels, the same CSV), without
 * running anything. */
START_TEST (test_kept_results_survive_a_save)
{
  HsWindow *win = lab_window ();
  HsLabView *view = window_lab (win);
  GError *error = NULL;
  ck_assert (!hs_lab_view_keep (view, "nothing yet", &error)); /* no run */
  g_clear_error (&error);
  hs_lab_view_set_kind (view, HS_LAB_CAPACITY);
  hs_lab_view_set_quick (view, TRUE);
  hs_lab_view_set_param (view, LAB_P_MS, "4:24:4");
  hs_lab_view_set_param (view, LAB_P_TRIALS, "2");
  ck_assert (hs_lab_view_run (view, &error));
  ck_assert (!hs_lab_view_keep (view, "running", &error)); /* not finished */
  g_clear_error (&error);
  gui_wait_for (lab_idle, win, 120);
  ck_assert (hs_lab_view_has_result (view));
  hs_document_set_modified (win->doc, FALSE);
  ck_assert_msg (hs_lab_view_keep (view, "Before the break", &error), "%s",
                 error ? error->message : "");
  ck_assert (hs_document_get_modified (win->doc));
  ck_assert (!hs_lab_view_keep (view, "twice", &error)); /* kept already */
  g_clear_error (&error);
  cairo_surface_t *chart = render_view (view);
  g_autofree char *dir = gui_tmpdir_new ("test-lab-kept-XXXXXX");
  g_autofree char *csv = export_csv (view, dir, "fresh.csv");
  /* Fig. 1 at a tiny size: its grid is kept too */
  hs_lab_view_set_kind (view, HS_LAB_IMAGES);
  hs_lab_view_set_param (view, LAB_P_IMAGES, "2");
  hs_lab_view_set_param (view, LAB_P_STEPS, "3");
  hs_lab_view_set_param (view, LAB_P_RULES, "mpf,hebbian");
  ck_assert (hs_lab_view_run (view, &error));
  gui_wait_for (lab_idle, win, 300);
  ck_assert (hs_lab_view_has_result (view));
  ck_assert (hs_lab_view_keep (view, "", &error));
  cairo_surface_t *grid = render_view (view);
  g_autofree char *grid_csv = export_csv (view, dir, "grid.csv");
  ck_assert_uint_eq (hs_document_get_n_results (win->doc), 2);
  /* the first result comes back in this window too */
  ck_assert (hs_lab_view_show_kept (view, 0, &error));
  ck_assert (hs_lab_view_is_showing_kept (view));
  cairo_surface_t *again = render_view (view);
  ck_assert_int_eq (differing (chart, again), 0);
  cairo_surface_destroy (again);

  g_autofree char *path = g_build_filename (dir, "kept.hfsession", NULL);
  GFile *file = g_file_new_for_path (path);
  GAsyncResult *res = NULL;
  hs_document_save_async (win->doc, file, NULL, on_saved, &res);
  while (res == NULL)
    g_main_context_iteration (NULL, TRUE);
  ck_assert (hs_document_save_finish (win->doc, res, &error));
  g_clear_object (&res);

  HsWindow *other = lab_window ();
  hs_window_open_files (other, &file, 1);
  ck_assert (gui_wait_for (has_two_results, other, 60));
  ck_assert (!hs_document_get_modified (other->doc));
  HsLabView *view2 = window_lab (other);
  ck_assert (!hs_lab_view_is_showing_kept (view2));
  /* choosing it in the list shows it */
  GtkDropDown *list = GTK_DROP_DOWN (view2->kept_dropdown);
  ck_assert_uint_eq (g_list_model_get_n_items (gtk_drop_down_get_model (list)), 2);
  ck_assert_uint_eq (gtk_drop_down_get_selected (list), 0);
  ck_assert (!hs_lab_view_is_showing_kept (view2)); /* opening shows nothing yet */
  gtk_drop_down_set_selected (list, 1);
  ck_assert (hs_lab_view_is_showing_kept (view2));
  ck_assert_uint_eq (hs_lab_view_rows_done (view2), 1); /* the Fig. 1 result */
  gtk_drop_down_set_selected (list, 0);
  ck_assert_uint_eq (hs_lab_view_rows_done (view2), 3 * 6);
  cairo_surface_t *chart2 = render_view (view2);
  ck_assert_int_eq (differing (chart, chart2), 0);
  g_autofree char *csv2 = export_csv (view2, dir, "kept.csv");
  ck_assert_str_eq (csv, csv2);
  ck_assert (hs_lab_view_show_kept (view2, 1, &error));
  cairo_surface_t *grid2 = render_view (view2);
  ck_assert_int_eq (differing (grid, grid2), 0);
  g_autofree char *grid_csv2 = export_csv (view2, dir, "kept-grid.csv");
  ck_assert_str_eq (grid_csv, grid_csv2);
  /* showing a kept result keeps nothing new; deleting one is a change */
  ck_assert (!hs_lab_view_keep (view2, "again", &error));
  g_clear_error (&error);
  hs_lab_view_delete_kept (view2, 0);
  ck_assert_uint_eq (hs_document_get_n_results (other->doc), 1);
  ck_assert (hs_document_get_modified (other->doc));
  ck_assert (!hs_lab_view_show_kept (view2, 1, &error)); /* gone */
  g_clear_error (&error);
  cairo_surface_destroy (chart);
  cairo_surface_destroy (chart2);
  cairo_surface_destroy (grid);
  cairo_surface_destroy (grid2);
  g_object_unref (file);
  gui_tmpdir_remove (&dir);
  hs_document_set_modified (win->doc, FALSE);
  hs_document_set_modified (other->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  gtk_window_destroy (GTK_WINDOW (other));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
END_TEST

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  gtk_init ();
  hs_application_register_resources ();
  Suite *s = suite_create ("lab");
  TCase *tc = tcase_create ("lab");
  tcase_set_timeout (tc, 600);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_quick_capacity_fills_plot);
  tcase_add_test (tc, test_cancel_is_prompt);
  tcase_add_test (tc, test_bad_input);
  tcase_add_test (tc, test_images_grid);
  tcase_add_test (tc, test_window_lab_page);
  tcase_add_test (tc, test_kept_results_survive_a_save);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  /* a cancelled run's thread ends before the process does (OpenBLAS) */
  guint id = g_timeout_add (10, wake, NULL);
  while (!hs_lab_view_workers_done ())
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return failed == 0 ? 0 : 1;
}
