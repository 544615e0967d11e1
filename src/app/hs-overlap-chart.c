#include "hs-overlap-chart.h"

#include <math.h>

struct _HsOverlapChart
{
  GtkWidget parent_instance;
  double *values;
  guint count;
};

G_DEFINE_FINAL_TYPE (HsOverlapChart, hs_overlap_chart, GTK_TYPE_WIDGET)

void
hs_overlap_chart_set (HsOverlapChart *self, const double *overlaps, guint count)
{
  g_return_if_fail (HS_IS_OVERLAP_CHART (self));
  g_free (self->values);
  self->values = count ? g_memdup2 (overlaps, count * sizeof (double)) : NULL;
  self->count = count;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hs_overlap_chart_draw (HsOverlapChart *self, cairo_t *cr, int w, int h)
{
  const double left = 28, right = 6, top = 8, bottom = 18;
  GdkRGBA fg;
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 10);
  double pw = w - left - right, ph = h - top - bottom, mid = top + ph / 2;
  if (pw < 10 || ph < 10)
    return;
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
  cairo_move_to (cr, 2, top + 8);
  cairo_show_text (cr, "+1");
  cairo_move_to (cr, 6, mid + 4);
  cairo_show_text (cr, "0");
  cairo_move_to (cr, 2, top + ph);
  cairo_show_text (cr, "−1");
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.3);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, left, mid + 0.5);
  cairo_line_to (cr, left + pw, mid + 0.5);
  cairo_stroke (cr);
  if (self->count == 0)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      cairo_move_to (cr, left + 8, top + 12);
      cairo_show_text (cr, "No stored patterns");
      return;
    }
  double slot = pw / self->count, bw = MAX (1.0, slot * 0.7);
  for (guint k = 0; k < self->count; k++)
    {
      double v = CLAMP (self->values[k], -1.0, 1.0);
      double x = left + k * slot + (slot - bw) / 2;
      if (fabs (v) > 0.999)
        cairo_set_source_rgb (cr, 0.18, 0.76, 0.49); /* recalled (or its inverse) */
      else
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      double y = v >= 0 ? mid - v * ph / 2 : mid;
      cairo_rectangle (cr, x, y, bw, fabs (v) * ph / 2);
      cairo_fill (cr);
      if (slot >= 14 && (self->count <= 20 || k % 5 == 0))
        {
          char buf[16];
          g_snprintf (buf, sizeof buf, "%u", k);
          cairo_text_extents_t ext;
          cairo_text_extents (cr, buf, &ext);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
          cairo_move_to (cr, left + k * slot + (slot - ext.x_advance) / 2, h - 4);
          cairo_show_text (cr, buf);
        }
    }
}

static void
hs_overlap_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  hs_overlap_chart_draw (HS_OVERLAP_CHART (widget), cr, w, h);
  cairo_destroy (cr);
}

static void
hs_overlap_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                          int *minimum, int *natural, int *minimum_baseline,
                          int *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 80;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 320 : 120;
}

static void
hs_overlap_chart_finalize (GObject *object)
{
  g_free (HS_OVERLAP_CHART (object)->values);
  G_OBJECT_CLASS (hs_overlap_chart_parent_class)->finalize (object);
}

static void
hs_overlap_chart_class_init (HsOverlapChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->finalize = hs_overlap_chart_finalize;
  widget_class->snapshot = hs_overlap_chart_snapshot;
  widget_class->measure = hs_overlap_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "overlapchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hs_overlap_chart_init (HsOverlapChart *self)
{
}

GtkWidget *
hs_overlap_chart_new (void)
{
  return g_object_new (HS_TYPE_OVERLAP_CHART, NULL);
}
