/* GUI tests of the studio's charts and views: rendering, export, input. */
#include <check.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hs-energy-plot.h"
#include "hs-overlap-chart.h"

/* ---- pixels ---------------------------------------------------------- */

typedef struct
{
  double r, g, b, a;
} Px;

static Px
pixel (cairo_surface_t *s, int x, int y)
{
  const unsigned char *row
      = cairo_image_surface_get_data (s) + (size_t)y * cairo_image_surface_get_stride (s);
  guint32 v;
  memcpy (&v, row + 4 * x, 4);
  Px p = { 0, 0, 0, ((v >> 24) & 0xff) / 255.0 };
  if (p.a > 0)
    {
      p.r = ((v >> 16) & 0xff) / 255.0 / p.a;
      p.g = ((v >> 8) & 0xff) / 255.0 / p.a;
      p.b = (v & 0xff) / 255.0 / p.a;
    }
  return p;
}

static gboolean
reddish (Px p, double min_alpha)
{
  return p.a > min_alpha && p.r > 0.6 && p.g < 0.4 && p.b < 0.4;
}

/* Number of pixels that are not fully transparent. */
static int
count_painted (cairo_surface_t *s)
{
  cairo_surface_flush (s);
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s),
      n = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      n += pixel (s, x, y).a > 0.05;
  return n;
}

/* The first and last column (vertical) or row holding a run of reddish
 * pixels a third of the picture long: a frame's sides. */
static void
frame_lines (cairo_surface_t *s, gboolean vertical, int *first, int *last)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int lines = vertical ? w : h, length = vertical ? h : w;
  *first = *last = -1;
  for (int i = 0; i < lines; i++)
    {
      int run = 0, best = 0;
      for (int j = 0; j < length; j++)
        {
          Px p = vertical ? pixel (s, i, j) : pixel (s, j, i);
          run = reddish (p, 0.1) ? run + 1 : 0;
          best = MAX (best, run);
        }
      if (best >= length / 3)
        {
          if (*first < 0)
            *first = i;
          *last = i;
        }
    }
}

/* A widget in a window (never shown), coloured by a CSS rule. */
static GtkWidget *
in_window (GtkWidget *widget, const char *css)
{
  GtkWidget *win = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (win), widget);
  if (css)
    {
      GtkCssProvider *provider = gtk_css_provider_new ();
      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_USER + 10);
      g_object_unref (provider);
    }
  return win;
}

/* ---- the recall charts (issue 8: Pango text, labels clear of the frame) -- */

START_TEST (test_energy_labels_clear_of_frame)
{
  /* Text and frame take the widget's colour (red here); the data line is
   * blue. Find the frame as the long red vertical runs, then no strong
   * red pixel (a glyph) may lie inside it: "-1.131e+04" used to cross it. */
  GtkWidget *plot = hs_energy_plot_new ();
  GtkWidget *win = in_window (plot, "energyplot { color: #ff0000; }");
  for (int k = 0; k <= 200; k++)
    hs_energy_plot_add (HS_ENERGY_PLOT (plot), k, -11310 + 300 * exp (-k / 30.0));
  const int w = 320, h = 140;
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);
  hs_energy_plot_draw (HS_ENERGY_PLOT (plot), cr, w, h);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  int left, right, top, bottom;
  frame_lines (s, true, &left, &right);
  frame_lines (s, false, &top, &bottom);
  ck_assert_msg (left >= 0 && right > left + 50 && bottom > top + 30, "no frame found");
  int inside = 0, outside = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        if (!reddish (pixel (s, x, y), 0.5))
          continue;
        if (x > left + 1 && x < right - 1 && y > top + 1 && y < bottom - 1)
          {
            inside++;
          }
        else if (x < left)
          outside++;
      }
  if (g_getenv ("HS_VIEWS_DUMP"))
    cairo_surface_write_to_png (s, g_getenv ("HS_VIEWS_DUMP"));
  ck_assert_msg (outside > 20, "no tick labels left of the frame");
  ck_assert_msg (inside == 0, "%d label pixels inside the frame (%d..%d x %d..%d)",
                 inside, left, right, top, bottom);
  cairo_surface_destroy (s);
  gtk_window_destroy (GTK_WINDOW (win));
}
END_TEST

START_TEST (test_charts_draw_empty_and_full)
{
  GtkWidget *plot = hs_energy_plot_new (), *chart = hs_overlap_chart_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), plot);
  gtk_box_append (GTK_BOX (box), chart);
  GtkWidget *win = in_window (box, NULL);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 140);
  cairo_t *cr = cairo_create (s);
  hs_energy_plot_draw (HS_ENERGY_PLOT (plot), cr, 320, 140);
  hs_overlap_chart_draw (HS_OVERLAP_CHART (chart), cr, 320, 140);
  cairo_destroy (cr);
  ck_assert_int_gt (count_painted (s), 100); /* the empty messages */
  cairo_surface_destroy (s);
  double overlaps[] = { 1, -0.5, 0.25, -1 };
  hs_overlap_chart_set (HS_OVERLAP_CHART (chart), overlaps, 4);
  s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 320, 140);
  cr = cairo_create (s);
  hs_overlap_chart_draw (HS_OVERLAP_CHART (chart), cr, 320, 140);
  cairo_destroy (cr);
  ck_assert_int_gt (count_painted (s), 2000); /* bars */
  cairo_surface_destroy (s);
  gtk_window_destroy (GTK_WINDOW (win));
}
END_TEST

int
main (void)
{
  gtk_init ();
  Suite *s = suite_create ("views");
  TCase *tc = tcase_create ("charts");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_energy_labels_clear_of_frame);
  tcase_add_test (tc, test_charts_draw_empty_and_full);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
