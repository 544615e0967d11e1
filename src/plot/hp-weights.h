/* hp-weights.h: the weights J as a heat map (issue 9, the Weights view).
 *
 * J (n x n) on a diverging colour scale with its legend, the thresholds
 * theta as a strip beside it on the same scale, and the receptive field of
 * one neuron: its row of J laid out on the grid. Large networks (64 x 64:
 * n = 4096) are drawn from a downsampled image made once. */
#pragma once

#include "hf-network.h"
#include "hp-draw.h"

/* The colour scale: largest |J_ij| and |theta_i| (1 when all are 0). */
double hp_weights_scale (const HfNetwork *net);

/* An image of J at most max_side pixels wide: one pixel per weight when
 * n <= max_side, else each pixel the weight of largest magnitude in a
 * block of weights (sign kept). NULL when
 * memory is short. Cache it: it reads all n^2 weights. */
cairo_surface_t *hp_weights_image (const HfNetwork *net, double scale, int max_side);

typedef struct
{
  HpRect matrix;     /* J: row i spans matrix.height / n from matrix.y */
  HpRect thresholds; /* theta, rows aligned with the matrix */
  HpRect field;      /* the receptive field on the grid */
} HpWeightsLayout;

/* Draws the view inside area. image: from hp_weights_image (NULL: made and
 * dropped here, fine for export). neuron: whose receptive field to show and
 * whose row to mark, or -1. Returns where things went, for hit tests. */
HpWeightsLayout hp_weights_draw (cairo_t *cr, const HpStyle *style, HpRect area,
                                 const HfNetwork *net, cairo_surface_t *image,
                                 long neuron);

/* The neuron whose row of the matrix or of the thresholds is under (x, y);
 * -1 elsewhere. */
long hp_weights_neuron_at (const HpWeightsLayout *layout, const HfNetwork *net, double x,
                           double y);
