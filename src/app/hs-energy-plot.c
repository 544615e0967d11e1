#include "hs-energy-plot.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hp-draw.h"
#include "hs-plot-style.h"

#define MAX_POINTS 4096

struct _HsEnergyPlot
{
  GtkWidget parent_instance;
  double *xs, *ys; /* MAX_POINTS each: GObject instances must stay under 64 KiB */
  guint n;
  guint stride, skipped; /* keep one point in `stride` after thinning */
  double cursor;         /* the step on show while rewound, or -1 */
};

G_DEFINE_FINAL_TYPE (HsEnergyPlot, hs_energy_plot, GTK_TYPE_WIDGET)

void
hs_energy_plot_clear (HsEnergyPlot *self)
{
  g_return_if_fail (HS_IS_ENERGY_PLOT (self));
  self->n = 0;
  self->stride = 1;
  self->skipped = 0;
  self->cursor = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hs_energy_plot_add (HsEnergyPlot *self, double step, double energy)
{
  g_return_if_fail (HS_IS_ENERGY_PLOT (self));
  if (self->n > 0 && ++self->skipped < self->stride)
    {
      /* the newest point always shows: overwrite the last kept one */
      self->xs[self->n - 1] = step;
      self->ys[self->n - 1] = energy;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  self->skipped = 0;
  if (self->n == MAX_POINTS)
    {
      for (guint k = 0; k < MAX_POINTS / 2; k++)
        {
          self->xs[k] = self->xs[2 * k];
          self->ys[k] = self->ys[2 * k];
        }
      self->n = MAX_POINTS / 2;
      self->stride *= 2;
    }
  self->xs[self->n] = step;
  self->ys[self->n] = energy;
  self->n++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hs_energy_plot_truncate (HsEnergyPlot *self, double step)
{
  g_return_if_fail (HS_IS_ENERGY_PLOT (self));
  guint n = self->n;
  while (self->n > 0 && self->xs[self->n - 1] > step)
    self->n--;
  if (self->n != n)
    {
      self->skipped = 0;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

void
hs_energy_plot_set_cursor (HsEnergyPlot *self, double step)
{
  g_return_if_fail (HS_IS_ENERGY_PLOT (self));
  if (step < 0)
    step = -1;
  if (self->cursor == step)
    return;
  self->cursor = step;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
hs_energy_plot_get_cursor (HsEnergyPlot *self)
{
  g_return_val_if_fail (HS_IS_ENERGY_PLOT (self), -1);
  return self->cursor;
}

guint
hs_energy_plot_get_n_points (HsEnergyPlot *self)
{
  g_return_val_if_fail (HS_IS_ENERGY_PLOT (self), 0);
  return self->n;
}

/* The message an empty chart shows, centred in a faint frame. */
static void
draw_empty (cairo_t *cr, const HpStyle *style, int w, int h, const char *text)
{
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  hp_set_source (cr, style->grid);
  cairo_rectangle (cr, 4.5, 4.5, w - 9, h - 9);
  cairo_stroke (cr);
  hp_set_source (cr, style->muted);
  hp_text (cr, style, 0.9, w / 2.0, h / 2.0, 0.5, 0.5, text);
  cairo_restore (cr);
}

void
hs_energy_plot_draw (HsEnergyPlot *self, cairo_t *cr, int w, int h)
{
  g_return_if_fail (HS_IS_ENERGY_PLOT (self));
  HpStyle style;
  hs_plot_style_from_widget (GTK_WIDGET (self), &style);
  if (w < 40 || h < 30)
    return;
  if (self->n == 0)
    {
      draw_empty (cr, &style, w, h, _ ("Energy appears here during recall"));
      return;
    }
  double x0 = self->xs[0], x1 = self->xs[self->n - 1];
  double y0 = INFINITY, y1 = -INFINITY;
  for (guint k = 0; k < self->n; k++)
    {
      y0 = fmin (y0, self->ys[k]);
      y1 = fmax (y1, self->ys[k]);
    }
  if (x1 <= x0)
    x1 = x0 + 1;
  if (y1 - y0 < 1e-9 * fmax (1, fabs (y0)))
    {
      double d = fmax (1, fabs (y0) * 1e-3);
      y0 -= d;
      y1 += d;
    }
  double pad = 0.05 * (y1 - y0);
  HpAxis xa = { x0, x1, false, _ ("Step"), true };
  HpAxis ya = { y0 - pad, y1 + pad, false, _ ("Energy"), false };
  HpRect area = hp_axes_draw (cr, &style, (HpRect){ 0, 0, w, h }, &xa, &ya);
  double left = area.x, right = area.x + area.width;
  double top = area.y, bottom = area.y + area.height;
  cairo_save (cr);
  cairo_rectangle (cr, area.x, area.y, area.width, area.height);
  cairo_clip (cr);
  hp_set_source (cr, hp_style_series (&style, 0));
  cairo_set_line_width (cr, 2 * style.scale);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* One vertical span per pixel column: a run can hold thousands of
   * points, and stroking more segments than pixels only costs time. */
  int column = -1;
  double lo = 0, hi = 0;
  for (guint k = 0; k <= self->n; k++)
    {
      int col = -2;
      double py = 0;
      if (k < self->n)
        {
          col = (int)(hp_axis_map (&xa, self->xs[k], left, right) - left);
          py = hp_axis_map (&ya, self->ys[k], bottom, top);
        }
      if (col != column)
        {
          if (column >= 0)
            {
              cairo_line_to (cr, left + column, lo);
              if (hi != lo)
                cairo_line_to (cr, left + column, hi);
            }
          column = col;
          lo = hi = py;
          if (k == 0)
            cairo_move_to (cr, left + col, py);
        }
      else
        {
          lo = MIN (lo, py);
          hi = MAX (hi, py);
        }
    }
  cairo_stroke (cr);
  if (self->cursor >= 0)
    {
      /* the step on show, while the recall is rewound */
      double cx = round (hp_axis_map (&xa, self->cursor, left, right)) + 0.5;
      hp_set_source (cr, style.accent);
      cairo_set_line_width (cr, style.scale);
      cairo_set_dash (cr, (double[]){ 4 * style.scale, 3 * style.scale }, 2, 0);
      cairo_move_to (cr, cx, top);
      cairo_line_to (cr, cx, bottom);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
hs_energy_plot_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  hs_energy_plot_draw (HS_ENERGY_PLOT (widget), cr, w, h);
  cairo_destroy (cr);
}

static void
hs_energy_plot_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                        int *minimum, int *natural, int *minimum_baseline,
                        int *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 120 : 90;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 140;
}

static void
hs_energy_plot_finalize (GObject *object)
{
  HsEnergyPlot *self = HS_ENERGY_PLOT (object);
  g_free (self->xs);
  g_free (self->ys);
  G_OBJECT_CLASS (hs_energy_plot_parent_class)->finalize (object);
}

static void
hs_energy_plot_class_init (HsEnergyPlotClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->finalize = hs_energy_plot_finalize;
  widget_class->snapshot = hs_energy_plot_snapshot;
  widget_class->measure = hs_energy_plot_measure;
  gtk_widget_class_set_css_name (widget_class, "energyplot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hs_energy_plot_init (HsEnergyPlot *self)
{
  self->stride = 1;
  self->cursor = -1;
  self->xs = g_new (double, MAX_POINTS);
  self->ys = g_new (double, MAX_POINTS);
}

GtkWidget *
hs_energy_plot_new (void)
{
  return g_object_new (HS_TYPE_ENERGY_PLOT, NULL);
}
