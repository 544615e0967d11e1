/* hs-document-private.h: what hs-document.c shares with hs-document-io.c
 * and hs-undo.c. */
#pragma once

#include "hs-document.h"
#include "hs-undo.h"

typedef struct _HsLesson HsLesson;

struct _HsDocument
{
  GObject parent_instance;
  guint width, height;
  HfPatterns *library;
  GListStore *items; /* HsPatternItem, in step with library */
  int8_t *probe, *source;
  uint8_t *clamp;
  guint roll;
  HfNetwork *net;
  gboolean stale;
  HfSessionSettings settings;
  GFile *file;
  gboolean modified;
  guint64 generation;  /* counts changes, so a save knows whether it is current */
  char *title;         /* the window's */
  HsLesson *lesson;    /* a lesson's title, notes and view (hs-document-io.c) */
  HsUndoStack *undo;   /* the edits, for undo and redo (hs-undo.c) */
  GListStore *results; /* kept experiment results (hs-document-results.c) */
};

/* Counts every change, so a save can tell whether it is still current. */
guint64 hs_document_get_generation (HsDocument *self);
/* Sets the file (and the title) without marking a change. */
void hs_document_set_file (HsDocument *self, GFile *file);

/* A lesson's words (session format 2: title, notes, view), kept as they
 * came so that saving a lesson keeps them. */
HsLesson *hs_document_get_lesson (HsDocument *self); /* NULL: none */
/* Takes title, notes and view out of session (NULL when it has none). */
HsLesson *hs_lesson_take (HfSession *session);
void hs_lesson_free (HsLesson *lesson);

/* ---- the document's hooks into its undo stack (hs-undo.c) ---- */
enum
{
  HS_UNDO_PROBE = 1 << 0,   /* the probe, its source, clamps and roll */
  HS_UNDO_LIBRARY = 1 << 1, /* the library and the grid */
};
HsUndoStack *hs_undo_stack_new (HsDocument *doc);
/* Before an edit of parts: keeps what they hold; kind names the step
 * unless a group names it. */
void hs_undo_record (HsUndoStack *self, guint parts, HsEdit kind);
/* At every change (the document's changed()): a recorded edit becomes a
 * step; a change nobody recorded (training, settings) cannot be undone, so
 * undo no longer leads back to the saved state. */
void hs_undo_commit (HsUndoStack *self);
/* The recorded edit failed and changed nothing. */
void hs_undo_forget (HsUndoStack *self);
/* Kept experiment results (hs-document-results.c): the store, whose
 * "items-changed" calls changed (swapped, with self); replacing its items
 * by a session's results (taken out of it) without calling changed; and
 * the results as a description's (borrowed) array. */
GListStore *hs_document_results_new (HsDocument *self, GCallback changed);
void hs_document_results_take (HsDocument *self, GListStore *store, HfSession *session);
void hs_document_results_describe (HsDocument *self, HfSession *out);
