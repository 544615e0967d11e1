/* hs-window.h: the Hopfield Studio main window. */
#pragma once

#include <gtk/gtk.h>

#include "hs-document.h"

G_BEGIN_DECLS

#define HS_TYPE_WINDOW (hs_window_get_type ())
G_DECLARE_FINAL_TYPE (HsWindow, hs_window, HS, WINDOW, GtkApplicationWindow)

HsWindow *hs_window_new (GtkApplication *app);
/* Projector mode: a high-contrast light scheme, everything larger and the
 * presentation layout (the editing panels hidden). The application's
 * app.projector action sets it on every window. */
void hs_window_set_projector (HsWindow *self, gboolean projector);
gboolean hs_window_get_projector (HsWindow *self);
HsDocument *hs_window_get_document (HsWindow *self);
/* Opens files as if dropped on the window (sessions, networks, pattern
 * sets, images). */
void hs_window_open_files (HsWindow *self, GFile **files, guint n_files);
gboolean hs_window_is_training (HsWindow *self);

G_END_DECLS
