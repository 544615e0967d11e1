/* hs-library-panel.h: the stored patterns, a flow box bound to the
 * document's library, with the buttons that edit it (win.* actions). */
#pragma once

#include <gtk/gtk.h>

#include "hs-document.h"

G_BEGIN_DECLS

#define HS_TYPE_LIBRARY_PANEL (hs_library_panel_get_type ())
G_DECLARE_FINAL_TYPE (HsLibraryPanel, hs_library_panel, HS, LIBRARY_PANEL, GtkBox)

void hs_library_panel_set_document (HsLibraryPanel *self, HsDocument *document);
/* The selected pattern, -1 for none ("selected" notifies changes). */
int hs_library_panel_get_selected (HsLibraryPanel *self);
void hs_library_panel_select (HsLibraryPanel *self, int index);
/* Puts pattern index on the canvas, as clicking it does. */
void hs_library_panel_activate (HsLibraryPanel *self, int index);

G_END_DECLS
