/* hs-i18n.c: the studio's message catalogue, for the windows and for the
 * engine's messages (hf_set_translator). */
#include "config.h"

#include "hs-i18n.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "hf-error.h"
#include "hs-document.h"

static const char *bound_dir = LOCALEDIR;

void
hs_i18n_init (void)
{
  setlocale (LC_ALL, "");
  const char *dir = g_getenv ("HS_LOCALEDIR");
  if (dir != NULL && dir[0] != '\0')
    bound_dir = dir;
  bindtextdomain (GETTEXT_PACKAGE, bound_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  hf_set_translator (hs_engine_message);
}

const char *
hs_i18n_localedir (void)
{
  return bound_dir;
}

char *
hs_i18n_find_resource (const char *prefix, const char *suffix)
{
  const char *messages = setlocale (LC_MESSAGES, NULL);
  if (messages == NULL || strcmp (messages, "C") == 0 || strcmp (messages, "POSIX") == 0)
    return NULL;
  for (const char *const *lang = g_get_language_names (); *lang != NULL; lang++)
    {
      if (strcmp (*lang, "C") == 0 || strchr (*lang, '/') != NULL)
        continue;
      char *path = g_strconcat (prefix, *lang, suffix, NULL);
      if (g_resources_get_info (path, 0, NULL, NULL, NULL))
        return path;
      g_free (path);
    }
  return NULL;
}
