#include "hf-error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

HfStatus
hf_error_set (HfError *err, HfStatus code, const char *format, ...)
{
  if (err != NULL)
    {
      va_list ap;
      err->code = code;
      va_start (ap, format);
      vsnprintf (err->message, sizeof err->message, format, ap);
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
