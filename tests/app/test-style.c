/* GUI tests of the styles (light, dark, high contrast), state by shape,
 * keyboard drawing on the canvas and accessible labels (hs-style.c,
 * hs-pattern-canvas-draw.c, hs-pattern-canvas-keys.c, hs-plot-style.c,
 * app.style in hs-application.c, the .ui files). Colours and contrast are
 * measured on rendered pixels. Pictures go to a fresh temporary directory
 * and, when HS_SHOTS names a directory, a copy there. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "hs-application.h"
#include "hs-plot-style.h"
#include "hs-settings.h"
#include "hs-style.h"

#include "gui-helpers.h"

static char *tmpdir;

static void
setup (void)
{
  tmpdir = gui_tmpdir_new ("hs-style-XXXXXX");
}

static void
teardown (void)
{
  gui_tmpdir_remove (&tmpdir);
  hs_style_apply (HS_STYLE_LIGHT, FALSE, FALSE);
}

static void
settle (double seconds)
{
  gui_wait_for (NULL, NULL, seconds);
}

static gboolean
drawn (HsWindow *w)
{
  return gtk_widget_get_mapped (GTK_WIDGET (w))
         && gtk_widget_get_width (GTK_WIDGET (w)) > 100;
}

/* ---- pixels ---- */

typedef struct
{
  int width, height;
  guchar *data; /* B G R A, premultiplied (cairo's ARGB32) */
  gsize stride;
} Pixels;

typedef struct
{
  double r, g, b;
} Rgb;

static Pixels
download (GdkTexture *tex)
{
  Pixels p;
  p.width = gdk_texture_get_width (tex);
  p.height = gdk_texture_get_height (tex);
  p.stride = (gsize)p.width * 4;
  p.data = g_malloc (p.stride * p.height);
  gdk_texture_download (tex, p.data, p.stride);
  return p;
}

static Rgb
pixel (const Pixels *p, int x, int y)
{
  ck_assert_msg (x >= 0 && y >= 0 && x < p->width && y < p->height,
                 "pixel (%d, %d) outside %d x %d", x, y, p->width, p->height);
  const guchar *q = p->data + (gsize)y * p->stride + (gsize)x * 4;
  double a = q[3] > 0 ? q[3] / 255.0 : 1;
  return (Rgb){ q[2] / 255.0 / a, q[1] / 255.0 / a, q[0] / 255.0 / a };
}

static double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG relative luminance and contrast ratio */
static double
luminance (Rgb c)
{
  return 0.2126 * channel (c.r) + 0.7152 * channel (c.g) + 0.0722 * channel (c.b);
}

static double
contrast (Rgb a, Rgb b)
{
  double la = luminance (a), lb = luminance (b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static gboolean
same (Rgb a, Rgb b)
{
  return fabs (a.r - b.r) < 0.03 && fabs (a.g - b.g) < 0.03 && fabs (a.b - b.b) < 0.03;
}

/* The window's picture, saved as name. */
static Pixels
shoot (HsWindow *win, const char *name)
{
  settle (0.4);
  GdkTexture *tex = gui_render (win);
  ck_assert_ptr_nonnull (tex);
  char *path = g_build_filename (tmpdir, name, NULL);
  ck_assert (gdk_texture_save_to_png (tex, path));
  g_free (path);
  const char *shots = g_getenv ("HS_SHOTS");
  if (shots != NULL && g_file_test (shots, G_FILE_TEST_IS_DIR))
    {
      path = g_build_filename (shots, name, NULL);
      gdk_texture_save_to_png (tex, path);
      g_free (path);
    }
  Pixels p = download (tex);
  g_object_unref (tex);
  return p;
}

/* Where widget is in the window's picture. */
static graphene_rect_t
bounds (HsWindow *win, GtkWidget *widget)
{
  graphene_rect_t r;
  ck_assert (gtk_widget_compute_bounds (widget, GTK_WIDGET (win), &r));
  return r;
}

/* The centre of cell (x, y) of a canvas, in the canvas's own picture. */
static void
cell_centre (HsPatternCanvas *canvas, guint x, guint y, int *px, int *py)
{
  double c = hs_pattern_canvas_get_cell_size (canvas);
  int w = gtk_widget_get_width (GTK_WIDGET (canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (canvas));
  double ox = (w - c * hs_pattern_canvas_get_grid_width (canvas)) / 2;
  double oy = (h - c * hs_pattern_canvas_get_grid_height (canvas)) / 2;
  *px = (int)floor (ox + (x + 0.5) * c);
  *py = (int)floor (oy + (y + 0.5) * c);
}

static Pixels
render_canvas (HsPatternCanvas *canvas)
{
  GdkTexture *tex = gui_render_widget (GTK_WIDGET (canvas));
  ck_assert_ptr_nonnull (tex);
  Pixels p = download (tex);
  g_object_unref (tex);
  return p;
}

static guint
pack (Rgb c)
{
  return (guint)lround (c.r * 255) << 16 | (guint)lround (c.g * 255) << 8
         | (guint)lround (c.b * 255);
}

static Rgb
unpack (guint key)
{
  return (Rgb){ ((key >> 16) & 0xff) / 255.0, ((key >> 8) & 0xff) / 255.0,
                (key & 0xff) / 255.0 };
}

/* The colours of the on and the off cells of canvas, as drawn: the
 * commonest colour at the centres of each (a canvas drawn at its size). */
static void
cell_colours (HsPatternCanvas *canvas, Rgb *on, Rgb *off)
{
  Pixels p = render_canvas (canvas);
  const int8_t *s = hs_pattern_canvas_get_state (canvas);
  guint w = hs_pattern_canvas_get_grid_width (canvas);
  guint n = w * hs_pattern_canvas_get_grid_height (canvas);
  GHashTable *counts[2]
      = { g_hash_table_new (NULL, NULL), g_hash_table_new (NULL, NULL) };
  guint best[2] = { 0, 0 }, most[2] = { 0, 0 };
  for (guint k = 0; k < n; k++)
    {
      int x, y;
      cell_centre (canvas, k % w, k / w, &x, &y);
      if (x >= p.width || y >= p.height)
        continue; /* scrolled out of the picture */
      int i = s[k] > 0;
      guint key = pack (pixel (&p, x, y));
      guint count
          = GPOINTER_TO_UINT (g_hash_table_lookup (counts[i], GUINT_TO_POINTER (key)))
            + 1;
      g_hash_table_insert (counts[i], GUINT_TO_POINTER (key), GUINT_TO_POINTER (count));
      if (count > most[i])
        {
          most[i] = count;
          best[i] = key;
        }
    }
  ck_assert (most[0] > 0 && most[1] > 0);
  *on = unpack (best[1]);
  *off = unpack (best[0]);
  g_hash_table_unref (counts[0]);
  g_hash_table_unref (counts[1]);
  g_free (p.data);
}

/* A plot's background (the commonest colour in its rectangle) and the
 * contrast of its strongest neutral ink with it (text and axes). */
static double
plot_contrast (HsWindow *win, const Pixels *p, GtkWidget *plot, Rgb *bg_out)
{
  graphene_rect_t r = bounds (win, plot);
  g_print ("  %s at %.0f,%.0f %.0fx%.0f in %dx%d\n", G_OBJECT_TYPE_NAME (plot),
           r.origin.x, r.origin.y, r.size.width, r.size.height, p->width, p->height);
  ck_assert (r.size.width > 20 && r.size.height > 20);
  graphene_rect_intersection (&r, &GRAPHENE_RECT_INIT (0, 0, p->width, p->height), &r);
  GHashTable *counts = g_hash_table_new (NULL, NULL);
  guint best = 0, best_count = 0;
  for (int y = (int)r.origin.y + 6; y < (int)(r.origin.y + r.size.height) - 6; y++)
    for (int x = (int)r.origin.x + 6; x < (int)(r.origin.x + r.size.width) - 6; x++)
      {
        const guchar *q = p->data + (gsize)y * p->stride + (gsize)x * 4;
        guint key = (guint)q[0] | (guint)q[1] << 8 | (guint)q[2] << 16;
        guint count
            = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (key))) + 1;
        g_hash_table_insert (counts, GUINT_TO_POINTER (key), GUINT_TO_POINTER (count));
        if (count > best_count)
          {
            best_count = count;
            best = key;
          }
      }
  g_hash_table_unref (counts);
  Rgb bg = { ((best >> 16) & 0xff) / 255.0, ((best >> 8) & 0xff) / 255.0,
             (best & 0xff) / 255.0 };
  /* text and axes are neutral (grey) in every style; data lines and bars
   * are coloured, and do not count */
  double most = 1;
  for (int y = (int)r.origin.y + 6; y < (int)(r.origin.y + r.size.height) - 6; y++)
    for (int x = (int)r.origin.x + 6; x < (int)(r.origin.x + r.size.width) - 6; x++)
      {
        Rgb q = pixel (p, x, y);
        if (MAX (q.r, MAX (q.g, q.b)) - MIN (q.r, MIN (q.g, q.b)) < 0.08)
          most = MAX (most, contrast (q, bg));
      }
  *bg_out = bg;
  return most;
}

static HsPatternCanvas *
probe_canvas (HsWindow *win)
{
  return hs_probe_editor_get_canvas (win->probe_editor);
}

static HsPatternCanvas *
thumbnail (HsWindow *win, int index)
{
  GtkFlowBoxChild *child
      = gtk_flow_box_get_child_at_index (win->library_panel->flow, index);
  ck_assert_ptr_nonnull (child);
  return HS_PATTERN_CANVAS (gtk_flow_box_child_get_child (child));
}

static HsWindow *
trained_window (int width, int height)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), width, height);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  ck_assert (
      gtk_widget_activate_action (GTK_WIDGET (win), "win.load-sample", "s", "digits-16"));
  ck_assert (gui_wait_for (gui_trained, win, 1) || TRUE);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.train", NULL));
  ck_assert (gui_wait_for (gui_trained, win, 60));
  return win;
}

static void
close_window (HsWindow *win)
{
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  settle (0.2);
}

/* ---- the styles ---- */

START_TEST (test_styles_are_legible)
{
  HsWindow *win = trained_window (1366, 768);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.corrupt", NULL));
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.sweep", NULL));
  ck_assert (gui_wait_for (gui_not_playing, win, 30));
  /* mid-recall, the neuron just updated flipped: its slash is in the pictures */
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.reset", NULL));
  gboolean flipped = FALSE;
  for (int k = 0; k < 2000 && !flipped; k++)
    {
      ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.step", NULL));
      settle (0.005);
      hs_pattern_canvas_get_highlight (probe_canvas (win), &flipped);
    }
  ck_assert (flipped);
  static const struct
  {
    HsStyle style;
    const char *name;
  } styles[] = {
    { HS_STYLE_LIGHT, "style-light.png" },
    { HS_STYLE_DARK, "style-dark.png" },
    { HS_STYLE_HIGH_CONTRAST, "style-high-contrast.png" },
  };
  Rgb light_off = { 0 };
  for (gsize k = 0; k < G_N_ELEMENTS (styles); k++)
    {
      hs_style_apply (styles[k].style, FALSE, FALSE);
      Pixels p = shoot (win, styles[k].name);
      Rgb on, off, thumb_on, thumb_off, energy_bg, overlap_bg;
      cell_colours (probe_canvas (win), &on, &off);
      cell_colours (thumbnail (win, 0), &thumb_on, &thumb_off);
      double energy = plot_contrast (win, &p, GTK_WIDGET (win->recall_panel->energy_plot),
                                     &energy_bg);
      double overlap = plot_contrast (
          win, &p, GTK_WIDGET (win->recall_panel->overlap_chart), &overlap_bg);
      g_print ("%s: cells %.1f:1 (off L=%.2f), thumbnails %.1f:1, energy plot %.1f:1, "
               "overlaps %.1f:1\n",
               styles[k].name, contrast (on, off), luminance (off),
               contrast (thumb_on, thumb_off), energy, overlap);
      ck_assert_msg (contrast (on, off) >= 4.5, "%s: cells %.2f:1", styles[k].name,
                     contrast (on, off));
      ck_assert_msg (contrast (thumb_on, thumb_off) >= 4.5, "%s: thumbnails %.2f:1",
                     styles[k].name, contrast (thumb_on, thumb_off));
      ck_assert_msg (energy >= 4.5, "%s: energy plot text %.2f:1", styles[k].name,
                     energy);
      ck_assert_msg (overlap >= 4.5, "%s: overlap chart text %.2f:1", styles[k].name,
                     overlap);
      /* the cells take the style's colours: an off cell is the light base
       * in light and high contrast, dark in dark, like the plots behind */
      if (styles[k].style == HS_STYLE_DARK)
        {
          ck_assert_msg (luminance (off) < 0.1 && luminance (on) > 0.5,
                         "dark: off L=%.2f, on L=%.2f", luminance (off), luminance (on));
          ck_assert (!same (off, light_off));
          ck_assert_msg (luminance (energy_bg) < 0.1, "dark: plot background L=%.2f",
                         luminance (energy_bg));
        }
      else
        {
          ck_assert_msg (luminance (off) > 0.8 && luminance (on) < 0.1,
                         "%s: off L=%.2f, on L=%.2f", styles[k].name, luminance (off),
                         luminance (on));
          ck_assert (luminance (energy_bg) > 0.8);
        }
      if (styles[k].style == HS_STYLE_LIGHT)
        light_off = off;
      /* a view plot follows too: the weights view's text on its background */
      HpStyle ps;
      hs_plot_style_from_widget (hs_window_get_view (win, "weights"), &ps);
      Rgb fg = { ps.foreground.r, ps.foreground.g, ps.foreground.b };
      Rgb bg = { ps.background.r, ps.background.g, ps.background.b };
      ck_assert_msg (contrast (fg, bg) >= 4.5, "%s: view text %.2f:1", styles[k].name,
                     contrast (fg, bg));
      g_free (p.data);
    }
  /* a view plot on screen, in dark */
  hs_style_apply (HS_STYLE_DARK, FALSE, FALSE);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.view", "s", "weights"));
  Pixels p = shoot (win, "style-dark-weights.png");
  Rgb bg;
  double weights = plot_contrast (win, &p, hs_window_get_view (win, "weights"), &bg);
  g_print ("dark weights view: %.1f:1 on L=%.2f\n", weights, luminance (bg));
  ck_assert (weights >= 4.5 && luminance (bg) < 0.1);
  g_free (p.data);
  close_window (win);
}
END_TEST

/* Projector mode is a light scheme, whatever the style. */
START_TEST (test_projector_stays_light)
{
  HsWindow *win = trained_window (1280, 720);
  hs_style_apply (HS_STYLE_DARK, FALSE, TRUE); /* dark chosen, projector on */
  hs_window_set_projector (win, TRUE);
  Pixels p = shoot (win, "projector-under-dark.png");
  Rgb on, off, bg;
  cell_colours (probe_canvas (win), &on, &off);
  double energy
      = plot_contrast (win, &p, GTK_WIDGET (win->recall_panel->energy_plot), &bg);
  ck_assert_msg (luminance (off) > 0.9 && contrast (on, off) >= 7, "off L=%.2f %.1f:1",
                 luminance (off), contrast (on, off));
  ck_assert (luminance (bg) > 0.9 && energy >= 7);
  g_free (p.data);
  hs_window_set_projector (win, FALSE);
  close_window (win);
}
END_TEST

/* ---- state by shape ---- */

/* Whether the pixel at fractions (fx, fy) of cell k differs from the cell's
 * own colour. */
static gboolean
marked (const Pixels *p, HsPatternCanvas *canvas, guint k, double fx, double fy, Rgb cell)
{
  double c = hs_pattern_canvas_get_cell_size (canvas);
  int w = gtk_widget_get_width (GTK_WIDGET (canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (canvas));
  guint gw = hs_pattern_canvas_get_grid_width (canvas);
  double ox = (w - c * gw) / 2,
         oy = (h - c * hs_pattern_canvas_get_grid_height (canvas)) / 2;
  int x = (int)(ox + (k % gw + fx) * c), y = (int)(oy + (k / gw + fy) * c);
  return !same (pixel (p, x, y), cell);
}

START_TEST (test_state_has_shapes)
{
  GtkWidget *window = gtk_window_new ();
  HsPatternCanvas *canvas = HS_PATTERN_CANVAS (hs_pattern_canvas_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (canvas));
  gtk_window_set_default_size (GTK_WINDOW (window), 320, 320);
  int8_t s[64];
  memset (s, -1, sizeof s);
  hs_pattern_canvas_set_state (canvas, s, 8, 8);
  gtk_window_present (GTK_WINDOW (window));
  settle (0.5);
  for (HsStyle style = HS_STYLE_LIGHT; style <= HS_STYLE_HIGH_CONTRAST; style++)
    {
      hs_style_apply (style, FALSE, FALSE);
      settle (0.2);
      ck_assert_double_ge (hs_pattern_canvas_get_cell_size (canvas), 30);
      GdkTexture *tex = gui_render_widget (GTK_WIDGET (canvas));
      Pixels plain = download (tex);
      g_object_unref (tex);
      Rgb off = pixel (&plain, gtk_widget_get_width (GTK_WIDGET (canvas)) / 2 + 3,
                       gtk_widget_get_height (GTK_WIDGET (canvas)) / 2 + 3);
      g_free (plain.data);
      /* cell 9 flipped, then the same cell stayed, then cell 20 clamped */
      Pixels shot[3];
      uint8_t clamp[64] = { 0 };
      clamp[20] = 1;
      for (int k = 0; k < 3; k++)
        {
          hs_pattern_canvas_set_highlight (canvas, k < 2 ? 9 : -1, k == 0);
          hs_pattern_canvas_set_clamp (canvas, k == 2 ? clamp : NULL);
          settle (0.1);
          tex = gui_render_widget (GTK_WIDGET (canvas));
          shot[k] = download (tex);
          g_object_unref (tex);
        }
      /* flipped: a slash from the top right to the bottom left */
      ck_assert (marked (&shot[0], canvas, 9, 0.35, 0.65, off));
      ck_assert (marked (&shot[0], canvas, 9, 0.65, 0.35, off));
      /* stayed: a dot in the middle, nothing on that diagonal */
      ck_assert (marked (&shot[1], canvas, 9, 0.5, 0.5, off));
      ck_assert (!marked (&shot[1], canvas, 9, 0.35, 0.65, off));
      ck_assert (!marked (&shot[1], canvas, 9, 0.65, 0.35, off));
      /* clamped: a diamond, pointed (its tips marked, its corners not) */
      ck_assert (marked (&shot[2], canvas, 20, 0.5, 0.3, off));
      ck_assert (marked (&shot[2], canvas, 20, 0.3, 0.5, off));
      ck_assert (!marked (&shot[2], canvas, 20, 0.33, 0.33, off));
      ck_assert (!marked (&shot[2], canvas, 9, 0.5, 0.5, off));
      for (int k = 0; k < 3; k++)
        g_free (shot[k].data);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  settle (0.1);
}
END_TEST

/* ---- the keyboard ---- */

static GtkEventController *
key_controller (GtkWidget *widget)
{
  GListModel *list = gtk_widget_observe_controllers (widget);
  GtkEventController *found = NULL;
  for (guint k = 0; k < g_list_model_get_n_items (list) && found == NULL; k++)
    {
      GtkEventController *c = g_list_model_get_item (list, k);
      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        found = c;
      g_object_unref (c);
    }
  g_object_unref (list);
  ck_assert_ptr_nonnull (found);
  return found;
}

/* A key press through the canvas's key controller, as GTK delivers it. */
static gboolean
press (GtkEventController *keys, guint keyval, GdkModifierType mods)
{
  gboolean handled = FALSE;
  g_signal_emit_by_name (keys, "key-pressed", keyval, 0u, mods, &handled);
  return handled;
}

static char *
description (HsPatternCanvas *canvas)
{
  char *error = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, "");
  return error; /* the message names the value it holds */
}

static void
assert_description (HsPatternCanvas *canvas, const char *expected)
{
  char *error = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  ck_assert_msg (error == NULL, "%s", error);
}

START_TEST (test_keyboard_drawing)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  HsDocument *doc = win->doc;
  guint w = hs_document_get_width (doc), n = w * hs_document_get_height (doc);
  int8_t *blank = g_new (int8_t, n);
  memset (blank, -1, n);
  hs_document_set_probe (doc, blank, TRUE);
  g_free (blank);
  HsPatternCanvas *canvas = probe_canvas (win);
  ck_assert (gtk_widget_get_focusable (GTK_WIDGET (canvas)));
  ck_assert (gtk_widget_grab_focus (GTK_WIDGET (canvas)));
  settle (0.2);
  ck_assert (hs_pattern_canvas_shows_cursor (canvas));
  GtkEventController *keys = key_controller (GTK_WIDGET (canvas));

  /* arrows move the cursor, and the description follows */
  ck_assert (press (keys, GDK_KEY_Right, 0));
  ck_assert (press (keys, GDK_KEY_Right, 0));
  ck_assert (press (keys, GDK_KEY_Down, 0));
  guint cx, cy;
  hs_pattern_canvas_get_cursor (canvas, &cx, &cy);
  ck_assert_uint_eq (cx, 2);
  ck_assert_uint_eq (cy, 1);
  assert_description (canvas, "Row 2, column 3, off");
  ck_assert (press (keys, GDK_KEY_Left, 0));
  ck_assert (press (keys, GDK_KEY_Right, 0));
  ck_assert (press (keys, GDK_KEY_Up, 0));
  ck_assert (press (keys, GDK_KEY_Down, 0));
  ck_assert (!press (keys, GDK_KEY_Right, GDK_ALT_MASK)); /* not the canvas's */

  /* Space toggles the cell, in the document; it does not play */
  ck_assert (press (keys, GDK_KEY_space, 0));
  ck_assert_int_eq (hs_document_get_probe (doc)[1 * w + 2], 1);
  ck_assert_int_eq (hs_document_get_source (doc)[1 * w + 2], 1);
  ck_assert (!hs_recall_player_get_playing (win->player));
  assert_description (canvas, "Row 2, column 3, on");
  ck_assert (press (keys, GDK_KEY_space, 0));
  ck_assert_int_eq (hs_document_get_probe (doc)[1 * w + 2], -1);
  ck_assert (press (keys, GDK_KEY_space, 0));

  /* Shift+arrows paint: from an off cell, on, every cell passed */
  ck_assert (press (keys, GDK_KEY_Down, 0));
  for (int k = 0; k < 3; k++)
    ck_assert (press (keys, GDK_KEY_Right, GDK_SHIFT_MASK));
  gboolean released = FALSE;
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_L, 0u, GDK_SHIFT_MASK,
                         &released);
  const int8_t *probe = hs_document_get_probe (doc);
  for (guint x = 2; x <= 5; x++)
    ck_assert_msg (probe[2 * w + x] == 1, "cell (%u, 2) not painted", x);
  ck_assert_int_eq (probe[2 * w + 6], -1);
  ck_assert_int_eq (probe[2 * w + 1], -1);
  /* a new stroke from an on cell erases */
  ck_assert (press (keys, GDK_KEY_Left, GDK_SHIFT_MASK));
  probe = hs_document_get_probe (doc);
  ck_assert_int_eq (probe[2 * w + 5], -1);
  ck_assert_int_eq (probe[2 * w + 4], -1);
  ck_assert_int_eq (probe[2 * w + 3], 1);
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_L, 0u, GDK_SHIFT_MASK,
                         &released);
  /* Home and End */
  ck_assert (press (keys, GDK_KEY_End, 0));
  hs_pattern_canvas_get_cursor (canvas, &cx, &cy);
  ck_assert_uint_eq (cx, w - 1);
  ck_assert (press (keys, GDK_KEY_Home, GDK_CONTROL_MASK));
  hs_pattern_canvas_get_cursor (canvas, &cx, &cy);
  ck_assert (cx == 0 && cy == 0);
  assert_description (canvas, "Row 1, column 1, off");

  /* the cursor is drawn at its cell: a ring of the on colour inside the
   * edge of an off cell, which goes when the cursor leaves */
  hs_pattern_canvas_set_zoom (canvas, 40); /* rings of 4 pixels */
  hs_pattern_canvas_set_cursor (canvas, 1, 1);
  g_free (shoot (win, "keyboard-cursor.png").data);
  Pixels with = render_canvas (canvas);
  ck_assert (press (keys, GDK_KEY_Right, 0));
  ck_assert (press (keys, GDK_KEY_Right, 0));
  settle (0.2);
  Pixels without = render_canvas (canvas);
  int x, y;
  cell_centre (canvas, 1, 1, &x, &y);
  double c = hs_pattern_canvas_get_cell_size (canvas);
  ck_assert_double_eq (c, 40);
  int edge = x - 20 + 2; /* inside cell 1's left edge */
  Rgb on, off;
  cell_colours (canvas, &on, &off);
  ck_assert (same (pixel (&with, edge, y), on));
  ck_assert (same (pixel (&without, edge, y), off));
  ck_assert (same (pixel (&with, x, y), off)); /* the cell itself shows */
  g_free (with.data);
  g_free (without.data);

  /* not focused: no cursor, and the keys are not taken */
  hs_pattern_canvas_set_editable (canvas, FALSE);
  ck_assert (!hs_pattern_canvas_shows_cursor (canvas));
  ck_assert (!press (keys, GDK_KEY_space, 0));
  hs_pattern_canvas_set_editable (canvas, TRUE);
  g_free (description (canvas));
  close_window (win);
}
END_TEST

/* A zoomed canvas scrolls to keep the cursor in view. */
START_TEST (test_cursor_scrolls_into_view)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1024, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  HsPatternCanvas *canvas = probe_canvas (win);
  hs_pattern_canvas_set_zoom (canvas, 64);
  settle (0.3);
  ck_assert (gtk_widget_grab_focus (GTK_WIDGET (canvas)));
  GtkEventController *keys = key_controller (GTK_WIDGET (canvas));
  ck_assert (press (keys, GDK_KEY_End, GDK_CONTROL_MASK));
  settle (0.3);
  GtkScrolledWindow *sw = GTK_SCROLLED_WINDOW (
      gtk_widget_get_ancestor (GTK_WIDGET (canvas), GTK_TYPE_SCROLLED_WINDOW));
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (sw);
  ck_assert_double_gt (gtk_adjustment_get_value (v), 0);
  ck_assert (press (keys, GDK_KEY_Home, GDK_CONTROL_MASK));
  settle (0.3);
  ck_assert_double_eq_tol (gtk_adjustment_get_value (v), 0, 1);
  close_window (win);
}
END_TEST

/* A whole figure drawn with the keys alone: an H of 3 strokes. */
START_TEST (test_keyboard_figure)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  HsDocument *doc = win->doc;
  guint w = hs_document_get_width (doc), h = hs_document_get_height (doc);
  ck_assert (w >= 12 && h >= 12);
  int8_t *blank = g_new (int8_t, w * h);
  memset (blank, -1, w * h);
  hs_document_set_probe (doc, blank, TRUE);
  HsPatternCanvas *canvas = probe_canvas (win);
  ck_assert (gtk_widget_grab_focus (GTK_WIDGET (canvas)));
  GtkEventController *keys = key_controller (GTK_WIDGET (canvas));
  gboolean r = FALSE;
  /* left bar: (3, 2) down to (3, 11) */
  ck_assert (press (keys, GDK_KEY_Home, GDK_CONTROL_MASK));
  for (int k = 0; k < 3; k++)
    press (keys, GDK_KEY_Right, 0);
  for (int k = 0; k < 2; k++)
    press (keys, GDK_KEY_Down, 0);
  for (int k = 0; k < 9; k++)
    press (keys, GDK_KEY_Down, GDK_SHIFT_MASK);
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_L, 0u, 0, &r);
  /* right bar: (8, 2) to (8, 11) */
  for (int k = 0; k < 5; k++)
    press (keys, GDK_KEY_Right, 0);
  for (int k = 0; k < 9; k++)
    press (keys, GDK_KEY_Up, GDK_SHIFT_MASK);
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_R, 0u, 0, &r);
  /* the cross bar: (4..7, 6), then one cell with Space */
  for (int k = 0; k < 4; k++)
    press (keys, GDK_KEY_Down, 0);
  press (keys, GDK_KEY_Left, 0);
  for (int k = 0; k < 2; k++)
    press (keys, GDK_KEY_Left, GDK_SHIFT_MASK);
  g_signal_emit_by_name (keys, "key-released", GDK_KEY_Shift_L, 0u, 0, &r);
  press (keys, GDK_KEY_Left, 0);
  press (keys, GDK_KEY_space, 0);
  for (guint y = 0; y < h; y++)
    for (guint x = 0; x < w; x++)
      {
        gboolean want
            = ((x == 3 || x == 8) && y >= 2 && y <= 11) || (y == 6 && x >= 3 && x <= 8);
        blank[y * w + x] = want ? 1 : -1;
      }
  ck_assert (memcmp (hs_document_get_probe (doc), blank, w * h) == 0);
  ck_assert (memcmp (hs_document_get_source (doc), blank, w * h) == 0);
  g_free (blank);
  assert_description (canvas, "Row 7, column 5, on");
  g_free (shoot (win, "keyboard-drawing-1366x768.png").data);
  close_window (win);
}
END_TEST

/* The dark style at 1024 x 768: the window fits, the cells read. */
START_TEST (test_dark_small_screen)
{
  hs_style_apply (HS_STYLE_DARK, FALSE, FALSE);
  HsWindow *win = trained_window (1024, 768);
  ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.corrupt", NULL));
  for (int k = 0; k < 40; k++)
    ck_assert (gtk_widget_activate_action (GTK_WIDGET (win), "win.step", NULL));
  Pixels p = shoot (win, "window-1024x768-dark.png");
  ck_assert_int_le (p.width, 1024);
  Rgb on, off;
  cell_colours (probe_canvas (win), &on, &off);
  ck_assert (luminance (off) < 0.1 && contrast (on, off) >= 4.5);
  g_free (p.data);
  close_window (win);
}
END_TEST

/* ---- accessible labels ---- */

static gboolean
icon_only (GtkWidget *w)
{
  if (GTK_IS_MENU_BUTTON (w))
    return gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (w)) != NULL
           && gtk_menu_button_get_label (GTK_MENU_BUTTON (w)) == NULL;
  if (GTK_IS_BUTTON (w))
    return GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (w)));
  return FALSE;
}

/* Every icon-only button under root, but GTK's own inner ones (the button
 * inside a menu button, a spin button's steppers, the title buttons). */
static void
walk (GtkWidget *root, GString *missing, guint *count)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      if (GTK_IS_SPIN_BUTTON (w) || GTK_IS_WINDOW_CONTROLS (w)
          || !gtk_widget_get_visible (w))
        continue; /* GTK's own steppers and title buttons; a hidden one never shows */
      if (icon_only (w))
        {
          (*count)++;
          if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (w),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL))
            {
              const char *tip = gtk_widget_get_tooltip_text (w);
              g_string_append_printf (missing, "\n  %s \"%s\" in", G_OBJECT_TYPE_NAME (w),
                                      tip ? tip : "(no tooltip)");
              for (GtkWidget *up = gtk_widget_get_parent (w); up != NULL;
                   up = gtk_widget_get_parent (up))
                g_string_append_printf (missing, " %s", G_OBJECT_TYPE_NAME (up));
            }
        }
      if (!GTK_IS_MENU_BUTTON (w))
        walk (w, missing, count);
    }
}

START_TEST (test_icon_buttons_have_labels)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  GString *missing = g_string_new (NULL);
  guint count = 0;
  walk (GTK_WIDGET (win), missing, &count);
  g_print ("%u icon-only buttons\n", count);
  ck_assert_uint_ge (count, 20);
  ck_assert_msg (missing->len == 0, "icon-only buttons without an accessible label:%s",
                 missing->str);
  g_string_free (missing, TRUE);
  /* the banner's own close button (labelled) closes it */
  hs_window_show_message (win, GTK_MESSAGE_INFO, "%s", "A message");
  ck_assert (gtk_info_bar_get_revealed (win->banner));
  GtkWidget *close = NULL;
  for (GtkWidget *w = GTK_WIDGET (win->banner); w != NULL && close == NULL;)
    {
      if (GTK_IS_BUTTON (w) && gtk_widget_get_visible (w) && icon_only (w))
        close = w;
      else if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && w != GTK_WIDGET (win->banner)
                 && gtk_widget_get_next_sibling (w) == NULL)
            w = gtk_widget_get_parent (w);
          w = w == NULL || w == GTK_WIDGET (win->banner)
                  ? NULL
                  : gtk_widget_get_next_sibling (w);
        }
    }
  ck_assert_ptr_nonnull (close);
  g_signal_emit_by_name (close, "clicked");
  ck_assert (!gtk_info_bar_get_revealed (win->banner));
  close_window (win);
}
END_TEST

/* ---- focus order ---- */

/* Tab walks the window as it reads: the header bar, the side panel top to
 * bottom, the centre, then the recall panel; it never jumps back a column
 * before it wraps around. */
START_TEST (test_tab_order_follows_layout)
{
  HsWindow *win = hs_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (win), 1366, 768);
  gtk_window_present (GTK_WINDOW (win));
  ck_assert (gui_wait_for (drawn, win, 10));
  ck_assert (
      gtk_widget_activate_action (GTK_WIDGET (win), "win.load-sample", "s", "digits-16"));
  settle (0.3);
  GtkWidget *columns[3]
      = { GTK_WIDGET (win->library_panel), GTK_WIDGET (win->probe_editor),
          GTK_WIDGET (win->recall_panel) };
  int column = -1, seen[3] = { 0, 0, 0 };
  gboolean canvas = FALSE;
  GString *order = g_string_new (NULL);
  gtk_window_set_focus (GTK_WINDOW (win), NULL);
  for (int k = 0; k < 200; k++)
    {
      if (!gtk_widget_child_focus (GTK_WIDGET (win), GTK_DIR_TAB_FORWARD))
        break;
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (win));
      if (focus == NULL)
        break;
      int c = -1;
      for (int i = 0; i < 3; i++)
        if (gtk_widget_is_ancestor (focus, columns[i]))
          c = i;
      canvas |= focus == GTK_WIDGET (probe_canvas (win));
      g_string_append_printf (order, " %s%s", G_OBJECT_TYPE_NAME (focus),
                              c >= 0 ? (const char *[]){ "[L]", "[C]", "[R]" }[c] : "");
      if (c < 0)
        continue; /* the header bar, the view switcher */
      if (c < column)
        break; /* wrapped around, or jumped back */
      column = c;
      seen[c]++;
    }
  g_print ("tab order:%s\n", order->str);
  ck_assert_msg (seen[0] > 3 && seen[1] > 3 && seen[2] > 3,
                 "left %d, centre %d, right %d", seen[0], seen[1], seen[2]);
  ck_assert_msg (canvas, "Tab never reaches the canvas");
  /* and the wrap-around came only after the right column */
  ck_assert_int_eq (column, 2);
  g_string_free (order, TRUE);
  close_window (win);
}
END_TEST

/* ---- app.style and the setting ---- */

static gboolean
dark_now (void)
{
  gboolean dark = FALSE;
  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark,
                NULL);
  return dark;
}

static gboolean
check_style (gpointer data)
{
  HsApplication *app = HS_APPLICATION (g_object_get_data (G_OBJECT (data), "app"));
  GActionGroup *group = G_ACTION_GROUP (app);
  ck_assert (hs_application_set_style (app, "dark"));
  ck_assert (dark_now () && !hs_style_is_high_contrast ());
  ck_assert (hs_application_set_style (app, "high-contrast"));
  ck_assert (hs_style_is_high_contrast () && !dark_now ());
  ck_assert (!hs_application_set_style (app, "purple"));
  ck_assert (hs_style_is_high_contrast ());
  /* the menu's radio items: the action with a string state */
  g_action_group_change_action_state (group, "style", g_variant_new_string ("light"));
  ck_assert (!dark_now () && !hs_style_is_high_contrast ());
  GVariant *state = g_action_group_get_action_state (group, "style");
  ck_assert_str_eq (g_variant_get_string (state, NULL), "light");
  g_variant_unref (state);
  g_action_group_change_action_state (group, "style", g_variant_new_string ("sepia"));
  state = g_action_group_get_action_state (group, "style");
  ck_assert_str_eq (g_variant_get_string (state, NULL), "light");
  g_variant_unref (state);
  /* projector mode keeps it light; leaving it brings the dark back */
  hs_application_set_style (app, "dark");
  g_action_group_change_action_state (group, "projector", g_variant_new_boolean (TRUE));
  ck_assert (!dark_now ());
  g_action_group_change_action_state (group, "projector", g_variant_new_boolean (FALSE));
  ck_assert (dark_now ());
  /* "system" follows the desktop's colour scheme (GSettings here) */
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema
      = g_settings_schema_source_lookup (source, "org.gnome.desktop.interface", TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "color-scheme"))
    {
      GSettings *desktop = g_settings_new ("org.gnome.desktop.interface");
      g_settings_set_string (desktop, "color-scheme", "default");
      hs_application_set_style (app, "system");
      settle (0.1);
      ck_assert (!dark_now ());
      g_settings_set_string (desktop, "color-scheme", "prefer-dark");
      settle (0.1);
      ck_assert (dark_now ());
      g_settings_set_string (desktop, "color-scheme", "default");
      settle (0.1);
      ck_assert (!dark_now ());
      g_object_unref (desktop);
    }
  else
    g_print ("org.gnome.desktop.interface color-scheme not installed: not tested\n");
  g_clear_pointer (&schema, g_settings_schema_unref);
  /* the preference, once the schema has the key */
  GSettings *settings = hs_settings_new ();
  GSettingsSchema *ours = NULL;
  if (settings != NULL)
    g_object_get (settings, "settings-schema", &ours, NULL);
  if (ours != NULL && g_settings_schema_has_key (ours, "style"))
    {
      g_settings_set_string (settings, "style", "dark");
      settle (0.1);
      ck_assert (dark_now ());
      hs_application_set_style (app, "high-contrast");
      char *saved = g_settings_get_string (settings, "style");
      ck_assert_str_eq (saved, "high-contrast");
      g_free (saved);
      g_settings_set_string (settings, "style", "system");
    }
  else
    g_print ("the schema has no \"style\" key yet: the preference is not tested\n");
  g_clear_pointer (&ours, g_settings_schema_unref);
  g_clear_object (&settings);
  hs_application_set_style (app, "light");
  HsWindow *win = HS_WINDOW (data);
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  return G_SOURCE_REMOVE;
}

static void
on_activate (GApplication *app, gpointer unused)
{
  GtkWindow *win = gtk_application_get_active_window (GTK_APPLICATION (app));
  ck_assert (HS_IS_WINDOW (win));
  g_object_set_data (G_OBJECT (win), "app", app);
  g_timeout_add (300, check_style, win);
}

START_TEST (test_style_action)
{
  GSettings *settings = hs_settings_new ();
  if (settings != NULL)
    g_settings_set_boolean (settings, "tour-shown", TRUE);
  g_clear_object (&settings);
  GApplication *app
      = g_object_new (HS_TYPE_APPLICATION, "flags",
                      G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN, NULL);
  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate), NULL);
  char *argv[] = { (char *)"hopfield-studio", NULL };
  ck_assert_int_eq (g_application_run (app, 1, argv), 0);
  g_object_unref (app);
  settle (0.2);
}
END_TEST

static Suite *
style_suite (void)
{
  Suite *s = suite_create ("style");
  TCase *tc = tcase_create ("style");
  tcase_set_timeout (tc, 180);
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_state_has_shapes);
  tcase_add_test (tc, test_keyboard_drawing);
  tcase_add_test (tc, test_cursor_scrolls_into_view);
  tcase_add_test (tc, test_keyboard_figure);
  tcase_add_test (tc, test_dark_small_screen);
  tcase_add_test (tc, test_icon_buttons_have_labels);
  tcase_add_test (tc, test_tab_order_follows_layout);
  tcase_add_test (tc, test_style_action);
  tcase_add_test (tc, test_styles_are_legible);
  tcase_add_test (tc, test_projector_stays_light);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  gtk_init ();
  hs_application_register_resources ();
  SRunner *sr = srunner_create (style_suite ());
  srunner_set_fork_status (sr, CK_NOFORK);
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? 0 : 1;
}
