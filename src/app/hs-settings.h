/* hs-settings.h: the studio's preferences (GSettings), when installed. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A new GSettings for the studio's schema, or NULL when the schema is not
 * installed (an uninstalled run without GSETTINGS_SCHEMA_DIR, a DESTDIR
 * install): the studio then keeps its settings for the session only. */
GSettings *hs_settings_new (void);

G_END_DECLS
