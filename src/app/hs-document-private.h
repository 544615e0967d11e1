/* hs-document-private.h: what hs-document.c shares with hs-document-io.c. */
#pragma once

#include "hs-document.h"

/* Counts every change, so a save can tell whether it is still current. */
guint64 hs_document_get_generation (HsDocument *self);
/* Sets the file (and the title) without marking a change. */
void hs_document_set_file (HsDocument *self, GFile *file);

/* A lesson's words (session format 2: title, notes, view), kept as they
 * came so that saving a lesson keeps them. */
typedef struct _HsLesson HsLesson;
HsLesson *hs_document_get_lesson (HsDocument *self); /* NULL: none */
/* Takes title, notes and view out of session (NULL when it has none). */
HsLesson *hs_lesson_take (HfSession *session);
void hs_lesson_free (HsLesson *lesson);

/* Kept experiment results (hs-document-results.c): the store, whose
 * "items-changed" calls changed (swapped, with self); replacing its items
 * by a session's results (taken out of it) without calling changed; and
 * the results as a description's (borrowed) array. */
GListStore *hs_document_results_new (HsDocument *self, GCallback changed);
void hs_document_results_take (HsDocument *self, GListStore *store, HfSession *session);
void hs_document_results_describe (HsDocument *self, HfSession *out);
