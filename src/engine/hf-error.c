#include "hf-error.h"

#include <gsl/gsl_errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static _Atomic (HfTranslateFunc) translator;

void
hf_set_translator (HfTranslateFunc translate)
{
  atomic_store (&translator, translate);
}

const char *
hf_translate (const char *msgid)
{
  HfTranslateFunc translate = atomic_load (&translator);
  const char *text = translate != NULL && msgid != NULL ? translate (msgid) : NULL;
  return text != NULL ? text : msgid;
}

HfStatus
hf_error_set (HfError *err, HfStatus code, const char *format, ...)
{
  if (err != NULL)
    {
      va_list ap;
      err->code = code;
      va_start (ap, format);
      vsnprintf (err->message, sizeof err->message, hf_translate (format), ap);
      va_end (ap);
    }
  return code;
}

void
hf_error_clear (HfError *err)
{
  if (err != NULL)
    {
      err->code = HF_OK;
      err->message[0] = '\0';
    }
}

const char *
hf_status_name (HfStatus status)
{
  switch (status)
    {
    case HF_OK:
      return "ok";
    case HF_DONE:
      return "done";
    case HF_EINVAL:
      return "invalid argument";
    case HF_ENOMEM:
      return "out of memory";
    case HF_ERANGE:
      return "out of range";
    case HF_ECANCELLED:
      return "cancelled";
    case HF_EIO:
      return "input/output error";
    case HF_EFORMAT:
      return "malformed file";
    case HF_ERANK:
      return "rank deficient";
    case HF_ENUMERIC:
      return "numerical failure";
    }
  return "unknown status";
}

size_t
hf_physical_memory (void)
{
  long pages = sysconf (_SC_PHYS_PAGES), size = sysconf (_SC_PAGESIZE);
  return pages > 0 && size > 0 ? (size_t)pages * (size_t)size : 0;
}

HfStatus
hf_check_memory (size_t bytes, const char *what, HfError *err)
{
  size_t phys = hf_physical_memory ();
  if (phys > 0 && bytes > phys / 2)
    return hf_error_set (
        err, HF_ENOMEM,
        "%s would need %.1f GiB, more than half of this machine's %.1f GiB",
        hf_translate (what), (double)bytes / 1073741824.0, (double)phys / 1073741824.0);
  return HF_OK;
}

static void
gsl_handler_off (void)
{
  gsl_set_error_handler_off ();
}

void
hf_gsl_init (void)
{
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once (&once, gsl_handler_off);
}
