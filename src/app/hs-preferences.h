/* hs-preferences.h: the Preferences window (app.preferences, Ctrl+comma).
 *
 * Every control is bound to a key of the studio's GSettings schema: the
 * grid of a new lesson, the training and recall defaults, the playback
 * speed, projector mode and the colour style. What the keys mean for a
 * lesson that is open is described in resources/help/guide.md
 * ("Preferences") and in hs-window-prefs.c. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define HS_TYPE_PREFERENCES (hs_preferences_get_type ())
G_DECLARE_FINAL_TYPE (HsPreferences, hs_preferences, HS, PREFERENCES, GtkWindow)

/* A Preferences window on settings (not NULL), over parent (may be NULL). */
GtkWindow *hs_preferences_new (GtkWindow *parent, GSettings *settings);

/* The names of the keys "style" offers, in the order of its drop-down. */
extern const char *const hs_preferences_styles[];

G_END_DECLS
