/* hs-drop-down.h: dropdowns whose button ellipsizes long entries, so that
 * a long label (a rule's name) never widens the window; the popup shows
 * them whole. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Sets the entries (translated already), in their order. */
void hs_drop_down_set_labels (GtkDropDown *dropdown, const char *const *labels,
                              guint n_labels);

G_END_DECLS
