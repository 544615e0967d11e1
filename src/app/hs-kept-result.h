/* hs-kept-result.h: one experiment result kept in a document (the items of
 * hs_document_get_results), immutable once made. */
#pragma once

#include <gio/gio.h>

#include "hf-session.h"

G_BEGIN_DECLS

#define HS_TYPE_KEPT_RESULT (hs_kept_result_get_type ())
G_DECLARE_FINAL_TYPE (HsKeptResult, hs_kept_result, HS, KEPT_RESULT, GObject)

/* Takes over what result holds (result is zeroed). */
HsKeptResult *hs_kept_result_new (HfSessionResult *result);
const HfSessionResult *hs_kept_result_get (HsKeptResult *self);
/* "capacity — label — 23 Nov 2026, 08:30" in local time, for lists. */
char *hs_kept_result_dup_title (HsKeptResult *self);

G_END_DECLS
