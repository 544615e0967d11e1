/* hp-landscape.h: the exhaustive landscape of a small network (issue 9).
 *
 * Left, the barrier tree as a disconnectivity graph: energy upwards, each
 * minimum a leaf with a thumbnail of its state and its basin size, stored
 * patterns, inverses and spurious minima told apart by marker shape and
 * label; branches join at the barrier energy where their basins meet.
 * Right, the whole state space, one pixel per state coloured by the
 * attractor it falls into, laid out so that single-flip neighbours sit next
 * to each other (hf_landscape_layout: Gray code on both axes). */
#pragma once

#include "hf-landscape.h"
#include "hp-draw.h"

/* The graph's shape, made once per landscape. At most max_leaves leaves
 * are drawn: the minima with the largest basins (stored patterns and their
 * inverses first); the others are folded into the branch they join. */
typedef struct HpTree HpTree;

HpTree *hp_tree_new (const HfLandscape *ls, size_t max_leaves);
void hp_tree_free (HpTree *tree);
/* Leaves drawn, left to right, and the minimum each shows. */
size_t hp_tree_leaves (const HpTree *tree);
size_t hp_tree_leaf_minimum (const HpTree *tree, size_t leaf);

/* The colour of attractor k (an index into hf_landscape_attractors): stored
 * pattern k a categorical colour, its inverse a pale version, spurious
 * states and cycles greys. */
HpRgba hp_landscape_attractor_color (const HfLandscape *ls, size_t attractor);
/* The state space as an image, at most max_side pixels wide: pixel (x, y)
 * is state hf_landscape_state_at (n, x, y) in its attractor's colour; when
 * the space is larger, each pixel averages a square block of states. */
cairo_surface_t *hp_landscape_space_image (const HfLandscape *ls, int max_side);

typedef struct
{
  HpRect tree; /* the graph's plotting area */
  double energy_lo, energy_hi;
  double labels_bottom;             /* leaves reach down to here (thumbnails, labels) */
  HpRect space;                     /* where the state-space image went */
  size_t space_width, space_height; /* its size in states */
} HpLandscapeLayout;

/* Draws both pictures into area. width x height: the grid of a state (for
 * the thumbnails). current: a state number to mark in both pictures, or -1.
 * space: from hp_landscape_space_image (NULL: made here). */
HpLandscapeLayout hp_landscape_draw (cairo_t *cr, const HpStyle *style, HpRect area,
                                     const HfLandscape *ls, const HpTree *tree,
                                     cairo_surface_t *space, size_t width, size_t height,
                                     long current);

/* The minimum whose leaf is at (x, y), or -1. */
long hp_landscape_leaf_at (const HpLandscapeLayout *layout, const HpTree *tree, double x,
                           double y);
/* The state at (x, y) of the state-space picture (at full resolution even
 * when the image averages blocks), or -1 outside it. */
long hp_landscape_state_at_point (const HpLandscapeLayout *layout, const HfLandscape *ls,
                                  double x, double y);
