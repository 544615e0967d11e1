/* test-plot.c: ticks, tick labels, axes layout and export of the plot library. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "hp-basins.h"
#include "hp-colorbar.h"
#include "hp-draw.h"
#include "hp-landscape.h"
#include "hp-plane.h"
#include "hp-weights.h"

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

/* A random symmetric network on a width x height grid (seeded). */
static HfNetwork *
random_net (size_t width, size_t height, guint32 seed)
{
  HfError err = { 0 };
  HfNetwork *net = hf_network_new (width, height, &err);
  ck_assert_ptr_nonnull (net);
  GRand *r = g_rand_new_with_seed (seed);
  size_t n = net->n;
  for (size_t i = 0; i < n; i++)
    {
      net->theta[i] = (float)g_rand_double_range (r, -0.2, 0.2);
      for (size_t j = i + 1; j < n; j++)
        net->J[i * n + j] = net->J[j * n + i] = (float)g_rand_double_range (r, -1, 1);
    }
  g_rand_free (r);
  return net;
}

START_TEST (test_tree_pruned)
{
  /* random couplings give many minima: the tree keeps the largest basins,
   * every leaf a distinct minimum, and every state can be placed */
  HfNetwork *net = random_net (4, 4, 17);
  HfLandscapeOptions o;
  hf_landscape_options_init (&o);
  HfError err = { 0 };
  HfLandscape *ls = hf_landscape_new (net, NULL, &o, &err);
  ck_assert_ptr_nonnull (ls);
  ck_assert_int_eq (hf_landscape_run (ls, &err), HF_OK);
  size_t m = 0;
  const HfTreeMinimum *minima = hf_landscape_minima (ls, &m);
  ck_assert_int_ge (m, 4);
  HpStyle st;
  hp_style_init (&st, HP_SCHEME_LIGHT);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 400);
  cairo_t *cr = cairo_create (s);
  cairo_surface_t *space = hp_landscape_space_image (ls, 512);
  ck_assert_ptr_nonnull (space);
  const size_t keeps[] = { 1, 2, m / 2, m - 1, m, m + 1 };
  for (size_t q = 0; q < G_N_ELEMENTS (keeps); q++)
    {
      size_t keep = keeps[q];
      HpTree *tree = hp_tree_new (ls, keep);
      ck_assert_ptr_nonnull (tree);
      size_t leaves = hp_tree_leaves (tree);
      ck_assert_int_eq (leaves, keep < m ? keep : m);
      bool *seen = g_new0 (bool, m);
      uint64_t smallest_kept = UINT64_MAX;
      for (size_t k = 0; k < leaves; k++)
        {
          size_t mi = hp_tree_leaf_minimum (tree, k);
          ck_assert (mi < m && !seen[mi]);
          seen[mi] = true;
          smallest_kept = MIN (smallest_kept, minima[mi].basin);
        }
      for (size_t k = 0; k < m; k++)
        if (!seen[k])
          ck_assert_uint_le (minima[k].basin, smallest_kept);
      g_free (seen);
      for (long state = 0; state < (1 << 16); state += 97)
        hp_landscape_draw (cr, &st, (HpRect){ 0, 0, 800, 400 }, ls, tree, NULL, 4, 4,
                           state);
      HpLandscapeLayout lay = hp_landscape_draw (cr, &st, (HpRect){ 0, 0, 800, 400 }, ls,
                                                 tree, NULL, 4, 4, -1);
      ck_assert (lay.tree.width > 100 && lay.space.width > 50);
      ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
      hp_tree_free (tree);
    }
  cairo_surface_destroy (space);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  hf_landscape_free (ls);
  hf_network_free (net);
}
END_TEST

START_TEST (test_views_draw_any_size)
{
  /* the renderers accept tiny and odd areas without failing */
  HfNetwork *net = random_net (3, 2, 5);
  HpStyle st;
  hp_style_init (&st, HP_SCHEME_DARK);
  HfBasinRadiusResult br[3]
      = { { 2, 0.95, 0.5, 3 }, { -1, 1, -0.2, 1 }, { 0, 0.9, 0.1, 2 } };
  HfPlaneCell cells[9];
  for (int k = 0; k < 9; k++)
    cells[k] = (HfPlaneCell){
      -1 + (k / 3), -1 + (k % 3),  0,   0, k == 4 ? 0 : 3, k == 4 ? NAN : -k,
      0.1,          0.2 * (k % 2), -0.1
    };
  static const int sizes[][2] = { { 1, 1 }, { 40, 30 }, { 130, 125 }, { 640, 360 } };
  for (int k = 0; k < 4; k++)
    {
      int w = sizes[k][0], h = sizes[k][1];
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
      cairo_t *cr = cairo_create (s);
      HpRect r = { 0, 0, w, h };
      hp_weights_draw (cr, &st, r, net, NULL, 2);
      hp_basins_draw (cr, &st, r, br, 3, 6, 0.9);
      double trail[] = { 0.5, 0.5, 1, 1 };
      hp_plane_draw (cr, &st, r, cells, 3, 0, 1, trail, 2);
      ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
  hf_network_free (net);
}
END_TEST

/* The last column of surface s with any ink (alpha > 0), or -1. */
static int
last_inked_column (cairo_surface_t *s)
{
  cairo_surface_flush (s);
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  int stride = cairo_image_surface_get_stride (s);
  const unsigned char *data = cairo_image_surface_get_data (s);
  int last = -1;
  for (int y = 0; y < h; y++)
    {
      const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
      for (int x = last + 1; x < w; x++)
        if (row[x] >> 24)
          last = x;
    }
  return last;
}

START_TEST (test_narrow_views_keep_text_inside)
{
  /* a narrow view (1024 px wide with both side panels: about 300 px) is
   * drawn into the left 300 px of a wider surface: nothing is drawn right
   * of it, as text cut at the view's edge would be. The titles wrap, the
   * landscape's state space goes below its tree. */
  const int narrow = 300, wide = 900, height = 600;
  HpStyle st;
  hp_style_init (&st, HP_SCHEME_LIGHT);
  HfBasinRadiusResult br[3]
      = { { 2, 0.95, 0.5, 3 }, { -1, 1, -0.2, 1 }, { 0, 0.9, 0.1, 2 } };
  HfNetwork *net = random_net (4, 4, 17);
  HfLandscapeOptions o;
  hf_landscape_options_init (&o);
  HfError err = { 0 };
  HfLandscape *ls = hf_landscape_new (net, NULL, &o, &err);
  ck_assert_ptr_nonnull (ls);
  ck_assert_int_eq (hf_landscape_run (ls, &err), HF_OK);
  HpTree *tree = hp_tree_new (ls, 8);
  ck_assert_ptr_nonnull (tree);
  for (int what = 0; what < 3; what++)
    {
      cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, wide, height);
      cairo_t *cr = cairo_create (s);
      HpRect r = { 0, 0, narrow, height };
      if (what == 0)
        hp_basins_draw (cr, &st, r, br, 3, 1024, 0.9);
      else if (what == 1)
        hp_progress_draw (
            cr, &st, r,
            "Every state can be shown for grids of up to 25 neurons (5 × 5); "
            "this one has 256.",
            -1);
      else
        {
          HpLandscapeLayout lay = hp_landscape_draw (cr, &st, r, ls, tree, NULL, 4, 4, 3);
          ck_assert (lay.tree.width > 100 && lay.space.width > 50);
          ck_assert (lay.space.y > lay.tree.y); /* below the tree */
        }
      ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
      int last = last_inked_column (s);
      ck_assert_msg (last >= 0 && last < narrow,
                     "drawing %d reaches column %d of a %d px wide area", what, last,
                     narrow);
      cairo_destroy (cr);
      cairo_surface_destroy (s);
    }
  hp_tree_free (tree);
  hf_landscape_free (ls);
  hf_network_free (net);
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
  tcase_add_test (tc, test_tree_pruned);
  tcase_add_test (tc, test_views_draw_any_size);
  tcase_add_test (tc, test_narrow_views_keep_text_inside);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
