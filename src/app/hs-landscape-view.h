/* hs-landscape-view.h: every state of a small network (issue 9).
 *
 * For grids up to 5 x 5 (n <= 25) the view enumerates all 2^n states in a
 * background task (progress and Cancel; n = 25 takes seconds) and draws the
 * barrier tree as a disconnectivity graph beside a picture of the whole
 * state space coloured by attractor. Clicking a leaf (or a pixel of the
 * state space) emits "state-activated"; the current recall state is marked
 * live in both pictures.
 *
 * API for the window:
 *   hs_landscape_view_set_network (view, net, patterns, width, height, &error)
 *       copies both and starts the enumeration (net NULL clears; more than 25
 *       neurons shows a message, it is not an error);
 *   hs_landscape_view_set_dynamics (view, dynamics, tie)  the recall settings
 *       the map follows (default asynchronous, h = 0 turns off);
 *   hs_landscape_view_set_current_state (view, state)  n values +-1, or NULL;
 *   signal "state-activated" (const int8_t *state, guint n): put that state on
 *       the canvas (the pointer is valid during the emission only);
 *   hs_landscape_view_draw / _export (PNG or SVG) / _export_csv (one row per
 *       attractor: state,energy,basin,kind,pattern) / _export_tree_csv (one
 *       row per merge: minimum,joins,barrier,saddle). */
#pragma once

#include <gtk/gtk.h>

#include "hf-landscape.h"
#include "hp-landscape.h"

G_BEGIN_DECLS

#define HS_TYPE_LANDSCAPE_VIEW (hs_landscape_view_get_type ())
G_DECLARE_FINAL_TYPE (HsLandscapeView, hs_landscape_view, HS, LANDSCAPE_VIEW, GtkWidget)

GtkWidget *hs_landscape_view_new (void);
gboolean hs_landscape_view_set_network (HsLandscapeView *self, const HfNetwork *net,
                                        const HfPatterns *patterns, guint width,
                                        guint height, GError **error);
void hs_landscape_view_set_dynamics (HsLandscapeView *self, HfLandscapeDynamics dynamics,
                                     HfTieRule tie);
void hs_landscape_view_set_current_state (HsLandscapeView *self, const int8_t *state);
gboolean hs_landscape_view_is_busy (HsLandscapeView *self);
/* The map once computed (NULL before): for tests and exports. */
const HfLandscape *hs_landscape_view_get_landscape (HsLandscapeView *self);
/* Activates the leaf of minimum m as a click would (emits the signal). */
gboolean hs_landscape_view_activate_minimum (HsLandscapeView *self, size_t m);
/* Where the last drawing put things (hit tests; tests). */
const HpLandscapeLayout *hs_landscape_view_get_layout (HsLandscapeView *self);
const HpTree *hs_landscape_view_get_tree (HsLandscapeView *self);
void hs_landscape_view_draw (HsLandscapeView *self, cairo_t *cr, int width, int height);
gboolean hs_landscape_view_export (HsLandscapeView *self, const char *path,
                                   GError **error);
gboolean hs_landscape_view_export_csv (HsLandscapeView *self, const char *path,
                                       GError **error);
gboolean hs_landscape_view_export_tree_csv (HsLandscapeView *self, const char *path,
                                            GError **error);

G_END_DECLS
