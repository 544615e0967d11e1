/* hp-basins.h: basin radius and margin per stored pattern as bars (issue 9). */
#pragma once

#include "hf-landscape.h"
#include "hp-draw.h"

/* Two bar charts one above the other, one bar per pattern (numbered from
 * 0): the basin radius in flipped bits (of n; a pattern that is not a fixed
 * point is marked "not stored" instead of a bar) and the margin
 * min_i xi_i h_i (negative: the pattern is not a fixed point). share is the
 * success share the radius was measured for, shown in the title. */
void hp_basins_draw (cairo_t *cr, const HpStyle *style, HpRect area,
                     const HfBasinRadiusResult *results, size_t count, size_t n,
                     double share);
