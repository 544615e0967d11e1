/* hp-colorbar.h: a colour scale's legend, and small drawing helpers shared
 * by the views (state thumbnails, markers, a progress bar). */
#pragma once

#include <stdint.h>

#include "hp-draw.h"

typedef enum
{
  HP_COLORBAR_DIVERGING,  /* hp_color_diverging over [lo, hi], zero in the middle */
  HP_COLORBAR_SEQUENTIAL, /* hp_color_sequential over [lo, hi] */
} HpColorbarKind;

/* Draws a vertical colour bar with ticks and labels inside `area` (the bar
 * at its left, labels to its right, the title above). Returns the width
 * actually used. */
double hp_colorbar_draw (cairo_t *cr, const HpStyle *style, HpRect area,
                         HpColorbarKind kind, double lo, double hi, const char *title);
/* The width hp_colorbar_draw needs for these values. */
double hp_colorbar_width (cairo_t *cr, const HpStyle *style, double lo, double hi,
                          const char *title);

/* A state of +-1 values on its grid, cells filled with style->on / off,
 * in a frame, with its top-left corner at (x, y), cells cell pixels big. */
void hp_state_thumbnail (cairo_t *cr, const HpStyle *style, double x, double y,
                         double cell, const int8_t *state, size_t width, size_t height);

typedef enum
{
  HP_MARKER_CIRCLE,
  HP_MARKER_SQUARE,
  HP_MARKER_TRIANGLE,
  HP_MARKER_DIAMOND,
} HpMarker;

/* A marker of the given shape centred at (x, y), radius r: filled with
 * fill, outlined with stroke. */
void hp_marker (cairo_t *cr, HpMarker shape, double x, double y, double r, HpRgba fill,
                HpRgba stroke, double line_width);

/* A message with a progress bar (fraction in [0, 1], < 0: none), centred
 * in area: what a view shows while it computes. */
void hp_progress_draw (cairo_t *cr, const HpStyle *style, HpRect area,
                       const char *message, double fraction);
