#include "config.h"

#include <glib/gi18n.h>

#include "hs-application.h"
#include "hs-preferences.h"
#include "hs-settings.h"
#include "hs-style.h"
#include "hs-shortcuts.h"
#include "hs-tour.h"
#include "hs-window.h"

struct _HsApplication
{
  GtkApplication parent_instance;
  GSettings *settings;           /* NULL when the schema is not installed */
  HsStyleMonitor *desktop_style; /* the desktop's dark preference, for "system" */
  GtkWindow *preferences;        /* the Preferences window while it is open */
};

G_DEFINE_FINAL_TYPE (HsApplication, hs_application, GTK_TYPE_APPLICATION)

static void
action_quit (GSimpleAction *a, GVariant *p, gpointer app)
{
  /* Closing a window changes the application's list of windows: walk a
   * copy that holds its own references. Each window asks about its
   * unsaved changes before it goes. */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_list_foreach (windows, (GFunc)(void (*) (void))g_object_ref, NULL);
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

/* The project's homepage, as in the AppStream metainfo. */
#define HOMEPAGE "https://example.org/hopfield-studio"

GtkWindow *
hs_application_about_new (GtkWindow *parent)
{
  const char *authors[] = { _ ("The Hopfield Studio developers"), NULL };
  GtkWidget *about = gtk_about_dialog_new ();
  GtkAboutDialog *d = GTK_ABOUT_DIALOG (about);
  gtk_about_dialog_set_program_name (d, _ ("Hopfield Studio"));
  gtk_about_dialog_set_logo_icon_name (d, APP_ID);
  gtk_about_dialog_set_version (d, PACKAGE_VERSION);
  gtk_about_dialog_set_comments (d, _ ("Draw, train and watch Hopfield associative "
                                       "memories recall, neuron by neuron."));
  gtk_about_dialog_set_license_type (d, GTK_LICENSE_GPL_3_0);
  gtk_about_dialog_set_copyright (d, _ ("© The Hopfield Studio developers"));
  gtk_about_dialog_set_authors (d, authors);
  gtk_about_dialog_set_website (d, HOMEPAGE);
  gtk_about_dialog_set_website_label (d, _ ("Website"));
  /* the method the studio is built around */
  const char *method[] = {
    "Christopher Hillar, Jascha Sohl-Dickstein, Kilian Koepsell",
    _ ("“Efficient and optimal binary Hopfield associative memory storage using "
       "minimum probability flow” (2012)"),
    NULL,
  };
  gtk_about_dialog_add_credit_section (d, _ ("Minimum probability flow learning"),
                                       method);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (about), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (about), TRUE);
    }
  gtk_window_set_modal (GTK_WINDOW (about), TRUE);
  gtk_window_set_hide_on_close (GTK_WINDOW (about), FALSE);
  return GTK_WINDOW (about);
}

static void
action_about (GSimpleAction *a, GVariant *p, gpointer app)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_present (hs_application_about_new (parent));
}

static void
action_preferences (GSimpleAction *a, GVariant *p, gpointer user)
{
  HsApplication *self = user;
  if (self->settings == NULL)
    return; /* disabled: no schema */
  if (self->preferences == NULL)
    {
      GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
      self->preferences = hs_preferences_new (parent, self->settings);
      g_object_add_weak_pointer (G_OBJECT (self->preferences),
                                 (gpointer *)&self->preferences);
    }
  gtk_window_present (self->preferences);
}

static void
action_shortcuts (GSimpleAction *a, GVariant *p, gpointer app)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (app));
  gtk_window_present (hs_shortcuts_window_new (parent));
}

/* Projector mode changed in the Preferences (or by dconf): every window. */
static void
on_projector_key (GSettings *settings, const char *key, GApplication *app)
{
  gboolean on = g_settings_get_boolean (settings, key);
  GVariant *state = g_action_group_get_action_state (G_ACTION_GROUP (app), "projector");
  if (state != NULL && g_variant_get_boolean (state) != on)
    g_action_group_change_action_state (G_ACTION_GROUP (app), "projector",
                                        g_variant_new_boolean (on));
  g_clear_pointer (&state, g_variant_unref);
}

/* Projector mode: remembered, and applied to every window. */
static void
change_projector (GSimpleAction *a, GVariant *value, gpointer user)
{
  HsApplication *self = user;
  g_simple_action_set_state (a, value);
  gboolean on = g_variant_get_boolean (value);
  if (self->settings != NULL
      && g_settings_get_boolean (self->settings, "projector-mode") != on)
    g_settings_set_boolean (self->settings, "projector-mode", on);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (HS_IS_WINDOW (l->data))
      hs_window_set_projector (l->data, on);
  hs_application_apply_style (self);
}

/* The style (app.style, GSettings "style"): system, light, dark or high
 * contrast, applied app-wide; projector mode keeps it light. */
void
hs_application_apply_style (HsApplication *self)
{
  g_return_if_fail (HS_IS_APPLICATION (self));
  GVariant *state = g_action_group_get_action_state (G_ACTION_GROUP (self), "style");
  GVariant *projector
      = g_action_group_get_action_state (G_ACTION_GROUP (self), "projector");
  HsStyle style = HS_STYLE_SYSTEM;
  if (state != NULL)
    hs_style_from_name (g_variant_get_string (state, NULL), &style);
  hs_style_apply (style,
                  self->desktop_style && hs_style_monitor_get_dark (self->desktop_style),
                  projector != NULL && g_variant_get_boolean (projector));
  g_clear_pointer (&state, g_variant_unref);
  g_clear_pointer (&projector, g_variant_unref);
}

static gboolean
settings_have_style (HsApplication *self)
{
  if (self->settings == NULL)
    return FALSE;
  GSettingsSchema *schema = NULL;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  gboolean has = schema != NULL && g_settings_schema_has_key (schema, "style");
  g_clear_pointer (&schema, g_settings_schema_unref);
  return has;
}

static void
change_style (GSimpleAction *a, GVariant *value, gpointer user)
{
  HsApplication *self = user;
  HsStyle style;
  const char *name = g_variant_get_string (value, NULL);
  if (!hs_style_from_name (name, &style))
    return; /* not one of the four: the style stays */
  g_simple_action_set_state (a, value);
  if (settings_have_style (self))
    {
      char *saved = g_settings_get_string (self->settings, "style");
      if (g_strcmp0 (saved, name) != 0)
        g_settings_set_string (self->settings, "style", name);
      g_free (saved);
    }
  hs_application_apply_style (self);
}

gboolean
hs_application_set_style (HsApplication *self, const char *name)
{
  g_return_val_if_fail (HS_IS_APPLICATION (self), FALSE);
  HsStyle style;
  if (name == NULL || !hs_style_from_name (name, &style))
    return FALSE;
  g_action_group_change_action_state (G_ACTION_GROUP (self), "style",
                                      g_variant_new_string (name));
  return TRUE;
}

static void
on_style_setting (GSettings *settings, const char *key, HsApplication *self)
{
  char *name = g_settings_get_string (settings, "style");
  hs_application_set_style (self, name);
  g_free (name);
}

static void
on_desktop_style (gboolean dark, gpointer self)
{
  hs_application_apply_style (self);
}

static const GActionEntry app_entries[] = {
  { "quit", action_quit },
  { "about", action_about },
  { "preferences", action_preferences },
  { "shortcuts", action_shortcuts },
  { "projector", NULL, NULL, "false", change_projector },
  { "style", NULL, "s", "'system'", change_style },
};

void
hs_application_register_resources (void)
{
  static gboolean registered = FALSE;
  if (!registered)
    {
      g_resources_register (hs_get_resource ());
      GtkCssProvider *css = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (
          css, "/org/hopfieldstudio/HopfieldStudio/style.css");
      gtk_style_context_add_provider_for_display (
          gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
          GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_object_unref (css);
      registered = TRUE;
    }
}

void
hs_application_setup_accels (GtkApplication *app)
{
  hs_application_register_resources ();
  /* the one table of shortcuts (hs-shortcuts.c) */
  hs_shortcuts_set_accels (app);
}

static void
hs_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (hs_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  hs_application_setup_accels (GTK_APPLICATION (app));
  gtk_window_set_default_icon_name (APP_ID);
  HsApplication *self = HS_APPLICATION (app);
  self->settings = hs_settings_new ();
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "projector-mode"))
    g_action_group_change_action_state (G_ACTION_GROUP (app), "projector",
                                        g_variant_new_boolean (TRUE));
  self->desktop_style = hs_style_monitor_new (g_application_get_dbus_connection (app),
                                              on_desktop_style, self);
  if (settings_have_style (self))
    {
      g_signal_connect_object (self->settings, "changed::style",
                               G_CALLBACK (on_style_setting), self, 0);
      on_style_setting (self->settings, "style", self);
    }
  hs_application_apply_style (self);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::projector-mode",
                             G_CALLBACK (on_projector_key), app, 0);
  else
    {
      /* no schema, no preferences to keep */
      GAction *prefs = g_action_map_lookup_action (G_ACTION_MAP (app), "preferences");
      g_simple_action_set_enabled (G_SIMPLE_ACTION (prefs), FALSE);
    }
}

/* --projector: turns projector mode on, in this instance or in the one
 * already running (the action goes to it). */
static int
hs_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  if (g_variant_dict_contains (options, "projector"))
    {
      GError *error = NULL;
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          g_error_free (error);
          return 1;
        }
      g_action_group_change_action_state (G_ACTION_GROUP (app), "projector",
                                          g_variant_new_boolean (TRUE));
    }
  return -1; /* go on: activate or open */
}

static void
hs_application_activate (GApplication *app)
{
  GtkWindow *win = gtk_application_get_active_window (GTK_APPLICATION (app));
  HsApplication *self = HS_APPLICATION (app);
  gboolean first = win == NULL;
  if (first)
    win = GTK_WINDOW (hs_window_new (GTK_APPLICATION (app)));
  gtk_window_present (win);
  /* the tour at the first start (not in windows the tests make) */
  if (first && self->settings != NULL
      && !g_settings_get_boolean (self->settings, "tour-shown"))
    hs_tour_show (win);
}

static void
hs_application_open (GApplication *app, GFile **files, int n_files, const char *hint)
{
  hs_application_activate (app);
  HsWindow *win = HS_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  hs_window_open_files (win, files, (guint)n_files);
}

static void
hs_application_dispose (GObject *object)
{
  HsApplication *self = HS_APPLICATION (object);
  g_clear_pointer (&self->desktop_style, hs_style_monitor_free);
  if (self->preferences != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->preferences),
                                    (gpointer *)&self->preferences);
      gtk_window_destroy (g_steal_pointer (&self->preferences));
    }
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (hs_application_parent_class)->dispose (object);
}

static void
hs_application_class_init (HsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  app_class->startup = hs_application_startup;
  app_class->activate = hs_application_activate;
  app_class->open = hs_application_open;
  app_class->handle_local_options = hs_application_handle_local_options;
  G_OBJECT_CLASS (klass)->dispose = hs_application_dispose;
}

static void
hs_application_init (HsApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "projector", 0, G_OPTION_FLAG_NONE,
                                 G_OPTION_ARG_NONE,
                                 _ ("Start in projector mode: large, high-contrast and "
                                    "without the editing panels"),
                                 NULL);
}

HsApplication *
hs_application_new (void)
{
  return g_object_new (HS_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_HANDLES_OPEN, NULL);
}
