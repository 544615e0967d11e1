/* hs-undo.h: undo and redo of the document's edits.
 *
 * Every HsDocument has one HsUndoStack. The document records its own edits:
 * each of its functions that changes the probe (with its clean source,
 * clamps and corruption roll) or the library (with the grid) first keeps a
 * copy of what it is about to change, so every path that edits the document
 * (actions, panels, drag and drop) can be undone. Training, recall and the
 * settings are not undone; the network stays, and is marked stale when the
 * library differs from the one it was trained on. Opening a session clears
 * the history. Steps are bounded in number and in memory (the oldest go).
 *
 * A step is named after the edit (the menu reads "Undo Draw"): the document
 * gives each function a default name, and callers name an edit, or make one
 * step of several edits (a drag stroke), with hs_undo_stack_begin / _end.
 * It depends on GIO only, like the document. */
#pragma once

#include "hs-document.h"

G_BEGIN_DECLS

#define HS_TYPE_UNDO_STACK (hs_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (HsUndoStack, hs_undo_stack, HS, UNDO_STACK, GObject)

/* What a step did: its name in the menu. */
typedef enum
{
  HS_EDIT_CANVAS, /* the probe changed (a state put on the canvas) */
  HS_EDIT_DRAW,
  HS_EDIT_CLAMP,
  HS_EDIT_RELEASE_CLAMPS,
  HS_EDIT_OCCLUDE,
  HS_EDIT_INVERT,
  HS_EDIT_CLEAR_CANVAS,
  HS_EDIT_FILL_CANVAS,
  HS_EDIT_SHIFT,
  HS_EDIT_IMPORT_IMAGE,
  HS_EDIT_PICK_PATTERN,
  HS_EDIT_CORRUPT,
  HS_EDIT_RESIZE_GRID,
  HS_EDIT_ADD_PATTERN,
  HS_EDIT_DUPLICATE_PATTERN,
  HS_EDIT_DELETE_PATTERN,
  HS_EDIT_MOVE_PATTERN,
  HS_EDIT_CLEAR_PATTERNS,
  HS_EDIT_REPLACE_PATTERNS,
  HS_EDIT_LOAD_SAMPLES,
  HS_EDIT_RANDOM_PATTERNS,
  HS_EDIT_OPEN_FILES,
  HS_N_EDITS
} HsEdit;

/* The document's stack (borrowed). */
HsUndoStack *hs_document_get_undo_stack (HsDocument *doc);

/* Edits until the matching _end make one step called kind (groups nest;
 * the outermost names the step, unless it has no step yet and an inner
 * group has a tag). With tag != 0 the edits join the newest
 * step when it has the same kind and tag and nothing came after it (an
 * import's threshold, moved many times, is one step). */
void hs_undo_stack_begin (HsUndoStack *self, HsEdit kind, guint tag);
void hs_undo_stack_end (HsUndoStack *self);

gboolean hs_undo_stack_can_undo (HsUndoStack *self);
gboolean hs_undo_stack_can_redo (HsUndoStack *self);
/* "Undo Draw", "Redo Delete Pattern", ... (translated); "Undo" and "Redo"
 * when there is nothing to undo or redo. */
const char *hs_undo_stack_get_undo_label (HsUndoStack *self);
const char *hs_undo_stack_get_redo_label (HsUndoStack *self);
/* The kind of the step undo (redo: FALSE) or redo (TRUE) would take back;
 * HS_N_EDITS when there is none. */
HsEdit hs_undo_stack_peek (HsUndoStack *self, gboolean redo);
/* TRUE when that step changes the library (disabled while training). */
gboolean hs_undo_stack_peek_library (HsUndoStack *self, gboolean redo);
guint hs_undo_stack_get_n_undo (HsUndoStack *self);
guint hs_undo_stack_get_n_redo (HsUndoStack *self);
/* Bytes the steps hold. */
gsize hs_undo_stack_get_size (HsUndoStack *self);

/* FALSE when there is nothing to undo (redo). Undo after a save and back
 * to it: the document counts as saved again, unless something undo does
 * not take back (training, settings) changed in between. */
gboolean hs_undo_stack_undo (HsUndoStack *self);
gboolean hs_undo_stack_redo (HsUndoStack *self);
void hs_undo_stack_clear (HsUndoStack *self);

/* At most max_steps steps and, beyond the newest step, max_bytes bytes
 * (defaults: 100 steps, 64 MiB). */
void hs_undo_stack_set_limits (HsUndoStack *self, guint max_steps, gsize max_bytes);

/* Keeps section holding two items, the undo and redo labels with the given
 * actions (e.g. "win.undo"), up to date. */
void hs_undo_stack_bind_menu (HsUndoStack *self, GMenu *section, const char *undo_action,
                              const char *redo_action);

G_END_DECLS
