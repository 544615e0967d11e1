/* hs-settings.c: the studio's GSettings, or none when the schema is absent. */
#include "config.h"

#include "hf-recall.h"
#include "hf-train.h"
#include "hs-settings.h"

GSettings *
hs_settings_new (void)
{
  /* g_settings_new aborts on a missing schema: look it up first */
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  if (source == NULL)
    return NULL;
  GSettingsSchema *schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return NULL;
  GSettings *settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_schema_unref (schema);
  return settings;
}

gboolean
hs_settings_apply_key (GSettings *settings, const char *key, HfSessionSettings *s)
{
  if (g_str_equal (key, "rule"))
    {
      char *name = g_settings_get_string (settings, key);
      HfRule rule;
      if (hf_rule_from_name (name, &rule))
        s->rule = (uint32_t)rule;
      g_free (name);
    }
  else if (g_str_equal (key, "learning-rate"))
    s->learning_rate = g_settings_get_double (settings, key);
  else if (g_str_equal (key, "max-iterations"))
    s->max_iterations = MAX (1u, g_settings_get_uint (settings, key));
  else if (g_str_equal (key, "margin"))
    s->margin = g_settings_get_double (settings, key);
  else if (g_str_equal (key, "learn-thresholds"))
    s->learn_thresholds = g_settings_get_boolean (settings, key);
  else if (g_str_equal (key, "update-mode"))
    {
      char *name = g_settings_get_string (settings, key);
      HfUpdateMode mode;
      if (hf_update_mode_from_name (name, &mode))
        s->mode = (uint32_t)mode;
      g_free (name);
    }
  else if (g_str_equal (key, "temperature"))
    s->temperature = g_settings_get_double (settings, key);
  else
    return FALSE;
  return TRUE;
}

void
hs_settings_lesson_defaults (GSettings *settings, HfSessionSettings *out)
{
  hf_session_settings_init (out);
  if (settings == NULL)
    return;
  static const char *const keys[]
      = { "rule",        "learning-rate", "max-iterations", "margin", "learn-thresholds",
          "update-mode", "temperature" };
  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    hs_settings_apply_key (settings, keys[k], out);
  /* a new lesson plays at the viewer's speed, and saves it */
  out->speed = g_settings_get_double (settings, "playback-speed");
}

void
hs_settings_start_in_last_folder (GtkFileChooser *chooser)
{
  GSettings *settings = hs_settings_new ();
  if (settings == NULL)
    return;
  char *uri = g_settings_get_string (settings, "last-folder");
  if (uri[0] != '\0')
    {
      GFile *folder = g_file_new_for_uri (uri);
      /* a folder that went away: the dialog's own default */
      if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL)
          == G_FILE_TYPE_DIRECTORY)
        gtk_file_chooser_set_current_folder (chooser, folder, NULL);
      g_object_unref (folder);
    }
  g_free (uri);
  g_object_unref (settings);
}

void
hs_settings_remember_folder (GFile *file)
{
  if (file == NULL || !g_file_is_native (file))
    return; /* the built-in lessons live in the resources */
  GSettings *settings = hs_settings_new ();
  GFile *parent = g_file_get_parent (file);
  if (settings != NULL && parent != NULL)
    {
      char *uri = g_file_get_uri (parent);
      g_settings_set_string (settings, "last-folder", uri);
      g_free (uri);
    }
  g_clear_object (&parent);
  g_clear_object (&settings);
}
