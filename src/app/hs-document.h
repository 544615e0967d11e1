/* hs-document.h: the lesson the studio shows, without any widget.
 *
 * The pattern library (a GListModel of HsPatternItem), the grid size, the
 * probe with its clean source and clamps, the trained network with its
 * training summary, the training and recall settings, and the file the
 * lesson lives in with its unsaved-changes flag. Views observe it through
 * properties ("width", "height", "file", "modified", "title",
 * "has-network", "network-stale", and a lesson's "lesson-title", "notes"
 * and "view"), the library's "items-changed" and the
 * signals "probe-changed", "network-changed" and "settings-changed"; they
 * change it only through the functions below. It depends on GIO and the
 * formats library only, so it is tested without a display. */
#pragma once

#include <gio/gio.h>

#include "hf-session.h"
#include "hs-pattern-item.h"

G_BEGIN_DECLS

#define HS_TYPE_DOCUMENT (hs_document_get_type ())
G_DECLARE_FINAL_TYPE (HsDocument, hs_document, HS, DOCUMENT, GObject)

/* Errors of loading and saving; the code is the engine's HfStatus. */
#define HS_DOCUMENT_ERROR (hs_document_error_quark ())
GQuark hs_document_error_quark (void);

/* An engine or formats message (English) in the user's language, when the
 * catalogue has it. */
const char *hs_engine_message (const char *message);

/* An empty library on a width x height grid, the probe all off. */
HsDocument *hs_document_new (guint width, guint height);

/* ---- the grid ---- */
guint hs_document_get_width (HsDocument *self);
guint hs_document_get_height (HsDocument *self);
guint hs_document_get_n_neurons (HsDocument *self);
/* Resizes the library, the probe and its source (hf_patterns_resize),
 * releases the clamps and drops a network of another size. */
gboolean hs_document_set_grid (HsDocument *self, guint width, guint height,
                               GError **error);

/* ---- the pattern library ---- */
GListModel *hs_document_get_library (HsDocument *self); /* of HsPatternItem */
const HfPatterns *hs_document_get_patterns (HsDocument *self);
guint hs_document_get_n_patterns (HsDocument *self);
/* Stores the probe as pattern at (0 <= at <= n). */
gboolean hs_document_insert_pattern (HsDocument *self, guint at, const int8_t *cells,
                                     GError **error);
gboolean hs_document_append_pattern (HsDocument *self, const int8_t *cells,
                                     GError **error);
void hs_document_remove_pattern (HsDocument *self, guint k);
void hs_document_move_pattern (HsDocument *self, guint from, guint to);
void hs_document_clear_patterns (HsDocument *self);
/* Takes over set; the grid follows its size. */
void hs_document_replace_library (HsDocument *self, HfPatterns *set);

/* ---- the probe: where recall starts ---- */
const int8_t *hs_document_get_probe (HsDocument *self);
/* The clean pattern corruption starts from. */
const int8_t *hs_document_get_source (HsDocument *self);
/* as_source: s also becomes the clean source (drawing, a stored pattern);
 * otherwise it is a damaged copy of it (occlusion). */
void hs_document_set_probe (HsDocument *self, const int8_t *s, gboolean as_source);
/* Flips a fraction of the clean source's bits with the next roll of the
 * corruption seed (settings' corrupt_seed), reproducibly. */
gboolean hs_document_corrupt (HsDocument *self, double fraction, GError **error);
/* The roll that made the probe, 0 when the probe is not a corruption. */
guint hs_document_get_corruption_roll (HsDocument *self);
const uint8_t *hs_document_get_clamp (HsDocument *self); /* NULL: none */
void hs_document_set_clamp (HsDocument *self, const uint8_t *mask);

/* ---- the trained network ---- */
const HfNetwork *hs_document_get_network (HsDocument *self); /* NULL: none */
/* Takes over net (NULL drops it); its size must be the grid's. */
void hs_document_set_network (HsDocument *self, HfNetwork *net);
/* TRUE when the library changed since the network was trained. */
gboolean hs_document_get_network_stale (HsDocument *self);

/* ---- settings (training and recall) ---- */
const HfSessionSettings *hs_document_get_settings (HsDocument *self);
void hs_document_set_settings (HsDocument *self, const HfSessionSettings *settings);

/* ---- the file ---- */
GFile *hs_document_get_file (HsDocument *self); /* NULL: never saved */
gboolean hs_document_get_modified (HsDocument *self);
void hs_document_set_modified (HsDocument *self, gboolean modified);
/* The lesson's title, else the file's name, else "Untitled lesson". */
char *hs_document_dup_display_name (HsDocument *self);
/* The window title: "• name — Hopfield Studio" when modified. */
const char *hs_document_get_title (HsDocument *self);

/* ---- a lesson's words (session format 2), NULL when it has none ---- */
const char *hs_document_get_lesson_title (HsDocument *self);
const char *hs_document_get_notes (HsDocument *self); /* the Markdown subset */
const char *hs_document_get_view (HsDocument *self);  /* the view it opens on */

/* ---- kept experiment results (session format 3) ---- */
/* A GListModel of HsKeptResult (hs-kept-result.h), oldest first; keeping
 * and removing results marks the document changed, opening a session
 * replaces them. */
GListModel *hs_document_get_results (HsDocument *self);
guint hs_document_get_n_results (HsDocument *self);
/* Takes over what result holds (it is zeroed) and appends it; FALSE with
 * error (nothing taken) when it could not be saved. */
gboolean hs_document_keep_result (HsDocument *self, HfSessionResult *result,
                                  GError **error);
void hs_document_remove_result (HsDocument *self, guint k);

/* ---- sessions ---- */
/* The lesson as a session; every pointer is borrowed from the document. */
void hs_document_describe_session (HsDocument *self, HfSession *out);
/* Replaces the whole lesson by session (taken over); file (may be NULL)
 * becomes the document's file, and it counts as saved. */
void hs_document_apply_session (HsDocument *self, HfSession *session, GFile *file);
/* Encodes the session here, writes it atomically (with fsync) in a worker.
 * On success the file becomes the document's and, unless it changed during
 * the save, the document counts as saved. */
void hs_document_save_async (HsDocument *self, GFile *file, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
gboolean hs_document_save_finish (HsDocument *self, GAsyncResult *result, GError **error);
/* Reads and decodes a session in a worker and applies it. */
void hs_document_load_async (HsDocument *self, GFile *file, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
gboolean hs_document_load_finish (HsDocument *self, GAsyncResult *result, GError **error);

G_END_DECLS
