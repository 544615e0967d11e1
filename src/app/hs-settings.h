/* hs-settings.h: the studio's preferences (GSettings), when installed. */
#pragma once

#include <gtk/gtk.h>

#include "hf-session.h"

G_BEGIN_DECLS

/* A new GSettings for the studio's schema, or NULL when the schema is not
 * installed (an uninstalled run without GSETTINGS_SCHEMA_DIR, a DESTDIR
 * install): the studio then keeps its settings for the session only. */
GSettings *hs_settings_new (void);

/* The settings of a new lesson: the engine's defaults with the training
 * and recall preferences over them (settings may be NULL: the defaults). */
void hs_settings_lesson_defaults (GSettings *settings, HfSessionSettings *out);
/* Copies one preference (key) into s; FALSE when key is not a setting a
 * lesson carries (the grid, the playback speed, the display). */
gboolean hs_settings_apply_key (GSettings *settings, const char *key,
                                HfSessionSettings *s);

/* The folder file dialogs start in ("last-folder"), remembered when a file
 * is opened or saved; nothing happens without the schema. */
void hs_settings_start_in_last_folder (GtkFileChooser *chooser);
void hs_settings_remember_folder (GFile *file);

G_END_DECLS
