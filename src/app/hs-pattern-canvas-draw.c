/* hs-pattern-canvas-draw.c: how the canvas draws. Every colour comes from
 * the widget's style (hs-plot-style.c: the theme's text and base colours,
 * its accent), so the canvas and the thumbnails follow the light, dark and
 * high-contrast styles; and every state has a shape of its own, not colour
 * alone: a clamped cell a diamond, the neuron that just flipped a diagonal
 * slash, one that stayed a dot, a cell about to flip an inset square, one
 * that will flip a cross, the keyboard cursor a double ring. */
#include "hs-pattern-canvas-private.h"

#include <math.h>

static guint32
pack (HpRgba c)
{
  return ((guint32)lround (CLAMP (c.r, 0, 1) * 255) << 16)
         | ((guint32)lround (CLAMP (c.g, 0, 1) * 255) << 8)
         | (guint32)lround (CLAMP (c.b, 0, 1) * 255);
}

static void
ensure_cells (HsPatternCanvas *self, const HpStyle *style)
{
  guint32 on = pack (style->on), off = pack (style->off);
  if (self->cells != NULL && (on != self->cells_on || off != self->cells_off))
    g_clear_pointer (&self->cells, cairo_surface_destroy); /* the style changed */
  if (self->cells != NULL || self->state == NULL)
    return;
  self->cells_on = on;
  self->cells_off = off;
  self->cells = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)self->width,
                                            (int)self->height);
  unsigned char *data = cairo_image_surface_get_data (self->cells);
  int stride = cairo_image_surface_get_stride (self->cells);
  cairo_surface_flush (self->cells);
  for (guint y = 0; y < self->height; y++)
    {
      guint32 *row = (guint32 *)(data + (gsize)y * stride);
      for (guint x = 0; x < self->width; x++)
        row[x] = self->state[y * self->width + x] > 0 ? on : off;
    }
  cairo_surface_mark_dirty (self->cells);
}

static void
set_rgba (cairo_t *cr, HpRgba c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, c.a * alpha);
}

/* The colour that stands out on cell k: the other state's colour. */
static HpRgba
contrast_of (HsPatternCanvas *self, const HpStyle *style, guint k)
{
  return self->state[k] > 0 ? style->off : style->on;
}

/* Strokes the current path twice: a halo in the cell's contrasting colour,
 * then the mark, so a mark reads on an on cell and an off cell alike. */
static void
stroke_with_halo (cairo_t *cr, HpRgba mark, HpRgba halo, double lw)
{
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_rgba (cr, halo, 0.9);
  cairo_set_line_width (cr, lw * 2);
  cairo_stroke_preserve (cr);
  set_rgba (cr, mark, 1);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* The stability overlay: per cell an inset square whose side grows as
 * s_i h_i falls towards 0 (about to flip), and a cross when s_i h_i < 0
 * (the next update flips it): shape and size, not colour alone. */
static void
draw_stability (HsPatternCanvas *self, cairo_t *cr, const HpStyle *style, double c)
{
  guint n = self->width * self->height;
  double scale = self->stability_scale > 0 ? self->stability_scale : 1;
  double lw = MAX (1.0, c * 0.07);
  for (guint k = 0; k < n; k++)
    {
      double v = self->stability[k];
      double x = (k % self->width) * c, y = (k / self->width) * c;
      HpRgba halo = contrast_of (self, style, k);
      if (v < 0)
        {
          double m = c * 0.2;
          cairo_move_to (cr, x + m, y + m);
          cairo_line_to (cr, x + c - m, y + c - m);
          cairo_move_to (cr, x + c - m, y + m);
          cairo_line_to (cr, x + m, y + c - m);
          stroke_with_halo (cr, style->accent, halo, lw);
          continue;
        }
      double side = c * 0.8 * (1 - MIN (v / scale, 1.0));
      if (side < 1.0)
        continue; /* firmly stable: nothing drawn */
      double cx = x + c / 2, cy = y + c / 2;
      cairo_rectangle (cr, cx - side / 2, cy - side / 2, side, side);
      set_rgba (cr, style->accent, 0.85);
      cairo_fill_preserve (cr);
      set_rgba (cr, halo, 0.9);
      cairo_set_line_width (cr, MAX (1.0, c * 0.04));
      cairo_stroke (cr);
    }
}

/* Clamped cells: a diamond in the accent colour, ringed in the cell's
 * contrasting colour. */
static void
draw_clamps (HsPatternCanvas *self, cairo_t *cr, const HpStyle *style, double c)
{
  double r = MAX (c * 0.26, 1.5);
  for (guint k = 0; k < self->width * self->height; k++)
    if (self->clamp[k])
      {
        double cx = (k % self->width + 0.5) * c, cy = (k / self->width + 0.5) * c;
        cairo_move_to (cr, cx, cy - r);
        cairo_line_to (cr, cx + r, cy);
        cairo_line_to (cr, cx, cy + r);
        cairo_line_to (cr, cx - r, cy);
        cairo_close_path (cr);
        set_rgba (cr, style->accent, 1);
        cairo_fill_preserve (cr);
        set_rgba (cr, contrast_of (self, style, k), 1);
        cairo_set_line_width (cr, MAX (1.0, c * 0.05));
        cairo_stroke (cr);
      }
}

/* The neuron just updated: a frame, with a diagonal slash when it flipped
 * and a dot when it stayed (the accent and a second colour besides). */
static void
draw_highlight (HsPatternCanvas *self, cairo_t *cr, const HpStyle *style, double c)
{
  guint k = (guint)self->highlight;
  double x = (k % self->width) * c, y = (k / self->width) * c;
  double lw = MAX (2.0, c * 0.12);
  HpRgba mark = self->highlight_flipped ? style->accent : hp_style_series (style, 2);
  HpRgba halo = contrast_of (self, style, k);
  cairo_rectangle (cr, x - lw / 2, y - lw / 2, c + lw, c + lw);
  set_rgba (cr, mark, 0.95);
  cairo_set_line_width (cr, lw);
  cairo_stroke (cr);
  double m = c * 0.25, mw = MAX (1.5, c * 0.1);
  if (self->highlight_flipped)
    {
      cairo_move_to (cr, x + c - m, y + m);
      cairo_line_to (cr, x + m, y + c - m);
      stroke_with_halo (cr, mark, halo, mw);
    }
  else
    {
      cairo_arc (cr, x + c / 2, y + c / 2, MAX (c * 0.12, 1.5), 0, 2 * G_PI);
      set_rgba (cr, halo, 0.9);
      cairo_set_line_width (cr, mw);
      cairo_stroke_preserve (cr);
      set_rgba (cr, mark, 1);
      cairo_fill (cr);
    }
}

/* The keyboard's cell cursor: two rings, the on colour outside and the off
 * colour inside, so it shows on any cell in any style. */
static void
draw_cursor (HsPatternCanvas *self, cairo_t *cr, const HpStyle *style, double c)
{
  double ring = MAX (2.0, round (c * 0.1));
  double x = self->cursor_x * c, y = self->cursor_y * c;
  cairo_rectangle (cr, x + ring / 2, y + ring / 2, c - ring, c - ring);
  set_rgba (cr, style->on, 1);
  cairo_set_line_width (cr, ring);
  cairo_stroke (cr);
  if (c > 4 * ring)
    {
      cairo_rectangle (cr, x + ring * 1.5, y + ring * 1.5, c - 3 * ring, c - 3 * ring);
      set_rgba (cr, style->off, 1);
      cairo_stroke (cr);
    }
}

gboolean
hs_pattern_canvas_shows_cursor (HsPatternCanvas *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), FALSE);
  return self->editable && self->state != NULL && self->cursor_on
         && gtk_widget_is_focus (GTK_WIDGET (self));
}

void
hs_pattern_canvas_draw (HsPatternCanvas *self, cairo_t *cr, int w, int h)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  if (self->state == NULL)
    return;
  HpStyle style;
  hs_plot_style_from_widget (GTK_WIDGET (self), &style);
  double c, ox, oy;
  hs_pattern_canvas_layout (self, w, h, &c, &ox, &oy);
  ensure_cells (self, &style);
  cairo_save (cr);
  cairo_translate (cr, ox, oy);
  cairo_save (cr);
  cairo_scale (cr, c, c);
  cairo_set_source_surface (cr, self->cells, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr, 0, 0, self->width, self->height);
  cairo_fill (cr);
  cairo_restore (cr);
  if (c >= 8)
    {
      /* grid lines, faint (firmer in high contrast) */
      set_rgba (cr, hp_rgba_mix (style.on, style.off, 0.5), 0.6);
      cairo_set_line_width (cr, 1);
      for (guint x = 0; x <= self->width; x++)
        {
          cairo_move_to (cr, x * c + 0.5, 0);
          cairo_line_to (cr, x * c + 0.5, self->height * c);
        }
      for (guint y = 0; y <= self->height; y++)
        {
          cairo_move_to (cr, 0, y * c + 0.5);
          cairo_line_to (cr, self->width * c, y * c + 0.5);
        }
      cairo_stroke (cr);
    }
  if (self->clamp != NULL)
    draw_clamps (self, cr, &style, c);
  if (self->stability != NULL)
    draw_stability (self, cr, &style, c);
  if (self->highlight >= 0 && (guint)self->highlight < self->width * self->height)
    draw_highlight (self, cr, &style, c);
  if (hs_pattern_canvas_shows_cursor (self))
    draw_cursor (self, cr, &style, c);
  if (self->stroking && self->tool == HS_CANVAS_TOOL_OCCLUDE)
    {
      double x0 = MIN (self->drag_x, self->drag_x1) - ox,
             y0 = MIN (self->drag_y, self->drag_y1) - oy;
      double x1 = MAX (self->drag_x, self->drag_x1) - ox,
             y1 = MAX (self->drag_y, self->drag_y1) - oy;
      set_rgba (cr, style.accent, 0.25);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      cairo_fill_preserve (cr);
      set_rgba (cr, style.accent, 0.9);
      cairo_set_line_width (cr, 2);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}
