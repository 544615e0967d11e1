/* hs-weights-view.h: the weights J of the trained network (issue 9).
 *
 * A heat map of J on a diverging scale with its legend, the thresholds
 * beside it, and the receptive field of the neuron under the mouse (its row
 * of J drawn on the grid). Works at 64 x 64 (J is drawn from an image made
 * once per network).
 *
 * API for the window:
 *   hs_weights_view_set_network (view, net, patterns, width, height)
 *       copies the network (NULL clears the view); patterns are unused here
 *       but accepted so every view is fed alike;
 *   hs_weights_view_set_neuron (view, i)  show neuron i's field (-1: none),
 *       e.g. the canvas cell under the mouse; the view's own hover sets it too;
 *   hs_weights_view_draw / _export (PNG or SVG by extension) / _export_csv
 *       (one row per neuron: neuron,theta,J_0..J_{n-1}). */
#pragma once

#include <gtk/gtk.h>

#include "hf-network.h"

G_BEGIN_DECLS

#define HS_TYPE_WEIGHTS_VIEW (hs_weights_view_get_type ())
G_DECLARE_FINAL_TYPE (HsWeightsView, hs_weights_view, HS, WEIGHTS_VIEW, GtkWidget)

GtkWidget *hs_weights_view_new (void);
/* FALSE with error when the sizes disagree or memory is short. */
gboolean hs_weights_view_set_network (HsWeightsView *self, const HfNetwork *net,
                                      const HfPatterns *patterns, guint width,
                                      guint height, GError **error);
void hs_weights_view_set_neuron (HsWeightsView *self, long neuron);
long hs_weights_view_get_neuron (HsWeightsView *self);
void hs_weights_view_draw (HsWeightsView *self, cairo_t *cr, int width, int height);
gboolean hs_weights_view_export (HsWeightsView *self, const char *path, GError **error);
gboolean hs_weights_view_export_csv (HsWeightsView *self, const char *path,
                                     GError **error);

G_END_DECLS
