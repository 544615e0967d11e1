/* hs-style.h: the studio's light, dark and high-contrast styles.
 *
 * GTK 4.8 without libadwaita: the dark style is GtkSettings'
 * gtk-application-prefer-dark-theme (Adwaita dark), high contrast is GTK's
 * built-in "HighContrast" theme. "system" follows the desktop's colour
 * scheme (the settings portal's org.freedesktop.appearance color-scheme, or
 * GSettings org.gnome.desktop.interface color-scheme), else light. Every
 * drawing reads its colours from the theme when it draws
 * (hs-plot-style.c), so changing the style redraws everything in it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  HS_STYLE_SYSTEM,
  HS_STYLE_LIGHT,
  HS_STYLE_DARK,
  HS_STYLE_HIGH_CONTRAST,
} HsStyle;

/* "system", "light", "dark", "high-contrast" (the GSettings key's choices);
 * FALSE for any other name. */
gboolean hs_style_from_name (const char *name, HsStyle *style);
const char *hs_style_to_name (HsStyle style);

/* Applies style to the default display's GtkSettings. system_dark is the
 * desktop's preference (used by HS_STYLE_SYSTEM); force_light keeps a light
 * theme whatever the style (projector mode is a light scheme: dark
 * backgrounds project badly), high contrast staying high contrast. */
void hs_style_apply (HsStyle style, gboolean system_dark, gboolean force_light);

/* Whether the theme now in use is the high-contrast one. */
gboolean hs_style_is_high_contrast (void);

/* Watches the desktop's colour-scheme preference: calls changed (dark)
 * once it is known and whenever it changes. bus may be NULL (then only
 * GSettings is asked). Free with hs_style_monitor_free. */
typedef struct _HsStyleMonitor HsStyleMonitor;
HsStyleMonitor *hs_style_monitor_new (GDBusConnection *bus,
                                      void (*changed) (gboolean dark, gpointer data),
                                      gpointer data);
gboolean hs_style_monitor_get_dark (HsStyleMonitor *monitor);
void hs_style_monitor_free (HsStyleMonitor *monitor);

G_END_DECLS
