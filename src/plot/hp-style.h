/* hp-style.h: colours, type sizes and line widths for every drawing.
 *
 * The plot library draws with Cairo and Pango and knows nothing of GTK, so
 * the studio's views (snapshot), their PNG/SVG export and the hopfield
 * tool's --plot all draw the same picture. A style says how: the studio
 * fills one from its widget's colours and scale (light, dark, high contrast,
 * projector), the command line uses hp_style_init (). */
#pragma once

#include <stdbool.h>
#include <stddef.h>

typedef struct
{
  double r, g, b, a;
} HpRgba;

typedef enum
{
  HP_SCHEME_LIGHT,
  HP_SCHEME_DARK,
  HP_SCHEME_HIGH_CONTRAST,
  HP_SCHEME_PROJECTOR, /* light, high contrast and everything larger */
} HpScheme;

#define HP_N_SERIES 8

typedef struct
{
  HpRgba background;          /* what export paints first (a widget paints nothing) */
  HpRgba foreground;          /* text, frames, data lines */
  HpRgba muted;               /* secondary text and tick labels */
  HpRgba grid;                /* grid lines */
  HpRgba accent;              /* the current item: a highlighted neuron, the live state */
  HpRgba on, off;             /* a neuron at +1 and at -1 */
  HpRgba bad;                 /* a failure ("wrong"), legible on the background */
  HpRgba series[HP_N_SERIES]; /* lines of several rules, told apart by dash too */
  double font_size;           /* pixels, before scale */
  double scale; /* multiplies font sizes, line widths, markers and margins */
  char font_family[64];
} HpStyle;

void hp_style_init (HpStyle *style, HpScheme scheme);
/* The k-th series colour (wraps around). */
HpRgba hp_style_series (const HpStyle *style, size_t k);
/* A dash pattern for series k, so series differ by more than colour:
 * fills dashes (up to 4) and returns how many (0: solid). */
int hp_style_dashes (const HpStyle *style, size_t k, double dashes[4]);

/* Luminance-balanced colour maps, legible in print and for colour-blind
 * readers: diverging v in [-1, 1] (blue, white, orange-red), sequential
 * t in [0, 1] (dark blue to yellow, perceptually ordered), categorical k. */
HpRgba hp_color_diverging (double v);
HpRgba hp_color_sequential (double t);
HpRgba hp_color_categorical (size_t k);
HpRgba hp_rgba_mix (HpRgba a, HpRgba b, double t);
