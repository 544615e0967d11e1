/* hs-plot-style.h: an HpStyle (src/plot) that matches a widget.
 *
 * Every view draws through the GTK-free plot library; this fills the
 * library's style from the widget's CSS colour (light or dark follows it),
 * the theme's named colours (theme_bg_color for the background,
 * theme_base_color and theme_text_color for neurons at -1 and +1, the
 * high-contrast scheme under GTK's HighContrast theme: hs-style.c) and its
 * Pango font, so charts, the canvas and the thumbnails follow the style; in
 * projector mode (the window's .projector class) the projector scheme's
 * background, accent, grid and line scale. */
#pragma once

#include <gtk/gtk.h>

#include "hp-style.h"

G_BEGIN_DECLS

/* Fills style for drawing on widget: foreground from the widget's colour,
 * the dark scheme when that colour is light (luminance > 0.5), muted text
 * and grid derived from it, the widget's font family and size, scale 1. */
void hs_plot_style_from_widget (GtkWidget *widget, HpStyle *style);

G_END_DECLS
