/* hs-plane-view.h: energy over the overlaps with two stored patterns (issue 9).
 *
 * Two choosers pick the patterns a and b; the view samples the energy and
 * the dynamics' drift over the plane (m_a, m_b) in a background task (any
 * grid size; progress and Cancel) and draws a heat map with the flow field
 * as arrows. A recall trajectory is drawn over it live.
 *
 * API for the window:
 *   hs_plane_view_set_network (view, net, patterns, width, height, &error)
 *       copies both, resets the choosers to patterns 0 and 1 and samples the
 *       plane (net NULL clears; fewer than two patterns shows a message);
 *   hs_plane_view_set_patterns (view, a, b)  choose the axes (as the
 *       choosers do); the trajectory is cleared, its points meant other axes;
 *   hs_plane_view_add_point (view, m_a, m_b) / hs_plane_view_clear_points:
 *       the trajectory, oldest first;
 *   hs_plane_view_set_current_state (view, state)  adds the point of a state
 *       (its overlaps with a and b): call it at each recall step;
 *   hs_plane_view_draw / _export (PNG or SVG) / _export_csv (one row per
 *       cell: target_a,target_b,m_a,m_b,samples,energy_mean,energy_sd,
 *       drift_a,drift_b). */
#pragma once

#include <gtk/gtk.h>

#include "hf-network.h"

G_BEGIN_DECLS

#define HS_TYPE_PLANE_VIEW (hs_plane_view_get_type ())
G_DECLARE_FINAL_TYPE (HsPlaneView, hs_plane_view, HS, PLANE_VIEW, GtkWidget)

GtkWidget *hs_plane_view_new (void);
gboolean hs_plane_view_set_network (HsPlaneView *self, const HfNetwork *net,
                                    const HfPatterns *patterns, guint width, guint height,
                                    GError **error);
void hs_plane_view_set_patterns (HsPlaneView *self, guint a, guint b);
void hs_plane_view_add_point (HsPlaneView *self, double m_a, double m_b);
void hs_plane_view_clear_points (HsPlaneView *self);
guint hs_plane_view_get_n_points (HsPlaneView *self);
void hs_plane_view_set_current_state (HsPlaneView *self, const int8_t *state);
gboolean hs_plane_view_is_busy (HsPlaneView *self);
void hs_plane_view_draw (HsPlaneView *self, cairo_t *cr, int width, int height);
gboolean hs_plane_view_export (HsPlaneView *self, const char *path, GError **error);
gboolean hs_plane_view_export_csv (HsPlaneView *self, const char *path, GError **error);

G_END_DECLS
