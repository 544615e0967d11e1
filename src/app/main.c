/* hopfield-studio: the desktop application. */
#include "config.h"

#include "hs-application.h"
#include "hs-i18n.h"

int
main (int argc, char **argv)
{
  hs_i18n_init (); /* $HS_LOCALEDIR: a catalogue other than the installed one */
  HsApplication *app = hs_application_new ();
  int status = g_application_run (G_APPLICATION (app), argc, argv);
  g_object_unref (app);
  return status;
}
