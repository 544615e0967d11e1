/* hp-colorbar.c: colour bar legends, thumbnails, markers, progress. */
#include "hp-colorbar.h"

#include <math.h>
#include <stdio.h>

static HpRgba
bar_color (HpColorbarKind kind, double t)
{
  return kind == HP_COLORBAR_DIVERGING ? hp_color_diverging (2 * t - 1)
                                       : hp_color_sequential (t);
}

double
hp_colorbar_width (cairo_t *cr, const HpStyle *style, double lo, double hi,
                   const char *title)
{
  const double s = style->scale;
  double ticks[16], w = 0, tw = 0;
  char buf[64];
  int n = hp_nice_ticks (lo, hi, 6, false, ticks);
  double spacing = n > 1 ? ticks[1] - ticks[0] : 1;
  for (int k = 0; k < n; k++)
    {
      double lw;
      hp_format_tick (ticks[k], spacing, buf, sizeof buf);
      hp_text_extents (cr, style, 0.85, buf, &lw, NULL);
      w = fmax (w, lw);
    }
  if (title)
    hp_text_extents (cr, style, 0.85, title, &tw, NULL);
  return fmax (12 * s + 4 * s + 4 * s + w, tw);
}

double
hp_colorbar_draw (cairo_t *cr, const HpStyle *style, HpRect area, HpColorbarKind kind,
                  double lo, double hi, const char *title)
{
  const double s = style->scale, bar = 12 * s, tick = 4 * s;
  double line_h = 0;
  hp_text_extents (cr, style, 0.85, "0", NULL, &line_h);
  double top = area.y + (title ? line_h + 4 * s : 0) + line_h / 2;
  double bottom = area.y + area.height - line_h / 2;
  if (bottom - top < 10 || !(hi > lo))
    return 0;
  cairo_save (cr);
  /* the gradient as stacked bands, one per pixel of height at most */
  int bands = (int)fmin (256, bottom - top);
  for (int k = 0; k < bands; k++)
    {
      double t0 = (double)k / bands, t1 = (double)(k + 1) / bands;
      hp_set_source (cr, bar_color (kind, (t0 + t1) / 2));
      double y0 = bottom - t1 * (bottom - top), y1 = bottom - t0 * (bottom - top);
      cairo_rectangle (cr, area.x, floor (y0), bar, ceil (y1) - floor (y0));
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 1 * s);
  hp_set_source (cr, style->muted);
  cairo_rectangle (cr, area.x + 0.5, round (top) + 0.5, bar - 1,
                   round (bottom - top) - 1);
  cairo_stroke (cr);
  double ticks[16];
  char buf[64];
  int n = hp_nice_ticks (lo, hi, (int)fmax (2, fmin (6, (bottom - top) / (30 * s))),
                         false, ticks);
  double spacing = n > 1 ? ticks[1] - ticks[0] : 1, w = bar;
  for (int k = 0; k < n; k++)
    {
      double py = round (bottom - (ticks[k] - lo) / (hi - lo) * (bottom - top)) + 0.5;
      cairo_move_to (cr, area.x + bar, py);
      cairo_line_to (cr, area.x + bar + tick, py);
      cairo_stroke (cr);
      hp_format_tick (ticks[k], spacing, buf, sizeof buf);
      w = fmax (w, bar + tick + 4 * s
                       + hp_text (cr, style, 0.85, area.x + bar + tick + 2 * s, py, 0,
                                  0.5, buf));
    }
  if (title)
    {
      hp_set_source (cr, style->foreground);
      w = fmax (w, hp_text (cr, style, 0.85, area.x, area.y, 0, 0, title));
    }
  cairo_restore (cr);
  return w;
}

void
hp_state_thumbnail (cairo_t *cr, const HpStyle *style, double x, double y, double cell,
                    const int8_t *state, size_t width, size_t height)
{
  cairo_save (cr);
  for (size_t r = 0; r < height; r++)
    for (size_t c = 0; c < width; c++)
      {
        hp_set_source (cr, state[r * width + c] > 0 ? style->on : style->off);
        cairo_rectangle (cr, x + c * cell, y + r * cell, cell, cell);
        cairo_fill (cr);
      }
  cairo_set_line_width (cr, fmax (1, style->scale));
  hp_set_source (cr, style->muted);
  cairo_rectangle (cr, x, y, width * cell, height * cell);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
hp_marker (cairo_t *cr, HpMarker shape, double x, double y, double r, HpRgba fill,
           HpRgba stroke, double line_width)
{
  cairo_save (cr);
  cairo_new_path (cr);
  switch (shape)
    {
    case HP_MARKER_SQUARE:
      cairo_rectangle (cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case HP_MARKER_TRIANGLE:
      cairo_move_to (cr, x, y - r * 1.1);
      cairo_line_to (cr, x + r, y + r * 0.75);
      cairo_line_to (cr, x - r, y + r * 0.75);
      cairo_close_path (cr);
      break;
    case HP_MARKER_DIAMOND:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case HP_MARKER_CIRCLE:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * M_PI);
      break;
    }
  hp_set_source (cr, fill);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, line_width);
  hp_set_source (cr, stroke);
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
hp_progress_draw (cairo_t *cr, const HpStyle *style, HpRect area, const char *message,
                  double fraction)
{
  const double s = style->scale;
  double cx = area.x + area.width / 2, cy = area.y + area.height / 2;
  cairo_save (cr);
  hp_set_source (cr, style->muted);
  /* wrapped to the area (a narrow window), its last line just above the bar */
  double room = fmax (40 * s, area.width - 16 * s);
  double th = hp_text_wrapped_height (cr, style, 1, room, message);
  hp_text_wrapped (cr, style, 1, cx, cy - 4 * s - th / 2, room, message);
  if (fraction >= 0)
    {
      double bw = fmin (area.width * 0.6, 240 * s), bh = 6 * s;
      double x = cx - bw / 2, y = cy + 4 * s;
      hp_set_source (cr, style->grid);
      cairo_rectangle (cr, x, y, bw, bh);
      cairo_fill (cr);
      hp_set_source (cr, style->accent);
      cairo_rectangle (cr, x, y, bw * fmin (1, fraction), bh);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}
