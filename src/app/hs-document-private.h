/* hs-document-private.h: what hs-document.c shares with hs-document-io.c. */
#pragma once

#include "hs-document.h"

/* Counts every change, so a save can tell whether it is still current. */
guint64 hs_document_get_generation (HsDocument *self);
/* Sets the file (and the title) without marking a change. */
void hs_document_set_file (HsDocument *self, GFile *file);
