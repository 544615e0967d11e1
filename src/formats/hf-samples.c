#include "hf-samples.h"

#include <string.h>

#include "hf-text.h"

HfPatterns *
hf_sample_load (const char *name, HfError *err)
{
  for (const HfSample *s = hf_samples; s->name != NULL; s++)
    if (strcmp (s->name, name) == 0)
      return hf_text_parse (s->text, strlen (s->text), s->name, err);
  hf_error_set (err, HF_EINVAL, "there is no built-in sample set called '%s'", name);
  return NULL;
}
