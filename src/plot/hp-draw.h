/* hp-draw.h: text with Pango, nice axis ticks and framed axes, export.
 *
 * Every function draws on a cairo_t in user units (pixels at scale 1) and
 * takes its colours and sizes from an HpStyle. */
#pragma once

#include <cairo.h>

#include "hp-style.h"

void hp_set_source (cairo_t *cr, HpRgba c);
void hp_set_source_alpha (cairo_t *cr, HpRgba c, double alpha);

/* Draws text (Pango markup when markup is true) with its anchor at (x, y):
 * xalign 0 puts the left edge at x, 0.5 the centre, 1 the right edge;
 * yalign likewise from top to bottom. size is relative to the style's font
 * size (1 = normal). Returns the text's width; height in *height if given. */
double hp_text (cairo_t *cr, const HpStyle *style, double size, double x, double y,
                double xalign, double yalign, const char *text);
double hp_markup (cairo_t *cr, const HpStyle *style, double size, double x, double y,
                  double xalign, double yalign, const char *markup);
/* Draws text wrapped at word boundaries to at most width, its lines
 * centred, the block centred on (x, y). Returns the block's height. */
double hp_text_wrapped (cairo_t *cr, const HpStyle *style, double size, double x,
                        double y, double width, const char *text);
/* The height hp_text_wrapped would take, without drawing. */
double hp_text_wrapped_height (cairo_t *cr, const HpStyle *style, double size,
                               double width, const char *text);
/* Same, turned 90 degrees counter-clockwise (a y-axis title). */
void hp_text_vertical (cairo_t *cr, const HpStyle *style, double size, double x, double y,
                       const char *text);
/* The size text would take, without drawing it. */
void hp_text_extents (cairo_t *cr, const HpStyle *style, double size, const char *text,
                      double *width, double *height);

/* Round tick values covering [lo, hi]: at most max_ticks (<= 16) values
 * 1, 2 or 5 times a power of ten apart, written to ticks; returns how many.
 * With log, ticks fall on powers of ten (lo and hi must be > 0). */
int hp_nice_ticks (double lo, double hi, int max_ticks, bool log, double ticks[16]);
/* Formats a tick with as many digits as the tick spacing needs:
 * "0.25", "1500", "-1.2e+04" (a proper minus sign). */
void hp_format_tick (double v, double spacing, char *buf, size_t size);

typedef struct
{
  double lo, hi;     /* data range shown */
  bool log;          /* logarithmic (lo, hi > 0) */
  const char *title; /* may be NULL */
  bool integer;      /* ticks only on integers */
} HpAxis;

typedef struct
{
  double x, y, width, height;
} HpRect;

/* Lays out and draws a frame with ticks, tick labels, grid lines and axis
 * titles inside `outer`; the left margin fits the widest y label, so labels
 * never overlap the frame. Returns the plotting area inside the frame. */
HpRect hp_axes_draw (cairo_t *cr, const HpStyle *style, HpRect outer, const HpAxis *x,
                     const HpAxis *y);
/* Maps a data value to a position along [p0, p1] (p1 < p0 for y). */
double hp_axis_map (const HpAxis *axis, double v, double p0, double p1);
/* Inverse of hp_axis_map. */
double hp_axis_unmap (const HpAxis *axis, double p, double p0, double p1);

/* Draws a legend box in the top-right (or top-left) corner of area. */
void hp_legend_draw (cairo_t *cr, const HpStyle *style, HpRect area, bool left,
                     const char *const *labels, size_t count);

typedef void (*HpDrawFunc) (cairo_t *cr, int width, int height, void *data);

/* Writes a drawing to path as SVG or PNG, chosen by the name's extension
 * (.svg, .png), painting the style's background first; atomic (a temporary
 * file renamed over path). Returns 0, or -1 with a sentence in message. */
int hp_export (const char *path, int width, int height, const HpStyle *style,
               HpDrawFunc draw, void *data, char *message, size_t message_size);
