/* hs-timeline.c: a GtkScale over the recorded steps, with branch marks. */
#include "config.h"

#include "hs-timeline.h"

#include <glib/gi18n.h>

struct _HsTimeline
{
  GtkWidget parent_instance;
  GtkScale *scale;
  GtkLabel *label;
  guint64 first, last;
  guint n_branches;
  gboolean updating; /* the value is being set from code */
};

G_DEFINE_FINAL_TYPE (HsTimeline, hs_timeline, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_SEEK,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

static void
update_label (HsTimeline *self, guint64 position)
{
  char *text;
  if (self->last == self->first)
    text = g_strdup (_ ("No steps recorded yet"));
  else
    /* TRANSLATORS: a position on the recall's timeline */
    text = g_strdup_printf (_ ("Step %llu of %llu"), (unsigned long long)position,
                            (unsigned long long)self->last);
  gtk_label_set_text (self->label, text);
  g_free (text);
}

static void
on_value_changed (HsTimeline *self, GtkRange *range)
{
  guint64 step = (guint64)(gtk_range_get_value (range) + 0.5);
  update_label (self, step);
  if (!self->updating)
    g_signal_emit (self, signals[SIGNAL_SEEK], 0, step);
}

void
hs_timeline_set (HsTimeline *self, guint64 first, guint64 last, guint64 position)
{
  g_return_if_fail (HS_IS_TIMELINE (self));
  g_return_if_fail (first <= position && position <= last);
  self->first = first;
  self->last = last;
  self->updating = TRUE;
  /* a one-step range when empty, so GtkRange stays valid */
  gtk_range_set_range (GTK_RANGE (self->scale), (double)first,
                       (double)(last > first ? last : first + 1));
  gtk_range_set_value (GTK_RANGE (self->scale), (double)position);
  self->updating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->scale), last > first);
  update_label (self, position);
}

guint64
hs_timeline_get_position (HsTimeline *self)
{
  g_return_val_if_fail (HS_IS_TIMELINE (self), 0);
  return (guint64)(gtk_range_get_value (GTK_RANGE (self->scale)) + 0.5);
}

void
hs_timeline_set_branches (HsTimeline *self, const guint64 *steps,
                          const char *const *labels, guint count)
{
  g_return_if_fail (HS_IS_TIMELINE (self));
  gtk_scale_clear_marks (self->scale);
  self->n_branches = count;
  for (guint k = 0; k < count; k++)
    gtk_scale_add_mark (self->scale, (double)steps[k], GTK_POS_BOTTOM,
                        labels != NULL ? labels[k] : NULL);
}

guint
hs_timeline_get_n_branches (HsTimeline *self)
{
  g_return_val_if_fail (HS_IS_TIMELINE (self), 0);
  return self->n_branches;
}

GtkRange *
hs_timeline_get_range (HsTimeline *self)
{
  g_return_val_if_fail (HS_IS_TIMELINE (self), NULL);
  return GTK_RANGE (self->scale);
}

static void
hs_timeline_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), HS_TYPE_TIMELINE);
  /* the template's box has no id, so dispose_template leaves it */
  GtkWidget *child;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (hs_timeline_parent_class)->dispose (object);
}

static void
hs_timeline_class_init (HsTimelineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  G_OBJECT_CLASS (klass)->dispose = hs_timeline_dispose;
  signals[SIGNAL_SEEK]
      = g_signal_new ("seek", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                      NULL, G_TYPE_NONE, 1, G_TYPE_UINT64);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, HsTimeline, scale);
  gtk_widget_class_bind_template_child (widget_class, HsTimeline, label);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "timeline");
}

static void
hs_timeline_init (HsTimeline *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hs_timeline_set (self, 0, 0, 0);
}

GtkWidget *
hs_timeline_new (void)
{
  return g_object_new (HS_TYPE_TIMELINE, NULL);
}
