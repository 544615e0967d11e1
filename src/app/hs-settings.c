/* hs-settings.c: the studio's GSettings, or none when the schema is absent. */
#include "config.h"

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
