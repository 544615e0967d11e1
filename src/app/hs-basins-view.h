/* hs-basins-view.h: basin radius and margin of every stored pattern (issue 9).
 *
 * Given a network and its patterns, the view measures each pattern's basin
 * radius (the most flipped bits recall repairs in 90% of seeded trials) and
 * its margin in a background task, showing progress with a Cancel button,
 * and draws both as bars. A new network cancels the running measurement.
 *
 * API for the window:
 *   hs_basins_view_set_network (view, net, patterns, width, height, &error)
 *       copies both and starts measuring (net NULL clears the view); call it
 *       after each training;
 *   hs_basins_view_set_trials (view, trials)  trials per tested flip count
 *       (0: the default, 64, or 24 above 1024 neurons); measures again;
 *   hs_basins_view_is_busy (view)  TRUE while measuring;
 *   hs_basins_view_draw / _export (PNG or SVG) / _export_csv
 *       (columns pattern,radius,share_at_radius,margin; radius -1: the
 *       pattern is not a fixed point). */
#pragma once

#include <gtk/gtk.h>

#include "hf-network.h"

G_BEGIN_DECLS

#define HS_TYPE_BASINS_VIEW (hs_basins_view_get_type ())
G_DECLARE_FINAL_TYPE (HsBasinsView, hs_basins_view, HS, BASINS_VIEW, GtkWidget)

GtkWidget *hs_basins_view_new (void);
gboolean hs_basins_view_set_network (HsBasinsView *self, const HfNetwork *net,
                                     const HfPatterns *patterns, guint width,
                                     guint height, GError **error);
void hs_basins_view_set_trials (HsBasinsView *self, guint trials);
gboolean hs_basins_view_is_busy (HsBasinsView *self);
void hs_basins_view_draw (HsBasinsView *self, cairo_t *cr, int width, int height);
gboolean hs_basins_view_export (HsBasinsView *self, const char *path, GError **error);
gboolean hs_basins_view_export_csv (HsBasinsView *self, const char *path, GError **error);

G_END_DECLS
