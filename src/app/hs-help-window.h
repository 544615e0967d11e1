/* hs-help-window.h: the guide (resources/help/guide.md), one page per
 * top-level heading, with a sidebar to move between them. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_HELP_WINDOW (hs_help_window_get_type ())
G_DECLARE_FINAL_TYPE (HsHelpWindow, hs_help_window, HS, HELP_WINDOW, GtkWindow)

GtkWidget *hs_help_window_new (GtkWindow *parent);
/* Shows the page with this title; FALSE if there is none. */
gboolean hs_help_window_show_page (HsHelpWindow *self, const char *title);
/* The pages' titles, in order (for tests); free with g_strfreev. */
char **hs_help_window_get_titles (HsHelpWindow *self);

G_END_DECLS
