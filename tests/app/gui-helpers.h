/* gui-helpers.h: main-loop waiting and rendering, for the GUI tests and
 * hs-studio-tool. */
#pragma once

#include <gtk/gtk.h>

#include "hs-window-private.h"

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

/* Renders the window through GTK's own renderer into a texture (unref it). */
static inline GdkTexture *
gui_render (HsWindow *win)
{
  int w = gtk_widget_get_width (GTK_WIDGET (win)),
      h = gtk_widget_get_height (GTK_WIDGET (win));
  GdkPaintable *paintable = gtk_widget_paintable_new (GTK_WIDGET (win));
  GtkSnapshot *snap = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snap, w, h);
  GskRenderNode *node = gtk_snapshot_free_to_node (snap);
  GdkTexture *tex = NULL;
  if (node != NULL)
    {
      tex = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (win)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
      gsk_render_node_unref (node);
    }
  g_object_unref (paintable);
  return tex;
}
