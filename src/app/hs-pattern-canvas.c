/* hs-pattern-canvas.c: draws a pattern with Cairo and lets the user edit
 * it with the mouse. It knows nothing of networks: it emits "edited",
 * "clamp-changed" and "occlude" and the window decides what they mean;
 * "stroke-begin" and "stroke-end" bracket a stroke (one step of undo). */
#include "hs-pattern-canvas-private.h"

#include <math.h>
#include <string.h>

enum
{
  SIGNAL_EDITED,
  SIGNAL_CLAMP_CHANGED,
  SIGNAL_OCCLUDE,
  SIGNAL_STROKE_BEGIN,
  SIGNAL_STROKE_END,
  N_SIGNALS
};
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (HsPatternCanvas, hs_pattern_canvas, GTK_TYPE_WIDGET)

void
hs_pattern_canvas_invalidate (HsPatternCanvas *self)
{
  g_clear_pointer (&self->cells, cairo_surface_destroy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hs_pattern_canvas_layout (HsPatternCanvas *self, int w, int h, double *cell, double *ox,
                          double *oy)
{
  double c = MIN ((double)w / MAX (self->width, 1u), (double)h / MAX (self->height, 1u));
  if (self->zoom > 0)
    c = self->zoom; /* a chosen cell size: the widget asked for room for it */
  else if (c >= 3)
    c = (double)(int)c; /* whole pixels keep every cell crisp */
  *cell = c;
  *ox = (w - c * self->width) / 2;
  *oy = (h - c * self->height) / 2;
}

static void
hs_pattern_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  HsPatternCanvas *self = HS_PATTERN_CANVAS (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  hs_pattern_canvas_draw (self, cr, w, h);
  cairo_destroy (cr);
}

static void
hs_pattern_canvas_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                           int *minimum, int *natural, int *minimum_baseline,
                           int *natural_baseline)
{
  HsPatternCanvas *self = HS_PATTERN_CANVAS (widget);
  guint cells = orientation == GTK_ORIENTATION_HORIZONTAL ? self->width : self->height;
  if (self->zoom > 0)
    {
      /* zoomed: exactly the room the cells need; a scrolled window around
       * the canvas scrolls when that is more than it shows */
      *minimum = *natural = (int)(cells * self->zoom);
      return;
    }
  *minimum = (int)MAX (cells, 16u);
  *natural = (int)MAX (cells * 8, 256u);
}

static gboolean
cell_at (HsPatternCanvas *self, double px, double py, guint *cx, guint *cy)
{
  double c, ox, oy;
  hs_pattern_canvas_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), &c, &ox, &oy);
  if (c <= 0)
    return FALSE;
  double x = (px - ox) / c, y = (py - oy) / c;
  if (x < 0 || y < 0 || x >= self->width || y >= self->height)
    return FALSE;
  *cx = (guint)x;
  *cy = (guint)y;
  return TRUE;
}

void
hs_pattern_canvas_apply_cell (HsPatternCanvas *self, guint k)
{
  if (self->tool == HS_CANVAS_TOOL_DRAW)
    {
      if (self->state[k] == self->stroke_value)
        return;
      self->state[k] = self->stroke_value;
      hs_pattern_canvas_invalidate (self);
      g_signal_emit (self, signals[SIGNAL_EDITED], 0);
    }
  else if (self->tool == HS_CANVAS_TOOL_CLAMP)
    {
      if (self->clamp == NULL)
        self->clamp = g_malloc0 (self->width * self->height);
      uint8_t v = self->stroke_value > 0;
      if (self->clamp[k] == v)
        return;
      self->clamp[k] = v;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_signal_emit (self, signals[SIGNAL_CLAMP_CHANGED], 0);
    }
}

void
hs_pattern_canvas_emit_occlude (HsPatternCanvas *self, guint x, guint y, guint w, guint h)
{
  g_signal_emit (self, signals[SIGNAL_OCCLUDE], 0, x, y, w, h);
}

void
hs_pattern_canvas_emit_stroke (HsPatternCanvas *self, gboolean begin)
{
  g_signal_emit (self, signals[begin ? SIGNAL_STROKE_BEGIN : SIGNAL_STROKE_END], 0);
}

static void
apply_at (HsPatternCanvas *self, double px, double py)
{
  guint x, y;
  if (cell_at (self, px, py, &x, &y))
    hs_pattern_canvas_apply_cell (self, y * self->width + x);
}

/* Every cell on the segment from cell (x0, y0) to (x1, y1), Bresenham's
 * way: a fast drag reports points far apart and must leave no gap. */
static void
apply_line (HsPatternCanvas *self, int x0, int y0, int x1, int y1)
{
  int dx = ABS (x1 - x0), dy = -ABS (y1 - y0);
  int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
  int e = dx + dy;
  double c, ox, oy;
  hs_pattern_canvas_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), &c, &ox, &oy);
  for (;;)
    {
      if (x0 >= 0 && y0 >= 0 && (guint)x0 < self->width && (guint)y0 < self->height)
        apply_at (self, ox + (x0 + 0.5) * c, oy + (y0 + 0.5) * c);
      if (x0 == x1 && y0 == y1)
        break;
      int e2 = 2 * e;
      if (e2 >= dy)
        {
          e += dy;
          x0 += sx;
        }
      if (e2 <= dx)
        {
          e += dx;
          y0 += sy;
        }
    }
}

/* The cell under a point, unclamped (may lie outside the grid). */
static void
cell_of (HsPatternCanvas *self, double px, double py, int *cx, int *cy)
{
  double c, ox, oy;
  hs_pattern_canvas_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), &c, &ox, &oy);
  *cx = (int)floor ((px - ox) / MAX (c, 1e-9));
  *cy = (int)floor ((py - oy) / MAX (c, 1e-9));
}

gboolean
hs_pattern_canvas_begin_stroke (HsPatternCanvas *self, double x, double y, guint button)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), FALSE);
  if (!self->editable || self->state == NULL)
    return FALSE;
  hs_pattern_canvas_set_key_painting (self, FALSE);
  guint cx, cy;
  gboolean inside = cell_at (self, x, y, &cx, &cy);
  /* the mouse hides the keyboard's cursor, which moves to where it drew */
  self->cursor_on = FALSE;
  if (inside)
    {
      self->cursor_x = cx;
      self->cursor_y = cy;
    }
  self->stroking = TRUE;
  self->drag_x = self->drag_x1 = x;
  self->drag_y = self->drag_y1 = y;
  hs_pattern_canvas_emit_stroke (self, TRUE);
  if (self->tool == HS_CANVAS_TOOL_DRAW)
    /* A stroke paints the opposite of the cell it starts on; the right
     * button always erases. */
    self->stroke_value = button == GDK_BUTTON_SECONDARY ? -1
                         : inside ? (int8_t)-self->state[cy * self->width + cx]
                                  : 1;
  else if (self->tool == HS_CANVAS_TOOL_CLAMP)
    self->stroke_value = button == GDK_BUTTON_SECONDARY ? -1
                         : (inside && self->clamp && self->clamp[cy * self->width + cx])
                             ? -1
                             : 1;
  if (self->tool != HS_CANVAS_TOOL_OCCLUDE)
    apply_at (self, x, y);
  return TRUE;
}

void
hs_pattern_canvas_stroke_to (HsPatternCanvas *self, double x, double y)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  if (!self->stroking)
    return;
  double px = self->drag_x1, py = self->drag_y1;
  self->drag_x1 = x;
  self->drag_y1 = y;
  if (self->tool == HS_CANVAS_TOOL_OCCLUDE)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  int x0, y0, x1, y1;
  cell_of (self, px, py, &x0, &y0);
  cell_of (self, x, y, &x1, &y1);
  apply_line (self, x0, y0, x1, y1);
}

static void
on_drag_begin (GtkGestureDrag *gesture, double x, double y, HsPatternCanvas *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  if (!hs_pattern_canvas_begin_stroke (self, x, y, button))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* a click focuses the canvas (for the keys), and the cursor follows it */
  guint cx, cy;
  if (cell_at (self, x, y, &cx, &cy))
    {
      self->cursor_x = cx;
      self->cursor_y = cy;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag *gesture, double dx, double dy, HsPatternCanvas *self)
{
  hs_pattern_canvas_stroke_to (self, self->drag_x + dx, self->drag_y + dy);
}

static void
on_drag_end (GtkGestureDrag *gesture, double dx, double dy, HsPatternCanvas *self)
{
  hs_pattern_canvas_end_stroke (self, self->drag_x + dx, self->drag_y + dy);
}

void
hs_pattern_canvas_end_stroke (HsPatternCanvas *self, double x, double y)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  if (!self->stroking)
    return;
  double dx = x - self->drag_x, dy = y - self->drag_y;
  if (self->tool != HS_CANVAS_TOOL_OCCLUDE)
    hs_pattern_canvas_stroke_to (self, x, y);
  self->stroking = FALSE;
  hs_pattern_canvas_emit_stroke (self, FALSE);
  if (self->tool != HS_CANVAS_TOOL_OCCLUDE)
    return;
  double c, ox, oy;
  hs_pattern_canvas_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), &c, &ox, &oy);
  double x0 = (MIN (self->drag_x, self->drag_x + dx) - ox) / c;
  double y0 = (MIN (self->drag_y, self->drag_y + dy) - oy) / c;
  double x1 = (MAX (self->drag_x, self->drag_x + dx) - ox) / c;
  double y1 = (MAX (self->drag_y, self->drag_y + dy) - oy) / c;
  x0 = CLAMP (x0, 0, self->width);
  y0 = CLAMP (y0, 0, self->height);
  x1 = CLAMP (x1, 0, self->width);
  y1 = CLAMP (y1, 0, self->height);
  guint gx = (guint)x0, gy = (guint)y0;
  guint gw = (guint)(x1 + 0.999) - gx, gh = (guint)(y1 + 0.999) - gy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (gw > 0 && gh > 0 && gx < self->width && gy < self->height)
    hs_pattern_canvas_emit_occlude (self, gx, gy, gw, gh);
}

static void
hs_pattern_canvas_finalize (GObject *object)
{
  HsPatternCanvas *self = HS_PATTERN_CANVAS (object);
  g_clear_pointer (&self->state, g_free);
  g_clear_pointer (&self->clamp, g_free);
  g_clear_pointer (&self->stability, g_free);
  g_clear_pointer (&self->cells, cairo_surface_destroy);
  G_OBJECT_CLASS (hs_pattern_canvas_parent_class)->finalize (object);
}

static void
hs_pattern_canvas_class_init (HsPatternCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  object_class->finalize = hs_pattern_canvas_finalize;
  widget_class->snapshot = hs_pattern_canvas_snapshot;
  widget_class->measure = hs_pattern_canvas_measure;
  gtk_widget_class_set_css_name (widget_class, "patterncanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  signals[SIGNAL_EDITED]
      = g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                      NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CLAMP_CHANGED]
      = g_signal_new ("clamp-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                      NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_OCCLUDE] = g_signal_new (
      "occlude", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  for (int k = SIGNAL_STROKE_BEGIN; k <= SIGNAL_STROKE_END; k++)
    signals[k] = g_signal_new (k == SIGNAL_STROKE_BEGIN ? "stroke-begin" : "stroke-end",
                               G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                               NULL, NULL, G_TYPE_NONE, 0);
}

static void
hs_pattern_canvas_init (HsPatternCanvas *self)
{
  self->highlight = -1;
  GtkGesture *drag = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), 0);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  hs_pattern_canvas_keys_init (self);
}

GtkWidget *
hs_pattern_canvas_new (void)
{
  return g_object_new (HS_TYPE_PATTERN_CANVAS, NULL);
}

void
hs_pattern_canvas_set_state (HsPatternCanvas *self, const int8_t *s, guint width,
                             guint height)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  g_return_if_fail (s != NULL && width > 0 && height > 0);
  if (width != self->width || height != self->height)
    {
      g_clear_pointer (&self->clamp, g_free);
      g_clear_pointer (&self->stability, g_free);
      self->state = g_realloc (self->state, (gsize)width * height);
      self->width = width;
      self->height = height;
      self->cursor_x = MIN (self->cursor_x, width - 1);
      self->cursor_y = MIN (self->cursor_y, height - 1);
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  memcpy (self->state, s, (gsize)width * height);
  hs_pattern_canvas_invalidate (self);
  if (gtk_widget_is_focus (GTK_WIDGET (self)))
    hs_pattern_canvas_describe_cursor (self); /* the cell under it may have changed */
}

const int8_t *
hs_pattern_canvas_get_state (HsPatternCanvas *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), NULL);
  return self->state;
}

guint
hs_pattern_canvas_get_grid_width (HsPatternCanvas *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), 0);
  return self->width;
}

guint
hs_pattern_canvas_get_grid_height (HsPatternCanvas *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), 0);
  return self->height;
}

void
hs_pattern_canvas_set_highlight (HsPatternCanvas *self, int neuron, gboolean flipped)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  if (self->highlight == neuron && self->highlight_flipped == flipped)
    return;
  self->highlight = neuron;
  self->highlight_flipped = flipped;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
hs_pattern_canvas_get_highlight (HsPatternCanvas *self, gboolean *flipped)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), -1);
  if (flipped != NULL)
    *flipped = self->highlight_flipped;
  return self->highlight;
}

void
hs_pattern_canvas_set_clamp (HsPatternCanvas *self, const uint8_t *mask)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  g_clear_pointer (&self->clamp, g_free);
  if (mask != NULL)
    self->clamp = g_memdup2 (mask, (gsize)self->width * self->height);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const uint8_t *
hs_pattern_canvas_get_clamp (HsPatternCanvas *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), NULL);
  return self->clamp;
}

void
hs_pattern_canvas_set_editable (HsPatternCanvas *self, gboolean editable)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  self->editable = editable;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), editable ? "crosshair" : NULL);
  /* an editable canvas takes the keyboard focus: arrows, Space, Shift */
  gtk_widget_set_focusable (GTK_WIDGET (self), editable);
}

void
hs_pattern_canvas_set_zoom (HsPatternCanvas *self, guint cell_pixels)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  self->zoom = MIN (cell_pixels, 64u);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
hs_pattern_canvas_get_zoom (HsPatternCanvas *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), 0);
  return self->zoom;
}

double
hs_pattern_canvas_get_cell_size (HsPatternCanvas *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), 0);
  double c, ox, oy;
  hs_pattern_canvas_layout (self, gtk_widget_get_width (GTK_WIDGET (self)),
                            gtk_widget_get_height (GTK_WIDGET (self)), &c, &ox, &oy);
  return c;
}

void
hs_pattern_canvas_set_tool (HsPatternCanvas *self, HsCanvasTool tool)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  self->tool = tool;
}

void
hs_pattern_canvas_set_stability (HsPatternCanvas *self, const float *values, guint n)
{
  g_return_if_fail (HS_IS_PATTERN_CANVAS (self));
  if (values == NULL || n != self->width * self->height || n == 0)
    {
      if (self->stability != NULL)
        {
          g_clear_pointer (&self->stability, g_free);
          gtk_widget_queue_draw (GTK_WIDGET (self));
        }
      return;
    }
  if (self->stability == NULL)
    self->stability = g_new (float, n);
  float scale = 0;
  for (guint k = 0; k < n; k++)
    {
      self->stability[k] = isfinite (values[k]) ? values[k] : 0;
      scale = MAX (scale, fabsf (self->stability[k]));
    }
  self->stability_scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const float *
hs_pattern_canvas_get_stability (HsPatternCanvas *self)
{
  g_return_val_if_fail (HS_IS_PATTERN_CANVAS (self), NULL);
  return self->stability;
}
