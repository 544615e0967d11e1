#include "hs-energy-plot.h"

#include <math.h>

#define MAX_POINTS 4096

struct _HsEnergyPlot
{
  GtkWidget parent_instance;
  double *xs, *ys; /* MAX_POINTS each: GObject instances must stay under 64 KiB */
  guint n;
  guint stride, skipped; /* keep one point in `stride` after thinning */
};

G_DEFINE_FINAL_TYPE (HsEnergyPlot, hs_energy_plot, GTK_TYPE_WIDGET)

void
hs_energy_plot_clear (HsEnergyPlot *self)
{
  g_return_if_fail (HS_IS_ENERGY_PLOT (self));
  self->n = 0;
  self->stride = 1;
  self->skipped = 0;
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

guint
hs_energy_plot_get_n_points (HsEnergyPlot *self)
{
  g_return_val_if_fail (HS_IS_ENERGY_PLOT (self), 0);
  return self->n;
}

void
hs_energy_plot_draw (HsEnergyPlot *self, cairo_t *cr, int w, int h)
{
  const double left = 56, right = 10, top = 10, bottom = 22;
  GdkRGBA fg;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  double pw = w - left - right, ph = h - top - bottom;
  if (pw < 10 || ph < 10)
    return;
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, left + 0.5, top + 0.5, pw, ph);
  cairo_stroke (cr);
  if (self->n == 0)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      cairo_move_to (cr, left + 8, top + ph / 2);
      cairo_show_text (cr, "Energy appears here during recall");
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
  if (y1 - y0 < 1e-9)
    {
      y0 -= 1;
      y1 += 1;
    }
  double pad = 0.05 * (y1 - y0);
  y0 -= pad;
  y1 += pad;
  /* axis labels: energy range and step range */
  char buf[64];
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  g_snprintf (buf, sizeof buf, "%.4g", y1);
  cairo_move_to (cr, 4, top + 9);
  cairo_show_text (cr, buf);
  g_snprintf (buf, sizeof buf, "%.4g", y0);
  cairo_move_to (cr, 4, top + ph);
  cairo_show_text (cr, buf);
  g_snprintf (buf, sizeof buf, "step %.0f", x0);
  cairo_move_to (cr, left, h - 6);
  cairo_show_text (cr, buf);
  g_snprintf (buf, sizeof buf, "step %.0f", self->xs[self->n - 1]);
  cairo_text_extents_t ext;
  cairo_text_extents (cr, buf, &ext);
  cairo_move_to (cr, w - right - ext.x_advance, h - 6);
  cairo_show_text (cr, buf);
  cairo_save (cr);
  cairo_rectangle (cr, left, top, pw, ph);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  cairo_set_line_width (cr, 2);
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
          col = (int)(pw * (self->xs[k] - x0) / (x1 - x0));
          py = top + ph * (1 - (self->ys[k] - y0) / (y1 - y0));
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
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 90;
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
  self->xs = g_new (double, MAX_POINTS);
  self->ys = g_new (double, MAX_POINTS);
}

GtkWidget *
hs_energy_plot_new (void)
{
  return g_object_new (HS_TYPE_ENERGY_PLOT, NULL);
}
