/* view-helpers.h: pixels, known networks, waiting and files for the view tests. */
#pragma once

#include <check.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "hf-network.h"
#include "hf-patterns.h"

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

/* ---- networks with known contents ------------------------------------ */

/* m random patterns on a width x height grid (seeded) and their Hebbian
 * network J = (1/n) sum xi xi^T, zero diagonal, no thresholds. */
static HfNetwork *
hebbian (size_t width, size_t height, size_t m, guint32 seed, HfPatterns **out)
{
  HfError err = { 0 };
  HfPatterns *p = hf_patterns_new (width, height, &err);
  ck_assert_ptr_nonnull (p);
  size_t n = width * height;
  int8_t *x = g_new (int8_t, n);
  GRand *rand = g_rand_new_with_seed (seed);
  for (size_t k = 0; k < m; k++)
    {
      for (size_t i = 0; i < n; i++)
        x[i] = g_rand_boolean (rand) ? 1 : -1;
      ck_assert_int_eq (hf_patterns_append (p, x, &err), HF_OK);
    }
  g_rand_free (rand);
  g_free (x);
  HfNetwork *net = hf_network_new (width, height, &err);
  ck_assert_ptr_nonnull (net);
  for (size_t k = 0; k < m; k++)
    {
      const int8_t *xi = hf_patterns_get (p, k);
      for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
          if (i != j)
            net->J[i * n + j] += (float)(xi[i] * xi[j]) / (float)n;
    }
  *out = p;
  return net;
}

/* Draws through a view's draw function onto a fresh transparent surface. */
typedef void (*ViewDraw) (gpointer view, cairo_t *cr, int w, int h);

static cairo_surface_t *
render (ViewDraw draw, gpointer view, int w, int h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);
  draw (view, cr, w, h);
  ck_assert_int_eq (cairo_status (cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (s);
  return s;
}

/* Distinct colours among the painted pixels (a heat map has many). */
static guint
count_colours (cairo_surface_t *s)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s);
  GHashTable *set = g_hash_table_new (NULL, NULL);
  const unsigned char *data = cairo_image_surface_get_data (s);
  int stride = cairo_image_surface_get_stride (s);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 v;
        memcpy (&v, data + (size_t)y * stride + 4 * x, 4);
        if (v >> 24)
          g_hash_table_add (set, GUINT_TO_POINTER (v));
      }
  guint n = g_hash_table_size (set);
  g_hash_table_destroy (set);
  return n;
}

/* Screenshots for people, only when HS_VIEWS_SHOTS names a directory. */
typedef gboolean (*ViewExport) (gpointer view, const char *path, GError **error);

static void
maybe_shot (ViewExport export, gpointer view, const char *name)
{
  const char *dir = g_getenv ("HS_VIEWS_SHOTS");
  if (!dir)
    return;
  char *path = g_build_filename (dir, name, NULL);
  GError *error = NULL;
  ck_assert_msg (export(view, path, &error), "%s", error ? error->message : "");
  g_free (path);
}

/* A fresh temporary directory for files a test writes. */
static char *
temp_dir (void)
{
  char *dir = g_dir_make_tmp ("hs-views-XXXXXX", NULL);
  ck_assert_ptr_nonnull (dir);
  return dir;
}

static void
remove_dir (char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)))
    {
      char *p = g_build_filename (dir, name, NULL);
      g_unlink (p);
      g_free (p);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (dir);
  g_free (dir);
}

/* The SVG is well-formed XML, checked with GLib's strict XML parser: in
 * process, since a fork after OpenBLAS has run in a worker thread can hang
 * in OpenBLAS's fork handler. */
static void
assert_valid_xml (const char *path)
{
  char *text = NULL;
  gsize len = 0;
  ck_assert (g_file_get_contents (path, &text, &len, NULL));
  ck_assert_msg (strstr (text, "<svg") != NULL, "%s is not SVG", path);
  GMarkupParser parser = { 0 };
  GMarkupParseContext *ctx = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  GError *error = NULL;
  gboolean ok = g_markup_parse_context_parse (ctx, text, (gssize)len, &error)
                && g_markup_parse_context_end_parse (ctx, &error);
  ck_assert_msg (ok, "%s is not well-formed XML: %s", path, error ? error->message : "");
  g_markup_parse_context_free (ctx);
  g_free (text);
}

static int
count_lines (const char *path)
{
  char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  int lines = 0;
  for (const char *c = text; *c; c++)
    lines += *c == '\n';
  g_free (text);
  return lines;
}

/* ---- background views ---------------------------------------------------- */

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Turns the main loop until busy (view) is FALSE or seconds pass. */
static gboolean
wait_idle (gboolean (*busy) (gpointer), gpointer view, double seconds)
{
  guint id = g_timeout_add (10, wake, NULL);
  gint64 end = g_get_monotonic_time () + (gint64)(seconds * 1e6);
  while (busy (view) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return !busy (view);
}

/* Presents the window holding a view and saves it as GTK renders it
 * (toolbars included), only when HS_VIEWS_SHOTS names a directory. */
static void
maybe_window_shot (GtkWidget *win, const char *name)
{
  const char *dir = g_getenv ("HS_VIEWS_SHOTS");
  if (!dir)
    return;
  gtk_window_set_default_size (GTK_WINDOW (win), 900, 560);
  gtk_window_present (GTK_WINDOW (win));
  guint id = g_timeout_add (10, wake, NULL);
  gint64 end = g_get_monotonic_time () + 1500000;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  int w = gtk_widget_get_width (win), h = gtk_widget_get_height (win);
  GdkPaintable *paintable = gtk_widget_paintable_new (win);
  GtkSnapshot *snap = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snap, w, h);
  GskRenderNode *node = gtk_snapshot_free_to_node (snap);
  ck_assert_ptr_nonnull (node);
  GdkTexture *tex = gsk_renderer_render_texture (
      gtk_native_get_renderer (GTK_NATIVE (win)), node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  char *path = g_build_filename (dir, name, NULL);
  ck_assert (gdk_texture_save_to_png (tex, path));
  g_free (path);
  g_object_unref (tex);
  gsk_render_node_unref (node);
  g_object_unref (paintable);
}
