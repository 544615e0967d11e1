/* GUI tests of the studio's charts and views: rendering, export, input. */
#include <check.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "hf-network.h"
#include "hf-patterns.h"
#include "view-helpers.h"
#include "hp-weights.h"
#include "hs-energy-plot.h"
#include "hs-overlap-chart.h"
#include "hs-weights-view.h"
#include "hs-basins-view.h"
#include "hs-landscape-view.h"
#include "hs-plane-view.h"
#include "hp-landscape.h"

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

/* ---- weights ----------------------------------------------------------- */

START_TEST (test_weights_view)
{
  static const size_t sides[] = { 4, 64 };
  for (int k = 0; k < 2; k++)
    {
      size_t side = sides[k];
      HfPatterns *p;
      HfNetwork *net = hebbian (side, side, 3, 7, &p);
      GtkWidget *view = hs_weights_view_new ();
      GtkWidget *win = in_window (view, NULL);
      if (k == 1)
        gtk_widget_add_css_class (view, "hs-test-dark");
      GError *error = NULL;
      ck_assert (hs_weights_view_set_network (HS_WEIGHTS_VIEW (view), net, p, side, side,
                                              &error));
      /* a wrong grid is refused with a message */
      ck_assert (!hs_weights_view_set_network (HS_WEIGHTS_VIEW (view), net, p, side + 1,
                                               side, &error));
      ck_assert (error != NULL && strstr (error->message, "grid") != NULL);
      g_clear_error (&error);
      hs_weights_view_set_neuron (HS_WEIGHTS_VIEW (view), (long)(side * side / 2 + 1));
      cairo_surface_t *s = render ((ViewDraw)hs_weights_view_draw, view, 760, 360);
      ck_assert_int_gt (count_painted (s), 760 * 360 / 5);
      /* Hebbian weights take several values: several colours, not one */
      ck_assert_int_gt (count_colours (s), 20);
      cairo_surface_destroy (s);
      maybe_shot ((ViewExport)hs_weights_view_export, view,
                  k == 0 ? "weights-4x4-light.png" : "weights-64x64-dark.png");
      char *dir = temp_dir ();
      char *svg = g_build_filename (dir, "w.svg", NULL),
           *csv = g_build_filename (dir, "w.csv", NULL);
      ck_assert (hs_weights_view_export (HS_WEIGHTS_VIEW (view), svg, &error));
      assert_valid_xml (svg);
      if (side == 4)
        {
          ck_assert (hs_weights_view_export_csv (HS_WEIGHTS_VIEW (view), csv, &error));
          ck_assert_int_eq (count_lines (csv), 17);
        }
      g_free (svg);
      g_free (csv);
      remove_dir (dir);
      gtk_window_destroy (GTK_WINDOW (win));
      hf_network_free (net);
      hf_patterns_free (p);
    }
}
END_TEST

START_TEST (test_weights_hit_test)
{
  /* the row under the mouse names its neuron, on the matrix and the strip */
  HfPatterns *p;
  HfNetwork *net = hebbian (4, 4, 2, 3, &p);
  HpStyle style;
  hp_style_init (&style, HP_SCHEME_LIGHT);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 300);
  cairo_t *cr = cairo_create (s);
  HpWeightsLayout lay
      = hp_weights_draw (cr, &style, (HpRect){ 0, 0, 600, 300 }, net, NULL, 3);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
  ck_assert (lay.matrix.width > 100);
  for (long i = 0; i < 16; i++)
    {
      double y = lay.matrix.y + (i + 0.5) * lay.matrix.height / 16;
      ck_assert_int_eq (hp_weights_neuron_at (&lay, net, lay.matrix.x + 3, y), i);
      ck_assert_int_eq (hp_weights_neuron_at (&lay, net, lay.thresholds.x + 1, y), i);
    }
  ck_assert_int_eq (hp_weights_neuron_at (&lay, net, lay.matrix.x - 5, lay.matrix.y + 5),
                    -1);
  hf_network_free (net);
  hf_patterns_free (p);
}
END_TEST

/* ---- landscape --------------------------------------------------------- */

static HsLandscapeView *
landscape_for (HfNetwork *net, HfPatterns *p, GtkWidget **win, const char *css_class)
{
  GtkWidget *view = hs_landscape_view_new ();
  *win = in_window (view, NULL);
  if (css_class)
    gtk_widget_add_css_class (view, css_class);
  GError *error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  ck_assert (hs_landscape_view_set_network (HS_LANDSCAPE_VIEW (view), net, p, net->width,
                                            net->height, &error));
  ck_assert (hs_landscape_view_is_busy (HS_LANDSCAPE_VIEW (view)));
  ck_assert_msg (
      wait_idle ((gboolean (*) (gpointer))hs_landscape_view_is_busy, view, 240),
      "the landscape took too long");
  fprintf (stderr, "landscape n = %zu: %.2f s\n", net->n,
           (g_get_monotonic_time () - t0) / 1e6);
  ck_assert_ptr_nonnull (hs_landscape_view_get_landscape (HS_LANDSCAPE_VIEW (view)));
  return HS_LANDSCAPE_VIEW (view);
}

START_TEST (test_landscape_view)
{
  static const size_t sides[] = { 4, 5 };
  for (int k = 0; k < 2; k++)
    {
      HfPatterns *p;
      HfNetwork *net = hebbian (sides[k], sides[k], 3, 11, &p);
      GtkWidget *win;
      HsLandscapeView *view = landscape_for (net, p, &win, k ? "hs-test-dark" : NULL);
      int8_t *probe = g_memdup2 (hf_patterns_get (p, 1), net->n);
      probe[0] = -probe[0];
      probe[3] = -probe[3];
      hs_landscape_view_set_current_state (view, probe);
      cairo_surface_t *s = render ((ViewDraw)hs_landscape_view_draw, view, 900, 420);
      ck_assert_int_gt (count_painted (s), 900 * 420 / 20);
      ck_assert_int_gt (count_colours (s), 8);
      cairo_surface_destroy (s);
      maybe_shot ((ViewExport)hs_landscape_view_export, view,
                  k == 0 ? "landscape-4x4-light.png" : "landscape-5x5-dark.png");
      if (k == 0)
        maybe_window_shot (win, "landscape-widget-4x4.png");
      char *dir = temp_dir ();
      char *svg = g_build_filename (dir, "l.svg", NULL),
           *csv = g_build_filename (dir, "l.csv", NULL),
           *tree = g_build_filename (dir, "t.csv", NULL);
      GError *error = NULL;
      ck_assert (hs_landscape_view_export (view, svg, &error));
      assert_valid_xml (svg);
      size_t count = 0, minima = 0;
      hf_landscape_attractors (hs_landscape_view_get_landscape (view), &count);
      hf_landscape_minima (hs_landscape_view_get_landscape (view), &minima);
      ck_assert (hs_landscape_view_export_csv (view, csv, &error));
      ck_assert_int_eq (count_lines (csv), (int)count + 1);
      ck_assert (hs_landscape_view_export_tree_csv (view, tree, &error));
      ck_assert_int_eq (count_lines (tree), (int)minima); /* header + minima - 1 merges */
      g_free (svg);
      g_free (csv);
      g_free (tree);
      remove_dir (dir);
      g_free (probe);
      gtk_window_destroy (GTK_WINDOW (win));
      hf_network_free (net);
      hf_patterns_free (p);
    }
}
END_TEST

static int8_t activated[32];
static guint activated_n;

static void
on_activated (HsLandscapeView *view, gconstpointer state, guint n, gpointer data)
{
  memcpy (activated, state, n);
  activated_n = n;
}

static GtkGesture *
click_gesture (GtkWidget *widget)
{
  /* the drawing area is the view's first child and holds the click */
  GtkWidget *area = gtk_widget_get_first_child (widget);
  GListModel *list = gtk_widget_observe_controllers (area);
  GtkGesture *found = NULL;
  for (guint k = 0; k < g_list_model_get_n_items (list) && !found; k++)
    {
      GObject *c = g_list_model_get_item (list, k);
      if (GTK_IS_GESTURE_CLICK (c))
        found = GTK_GESTURE (c);
      g_object_unref (c);
    }
  g_object_unref (list);
  ck_assert_ptr_nonnull (found);
  return found;
}

START_TEST (test_landscape_click_leaf)
{
  /* a click on each leaf's thumbnail emits that minimum's state */
  HfPatterns *p;
  HfNetwork *net = hebbian (4, 4, 3, 5, &p);
  GtkWidget *win;
  HsLandscapeView *view = landscape_for (net, p, &win, NULL);
  g_signal_connect (view, "state-activated", G_CALLBACK (on_activated), NULL);
  cairo_surface_t *s = render ((ViewDraw)hs_landscape_view_draw, view, 900, 420);
  cairo_surface_destroy (s);
  const HpLandscapeLayout *lay = hs_landscape_view_get_layout (view);
  const HpTree *tree = hs_landscape_view_get_tree (view);
  const HfLandscape *ls = hs_landscape_view_get_landscape (view);
  size_t count = 0;
  const HfTreeMinimum *minima = hf_landscape_minima (ls, &count);
  size_t leaves = hp_tree_leaves (tree);
  ck_assert_int_ge (leaves, 2);
  GtkGesture *click = click_gesture (GTK_WIDGET (view));
  for (size_t leaf = 0; leaf < leaves; leaf++)
    {
      double x = lay->tree.x + (leaf + 0.5) * lay->tree.width / leaves;
      double y = lay->labels_bottom - 3;
      activated_n = 0;
      g_signal_emit_by_name (click, "pressed", 1, x, y);
      ck_assert_uint_eq (activated_n, 16);
      int8_t want[16];
      hf_landscape_state_values (minima[hp_tree_leaf_minimum (tree, leaf)].state, 16,
                                 want);
      ck_assert_msg (memcmp (activated, want, 16) == 0, "leaf %zu emitted another state",
                     leaf);
    }
  /* the keyboard: Right twice chooses the second leaf, Enter activates it */
  GtkWidget *area = gtk_widget_get_first_child (GTK_WIDGET (view));
  GListModel *list = gtk_widget_observe_controllers (area);
  GtkEventController *keys = NULL;
  for (guint k = 0; k < g_list_model_get_n_items (list); k++)
    {
      GObject *c = g_list_model_get_item (list, k);
      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        keys = GTK_EVENT_CONTROLLER (c);
      g_object_unref (c);
    }
  g_object_unref (list);
  ck_assert_ptr_nonnull (keys);
  gboolean handled = FALSE;
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
  activated_n = 0;
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  ck_assert (handled);
  ck_assert_uint_eq (activated_n, 16);
  int8_t second[16];
  hf_landscape_state_values (minima[hp_tree_leaf_minimum (tree, 1)].state, 16, second);
  ck_assert (memcmp (activated, second, 16) == 0);
  /* far left of the graph, above the leaves: nothing */
  activated_n = 0;
  g_signal_emit_by_name (click, "pressed", 1, 1.0, 1.0);
  ck_assert_uint_eq (activated_n, 0);
  gtk_window_destroy (GTK_WINDOW (win));
  hf_network_free (net);
  hf_patterns_free (p);
}
END_TEST

/* The attractor of s under the deterministic asynchronous dynamics (neuron
 * order, h = 0 turns off), computed here without the engine. */
static void
descend (const HfNetwork *net, int8_t *s)
{
  size_t n = net->n;
  for (int changed = 1; changed;)
    {
      changed = 0;
      for (size_t i = 0; i < n; i++)
        {
          double h = -net->theta[i];
          for (size_t j = 0; j < n; j++)
            h += net->J[i * n + j] * s[j];
          int8_t v = h > 0 ? 1 : -1;
          if (v != s[i])
            {
              s[i] = v;
              changed = 1;
            }
        }
    }
}

START_TEST (test_landscape_space_colours)
{
  /* 2 x 2 grid, one stored pattern: every pixel of the state space shows
   * the colour of the attractor its state descends to */
  HfError err = { 0 };
  HfPatterns *p = hf_patterns_new (2, 2, &err);
  const int8_t xi[4] = { 1, 1, -1, -1 };
  ck_assert_int_eq (hf_patterns_append (p, xi, &err), HF_OK);
  HfNetwork *net = hf_network_new (2, 2, &err);
  for (size_t i = 0; i < 4; i++)
    for (size_t j = 0; j < 4; j++)
      net->J[i * 4 + j] = i == j ? 0 : xi[i] * xi[j] / 4.0f;
  net->theta[0] = 0.1f; /* break the ties so the attractors are only +-xi */
  net->theta[1] = 0.1f;
  net->theta[2] = -0.1f;
  net->theta[3] = -0.1f;
  GtkWidget *win;
  HsLandscapeView *view = landscape_for (net, p, &win, NULL);
  const HfLandscape *ls = hs_landscape_view_get_landscape (view);
  size_t count = 0;
  const HfAttractor *at = hf_landscape_attractors (ls, &count);
  cairo_surface_t *img = hp_landscape_space_image (ls, 512);
  ck_assert_ptr_nonnull (img);
  size_t w, h;
  hf_landscape_layout (4, &w, &h);
  ck_assert_int_eq (cairo_image_surface_get_width (img), (int)w);
  ck_assert_int_eq (cairo_image_surface_get_height (img), (int)h);
  guint32 seen[8];
  int distinct = 0;
  for (size_t y = 0; y < h; y++)
    for (size_t x = 0; x < w; x++)
      {
        uint32_t state = hf_landscape_state_at (4, x, y);
        int8_t s[4];
        hf_landscape_state_values (state, 4, s);
        descend (net, s);
        uint32_t end = hf_landscape_state_number (s, 4);
        size_t k = 0;
        while (k < count && at[k].state != end)
          k++;
        ck_assert_msg (k < count, "state %u ends at %u, not an attractor", state, end);
        HpRgba c = hp_landscape_attractor_color (ls, k);
        Px px = pixel (img, (int)x, (int)y);
        ck_assert_msg (fabs (px.r - c.r) < 0.01 && fabs (px.g - c.g) < 0.01
                           && fabs (px.b - c.b) < 0.01,
                       "pixel (%zu, %zu) = state %u: wrong colour", x, y, state);
        guint32 v = (guint32)(px.r * 255) << 16 | (guint32)(px.g * 255) << 8
                    | (guint32)(px.b * 255);
        int known = 0;
        for (int d = 0; d < distinct; d++)
          known |= seen[d] == v;
        if (!known && distinct < 8)
          seen[distinct++] = v;
      }
  ck_assert_int_ge (distinct, 2); /* the pattern and its inverse differ */
  cairo_surface_destroy (img);
  gtk_window_destroy (GTK_WINDOW (win));
  hf_network_free (net);
  hf_patterns_free (p);
}
END_TEST

/* ---- plane and basins -------------------------------------------------- */

START_TEST (test_plane_view)
{
  static const size_t sides[] = { 4, 64 };
  for (int k = 0; k < 2; k++)
    {
      size_t side = sides[k];
      HfPatterns *p;
      HfNetwork *net = hebbian (side, side, 3, 21, &p);
      GtkWidget *view = hs_plane_view_new ();
      GtkWidget *win = in_window (view, NULL);
      if (k == 1)
        gtk_widget_add_css_class (view, "hs-test-dark");
      GError *error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      ck_assert (
          hs_plane_view_set_network (HS_PLANE_VIEW (view), net, p, side, side, &error));
      ck_assert (wait_idle ((gboolean (*) (gpointer))hs_plane_view_is_busy, view, 120));
      fprintf (stderr, "plane %zux%zu: %.2f s\n", side, side,
               (g_get_monotonic_time () - t0) / 1e6);
      /* a recall trajectory from a corrupted pattern 0 */
      int8_t *s0 = g_memdup2 (hf_patterns_get (p, 0), net->n);
      for (size_t i = 0; i < net->n; i += 3)
        s0[i] = -s0[i];
      hs_plane_view_set_current_state (HS_PLANE_VIEW (view), s0);
      hs_plane_view_add_point (HS_PLANE_VIEW (view), 0.8, 0.1);
      hs_plane_view_add_point (HS_PLANE_VIEW (view), 1.0, 0.0);
      ck_assert_uint_eq (hs_plane_view_get_n_points (HS_PLANE_VIEW (view)), 3);
      cairo_surface_t *s = render ((ViewDraw)hs_plane_view_draw, view, 560, 420);
      ck_assert_int_gt (count_painted (s), 560 * 420 / 6);
      ck_assert_int_gt (count_colours (s), 20);
      cairo_surface_destroy (s);
      maybe_shot ((ViewExport)hs_plane_view_export, view,
                  k == 0 ? "plane-4x4-light.png" : "plane-64x64-dark.png");
      if (k == 0)
        maybe_window_shot (win, "plane-widget-4x4.png");
      char *dir = temp_dir ();
      char *svg = g_build_filename (dir, "p.svg", NULL),
           *csv = g_build_filename (dir, "p.csv", NULL);
      ck_assert (hs_plane_view_export (HS_PLANE_VIEW (view), svg, &error));
      assert_valid_xml (svg);
      ck_assert (hs_plane_view_export_csv (HS_PLANE_VIEW (view), csv, &error));
      ck_assert_int_gt (count_lines (csv), 100);
      /* other axes: the trajectory goes, the plane is sampled again */
      hs_plane_view_set_patterns (HS_PLANE_VIEW (view), 2, 0);
      ck_assert_uint_eq (hs_plane_view_get_n_points (HS_PLANE_VIEW (view)), 0);
      ck_assert (hs_plane_view_is_busy (HS_PLANE_VIEW (view)));
      g_free (svg);
      g_free (csv);
      remove_dir (dir);
      g_free (s0);
      gtk_window_destroy (GTK_WINDOW (win));
      hf_network_free (net);
      hf_patterns_free (p);
    }
}
END_TEST

START_TEST (test_basins_view)
{
  static const size_t sides[] = { 4, 64 };
  for (int k = 0; k < 2; k++)
    {
      size_t side = sides[k];
      HfPatterns *p;
      HfNetwork *net = hebbian (side, side, 2, 9, &p);
      GtkWidget *view = hs_basins_view_new ();
      GtkWidget *win = in_window (view, NULL);
      if (k == 1)
        gtk_widget_add_css_class (view, "hs-test-dark");
      GError *error = NULL;
      gint64 t0 = g_get_monotonic_time ();
      ck_assert (
          hs_basins_view_set_network (HS_BASINS_VIEW (view), net, p, side, side, &error));
      ck_assert (hs_basins_view_is_busy (HS_BASINS_VIEW (view)));
      ck_assert (wait_idle ((gboolean (*) (gpointer))hs_basins_view_is_busy, view, 120));
      fprintf (stderr, "basins %zux%zu: %.2f s\n", side, side,
               (g_get_monotonic_time () - t0) / 1e6);
      cairo_surface_t *s = render ((ViewDraw)hs_basins_view_draw, view, 560, 360);
      ck_assert_int_gt (count_painted (s), 560 * 360 / 15);
      cairo_surface_destroy (s);
      maybe_shot ((ViewExport)hs_basins_view_export, view,
                  k == 0 ? "basins-4x4-light.png" : "basins-64x64-dark.png");
      char *dir = temp_dir ();
      char *svg = g_build_filename (dir, "b.svg", NULL),
           *csv = g_build_filename (dir, "b.csv", NULL);
      ck_assert (hs_basins_view_export (HS_BASINS_VIEW (view), svg, &error));
      assert_valid_xml (svg);
      ck_assert (hs_basins_view_export_csv (HS_BASINS_VIEW (view), csv, &error));
      ck_assert_int_eq (count_lines (csv), (int)p->m + 1);
      g_free (svg);
      g_free (csv);
      remove_dir (dir);
      gtk_window_destroy (GTK_WINDOW (win));
      hf_network_free (net);
      hf_patterns_free (p);
    }
}
END_TEST

int
main (void)
{
  gtk_init ();
  /* the dark theme's text colour, for views given this class */
  GtkCssProvider *dark = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (dark, ".hs-test-dark { color: #eeeeec; }", -1);
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (dark),
                                              GTK_STYLE_PROVIDER_PRIORITY_USER);
  g_object_unref (dark);
  Suite *s = suite_create ("views");
  TCase *tc = tcase_create ("charts");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_energy_labels_clear_of_frame);
  tcase_add_test (tc, test_charts_draw_empty_and_full);
  suite_add_tcase (s, tc);
  tc = tcase_create ("weights");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_weights_view);
  tcase_add_test (tc, test_weights_hit_test);
  suite_add_tcase (s, tc);
  tc = tcase_create ("landscape");
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_landscape_view);
  tcase_add_test (tc, test_landscape_click_leaf);
  tcase_add_test (tc, test_landscape_space_colours);
  suite_add_tcase (s, tc);
  tc = tcase_create ("plane and basins");
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_plane_view);
  tcase_add_test (tc, test_basins_view);
  suite_add_tcase (s, tc);
  SRunner *sr = srunner_create (s);
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? 1 : 0;
}
