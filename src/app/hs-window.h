/* hs-window.h: the Hopfield Studio main window. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_WINDOW (hs_window_get_type ())
G_DECLARE_FINAL_TYPE (HsWindow, hs_window, HS, WINDOW, GtkApplicationWindow)

HsWindow *hs_window_new (GtkApplication *app);
/* Opens files as if dropped on the window (networks, pattern sets, images). */
void hs_window_open_files (HsWindow *self, GFile **files, guint n_files);
/* Waits (up to seconds) until no training worker of any window runs;
 * destroying a window cancels its training. TRUE when none is left. */
gboolean hs_window_wait_for_workers (double seconds);

G_END_DECLS
