/* style-helpers.h: what the style and keyboard GUI tests share: their
 * temporary directory, pixels and WCAG contrast, rendering a window or a
 * canvas, a trained window, and the canvas's key controller. */
#pragma once

#include <check.h>
#include <math.h>
#include <string.h>

#include "hs-application.h"
#include "hs-plot-style.h"
#include "hs-settings.h"
#include "hs-style.h"

#include "gui-helpers.h"

/* the test program's temporary directory (its setup makes it) */
static char *tmpdir;

static inline void
setup (void)
{
  tmpdir = gui_tmpdir_new ("hs-style-XXXXXX");
}

static inline void
teardown (void)
{
  gui_tmpdir_remove (&tmpdir);
  hs_style_apply (HS_STYLE_LIGHT, FALSE, FALSE);
}

static inline void
settle (double seconds)
{
  gui_wait_for (NULL, NULL, seconds);
}

static inline gboolean
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

static inline Pixels
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

static inline Rgb
pixel (const Pixels *p, int x, int y)
{
  ck_assert_msg (x >= 0 && y >= 0 && x < p->width && y < p->height,
                 "pixel (%d, %d) outside %d x %d", x, y, p->width, p->height);
  const guchar *q = p->data + (gsize)y * p->stride + (gsize)x * 4;
  double a = q[3] > 0 ? q[3] / 255.0 : 1;
  return (Rgb){ q[2] / 255.0 / a, q[1] / 255.0 / a, q[0] / 255.0 / a };
}

static inline double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG relative luminance and contrast ratio */
static inline double
luminance (Rgb c)
{
  return 0.2126 * channel (c.r) + 0.7152 * channel (c.g) + 0.0722 * channel (c.b);
}

static inline double
contrast (Rgb a, Rgb b)
{
  double la = luminance (a), lb = luminance (b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static inline gboolean
same (Rgb a, Rgb b)
{
  return fabs (a.r - b.r) < 0.03 && fabs (a.g - b.g) < 0.03 && fabs (a.b - b.b) < 0.03;
}

/* The window's picture, saved as name. */
static inline Pixels
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
static inline graphene_rect_t
bounds (HsWindow *win, GtkWidget *widget)
{
  graphene_rect_t r;
  ck_assert (gtk_widget_compute_bounds (widget, GTK_WIDGET (win), &r));
  return r;
}

/* The centre of cell (x, y) of a canvas, in the canvas's own picture. */
static inline void
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

static inline Pixels
render_canvas (HsPatternCanvas *canvas)
{
  GdkTexture *tex = gui_render_widget (GTK_WIDGET (canvas));
  ck_assert_ptr_nonnull (tex);
  Pixels p = download (tex);
  g_object_unref (tex);
  return p;
}

static inline guint
pack (Rgb c)
{
  return (guint)lround (c.r * 255) << 16 | (guint)lround (c.g * 255) << 8
         | (guint)lround (c.b * 255);
}

static inline Rgb
unpack (guint key)
{
  return (Rgb){ ((key >> 16) & 0xff) / 255.0, ((key >> 8) & 0xff) / 255.0,
                (key & 0xff) / 255.0 };
}

/* The colours of the on and the off cells of canvas, as drawn: the
 * commonest colour at the centres of each (a canvas drawn at its size). */
static inline void
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
static inline double
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

static inline HsPatternCanvas *
probe_canvas (HsWindow *win)
{
  return hs_probe_editor_get_canvas (win->probe_editor);
}

static inline HsPatternCanvas *
thumbnail (HsWindow *win, int index)
{
  GtkFlowBoxChild *child
      = gtk_flow_box_get_child_at_index (win->library_panel->flow, index);
  ck_assert_ptr_nonnull (child);
  return HS_PATTERN_CANVAS (gtk_flow_box_child_get_child (child));
}

static inline HsWindow *
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

static inline void
close_window (HsWindow *win)
{
  hs_document_set_modified (win->doc, FALSE);
  gtk_window_destroy (GTK_WINDOW (win));
  settle (0.2);
}

/* ---- the canvas's keys ---- */

static inline GtkEventController *
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
static inline gboolean
press (GtkEventController *keys, guint keyval, GdkModifierType mods)
{
  gboolean handled = FALSE;
  g_signal_emit_by_name (keys, "key-pressed", keyval, 0u, mods, &handled);
  return handled;
}

static inline void
assert_description (HsPatternCanvas *canvas, const char *expected)
{
  char *error = gtk_test_accessible_check_property (
      GTK_ACCESSIBLE (canvas), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  ck_assert_msg (error == NULL, "%s", error);
}
