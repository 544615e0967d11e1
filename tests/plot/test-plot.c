/* test-plot.c: ticks, tick labels, axes layout and export of the plot library. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "hp-draw.h"

START_TEST (test_nice_ticks)
{
  double t[16];
  int n = hp_nice_ticks (0, 1, 6, false, t);
  ck_assert_int_eq (n, 6);
  ck_assert (fabs (t[0]) < 1e-12 && fabs (t[5] - 1) < 1e-12);
  ck_assert (fabs (t[1] - 0.2) < 1e-12);
  n = hp_nice_ticks (-11310, -9000, 5, false, t);
  ck_assert_int_ge (n, 2);
  for (int k = 0; k < n; k++)
    ck_assert (t[k] >= -11310 && t[k] <= -9000);
  n = hp_nice_ticks (1, 1000, 8, true, t);
  ck_assert_int_eq (n, 4);
  ck_assert (fabs (t[3] - 1000) < 1e-9);
  ck_assert_int_eq (hp_nice_ticks (0, 1, 8, true, t), 0); /* log needs lo > 0 */
  ck_assert_int_eq (hp_nice_ticks (2, 2, 5, false, t), 1);
}
END_TEST

START_TEST (test_format_tick)
{
  char buf[32];
  hp_format_tick (0.25, 0.05, buf, sizeof buf);
  ck_assert_str_eq (buf, "0.25");
  hp_format_tick (1500, 500, buf, sizeof buf);
  ck_assert_str_eq (buf, "1500");
  hp_format_tick (-2, 1, buf, sizeof buf);
  ck_assert_str_eq (buf, "\xe2\x88\x92"
                         "2");
}
END_TEST

static void
draw_axes (cairo_t *cr, int w, int h, void *data)
{
  HpStyle *st = data;
  HpAxis x = { 0, 100, false, "step", true },
         y = { -11310, -9000, false, "energy", false };
  HpRect r = hp_axes_draw (cr, st, (HpRect){ 0, 0, w, h }, &x, &y);
  ck_assert (r.x > 30 && r.width > 100 && r.height > 50);
  const char *labels[] = { "Hebbian", "MPF" };
  hp_legend_draw (cr, st, r, false, labels, 2);
}

START_TEST (test_axes_leave_room_for_labels)
{
  /* the plot area starts right of the widest y label at every scale */
  for (int scheme = 0; scheme <= HP_SCHEME_PROJECTOR; scheme++)
    {
      HpStyle st;
      hp_style_init (&st, scheme);
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 240);
      cairo_t *cr = cairo_create (s);
      HpAxis x = { 0, 100, false, NULL, true }, y = { -11310, -9000, false, NULL, false };
      HpRect r = hp_axes_draw (cr, &st, (HpRect){ 0, 0, 400, 240 }, &x, &y);
      double w;
      hp_text_extents (cr, &st, 0.9,
                       "\xe2\x88\x92"
                       "11000",
                       &w, NULL);
      ck_assert_msg (r.x >= w, "plot area at %g, label %g wide", r.x, w);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
}
END_TEST

START_TEST (test_export)
{
  HpStyle st;
  hp_style_init (&st, HP_SCHEME_LIGHT);
  char *dir = g_dir_make_tmp ("hp-plot-XXXXXX", NULL);
  ck_assert_ptr_nonnull (dir);
  char *svg = g_build_filename (dir, "a.svg", NULL);
  char *png = g_build_filename (dir, "a.png", NULL);
  char *bad = g_build_filename (dir, "a.txt", NULL);
  char msg[256];
  ck_assert_int_eq (hp_export (svg, 400, 240, &st, draw_axes, &st, msg, sizeof msg), 0);
  ck_assert_int_eq (hp_export (png, 400, 240, &st, draw_axes, &st, msg, sizeof msg), 0);
  ck_assert_int_eq (hp_export (bad, 400, 240, &st, draw_axes, &st, msg, sizeof msg), -1);
  ck_assert (strstr (msg, ".svg") != NULL);
  char *text = NULL;
  gsize len = 0;
  ck_assert (g_file_get_contents (svg, &text, &len, NULL));
  ck_assert (strstr (text, "<svg") != NULL && strstr (text, "</svg>") != NULL);
  g_free (text);
  cairo_surface_t *img = cairo_image_surface_create_from_png (png);
  ck_assert_int_eq (cairo_surface_status (img), CAIRO_STATUS_SUCCESS);
  ck_assert_int_eq (cairo_image_surface_get_width (img), 400);
  cairo_surface_destroy (img);
  /* no temporary file is left behind */
  GDir *d = g_dir_open (dir, 0, NULL);
  int files = 0;
  while (g_dir_read_name (d))
    files++;
  g_dir_close (d);
  ck_assert_int_eq (files, 2);
  g_unlink (svg);
  g_unlink (png);
  g_rmdir (dir);
  g_free (svg);
  g_free (png);
  g_free (bad);
  g_free (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("plot");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, test_nice_ticks);
  tcase_add_test (tc, test_format_tick);
  tcase_add_test (tc, test_axes_leave_room_for_labels);
  tcase_add_test (tc, test_export);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
