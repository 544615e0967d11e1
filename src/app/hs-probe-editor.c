/* hs-probe-editor.c: the canvas with its tools, corruption and import. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hs-panels-private.h"

static const guint grid_sizes[] = { 4, 8, 12, 16, 24, 32, 48, 64 };

G_DEFINE_FINAL_TYPE (HsProbeEditor, hs_probe_editor, GTK_TYPE_BOX)

/* ---- what the canvas shows: the player's state ---- */

static void
show_state (HsProbeEditor *self, const HfEvent *ev)
{
  HsDocument *doc = self->doc;
  hs_pattern_canvas_set_state (self->canvas, hs_recall_player_get_state (self->player),
                               hs_document_get_width (doc), hs_document_get_height (doc));
  if (ev != NULL && ev->neuron != SIZE_MAX)
    hs_pattern_canvas_set_highlight (self->canvas, (int)ev->neuron, ev->flipped);
  else
    hs_pattern_canvas_set_highlight (self->canvas, -1, FALSE);
}

static void
on_restarted (HsProbeEditor *self, HsRecallPlayer *player)
{
  show_state (self, NULL);
  hs_pattern_canvas_set_clamp (self->canvas, hs_document_get_clamp (self->doc));
}

static void
on_stepped (HsProbeEditor *self, const HfEvent *ev, const double *energies, guint count,
            HsRecallPlayer *player)
{
  show_state (self, ev);
}

static void
update_probe_label (HsProbeEditor *self)
{
  guint roll = hs_document_get_corruption_roll (self->doc);
  if (roll == 0)
    {
      gtk_label_set_text (self->probe_label, "");
      return;
    }
  gsize n = hs_document_get_n_neurons (self->doc);
  gsize flipped = hf_hamming (hs_document_get_probe (self->doc),
                              hs_document_get_source (self->doc), n);
  char *text = g_strdup_printf (ngettext ("Probe: %zu of %zu bit flipped (roll %u)",
                                          "Probe: %zu of %zu bits flipped (roll %u)", n),
                                flipped, n, roll);
  gtk_label_set_text (self->probe_label, text);
  g_free (text);
}

static void
on_grid_changed (HsProbeEditor *self)
{
  guint w = hs_document_get_width (self->doc);
  guint pos = GTK_INVALID_LIST_POSITION;
  for (guint k = 0; k < G_N_ELEMENTS (grid_sizes); k++)
    if (grid_sizes[k] == w && w == hs_document_get_height (self->doc))
      pos = k;
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->size_dropdown, pos);
  self->syncing = FALSE;
  if (self->import_image != NULL)
    {
      /* the grid changed since the image was opened: average it again */
      g_clear_pointer (&self->import_cells, g_free);
      self->import_cells = g_new (float, (gsize)w *hs_document_get_height (self->doc));
      self->import_w = w;
      self->import_h = hs_document_get_height (self->doc);
      hf_image_resample (self->import_image, self->import_w, self->import_h,
                         self->import_cells, NULL);
    }
}

static void
on_settings_changed (HsProbeEditor *self)
{
  self->syncing = TRUE;
  gtk_spin_button_set_value (self->corrupt_spin,
                             hs_document_get_settings (self->doc)->corrupt_percent);
  self->syncing = FALSE;
}

void
hs_probe_editor_set_player (HsProbeEditor *self, HsRecallPlayer *player)
{
  g_return_if_fail (HS_IS_PROBE_EDITOR (self));
  g_return_if_fail (self->player == NULL);
  self->player = g_object_ref (player);
  self->doc = g_object_ref (hs_recall_player_get_document (player));
  g_signal_connect_object (player, "restarted", G_CALLBACK (on_restarted), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (player, "stepped", G_CALLBACK (on_stepped), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->doc, "probe-changed", G_CALLBACK (update_probe_label),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->doc, "notify::width", G_CALLBACK (on_grid_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->doc, "notify::height", G_CALLBACK (on_grid_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->doc, "settings-changed",
                           G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  hs_undo_stack_bind_menu (hs_document_get_undo_stack (self->doc),
                           G_MENU (gtk_widget_get_template_child (
                               GTK_WIDGET (self), HS_TYPE_PROBE_EDITOR, "undo_section")),
                           "win.undo", "win.redo");
  on_grid_changed (self);
  on_settings_changed (self);
  on_restarted (self, player);
  update_probe_label (self);
}

HsPatternCanvas *
hs_probe_editor_get_canvas (HsProbeEditor *self)
{
  g_return_val_if_fail (HS_IS_PROBE_EDITOR (self), NULL);
  return self->canvas;
}

void
hs_probe_editor_set_grid_sensitive (HsProbeEditor *self, gboolean sensitive)
{
  g_return_if_fail (HS_IS_PROBE_EDITOR (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->size_dropdown), sensitive);
}

void
hs_probe_editor_set_presenting (HsProbeEditor *self, gboolean presenting)
{
  g_return_if_fail (HS_IS_PROBE_EDITOR (self));
  for (const char *const *id = (const char *const[]){ "draw_bar", "edit_bar", NULL }; *id;
       id++)
    gtk_widget_set_visible (GTK_WIDGET (gtk_widget_get_template_child (
                                GTK_WIDGET (self), HS_TYPE_PROBE_EDITOR, *id)),
                            !presenting);
}

/* ---- editing ---- */

static void
on_size_changed (HsProbeEditor *self)
{
  guint k = gtk_drop_down_get_selected (self->size_dropdown);
  if (self->syncing || self->doc == NULL || k >= G_N_ELEMENTS (grid_sizes))
    return;
  gboolean had = hs_document_get_n_patterns (self->doc) > 0
                 || hs_document_get_network (self->doc) != NULL;
  GError *error = NULL;
  if (!hs_document_set_grid (self->doc, grid_sizes[k], grid_sizes[k], &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s",
                                  error->message);
      g_error_free (error);
      on_grid_changed (self); /* the dropdown shows the grid there is */
      return;
    }
  if (had)
    gtk_widget_activate_action (
        GTK_WIDGET (self), "win.show-info", "s",
        _ ("The grid size changed: the stored patterns were resized. Train again to "
           "recall at this size."));
}

/* One stroke of the mouse is one step of undo. */
static void
on_canvas_stroke_begin (HsProbeEditor *self, HsPatternCanvas *canvas)
{
  if (self->doc == NULL || self->stroke_open)
    return;
  self->stroke_open = TRUE;
  hs_undo_stack_begin (hs_document_get_undo_stack (self->doc),
                       gtk_toggle_button_get_active (self->tool_clamp) ? HS_EDIT_CLAMP
                       : gtk_toggle_button_get_active (self->tool_occlude)
                           ? HS_EDIT_OCCLUDE
                           : HS_EDIT_DRAW,
                       0);
}

static void
on_canvas_stroke_end (HsProbeEditor *self, HsPatternCanvas *canvas)
{
  if (self->doc == NULL || !self->stroke_open)
    return;
  self->stroke_open = FALSE;
  hs_undo_stack_end (hs_document_get_undo_stack (self->doc));
}

static void
on_canvas_edited (HsProbeEditor *self, HsPatternCanvas *canvas)
{
  /* what the user draws becomes both the probe and the clean source; a
   * cell changed outside a stroke (from the keyboard) is a step of its own */
  HsUndoStack *undo = hs_document_get_undo_stack (self->doc);
  hs_undo_stack_begin (undo, HS_EDIT_DRAW, 0);
  hs_document_set_probe (self->doc, hs_pattern_canvas_get_state (canvas), TRUE);
  hs_undo_stack_end (undo);
}

static void
on_canvas_clamp_changed (HsProbeEditor *self, HsPatternCanvas *canvas)
{
  hs_document_set_clamp (self->doc, hs_pattern_canvas_get_clamp (canvas));
}

static void
on_canvas_occlude (HsProbeEditor *self, guint x, guint y, guint w, guint h,
                   HsPatternCanvas *canvas)
{
  guint gw = hs_document_get_width (self->doc), gh = hs_document_get_height (self->doc);
  int8_t *s = g_memdup2 (hs_document_get_probe (self->doc), (gsize)gw * gh);
  hf_state_occlude (s, gw, gh, x, y, w, h, -1, NULL);
  hs_document_set_probe (self->doc, s, FALSE);
  g_free (s);
}

static void
on_tool_toggled (HsProbeEditor *self, GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  HsCanvasTool tool = button == self->tool_clamp     ? HS_CANVAS_TOOL_CLAMP
                      : button == self->tool_occlude ? HS_CANVAS_TOOL_OCCLUDE
                                                     : HS_CANVAS_TOOL_DRAW;
  hs_pattern_canvas_set_tool (self->canvas, tool);
}

void
hs_probe_editor_corrupt (HsProbeEditor *self)
{
  g_return_if_fail (HS_IS_PROBE_EDITOR (self));
  GError *error = NULL;
  double fraction = gtk_spin_button_get_value (self->corrupt_spin) / 100.0;
  if (!hs_document_corrupt (self->doc, fraction, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "s",
                                  error->message);
      g_error_free (error);
    }
}

void
hs_probe_editor_zoom (HsProbeEditor *self, int direction)
{
  g_return_if_fail (HS_IS_PROBE_EDITOR (self));
  guint cell = (guint)hs_pattern_canvas_get_cell_size (self->canvas);
  guint next = direction == 0  ? 0
               : direction > 0 ? MIN (64u, MAX (cell + 1, cell * 3 / 2))
                               : MAX (2u, cell * 2 / 3);
  hs_pattern_canvas_set_zoom (self->canvas, next);
}

static gboolean
on_canvas_scroll (GtkEventControllerScroll *scroll, double dx, double dy,
                  HsProbeEditor *self)
{
  GdkModifierType mods
      = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  if (!(mods & GDK_CONTROL_MASK) || dy == 0)
    return FALSE; /* plain scrolling pans */
  hs_probe_editor_zoom (self, dy < 0 ? 1 : -1);
  return TRUE;
}

/* ---- importing an image ---- */

double
hs_probe_editor_threshold (HsProbeEditor *self, const float *cells, int8_t *out)
{
  g_return_val_if_fail (HS_IS_PROBE_EDITOR (self), 0);
  gsize n = hs_document_get_n_neurons (self->doc);
  gboolean otsu = gtk_check_button_get_active (self->otsu_check);
  gboolean invert = gtk_check_button_get_active (self->import_invert_check);
  double t = otsu ? hf_otsu_threshold (cells, n)
                  : gtk_range_get_value (GTK_RANGE (self->threshold_scale));
  for (gsize k = 0; k < n; k++)
    out[k] = ((cells[k] < t) != invert) ? 1 : -1;
  return t;
}

static void
on_import_changed (HsProbeEditor *self)
{
  if (self->import_image == NULL || self->syncing)
    return;
  gboolean otsu = gtk_check_button_get_active (self->otsu_check);
  gtk_widget_set_sensitive (GTK_WIDGET (self->threshold_scale), !otsu);
  int8_t *s = g_new (int8_t, hs_document_get_n_neurons (self->doc));
  double used = hs_probe_editor_threshold (self, self->import_cells, s);
  if (otsu)
    {
      /* the slider shows the threshold Otsu's method chose */
      self->syncing = TRUE;
      gtk_range_set_value (GTK_RANGE (self->threshold_scale), used);
      self->syncing = FALSE;
    }
  /* moving the threshold again changes the same step */
  HsUndoStack *undo = hs_document_get_undo_stack (self->doc);
  hs_undo_stack_begin (undo, HS_EDIT_IMPORT_IMAGE, self->import_serial);
  hs_document_set_probe (self->doc, s, TRUE);
  hs_undo_stack_end (undo);
  g_free (s);
}

void
hs_probe_editor_import (HsProbeEditor *self, const char *name, HfImage *image,
                        float *cells)
{
  g_return_if_fail (HS_IS_PROBE_EDITOR (self));
  hf_image_free (self->import_image);
  g_free (self->import_cells);
  self->import_image = image;
  self->import_cells = cells;
  self->import_serial++;
  self->import_w = hs_document_get_width (self->doc);
  self->import_h = hs_document_get_height (self->doc);
  char *label = g_strdup_printf (_ ("%s (%zu×%zu)"), name, image->width, image->height);
  gtk_label_set_text (self->import_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_label), label);
  g_free (label);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  on_import_changed (self);
}

void
hs_probe_editor_import_close (HsProbeEditor *self)
{
  g_return_if_fail (HS_IS_PROBE_EDITOR (self));
  g_clear_pointer (&self->import_image, hf_image_free);
  g_clear_pointer (&self->import_cells, g_free);
  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
}

gboolean
hs_probe_editor_is_importing (HsProbeEditor *self)
{
  g_return_val_if_fail (HS_IS_PROBE_EDITOR (self), FALSE);
  return self->import_image != NULL;
}

/* ---- life cycle ---- */

static void
hs_probe_editor_dispose (GObject *object)
{
  HsProbeEditor *self = HS_PROBE_EDITOR (object);
  on_canvas_stroke_end (self, self->canvas); /* a stroke cut short */
  gtk_widget_dispose_template (GTK_WIDGET (self), HS_TYPE_PROBE_EDITOR);
  g_clear_object (&self->player);
  g_clear_object (&self->doc);
  G_OBJECT_CLASS (hs_probe_editor_parent_class)->dispose (object);
}

static void
hs_probe_editor_finalize (GObject *object)
{
  HsProbeEditor *self = HS_PROBE_EDITOR (object);
  hf_image_free (self->import_image);
  g_free (self->import_cells);
  G_OBJECT_CLASS (hs_probe_editor_parent_class)->finalize (object);
}

static void
hs_probe_editor_class_init (HsProbeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->dispose = hs_probe_editor_dispose;
  object_class->finalize = hs_probe_editor_finalize;
  g_type_ensure (HS_TYPE_PATTERN_CANVAS);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/hopfieldstudio/HopfieldStudio/hs-probe-editor.ui");
#define CHILD(name)                                                                      \
  gtk_widget_class_bind_template_child (widget_class, HsProbeEditor, name)
  CHILD (size_dropdown);
  /* the toolbars presentation hides: found by id, not kept in the struct */
  gtk_widget_class_bind_template_child_full (widget_class, "draw_bar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "edit_bar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "undo_section", FALSE, 0);
  CHILD (tool_draw);
  CHILD (tool_clamp);
  CHILD (tool_occlude);
  CHILD (import_revealer);
  CHILD (import_label);
  CHILD (threshold_scale);
  CHILD (otsu_check);
  CHILD (import_invert_check);
  CHILD (scroller);
  CHILD (canvas);
  CHILD (corrupt_spin);
  CHILD (probe_label);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_size_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_tool_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_edited);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_stroke_begin);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_stroke_end);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_clamp_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_canvas_occlude);
  gtk_widget_class_bind_template_callback (widget_class, on_import_changed);
}

static void
hs_probe_editor_init (HsProbeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  GtkStringList *sizes = gtk_string_list_new (NULL);
  for (guint k = 0; k < G_N_ELEMENTS (grid_sizes); k++)
    {
      char *label = g_strdup_printf (_ ("%u × %u"), grid_sizes[k], grid_sizes[k]);
      gtk_string_list_append (sizes, label);
      g_free (label);
    }
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->size_dropdown, G_LIST_MODEL (sizes));
  self->syncing = FALSE;
  g_object_unref (sizes);
  hs_pattern_canvas_set_editable (self->canvas, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->canvas),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Network state: draw with the mouse"), -1);
  GtkEventController *scroll
      = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_canvas_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->canvas), scroll);
}
