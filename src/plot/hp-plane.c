/* hp-plane.c: energy heat map over two overlaps, flow arrows, trajectory. */
#include "config.h"

#include "hp-plane.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "hp-colorbar.h"

static uint32_t
pack (HpRgba c)
{
  return 0xff000000u | (uint32_t)lround (c.r * 255) << 16
         | (uint32_t)lround (c.g * 255) << 8 | (uint32_t)lround (c.b * 255);
}

static bool
cell_empty (const HfPlaneCell *c)
{
  return c->samples == 0 || !isfinite (c->energy_mean);
}

/* An arrow from (x, y) by (dx, dy) pixels, with a halo so it reads on
 * every colour of the map. */
static void
arrow (cairo_t *cr, double x, double y, double dx, double dy, double s)
{
  double len = hypot (dx, dy);
  if (len < 1.5 * s)
    {
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, 1.2 * s, 0, 2 * M_PI);
      cairo_close_path (cr);
      return;
    }
  double ux = dx / len, uy = dy / len, head = fmin (4 * s, len * 0.45);
  double ex = x + dx, ey = y + dy;
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, ex, ey);
  cairo_move_to (cr, ex - head * (ux - 0.6 * uy), ey - head * (uy + 0.6 * ux));
  cairo_line_to (cr, ex, ey);
  cairo_line_to (cr, ex - head * (ux + 0.6 * uy), ey - head * (uy - 0.6 * ux));
}

HpRect
hp_plane_draw (cairo_t *cr, const HpStyle *style, HpRect area, const HfPlaneCell *cells,
               size_t grid, size_t a, size_t b, const double *trail, size_t count)
{
  const double s = style->scale, pad = 8 * s;
  HpRect none = { 0 };
  if (grid < 2 || area.width < 100 || area.height < 100)
    return none;
  double lo = INFINITY, hi = -INFINITY, dmax = 0;
  for (size_t k = 0; k < grid * grid; k++)
    if (!cell_empty (&cells[k]))
      {
        lo = fmin (lo, cells[k].energy_mean);
        hi = fmax (hi, cells[k].energy_mean);
        dmax = fmax (dmax, hypot (cells[k].drift_a, cells[k].drift_b));
      }
  if (!isfinite (lo))
    {
      lo = 0;
      hi = 1;
    }
  if (hi - lo < 1e-12)
    hi = lo + 1;
  const char *bar_title = _ ("Mean energy");
  double bar_w = hp_colorbar_width (cr, style, lo, hi, bar_title);
  /* the notes on what the blank cells and the arrows mean go right of the
   * colour bar: keep room for them so that they are not cut off */
  const char *note_arrows = _ ("Arrows: mean drift per sweep");
  const char *note_blank = _ ("Blank: no state has these overlaps");
  double wa, wb;
  hp_text_extents (cr, style, 0.8, note_arrows, &wa, NULL);
  hp_text_extents (cr, style, 0.8, note_blank, &wb, NULL);
  /* the map takes what the bar leaves; the notes wrap into the room right
   * of the bar (none when there is hardly any: the studio's view says the
   * same under its toolbar) */
  double side = fmin (area.height, area.width - bar_w - 2 * pad);
  double room = fmin (area.width - side - bar_w - 3 * pad, fmax (wa, wb) + 1);
  char xt[96], yt[96];
  snprintf (xt, sizeof xt, _ ("Overlap with pattern %zu"), a);
  snprintf (yt, sizeof yt, _ ("Overlap with pattern %zu"), b);
  double half = 1.0 / (grid - 1);
  HpAxis xa = { -1 - half, 1 + half, false, xt, false };
  HpAxis ya = { -1 - half, 1 + half, false, yt, false };
  HpRect map = hp_axes_draw (cr, style, (HpRect){ area.x, area.y, side, side }, &xa, &ya);
  /* the heat map: one image pixel per cell, m_b upwards */
  cairo_surface_t *img
      = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)grid, (int)grid);
  if (cairo_surface_status (img) == CAIRO_STATUS_SUCCESS)
    {
      unsigned char *data = cairo_image_surface_get_data (img);
      int stride = cairo_image_surface_get_stride (img);
      for (size_t i = 0; i < grid; i++)
        for (size_t j = 0; j < grid; j++)
          {
            const HfPlaneCell *c = &cells[i * grid + j];
            uint32_t *row = (uint32_t *)(void *)(data + (size_t)stride * (grid - 1 - j));
            row[i] = cell_empty (c)
                         ? 0
                         : pack (hp_color_sequential ((c->energy_mean - lo) / (hi - lo)));
          }
      cairo_surface_mark_dirty (img);
      cairo_save (cr);
      cairo_rectangle (cr, map.x, map.y, map.width, map.height);
      cairo_clip (cr);
      cairo_translate (cr, map.x, map.y);
      cairo_scale (cr, map.width / grid, map.height / grid);
      cairo_set_source_surface (cr, img, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
      cairo_paint (cr);
      cairo_restore (cr);
    }
  cairo_surface_destroy (img);
  /* the flow: the longest drift spans most of a cell */
  double cw = map.width / grid, ch = map.height / grid;
  if (dmax > 0)
    {
      cairo_save (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      for (int pass = 0; pass < 2; pass++)
        {
          for (size_t i = 0; i < grid; i++)
            for (size_t j = 0; j < grid; j++)
              {
                const HfPlaneCell *c = &cells[i * grid + j];
                if (cell_empty (c))
                  continue;
                double x = hp_axis_map (&xa, c->target_a, map.x, map.x + map.width);
                double y = hp_axis_map (&ya, c->target_b, map.y + map.height, map.y);
                arrow (cr, x, y, 0.85 * cw * c->drift_a / dmax,
                       -0.85 * ch * c->drift_b / dmax, s);
              }
          cairo_set_line_width (cr, pass == 0 ? 3 * s : 1.2 * s);
          if (pass == 0)
            cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
          else
            cairo_set_source_rgba (cr, 0, 0, 0, 0.9);
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }
  /* the trajectory, newest point marked */
  if (trail && count > 0)
    {
      cairo_save (cr);
      cairo_rectangle (cr, map.x, map.y, map.width, map.height);
      cairo_clip (cr);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (int pass = 0; pass < 2; pass++)
        {
          for (size_t k = 0; k < count; k++)
            {
              double x = hp_axis_map (&xa, trail[2 * k], map.x, map.x + map.width);
              double y = hp_axis_map (&ya, trail[2 * k + 1], map.y + map.height, map.y);
              if (k == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_set_line_width (cr, pass == 0 ? 5 * s : 2.5 * s);
          hp_set_source (cr, pass == 0 ? (HpRgba){ 1, 1, 1, 0.8 } : style->accent);
          cairo_stroke (cr);
        }
      double x = hp_axis_map (&xa, trail[2 * count - 2], map.x, map.x + map.width);
      double y = hp_axis_map (&ya, trail[2 * count - 1], map.y + map.height, map.y);
      hp_marker (cr, HP_MARKER_CIRCLE, x, y, 5 * s, style->accent, (HpRgba){ 1, 1, 1, 1 },
                 1.5 * s);
      cairo_restore (cr);
    }
  HpRect bar = { area.x + side + pad, map.y - 4 * s, bar_w, map.height + 4 * s };
  bar.y = fmax (area.y, bar.y - 16 * s);
  hp_colorbar_draw (cr, style, bar, HP_COLORBAR_SEQUENTIAL, lo, hi, bar_title);
  /* what the blank cells and the arrows mean */
  double lh;
  hp_text_extents (cr, style, 0.8, "Pg", NULL, &lh);
  double nx = area.x + side + pad + bar_w + pad, ny = map.y + map.height;
  hp_set_source (cr, style->muted);
  if (room >= 40 * s)
    {
      double cx = nx + room / 2, cy = map.y + map.height / 2;
      double h = hp_text_wrapped (cr, style, 0.8, cx, cy, room, note_arrows);
      hp_text_wrapped (cr, style, 0.8, cx, cy + h + lh, room, note_blank);
    }
  (void)ny;
  return map;
}
