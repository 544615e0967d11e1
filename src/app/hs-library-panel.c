/* hs-library-panel.c: the stored patterns. The flow box is bound to the
 * document's GListModel: an edit rebuilds only the thumbnails it changes. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hs-panels-private.h"
#include "hs-pattern-canvas.h"

G_DEFINE_FINAL_TYPE (HsLibraryPanel, hs_library_panel, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

static GtkWidget *
create_thumbnail (gpointer item, gpointer data)
{
  HsPatternItem *p = item;
  GtkWidget *thumb = hs_pattern_canvas_new ();
  hs_pattern_canvas_set_state (HS_PATTERN_CANVAS (thumb), hs_pattern_item_get_cells (p),
                               hs_pattern_item_get_width (p),
                               hs_pattern_item_get_height (p));
  gtk_widget_set_size_request (thumb, 48, 48);
  guint k = hs_pattern_item_get_index (p); /* from 0, as hopfield -k */
  char *tip = g_strdup_printf (_ ("Pattern %u: click to put it on the canvas"), k);
  char *name = g_strdup_printf (_ ("Pattern %u"), k);
  gtk_widget_set_tooltip_text (thumb, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (thumb), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  g_free (name);
  g_free (tip);
  return thumb;
}

static void
update_caption (HsLibraryPanel *self)
{
  guint m = hs_document_get_n_patterns (self->doc);
  guint w = hs_document_get_width (self->doc), h = hs_document_get_height (self->doc);
  char *caption
      = m == 0 ? g_strdup (_ ("No patterns yet: draw one and press +, open images, or "
                              "pick a sample set from the menu."))
               : g_strdup_printf (
                   ngettext ("%u pattern of %u×%u = %u neurons (load %.3f)",
                             "%u patterns of %u×%u = %u neurons (load %.3f)", m),
                   m, w, h, w * h, (double)m / (w * h));
  gtk_label_set_text (self->caption, caption);
  g_free (caption);
}

int
hs_library_panel_get_selected (HsLibraryPanel *self)
{
  g_return_val_if_fail (HS_IS_LIBRARY_PANEL (self), -1);
  GList *sel = gtk_flow_box_get_selected_children (self->flow);
  int k = sel ? gtk_flow_box_child_get_index (sel->data) : -1;
  g_list_free (sel);
  return k;
}

void
hs_library_panel_select (HsLibraryPanel *self, int index)
{
  g_return_if_fail (HS_IS_LIBRARY_PANEL (self));
  GtkFlowBoxChild *child
      = index >= 0 ? gtk_flow_box_get_child_at_index (self->flow, index) : NULL;
  if (child != NULL)
    gtk_flow_box_select_child (self->flow, child);
  else
    gtk_flow_box_unselect_all (self->flow);
}

void
hs_library_panel_activate (HsLibraryPanel *self, int index)
{
  g_return_if_fail (HS_IS_LIBRARY_PANEL (self));
  const HfPatterns *lib = hs_document_get_patterns (self->doc);
  if (index < 0 || (size_t)index >= lib->m)
    return;
  hs_library_panel_select (self, index);
  hs_undo_stack_begin (hs_document_get_undo_stack (self->doc), HS_EDIT_PICK_PATTERN, 0);
  hs_document_set_probe (self->doc, hf_patterns_get (lib, (size_t)index), TRUE);
  hs_undo_stack_end (hs_document_get_undo_stack (self->doc));
}

static void
on_child_activated (HsLibraryPanel *self, GtkFlowBoxChild *child, GtkFlowBox *box)
{
  hs_library_panel_activate (self, gtk_flow_box_child_get_index (child));
}

static void
on_selection_changed (HsLibraryPanel *self, GtkFlowBox *box)
{
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SELECTED]);
}

/* The highlighted thumbnail is the clean pattern the probe comes from, if
 * it is a stored one. */
static void
on_probe_changed (HsLibraryPanel *self, HsDocument *doc)
{
  const HfPatterns *lib = hs_document_get_patterns (doc);
  const int8_t *probe = hs_document_get_source (doc);
  int k = hs_library_panel_get_selected (self);
  if (k >= 0 && (size_t)k < lib->m
      && memcmp (hf_patterns_get (lib, (size_t)k), probe, lib->n) == 0)
    return;
  hs_library_panel_select (self, (int)hf_patterns_find (lib, probe));
}

void
hs_library_panel_set_document (HsLibraryPanel *self, HsDocument *document)
{
  g_return_if_fail (HS_IS_LIBRARY_PANEL (self));
  g_return_if_fail (self->doc == NULL);
  self->doc = g_object_ref (document);
  gtk_flow_box_bind_model (self->flow, hs_document_get_library (document),
                           create_thumbnail, NULL, NULL);
  g_signal_connect_object (hs_document_get_library (document), "items-changed",
                           G_CALLBACK (update_caption), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::width", G_CALLBACK (update_caption), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "probe-changed", G_CALLBACK (on_probe_changed), self,
                           G_CONNECT_SWAPPED);
  update_caption (self);
}

static void
hs_library_panel_get_property (GObject *object, guint id, GValue *value,
                               GParamSpec *pspec)
{
  if (id == PROP_SELECTED)
    g_value_set_int (value, hs_library_panel_get_selected (HS_LIBRARY_PANEL (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
hs_library_panel_dispose (GObject *object)
{
  HsLibraryPanel *self = HS_LIBRARY_PANEL (object);
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_LIBRARY_PANEL);
  g_clear_object (&self->doc);
  G_OBJECT_CLASS (hs_library_panel_parent_class)->dispose (object);
}

static void
hs_library_panel_class_init (HsLibraryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = hs_library_panel_dispose;
  object_class->get_property = hs_library_panel_get_property;
  props[PROP_SELECTED] = g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
  g_type_ensure (HS_TYPE_PATTERN_CANVAS);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-library-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPanel, caption);
  gtk_widget_class_bind_template_child (widget_class, HsLibraryPanel, flow);
  gtk_widget_class_bind_template_callback (widget_class, on_child_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_selection_changed);
}

static void
hs_library_panel_init (HsLibraryPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
