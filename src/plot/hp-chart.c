#include "hp-chart.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

/* The data range of one axis over every series (and error bar) and the
 * reference lines that run across it. */
static void
fit_axis (const HpChart *c, bool is_x, HpAxis *axis)
{
  if (axis->lo != axis->hi)
    return;
  double lo = INFINITY, hi = -INFINITY;
  for (size_t s = 0; s < c->nseries; s++)
    for (size_t k = 0; k < c->series[s].count; k++)
      {
        const HpSeries *se = &c->series[s];
        double v = is_x ? se->x[k] : se->y[k];
        double e = !is_x && se->err ? fabs (se->err[k]) : 0.0;
        if (!isfinite (v) || (axis->log && v - e <= 0.0 && v <= 0.0))
          continue;
        double a = v - e, b = v + e;
        if (axis->log && a <= 0.0)
          a = v;
        lo = fmin (lo, a);
        hi = fmax (hi, b);
      }
  for (size_t r = 0; r < c->nrefs; r++)
    if (c->refs[r].vertical == is_x && isfinite (c->refs[r].value)
        && (!axis->log || c->refs[r].value > 0.0))
      {
        lo = fmin (lo, c->refs[r].value);
        hi = fmax (hi, c->refs[r].value);
      }
  if (!isfinite (lo))
    {
      lo = axis->log ? 1.0 : 0.0;
      hi = axis->log ? 10.0 : 1.0;
    }
  if (hi <= lo)
    {
      double pad = axis->log ? lo * 0.5 : fmax (fabs (lo) * 0.1, 0.5);
      lo -= pad;
      hi += pad;
    }
  if (axis->log)
    {
      lo /= 1.3;
      hi *= 1.3;
    }
  else
    {
      double pad = 0.03 * (hi - lo);
      lo -= pad;
      hi += pad;
    }
  axis->lo = lo;
  axis->hi = hi;
}

static void
marker (cairo_t *cr, double x, double y, size_t k, double r)
{
  switch (k % 4)
    {
    case 0:
      cairo_new_sub_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * M_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case 2:
      cairo_move_to (cr, x, y - 1.2 * r);
      cairo_line_to (cr, x + 1.1 * r, y + 0.8 * r);
      cairo_line_to (cr, x - 1.1 * r, y + 0.8 * r);
      cairo_close_path (cr);
      break;
    default:
      cairo_move_to (cr, x, y - 1.2 * r);
      cairo_line_to (cr, x + 1.2 * r, y);
      cairo_line_to (cr, x, y + 1.2 * r);
      cairo_line_to (cr, x - 1.2 * r, y);
      cairo_close_path (cr);
      break;
    }
}

static bool
visible (const HpAxis *a, double v)
{
  return isfinite (v) && (!a->log || v > 0.0);
}

void
hp_chart_draw (cairo_t *cr, const HpStyle *style, HpRect area, const HpChart *chart)
{
  const double s = style->scale;
  HpAxis x = chart->x, y = chart->y;
  fit_axis (chart, true, &x);
  fit_axis (chart, false, &y);
  HpRect outer = area;
  if (chart->title != NULL)
    {
      /* wrapped when wider than the chart (a narrow view) */
      double tw, th, room = fmax (40 * s, area.width - 8 * s);
      hp_text_extents (cr, style, 1.1, chart->title, &tw, &th);
      hp_set_source (cr, style->foreground);
      if (tw <= room)
        hp_text (cr, style, 1.1, area.x + area.width / 2, area.y + 4 * s, 0.5, 0,
                 chart->title);
      else
        {
          th = hp_text_wrapped_height (cr, style, 1.1, room, chart->title);
          hp_text_wrapped (cr, style, 1.1, area.x + area.width / 2,
                           area.y + 4 * s + th / 2, room, chart->title);
        }
      outer.y += th + 8 * s;
      outer.height -= th + 8 * s;
    }
  HpRect p = hp_axes_draw (cr, style, outer, &x, &y);
  double x0 = p.x, x1 = p.x + p.width, y0 = p.y + p.height, y1 = p.y;
  cairo_save (cr);
  cairo_rectangle (cr, p.x, p.y, p.width, p.height);
  cairo_clip (cr);
  /* Reference lines, dotted, labelled at their far end. */
  for (size_t r = 0; r < chart->nrefs; r++)
    {
      const HpRefLine *ref = &chart->refs[r];
      const HpAxis *a = ref->vertical ? &x : &y;
      if (!visible (a, ref->value))
        continue;
      double pos = ref->vertical ? hp_axis_map (&x, ref->value, x0, x1)
                                 : hp_axis_map (&y, ref->value, y0, y1);
      double dots[2] = { 2 * s, 3 * s };
      cairo_set_dash (cr, dots, 2, 0);
      cairo_set_line_width (cr, 1.2 * s);
      hp_set_source (cr, style->muted);
      if (ref->vertical)
        {
          cairo_move_to (cr, pos, y0);
          cairo_line_to (cr, pos, y1);
        }
      else
        {
          cairo_move_to (cr, x0, pos);
          cairo_line_to (cr, x1, pos);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      if (ref->label != NULL)
        {
          double w;
          hp_text_extents (cr, style, 0.8, ref->label, &w, NULL);
          if (ref->vertical && pos - 3 * s - w < x0)
            /* No room left of the line: label it on its right. */
            hp_text (cr, style, 0.8, pos + 3 * s, y1 + 3 * s, 0, 0, ref->label);
          else if (ref->vertical)
            hp_text (cr, style, 0.8, pos - 3 * s, y1 + 3 * s, 1, 0, ref->label);
          else
            hp_text (cr, style, 0.8, x1 - 3 * s, pos - 2 * s, 1, 1, ref->label);
        }
    }
  /* The series: each line is one path (one <path> in SVG). (No
   * cairo_push_group per series: Cairo 1.16 leaks the group's snapshot in
   * SVG output.) */
  for (size_t k = 0; k < chart->nseries; k++)
    {
      const HpSeries *se = &chart->series[k];
      HpRgba col = hp_style_series (style, k);
      double dashes[4];
      int nd = hp_style_dashes (style, k, dashes);
      cairo_set_line_width (cr, 2 * s);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      hp_set_source (cr, col);
      if (se->err != NULL)
        {
          cairo_set_line_width (cr, 1.2 * s);
          for (size_t i = 0; i < se->count; i++)
            {
              double e = fabs (se->err[i]);
              if (!visible (&x, se->x[i]) || !visible (&y, se->y[i]) || !(e > 0.0))
                continue;
              double lo = se->y[i] - e, hi = se->y[i] + e;
              if (y.log && lo <= 0.0)
                lo = y.lo;
              double px = hp_axis_map (&x, se->x[i], x0, x1);
              double a = hp_axis_map (&y, lo, y0, y1), b = hp_axis_map (&y, hi, y0, y1);
              cairo_move_to (cr, px, a);
              cairo_line_to (cr, px, b);
              cairo_move_to (cr, px - 3 * s, a);
              cairo_line_to (cr, px + 3 * s, a);
              cairo_move_to (cr, px - 3 * s, b);
              cairo_line_to (cr, px + 3 * s, b);
            }
          cairo_stroke (cr);
          cairo_set_line_width (cr, 2 * s);
        }
      cairo_set_dash (cr, dashes, nd, 0);
      bool pen = false;
      for (size_t i = 0; i < se->count; i++)
        {
          if (!visible (&x, se->x[i]) || !visible (&y, se->y[i]))
            {
              pen = false; /* a gap where a log axis cannot show a point */
              continue;
            }
          double px = hp_axis_map (&x, se->x[i], x0, x1),
                 py = hp_axis_map (&y, se->y[i], y0, y1);
          if (pen)
            cairo_line_to (cr, px, py);
          else
            cairo_move_to (cr, px, py);
          pen = true;
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      for (size_t i = 0; i < se->count; i++)
        if (visible (&x, se->x[i]) && visible (&y, se->y[i]))
          marker (cr, hp_axis_map (&x, se->x[i], x0, x1),
                  hp_axis_map (&y, se->y[i], y0, y1), k, 3 * s);
      cairo_fill (cr);
    }
  cairo_restore (cr);
  if (chart->nseries > 0)
    {
      const char **labels = malloc (chart->nseries * sizeof *labels);
      if (labels != NULL)
        {
          for (size_t k = 0; k < chart->nseries; k++)
            labels[k] = chart->series[k].label ? chart->series[k].label : "";
          hp_legend_draw (cr, style, p, chart->legend_left, labels, chart->nseries);
          free (labels);
        }
    }
}

typedef struct
{
  const HpChart *chart;
  const HpStyle *style;
} ExportData;

static void
export_draw (cairo_t *cr, int width, int height, void *data)
{
  ExportData *d = data;
  hp_chart_draw (cr, d->style, (HpRect){ 8, 8, width - 16, height - 16 }, d->chart);
}

int
hp_chart_export (const char *path, int width, int height, const HpChart *chart,
                 char *message, size_t message_size)
{
  HpStyle style;
  hp_style_init (&style, HP_SCHEME_LIGHT);
  ExportData d = { chart, &style };
  return hp_export (path, width, height, &style, export_draw, &d, message, message_size);
}

void
hp_release_static_data (void)
{
  /* Only the font map: cairo_debug_reset_static_data () and FcFini () are
   * debugging calls that abort (an assertion in cairo-hash.c, seen in about
   * one run in twenty) when a cache still holds an entry. What fontconfig
   * keeps for the life of the process is suppressed in tests/lsan.supp. */
  pango_cairo_font_map_set_default (NULL);
}
