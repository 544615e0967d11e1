/* gui-helpers.h: main-loop waiting and rendering, for the GUI tests and
 * hs-studio-tool. */
#pragma once

#include <gtk/gtk.h>

#include "hs-panels-private.h"
#include "hs-window-private.h"
#include <glib/gstdio.h>

/* A fresh temporary directory for a test program's files; the test's
 * teardown removes it with everything in it (one level: tests write no
 * folders). */
static inline char *
gui_tmpdir_new (const char *pattern)
{
  char *dir = g_dir_make_tmp (pattern, NULL);
  g_assert (dir != NULL);
  return dir;
}

static inline void
gui_tmpdir_remove (char **dir)
{
  if (*dir == NULL)
    return;
  GDir *d = g_dir_open (*dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name (d)) != NULL)
    {
      char *path = g_build_filename (*dir, name, NULL);
      g_remove (path);
      g_free (path);
    }
  if (d)
    g_dir_close (d);
  g_rmdir (*dir);
  g_clear_pointer (dir, g_free);
}

static gboolean
gui_wake (gpointer data)
{
  (void)data;
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until cond holds (NULL: never) or the time is up;
 * returns whether it holds. A 10 ms timer keeps the loop turning. */
static inline gboolean
gui_wait_for (gboolean (*cond) (HsWindow *), HsWindow *win, double seconds)
{
  guint id = g_timeout_add (10, gui_wake, NULL);
  gint64 end = g_get_monotonic_time () + (gint64)(seconds * 1e6);
  while ((cond == NULL || !cond (win)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  return cond != NULL && cond (win);
}

static inline gboolean
gui_no_workers (HsWindow *win)
{
  (void)win;
  return hs_train_panel_workers_done ();
}

static inline gboolean
gui_trained (HsWindow *w)
{
  return !hs_window_is_training (w) && hs_document_get_network (w->doc) != NULL;
}

static inline gboolean
gui_not_playing (HsWindow *w)
{
  return !hs_recall_player_get_playing (w->player);
}

/* Renders a widget through GTK's own renderer into a texture (unref it). */
static inline GdkTexture *
gui_render_widget (GtkWidget *widget)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snap = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snap, w, h);
  GskRenderNode *node = gtk_snapshot_free_to_node (snap);
  GdkTexture *tex = NULL;
  if (node != NULL)
    {
      GtkNative *native = gtk_widget_get_native (widget);
      tex = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
      gsk_render_node_unref (node);
    }
  g_object_unref (paintable);
  return tex;
}

static inline GdkTexture *
gui_render (HsWindow *win)
{
  return gui_render_widget (GTK_WIDGET (win));
}
