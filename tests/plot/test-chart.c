/* hp-chart: the SVG a chart writes is valid XML with one line per series
 * (one per rule), drawn in that series' colour, and a log axis copes with
 * zeros. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hp-chart.h"

/* cairo writes a colour as rgb(r%, g%, b%) with up to 6 significant
 * digits; compare the red percentage's leading digits. */
static bool
has_stroke_colour (const char *text, HpRgba c)
{
  char needle[64];
  snprintf (needle, sizeof needle, "stroke:rgb(%.0f", floor (c.r * 100.0));
  for (const char *p = strstr (text, needle); p; p = strstr (p + 1, needle))
    {
      double r, g, b;
      if (sscanf (p, "stroke:rgb(%lf%%,%lf%%,%lf%%)", &r, &g, &b) == 3
          && fabs (r - 100 * c.r) < 0.5 && fabs (g - 100 * c.g) < 0.5
          && fabs (b - 100 * c.b) < 0.5)
        return true;
    }
  return false;
}

START_TEST (test_chart_svg)
{
  char *dir = g_dir_make_tmp ("hp-chart-XXXXXX", NULL);
  ck_assert_ptr_nonnull (dir);
  char *svg = g_build_filename (dir, "fig2.svg", NULL);
  double x[5] = { 8, 16, 32, 64, 96 },
         y[3][5] = { { 1, 0.6, 0.1, 0, 0 }, { 1, 1, 1, 0.9, 0.2 }, { 1, 1, 1, 1, 0.4 } },
         e[5] = { 0, 0.1, 0.05, 0.1, 0.2 };
  HpSeries se[3] = { { "opr01", x, y[0], e, 5 },
                     { "perceptron", x, y[1], e, 5 },
                     { "mpf", x, y[2], NULL, 5 } };
  HpRefLine refs[2] = { { 0.138 * 64, true, "0.138 n" }, { 64, true, "m = n" } };
  HpChart chart = { "Fig. 2",
                    { 0, 0, false, "m", true },
                    { 0, 1, false, "stored", false },
                    se,
                    3,
                    refs,
                    2,
                    false };
  char msg[256];
  ck_assert_int_eq (hp_chart_export (svg, 600, 400, &chart, msg, sizeof msg), 0);
  char *cmd = g_strdup_printf ("xmllint --noout '%s'", svg);
  ck_assert_int_eq (system (cmd), 0);
  g_free (cmd);
  char *text = NULL;
  ck_assert (g_file_get_contents (svg, &text, NULL, NULL));
  /* One line per series: among the paths stroked 2 units wide (lines and
   * legend swatches), each series colour appears exactly twice. */
  HpStyle st;
  hp_style_init (&st, HP_SCHEME_LIGHT);
  int per_colour[4] = { 0 }, lines = 0;
  for (const char *p = strstr (text, "<path"); p; p = strstr (p + 1, "<path"))
    {
      const char *end = strchr (p, '>');
      ck_assert_ptr_nonnull (end);
      char *tag = g_strndup (p, (gsize)(end - p));
      if (strstr (tag, "stroke-width:2;") != NULL)
        {
          lines++;
          for (size_t k = 0; k < 4; k++)
            per_colour[k] += has_stroke_colour (tag, hp_style_series (&st, k));
        }
      g_free (tag);
    }
  for (size_t k = 0; k < 3; k++)
    ck_assert_msg (per_colour[k] == 2, "series %zu: %d lines", k, per_colour[k]);
  ck_assert_int_eq (per_colour[3], 0);
  ck_assert_int_eq (lines, 6);
  g_free (text);

  /* A log axis with zeros and a series of no points draws, and the PNG is whole. */
  double z[5] = { 0, 1e-4, 1e-3, 0, 1e-2 };
  HpSeries lse[2] = { { "zeros", x, z, e, 5 }, { "empty", x, z, NULL, 0 } };
  HpChart logc
      = { NULL, { 0, 0, true, "m", false }, { 0, 0, true, "s", false }, lse, 2, NULL, 0,
          true };
  char *png = g_build_filename (dir, "log.png", NULL);
  ck_assert_int_eq (hp_chart_export (png, 500, 300, &logc, msg, sizeof msg), 0);
  g_unlink (png);
  g_free (png);
  g_unlink (svg);
  g_rmdir (dir);
  g_free (svg);
  g_free (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("chart");
  TCase *tc = tcase_create ("chart");
  tcase_add_test (tc, test_chart_svg);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
