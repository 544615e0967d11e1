/* hs-pattern-canvas-private.h: what the canvas's files share: its fields,
 * its geometry, and the editing and drawing the mouse and the keyboard both
 * use (hs-pattern-canvas.c, -draw.c, -keys.c). */
#pragma once

#include "hs-pattern-canvas.h"
#include "hs-plot-style.h"

struct _HsPatternCanvas
{
  GtkWidget parent_instance;
  guint width, height;
  int8_t *state;
  uint8_t *clamp;
  int highlight;
  gboolean highlight_flipped;
  gboolean editable;
  HsCanvasTool tool;
  guint zoom; /* pixels per cell, 0: fit */
  /* the stroke in progress (mouse drag or Shift+arrows) */
  int8_t stroke_value;
  gboolean stroking;
  double drag_x, drag_y, drag_x1, drag_y1;
  cairo_surface_t *cells;      /* one pixel per cell, rebuilt when the state changes */
  guint32 cells_on, cells_off; /* the colours the cells surface was made with */
  float *stability;            /* s_i h_i per cell, or NULL: no overlay */
  float stability_scale;       /* max_i |s_i h_i|, the full-stability reference */
  /* the keyboard's cell cursor */
  guint cursor_x, cursor_y;
  gboolean key_painting; /* Shift+arrows are painting stroke_value */
  /* The cursor is shown: an arrow key shows it, the mouse hides it. Only
   * then does Space toggle a cell; otherwise Space stays Play. */
  gboolean cursor_on;
};

void hs_pattern_canvas_invalidate (HsPatternCanvas *self);
/* Square cells, centred, with the cell size in pixels. */
void hs_pattern_canvas_layout (HsPatternCanvas *self, int w, int h, double *cell,
                               double *ox, double *oy);
/* Sets cell k as the current stroke says (the draw or clamp tool) and
 * emits "edited" or "clamp-changed" when it changes. */
void hs_pattern_canvas_apply_cell (HsPatternCanvas *self, guint k);
/* Emits "stroke-begin" (begin) or "stroke-end". */
void hs_pattern_canvas_emit_stroke (HsPatternCanvas *self, gboolean begin);
/* Starts or ends a keyboard stroke (Shift+arrows), emitting its bracket. */
void hs_pattern_canvas_set_key_painting (HsPatternCanvas *self, gboolean on);
/* Emits "occlude" for the rectangle of cells. */
void hs_pattern_canvas_emit_occlude (HsPatternCanvas *self, guint x, guint y, guint w,
                                     guint h);
/* Keyboard: the key controller and the accessible description. */
void hs_pattern_canvas_keys_init (HsPatternCanvas *self);
void hs_pattern_canvas_describe_cursor (HsPatternCanvas *self);
