#include "hs-overlap-chart.h"

#include <glib/gi18n.h>
#include <math.h>

#include "hp-draw.h"
#include "hs-plot-style.h"

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
  g_return_if_fail (HS_IS_OVERLAP_CHART (self));
  HpStyle style;
  hs_plot_style_from_widget (GTK_WIDGET (self), &style);
  if (w < 40 || h < 30)
    return;
  if (self->count == 0)
    {
      cairo_save (cr);
      cairo_set_line_width (cr, 1);
      hp_set_source (cr, style.grid);
      cairo_rectangle (cr, 4.5, 4.5, w - 9, h - 9);
      cairo_stroke (cr);
      hp_set_source (cr, style.muted);
      hp_text (cr, &style, 0.9, w / 2.0, h / 2.0, 0.5, 0.5, _ ("No stored patterns"));
      cairo_restore (cr);
      return;
    }
  /* patterns are numbered from 0, as in the library and hopfield -k */
  HpAxis xa = { -0.5, self->count - 0.5, false, NULL, true };
  HpAxis ya = { -1, 1, false, _ ("Overlap"), false };
  HpRect area = hp_axes_draw (cr, &style, (HpRect){ 0, 0, w, h }, &xa, &ya);
  double mid = hp_axis_map (&ya, 0, area.y + area.height, area.y);
  cairo_save (cr);
  cairo_rectangle (cr, area.x, area.y, area.width, area.height);
  cairo_clip (cr);
  double slot = area.width / self->count, bw = MAX (1.0, slot * 0.7);
  for (guint k = 0; k < self->count; k++)
    {
      double v = CLAMP (self->values[k], -1.0, 1.0);
      double x = area.x + k * slot + (slot - bw) / 2;
      double y = hp_axis_map (&ya, v, area.y + area.height, area.y);
      /* a recalled pattern (or its inverse) in a second colour and filled
       * solid; the others lighter, so the difference is not colour alone */
      bool recalled = fabs (v) > 0.999;
      hp_set_source_alpha (cr, hp_style_series (&style, recalled ? 2 : 0),
                           recalled ? 1.0 : 0.75);
      cairo_rectangle (cr, x, MIN (y, mid), bw, fabs (y - mid));
      cairo_fill (cr);
    }
  cairo_set_line_width (cr, 1);
  hp_set_source (cr, style.muted);
  cairo_move_to (cr, area.x, round (mid) + 0.5);
  cairo_line_to (cr, area.x + area.width, round (mid) + 0.5);
  cairo_stroke (cr);
  cairo_restore (cr);
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
