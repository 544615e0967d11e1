/* hs-tour.h: the first-run tour: the guide's five "Getting started" steps,
 * one page at a time (Back, Next, Done; Escape closes). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens the tour over parent. Done sets the tour-shown preference (when
 * the schema is installed). Returns the tour's window. */
GtkWindow *hs_tour_show (GtkWindow *parent);
/* The page shown (0 ... hs_tour_n_pages () - 1), for the tests. */
guint hs_tour_get_page (GtkWindow *tour);
guint hs_tour_n_pages (void);

G_END_DECLS
