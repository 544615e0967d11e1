/* hp-chart.h: line charts of experiment tables (the paper's Figs. 2-4),
 * drawn with Cairo and Pango: several series told apart by colour, dash
 * and marker, optional error bars, linear or log axes, reference lines
 * (Hebbian's 0.138 n, one pattern per neuron) and a legend. Used by
 * `hopfield experiment --plot` and meant for the studio's Lab view, which
 * can draw a chart while its series are still filling in (a series may
 * hold fewer points than the axes allow for).
 *
 * Every series' line is a single path, so an SVG export holds one line
 * <path> per series in that series' colour (and one legend swatch). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "hp-draw.h"

typedef struct
{
  const char *label;
  const double *x, *y;
  const double *err; /* half-height of an error bar at each point; may be NULL */
  size_t count;
} HpSeries;

typedef struct
{
  double value;
  bool vertical; /* x = value (true) or y = value */
  const char *label;
} HpRefLine;

typedef struct
{
  const char *title; /* above the frame; may be NULL */
  HpAxis x, y;       /* lo == hi: fitted to the data (and reference lines) */
  const HpSeries *series;
  size_t nseries;
  const HpRefLine *refs;
  size_t nrefs;
  bool legend_left;
} HpChart;

/* Draws the chart inside area. */
void hp_chart_draw (cairo_t *cr, const HpStyle *style, HpRect area, const HpChart *chart);
/* Writes it as SVG or PNG (by the name's extension), atomically, with the
 * light style. Returns 0, or -1 with a sentence in message. */
int hp_chart_export (const char *path, int width, int height, const HpChart *chart,
                     char *message, size_t message_size);

/* Releases Pango's default font map and the fonts it holds, so that a leak
 * checker sees fewer caches that live as long as the process. For
 * command-line tools at exit. */
void hp_release_static_data (void);
