/* hp-basins.c: basin radius and margin bars. */
#include "config.h"

#include "hp-basins.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "hp-colorbar.h"

static void
bars (cairo_t *cr, const HpStyle *style, HpRect outer, const HpAxis *ya,
      const char *x_title, const double *values, const bool *missing, size_t count,
      HpRgba colour, HpRgba negative)
{
  HpAxis xa = { -0.5, count - 0.5, false, x_title, true };
  HpRect area = hp_axes_draw (cr, style, outer, &xa, ya);
  double slot = area.width / count, bw = fmax (1, fmin (slot * 0.7, 48 * style->scale));
  double zero
      = hp_axis_map (ya, fmax (ya->lo, fmin (ya->hi, 0)), area.y + area.height, area.y);
  cairo_save (cr);
  cairo_rectangle (cr, area.x, area.y, area.width, area.height);
  cairo_clip (cr);
  for (size_t k = 0; k < count; k++)
    {
      double cx = area.x + (k + 0.5) * slot;
      if (missing && missing[k])
        {
          /* not a bar of height 0, which would read as "radius 0" */
          hp_set_source (cr, style->muted);
          hp_text (cr, style, 0.75, cx, zero - 2 * style->scale, 0.5, 1, "×");
          continue;
        }
      double y = hp_axis_map (ya, values[k], area.y + area.height, area.y);
      /* negative bars differ in colour and are hatched by an outline */
      hp_set_source (cr, values[k] < 0 ? negative : colour);
      cairo_rectangle (cr, cx - bw / 2, fmin (y, zero), bw, fabs (y - zero));
      if (values[k] < 0)
        {
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 1.5 * style->scale);
          hp_set_source (cr, style->foreground);
          cairo_stroke (cr);
        }
      else
        cairo_fill (cr);
    }
  cairo_set_line_width (cr, 1 * style->scale);
  hp_set_source (cr, style->muted);
  cairo_move_to (cr, area.x, round (zero) + 0.5);
  cairo_line_to (cr, area.x + area.width, round (zero) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* A chart title: on one line from (x, y) when it fits width, else wrapped
 * (lines centred) in width. Returns its height; draws only with draw. */
static double
title_text (cairo_t *cr, const HpStyle *style, double x, double y, double width,
            const char *text, bool draw)
{
  double w, h;
  hp_text_extents (cr, style, 1, text, &w, &h);
  if (w <= width)
    {
      if (draw)
        hp_text (cr, style, 1, x, y, 0, 0, text);
      return h;
    }
  h = hp_text_wrapped_height (cr, style, 1, width, text);
  if (draw)
    hp_text_wrapped (cr, style, 1, x + width / 2, y + h / 2, width, text);
  return h;
}

void
hp_basins_draw (cairo_t *cr, const HpStyle *style, HpRect area,
                const HfBasinRadiusResult *results, size_t count, size_t n, double share)
{
  if (count == 0 || area.height < 60)
    return;
  const double s = style->scale;
  double line_h;
  hp_text_extents (cr, style, 1, "Jg", NULL, &line_h);
  double *radius = g_new (double, count), *margin = g_new (double, count);
  bool *missing = g_new (bool, count);
  double rmax = 1, mlo = 0, mhi = 0;
  for (size_t k = 0; k < count; k++)
    {
      missing[k] = results[k].radius < 0;
      radius[k] = missing[k] ? 0 : (double)results[k].radius;
      margin[k] = results[k].margin;
      rmax = fmax (rmax, radius[k]);
      if (isfinite (margin[k]))
        {
          mlo = fmin (mlo, margin[k]);
          mhi = fmax (mhi, margin[k]);
        }
    }
  if (mhi - mlo < 1e-12)
    mhi = mlo + 1;
  char title[200];
  snprintf (title, sizeof title,
            _ ("Basin radius: the most of the %zu bits flipped that recall still repairs "
               "in %.0f%% of trials"),
            n, share * 100);
  const char *title2
      = _ ("Margin: smallest ξᵢ hᵢ over the pattern's neurons (below 0: not stored)");
  /* the titles wrap in a narrow view (1024 px with both side panels) */
  double room = fmax (40 * s, area.width - 8 * s);
  double h1 = fmax (line_h, title_text (cr, style, 0, 0, room, title, false));
  double h2 = fmax (line_h, title_text (cr, style, 0, 0, room, title2, false));
  double half = (area.height - (h1 + 4 * s) - (h2 + 4 * s)) / 2;
  if (half < 30 * s)
    {
      g_free (radius);
      g_free (margin);
      g_free (missing);
      return;
    }
  cairo_save (cr);
  hp_set_source (cr, style->foreground);
  title_text (cr, style, area.x + 4 * s, area.y, room, title, true);
  HpAxis ya = { 0, rmax * 1.08, false, _ ("Bits"), true };
  bars (cr, style, (HpRect){ area.x, area.y + h1 + 4 * s, area.width, half }, &ya, NULL,
        radius, missing, count, hp_style_series (style, 0), hp_style_series (style, 1));
  double y2 = area.y + h1 + 4 * s + half;
  hp_set_source (cr, style->foreground);
  title_text (cr, style, area.x + 4 * s, y2, room, title2, true);
  double pad = 0.08 * (mhi - mlo);
  HpAxis ym = { mlo < 0 ? mlo - pad : 0, mhi + pad, false, _ ("Margin"), false };
  bars (cr, style, (HpRect){ area.x, y2 + h2 + 4 * s, area.width, half }, &ym,
        _ ("Stored pattern"), margin, NULL, count, hp_style_series (style, 2),
        hp_style_series (style, 1));
  cairo_restore (cr);
  g_free (radius);
  g_free (margin);
  g_free (missing);
}
