/* hp-plane.h: the energy over the plane of two overlaps (issue 9).
 *
 * A heat map of the mean energy of states with overlaps (m_a, m_b) with two
 * stored patterns, its colour legend, the dynamics' mean drift per cell as
 * arrows (the flow field), and a recall trajectory drawn over it. */
#pragma once

#include "hf-landscape.h"
#include "hp-draw.h"

/* cells: grid x grid from hf_overlap_plane_cells; a, b: the patterns (for
 * the axis titles); trail: count points (m_a, m_b) as 2 * count doubles,
 * oldest first (may be NULL). Returns the heat map's area. */
HpRect hp_plane_draw (cairo_t *cr, const HpStyle *style, HpRect area,
                      const HfPlaneCell *cells, size_t grid, size_t a, size_t b,
                      const double *trail, size_t count);
