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
