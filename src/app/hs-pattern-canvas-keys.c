/* hs-pattern-canvas-keys.c: drawing on the canvas with the keyboard.
 *
 * Keys go through the same path as the mouse: a cell is set with the
 * stroke's value (hs_pattern_canvas_apply_cell), which emits "edited" or
 * "clamp-changed", and the probe editor hands that to the document. The key
 * controller runs in the bubble phase and claims the keys it uses, so with
 * the canvas focused Space toggles a cell rather than playing. */
#include "config.h"

#include <glib/gi18n.h>

#include "hs-pattern-canvas-private.h"

void
hs_pattern_canvas_describe_cursor (HsPatternCanvas *self)
{
  if (self->state == NULL)
    return;
  guint k = self->cursor_y * self->width + self->cursor_x;
  gboolean on = self->state[k] > 0;
  gboolean clamped = self->clamp != NULL && self->clamp[k];
  /* rows and columns counted from 1, as people count them */
  guint row = self->cursor_y + 1, column = self->cursor_x + 1;
  char *text
      = clamped
            ? (on ? g_strdup_printf (_ ("Row %u, column %u, on, clamped"), row, column)
                  : g_strdup_printf (_ ("Row %u, column %u, off, clamped"), row, column))
            : (on ? g_strdup_printf (_ ("Row %u, column %u, on"), row, column)
                  : g_strdup_printf (_ ("Row %u, column %u, off"), row, column));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  g_free (text);
}

/* Scrolls a zoomed canvas so the cursor's cell is in view. */
static void
scroll_to_cursor (HsPatternCanvas *self)
{
  GtkWidget *scroller
      = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  if (scroller == NULL)
    return;
  double c, ox, oy;
  hs_pattern_canvas_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), &c, &ox, &oy);
  graphene_point_t p0, p1;
  if (!gtk_widget_compute_point (
          GTK_WIDGET (self), scroller,
          &GRAPHENE_POINT_INIT (ox + self->cursor_x * c, oy + self->cursor_y * c), &p0)
      || !gtk_widget_compute_point (GTK_WIDGET (self), scroller,
                                    &GRAPHENE_POINT_INIT (ox + (self->cursor_x + 1) * c,
                                                          oy + (self->cursor_y + 1) * c),
                                    &p1))
    return;
  GtkScrolledWindow *sw = GTK_SCROLLED_WINDOW (scroller);
  GtkAdjustment *adj[2] = { gtk_scrolled_window_get_hadjustment (sw),
                            gtk_scrolled_window_get_vadjustment (sw) };
  double lo[2] = { p0.x, p0.y }, hi[2] = { p1.x, p1.y };
  double size[2] = { gtk_widget_get_width (scroller), gtk_widget_get_height (scroller) };
  for (int a = 0; a < 2; a++)
    {
      double v = gtk_adjustment_get_value (adj[a]);
      if (lo[a] < 0)
        gtk_adjustment_set_value (adj[a], v + lo[a]);
      else if (hi[a] > size[a])
        gtk_adjustment_set_value (adj[a], v + hi[a] - size[a]);
    }
}

static void
cursor_moved (HsPatternCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  hs_pattern_canvas_describe_cursor (self);
  scroll_to_cursor (self);
}

void
hs_pattern_canvas_get_cursor (HsPatternCanvas *self, guint *x, guint *y)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  if (x != NULL)
    *x = self->cursor_x;
  if (y != NULL)
    *y = self->cursor_y;
}

void
hs_pattern_canvas_set_cursor (HsPatternCanvas *self, guint x, guint y)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  if (self->width == 0 || self->height == 0)
    return;
  self->cursor_x = MIN (x, self->width - 1);
  self->cursor_y = MIN (y, self->height - 1);
  self->cursor_on = TRUE;
  cursor_moved (self);
}

/* Shift+arrow painting is a stroke too, bracketed by "stroke-begin" and
 * "stroke-end" like a drag, so that it is one step of undo. */
void
hs_pattern_canvas_set_key_painting (HsPatternCanvas *self, gboolean on)
{
  if (self->key_painting == on)
    return;
  self->key_painting = on;
  hs_pattern_canvas_emit_stroke (self, on);
}

void
hs_pattern_canvas_end_key_stroke (HsPatternCanvas *self)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  hs_pattern_canvas_set_key_painting (self, FALSE);
}

/* Space: the cell under the cursor changes as a click on it would. */
static void
toggle_cursor_cell (HsPatternCanvas *self)
{
  guint k = self->cursor_y * self->width + self->cursor_x;
  switch (self->tool)
    {
    case HS_CANVAS_TOOL_DRAW:
      self->stroke_value = (int8_t)-self->state[k];
      hs_pattern_canvas_apply_cell (self, k);
      break;
    case HS_CANVAS_TOOL_CLAMP:
      self->stroke_value = self->clamp != NULL && self->clamp[k] ? -1 : 1;
      hs_pattern_canvas_apply_cell (self, k);
      break;
    case HS_CANVAS_TOOL_OCCLUDE:
      hs_pattern_canvas_emit_occlude (self, self->cursor_x, self->cursor_y, 1, 1);
      break;
    }
}

/* Shift+arrow: the first one starts a stroke with the value a drag from
 * the cursor's cell would paint, and paints that cell; each one paints the
 * cell it moves to. */
static void
paint_cursor_cell (HsPatternCanvas *self, gboolean start)
{
  guint k = self->cursor_y * self->width + self->cursor_x;
  if (self->tool == HS_CANVAS_TOOL_OCCLUDE)
    {
      hs_pattern_canvas_emit_occlude (self, self->cursor_x, self->cursor_y, 1, 1);
      return;
    }
  if (start)
    self->stroke_value = self->tool == HS_CANVAS_TOOL_DRAW       ? (int8_t)-self->state[k]
                         : self->clamp != NULL && self->clamp[k] ? -1
                                                                 : 1;
  hs_pattern_canvas_apply_cell (self, k);
}

gboolean
hs_pattern_canvas_handle_key (HsPatternCanvas *self, guint keyval, GdkModifierType state)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), FALSE);
  if (!self->editable || self->state == NULL || self->stroking)
    return FALSE;
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  if (state & (GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK))
    return FALSE; /* Alt+digits and the like are the window's */
  int dx = 0, dy = 0;
  guint x = self->cursor_x, y = self->cursor_y;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = 1;
      break;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      x = 0;
      if (ctrl)
        y = 0;
      break;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      x = self->width - 1;
      if (ctrl)
        y = self->height - 1;
      break;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
      /* without the cursor shown, Space is the window's (Play): a
       * click on the canvas must not make it flip a cell unseen */
      if (ctrl || shift || !self->cursor_on)
        return FALSE;
      hs_pattern_canvas_set_key_painting (self, FALSE);
      toggle_cursor_cell (self);
      hs_pattern_canvas_describe_cursor (self);
      return TRUE;
    default:
      return FALSE;
    }
  if (ctrl && (dx != 0 || dy != 0))
    return FALSE; /* Ctrl+arrows are not ours */
  if (dx != 0 || dy != 0)
    {
      if (shift && !self->key_painting)
        {
          /* a stroke starts: the cell we leave is painted too */
          hs_pattern_canvas_set_key_painting (self, TRUE);
          paint_cursor_cell (self, TRUE);
        }
      else if (!shift)
        hs_pattern_canvas_set_key_painting (self, FALSE);
      x = (guint)CLAMP ((int)x + dx, 0, (int)self->width - 1);
      y = (guint)CLAMP ((int)y + dy, 0, (int)self->height - 1);
    }
  else
    hs_pattern_canvas_set_key_painting (self, FALSE);
  self->cursor_x = x;
  self->cursor_y = y;
  self->cursor_on = TRUE;
  if (shift && (dx != 0 || dy != 0))
    paint_cursor_cell (self, FALSE);
  cursor_moved (self);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, HsPatternCanvas *self)
{
  return hs_pattern_canvas_handle_key (self, keyval, state);
}

static void
on_key_released (GtkEventControllerKey *controller, guint keyval, guint keycode,
                 GdkModifierType state, HsPatternCanvas *self)
{
  if (keyval == GDK_KEY_Shift_L || keyval == GDK_KEY_Shift_R)
    hs_pattern_canvas_end_key_stroke (self);
}

static void
on_focus_changed (HsPatternCanvas *self)
{
  hs_pattern_canvas_set_key_painting (self, FALSE);
  if (!gtk_widget_is_focus (GTK_WIDGET (self)))
    self->cursor_on = FALSE;                 /* back by Tab: an arrow shows it again */
  gtk_widget_queue_draw (GTK_WIDGET (self)); /* the cursor shows with the focus */
  if (gtk_widget_is_focus (GTK_WIDGET (self)))
    hs_pattern_canvas_describe_cursor (self);
}

void
hs_pattern_canvas_keys_init (HsPatternCanvas *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
