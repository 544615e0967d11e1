/* hs-weights-view.c: J as a heat map with thresholds and receptive field. */
#include "hs-weights-view.h"

#include <glib/gi18n.h>

#include "hp-colorbar.h"
#include "hp-weights.h"
#include "hs-plot-style.h"
#include "hs-view-util.h"

/* J is drawn from an image at most this many pixels wide (64 x 64 grids:
 * 4096 weights per side averaged in blocks of 8). */
#define IMAGE_SIDE 512

struct _HsWeightsView
{
  GtkWidget parent_instance;
  HsNetData *data;
  cairo_surface_t *image; /* J, made on first draw */
  HpWeightsLayout layout;
  long neuron;
};

G_DEFINE_FINAL_TYPE (HsWeightsView, hs_weights_view, GTK_TYPE_WIDGET)

static void
update_description (HsWeightsView *self)
{
  char *text;
  if (!self->data)
    text = g_strdup (_ ("Weights: no trained network"));
  else if (self->neuron >= 0)
    text = g_strdup_printf (_ ("Weights of %zu neurons; showing neuron %ld"),
                            self->data->net->n, self->neuron);
  else
    text = g_strdup_printf (_ ("Weights of %zu neurons"), self->data->net->n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  g_free (text);
}

gboolean
hs_weights_view_set_network (HsWeightsView *self, const HfNetwork *net,
                             const HfPatterns *patterns, guint width, guint height,
                             GError **error)
{
  g_return_val_if_fail (HS_IS_WEIGHTS_VIEW (self), FALSE);
  HsNetData *data = NULL;
  if (net && !(data = hs_net_data_new (net, patterns, width, height, error)))
    return FALSE;
  g_clear_pointer (&self->data, hs_net_data_unref);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  self->data = data;
  if (!data || self->neuron >= (long)data->net->n)
    self->neuron = -1;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
hs_weights_view_set_neuron (HsWeightsView *self, long neuron)
{
  g_return_if_fail (HS_IS_WEIGHTS_VIEW (self));
  if (!self->data || neuron < 0 || (size_t)neuron >= self->data->net->n)
    neuron = -1;
  if (neuron == self->neuron)
    return;
  self->neuron = neuron;
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

long
hs_weights_view_get_neuron (HsWeightsView *self)
{
  g_return_val_if_fail (HS_IS_WEIGHTS_VIEW (self), -1);
  return self->neuron;
}

void
hs_weights_view_draw (HsWeightsView *self, cairo_t *cr, int width, int height)
{
  g_return_if_fail (HS_IS_WEIGHTS_VIEW (self));
  HpStyle style;
  hs_plot_style_from_widget (GTK_WIDGET (self), &style);
  HpRect area = { 0, 0, width, height };
  if (!self->data)
    {
      hp_progress_draw (cr, &style, area, _ ("Train a network to see its weights"), -1);
      self->layout = (HpWeightsLayout){ { 0 } };
      return;
    }
  const HfNetwork *net = self->data->net;
  if (!self->image)
    self->image = hp_weights_image (net, hp_weights_scale (net), IMAGE_SIDE);
  self->layout = hp_weights_draw (cr, &style, area, net, self->image, self->neuron);
}

static void
export_draw (cairo_t *cr, int width, int height, void *data)
{
  hs_weights_view_draw (data, cr, width, height);
}

gboolean
hs_weights_view_export (HsWeightsView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_WEIGHTS_VIEW (self), FALSE);
  HpWeightsLayout saved = self->layout;
  gboolean ok = hs_view_export (GTK_WIDGET (self), path, 0, 0, export_draw, self, error);
  self->layout = saved; /* hit tests follow the screen, not the file */
  return ok;
}

gboolean
hs_weights_view_export_csv (HsWeightsView *self, const char *path, GError **error)
{
  g_return_val_if_fail (HS_IS_WEIGHTS_VIEW (self), FALSE);
  if (!self->data)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("There are no weights to export: train a network first."));
      return FALSE;
    }
  const HfNetwork *net = self->data->net;
  HsCsv *csv = hs_csv_open (path, error);
  if (!csv)
    return FALSE;
  hs_csv_text (csv, "neuron,theta");
  for (size_t j = 0; j < net->n; j++)
    {
      char head[32];
      g_snprintf (head, sizeof head, ",J_%zu", j);
      hs_csv_text (csv, head);
    }
  hs_csv_end_row (csv);
  for (size_t i = 0; i < net->n; i++)
    {
      hs_csv_int (csv, (gint64)i);
      hs_csv_sep (csv);
      hs_csv_double (csv, net->theta[i]);
      for (size_t j = 0; j < net->n; j++)
        {
          hs_csv_sep (csv);
          hs_csv_double (csv, net->J[i * net->n + j]);
        }
      hs_csv_end_row (csv);
    }
  return hs_csv_close (csv, error);
}

static void
on_motion (GtkEventControllerMotion *motion, double x, double y, gpointer user_data)
{
  HsWeightsView *self = user_data;
  if (!self->data)
    return;
  long i = hp_weights_neuron_at (&self->layout, self->data->net, x, y);
  if (i >= 0)
    hs_weights_view_set_neuron (self, i);
}

static gboolean
on_key (GtkEventControllerKey *key, guint keyval, guint keycode, GdkModifierType state,
        gpointer user_data)
{
  HsWeightsView *self = user_data;
  if (!self->data || (keyval != GDK_KEY_Up && keyval != GDK_KEY_Down))
    return FALSE;
  long n = (long)self->data->net->n, i = self->neuron;
  i = i < 0 ? 0 : CLAMP (i + (keyval == GDK_KEY_Up ? -1 : 1), 0, n - 1);
  hs_weights_view_set_neuron (self, i);
  return TRUE;
}

static void
hs_weights_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  hs_weights_view_draw (HS_WEIGHTS_VIEW (widget), cr, w, h);
  cairo_destroy (cr);
}

static void
hs_weights_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                         int *minimum, int *natural, int *minimum_baseline,
                         int *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 320;
}

static void
hs_weights_view_finalize (GObject *object)
{
  HsWeightsView *self = HS_WEIGHTS_VIEW (object);
  g_clear_pointer (&self->data, hs_net_data_unref);
  g_clear_pointer (&self->image, cairo_surface_destroy);
  G_OBJECT_CLASS (hs_weights_view_parent_class)->finalize (object);
}

static void
hs_weights_view_class_init (HsWeightsViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->finalize = hs_weights_view_finalize;
  widget_class->snapshot = hs_weights_view_snapshot;
  widget_class->measure = hs_weights_view_measure;
  gtk_widget_class_set_css_name (widget_class, "weightsview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hs_weights_view_init (HsWeightsView *self)
{
  self->neuron = -1;
  GtkEventController *motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  /* Up and Down walk through the neurons */
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Weights"), -1);
  update_description (self);
}

GtkWidget *
hs_weights_view_new (void)
{
  return g_object_new (HS_TYPE_WEIGHTS_VIEW, NULL);
}
