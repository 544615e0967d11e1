/* hs-notes.h: a lesson's notes, shown beside the canvas.
 *
 * Notes are written in the small Markdown subset of docs/session-format.md
 * (headings "# " and "## ", bullets "- ", *emphasis*, **strong**, `code`,
 * blank lines between paragraphs); so is the guide (HsHelpWindow). HsNotesPanel shows a title and the notes formatted with
 * Pango markup; hs_notes_to_markup is the conversion, kept separate so it
 * is tested without a display. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Pango markup for notes (never NULL; every character escaped, so any
 * text is safe). */
char *hs_notes_to_markup (const char *notes);

#define HS_TYPE_NOTES_PANEL (hs_notes_panel_get_type ())
G_DECLARE_FINAL_TYPE (HsNotesPanel, hs_notes_panel, HS, NOTES_PANEL, GtkWidget)

GtkWidget *hs_notes_panel_new (void);
/* Either may be NULL; with neither the panel says there are no notes. */
void hs_notes_panel_set_notes (HsNotesPanel *self, const char *title, const char *notes);
/* The markup shown (for tests and the accessible description). */
const char *hs_notes_panel_get_markup (HsNotesPanel *self);

G_END_DECLS
