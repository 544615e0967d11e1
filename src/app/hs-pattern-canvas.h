/* hs-pattern-canvas.h: a binary pattern drawn as a grid of cells. */
#pragma once

#include <gtk/gtk.h>
#include <stdint.h>

G_BEGIN_DECLS

#define HS_TYPE_PATTERN_CANVAS (hs_pattern_canvas_get_type ())
G_DECLARE_FINAL_TYPE (HsPatternCanvas, hs_pattern_canvas, HS, PATTERN_CANVAS, GtkWidget)

typedef enum
{
  HS_CANVAS_TOOL_DRAW,    /* left: toggle-paint a stroke; right: erase */
  HS_CANVAS_TOOL_CLAMP,   /* left: clamp cells; right: release them */
  HS_CANVAS_TOOL_OCCLUDE, /* drag a rectangle that is turned off */
} HsCanvasTool;

GtkWidget *hs_pattern_canvas_new (void);
/* Copies s (width * height values of +-1). */
void hs_pattern_canvas_set_state (HsPatternCanvas *self, const int8_t *s, guint width,
                                  guint height);
const int8_t *hs_pattern_canvas_get_state (HsPatternCanvas *self);
guint hs_pattern_canvas_get_grid_width (HsPatternCanvas *self);
guint hs_pattern_canvas_get_grid_height (HsPatternCanvas *self);
/* The neuron being updated (-1: none); flipped colours it as a change. */
void hs_pattern_canvas_set_highlight (HsPatternCanvas *self, int neuron,
                                      gboolean flipped);
/* The highlighted neuron (-1: none) and whether it flipped. */
int hs_pattern_canvas_get_highlight (HsPatternCanvas *self, gboolean *flipped);
/* Copies mask (width * height flags) or clears it with NULL. */
void hs_pattern_canvas_set_clamp (HsPatternCanvas *self, const uint8_t *mask);
const uint8_t *hs_pattern_canvas_get_clamp (HsPatternCanvas *self);
void hs_pattern_canvas_set_editable (HsPatternCanvas *self, gboolean editable);
void hs_pattern_canvas_set_tool (HsPatternCanvas *self, HsCanvasTool tool);
/* Cell size in whole pixels (crisp at any zoom), or 0 to fit the widget.
 * Zoomed, the canvas asks for exactly width x height cells of that size:
 * put it in a GtkScrolledWindow. */
void hs_pattern_canvas_set_zoom (HsPatternCanvas *self, guint cell_pixels);
guint hs_pattern_canvas_get_zoom (HsPatternCanvas *self);
/* The cell size in pixels as currently drawn. */
double hs_pattern_canvas_get_cell_size (HsPatternCanvas *self);
/* A stroke, as a mouse drag makes it (points in widget coordinates):
 * begin returns FALSE when the canvas is not editable. Every cell on the
 * way is painted, however far apart the points are. */
gboolean hs_pattern_canvas_begin_stroke (HsPatternCanvas *self, double x, double y,
                                         guint button);
void hs_pattern_canvas_stroke_to (HsPatternCanvas *self, double x, double y);
void hs_pattern_canvas_end_stroke (HsPatternCanvas *self, double x, double y);
/* The stability overlay: values[i] = s_i h_i for every cell (n must be
 * width * height), drawn as an inset square that grows as s_i h_i nears 0
 * and a cross where s_i h_i < 0; NULL hides it. A new grid size hides it. */
void hs_pattern_canvas_set_stability (HsPatternCanvas *self, const float *values,
                                      guint n);
const float *hs_pattern_canvas_get_stability (HsPatternCanvas *self); /* NULL: off */
/* The keyboard (an editable canvas is focusable): arrows show and move a
 * cell cursor (the mouse hides it again), Space toggles the cell under it
 * while it is shown (otherwise Space is left to the window: Play) (with the clamp tool its clamp;
 * with the occlude tool it turns it off), Shift+arrows paint the cells
 * passed, as a drag does, Home/End go to the row's ends and Ctrl+Home/End
 * to the first and last cell. The accessible description tells the cell
 * under the cursor ("Row 3, column 5, on"). The key controller calls
 * handle_key; it returns whether the key was used. */
gboolean hs_pattern_canvas_handle_key (HsPatternCanvas *self, guint keyval,
                                       GdkModifierType state);
/* Shift released: ends a Shift+arrows stroke. */
void hs_pattern_canvas_end_key_stroke (HsPatternCanvas *self);
void hs_pattern_canvas_get_cursor (HsPatternCanvas *self, guint *x, guint *y);
void hs_pattern_canvas_set_cursor (HsPatternCanvas *self, guint x, guint y);
/* Whether the cursor is drawn: editable, the focus of its window, and
 * shown by an arrow key (or set_cursor) since the last mouse press. */
gboolean hs_pattern_canvas_shows_cursor (HsPatternCanvas *self);
/* Draws into any cairo context (snapshot, PNG or SVG export). */
void hs_pattern_canvas_draw (HsPatternCanvas *self, cairo_t *cr, int width, int height);

G_END_DECLS
