/* hs-style.c: light, dark and high-contrast styles through GtkSettings, and
 * the desktop's colour-scheme preference. */
#include "config.h"

#include "hs-style.h"

#include <string.h>

static const char *const style_names[] = { "system", "light", "dark", "high-contrast" };

gboolean
hs_style_from_name (const char *name, HsStyle *style)
{
  for (guint k = 0; name != NULL && k < G_N_ELEMENTS (style_names); k++)
    if (strcmp (name, style_names[k]) == 0)
      {
        *style = (HsStyle)k;
        return TRUE;
      }
  return FALSE;
}

const char *
hs_style_to_name (HsStyle style)
{
  return (guint)style < G_N_ELEMENTS (style_names) ? style_names[style] : "system";
}

/* The theme the desktop gave us (XSETTINGS or the default), kept the first
 * time a style is applied so light and dark can go back to it. */
static char *desktop_theme;

void
hs_style_apply (HsStyle style, gboolean system_dark, gboolean force_light)
{
  GtkSettings *settings = gtk_settings_get_default ();
  if (settings == NULL)
    return; /* no display */
  if (desktop_theme == NULL)
    {
      g_object_get (settings, "gtk-theme-name", &desktop_theme, NULL);
      /* a high-contrast desktop theme is not a light or dark base */
      if (desktop_theme == NULL || g_str_has_prefix (desktop_theme, "HighContrast"))
        {
          g_free (desktop_theme);
          desktop_theme = g_strdup ("Default");
        }
    }
  gboolean high_contrast = style == HS_STYLE_HIGH_CONTRAST;
  gboolean dark
      = !force_light
        && (style == HS_STYLE_DARK || (style == HS_STYLE_SYSTEM && system_dark));
  const char *theme = high_contrast ? "HighContrast" : desktop_theme;
  char *now = NULL;
  gboolean now_dark = FALSE;
  g_object_get (settings, "gtk-theme-name", &now, "gtk-application-prefer-dark-theme",
                &now_dark, NULL);
  /* set only what changes: each change restyles every widget */
  if (g_strcmp0 (now, theme) != 0)
    g_object_set (settings, "gtk-theme-name", theme, NULL);
  if (now_dark != dark)
    g_object_set (settings, "gtk-application-prefer-dark-theme", dark, NULL);
  g_free (now);
}

gboolean
hs_style_is_high_contrast (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  if (settings == NULL)
    return FALSE;
  char *theme = NULL;
  g_object_get (settings, "gtk-theme-name", &theme, NULL);
  gboolean hc = theme != NULL && g_str_has_prefix (theme, "HighContrast");
  g_free (theme);
  return hc;
}

/* ---- the desktop's preference ---- */

struct _HsStyleMonitor
{
  GDBusConnection *bus;
  guint signal_id;
  GCancellable *cancellable;
  GSettings *interface; /* org.gnome.desktop.interface, when installed */
  gboolean portal_answered;
  gboolean dark;
  void (*changed) (gboolean dark, gpointer data);
  gpointer data;
};

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS "org.freedesktop.portal.Settings"

static void
monitor_set (HsStyleMonitor *m, gboolean dark)
{
  m->dark = dark;
  m->changed (dark, m->data);
}

/* The portal's color-scheme: 1 prefers dark, 0 and 2 do not. Read returns
 * it wrapped in one or two variants, depending on the portal's version. */
static gboolean
portal_value_dark (GVariant *value)
{
  g_variant_ref (value);
  while (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *inner = g_variant_get_variant (value);
      g_variant_unref (value);
      value = inner;
    }
  gboolean dark = value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32)
                  && g_variant_get_uint32 (value) == 1;
  g_clear_pointer (&value, g_variant_unref);
  return dark;
}

static void
on_portal_read (GObject *source, GAsyncResult *result, gpointer data)
{
  GVariant *reply
      = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);
  if (reply == NULL)
    return; /* no portal (or cancelled: the monitor may be gone) */
  HsStyleMonitor *m = data;
  GVariant *value = NULL;
  g_variant_get (reply, "(v)", &value);
  m->portal_answered = TRUE;
  monitor_set (m, portal_value_dark (value));
  g_variant_unref (value);
  g_variant_unref (reply);
}

static void
on_portal_changed (GDBusConnection *bus, const char *sender, const char *path,
                   const char *iface, const char *signal, GVariant *params, gpointer data)
{
  HsStyleMonitor *m = data;
  const char *ns = NULL, *key = NULL;
  GVariant *value = NULL;
  if (!g_variant_is_of_type (params, G_VARIANT_TYPE ("(ssv)")))
    return;
  g_variant_get (params, "(&s&sv)", &ns, &key, &value);
  if (strcmp (ns, "org.freedesktop.appearance") == 0 && strcmp (key, "color-scheme") == 0)
    {
      m->portal_answered = TRUE;
      monitor_set (m, portal_value_dark (value));
    }
  g_variant_unref (value);
}

static void
on_interface_changed (GSettings *settings, const char *key, HsStyleMonitor *m)
{
  if (m->portal_answered)
    return; /* the portal speaks for the desktop */
  char *scheme = g_settings_get_string (settings, "color-scheme");
  monitor_set (m, g_strcmp0 (scheme, "prefer-dark") == 0);
  g_free (scheme);
}

HsStyleMonitor *
hs_style_monitor_new (GDBusConnection *bus, void (*changed) (gboolean, gpointer),
                      gpointer data)
{
  g_return_val_if_fail (changed != NULL, NULL);
  HsStyleMonitor *m = g_new0 (HsStyleMonitor, 1);
  m->changed = changed;
  m->data = data;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  GSettingsSchema *schema = source ? g_settings_schema_source_lookup (
                                source, "org.gnome.desktop.interface", TRUE)
                                   : NULL;
  if (schema != NULL && g_settings_schema_has_key (schema, "color-scheme"))
    {
      m->interface = g_settings_new_full (schema, NULL, NULL);
      g_signal_connect (m->interface, "changed::color-scheme",
                        G_CALLBACK (on_interface_changed), m);
      char *scheme = g_settings_get_string (m->interface, "color-scheme");
      m->dark = g_strcmp0 (scheme, "prefer-dark") == 0;
      g_free (scheme);
    }
  g_clear_pointer (&schema, g_settings_schema_unref);
  if (bus != NULL)
    {
      /* asynchronous and never auto-started: no portal, no wait */
      m->bus = g_object_ref (bus);
      m->cancellable = g_cancellable_new ();
      m->signal_id = g_dbus_connection_signal_subscribe (
          bus, PORTAL_NAME, PORTAL_SETTINGS, "SettingChanged", PORTAL_PATH, NULL,
          G_DBUS_SIGNAL_FLAGS_NONE, on_portal_changed, m, NULL);
      g_dbus_connection_call (
          bus, PORTAL_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
          g_variant_new ("(ss)", "org.freedesktop.appearance", "color-scheme"),
          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START, 2000, m->cancellable,
          on_portal_read, m);
    }
  return m;
}

gboolean
hs_style_monitor_get_dark (HsStyleMonitor *monitor)
{
  g_return_val_if_fail (monitor != NULL, FALSE);
  return monitor->dark;
}

void
hs_style_monitor_free (HsStyleMonitor *monitor)
{
  if (monitor == NULL)
    return;
  if (monitor->cancellable != NULL)
    {
      g_cancellable_cancel (monitor->cancellable);
      g_object_unref (monitor->cancellable);
    }
  if (monitor->bus != NULL)
    {
      g_dbus_connection_signal_unsubscribe (monitor->bus, monitor->signal_id);
      g_object_unref (monitor->bus);
    }
  g_clear_object (&monitor->interface);
  g_free (monitor);
}
