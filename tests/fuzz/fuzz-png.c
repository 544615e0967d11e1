/* libFuzzer target: any bytes through the image decoder (PNG path). */
#include <stdint.h>
#include <stdlib.h>

#include "hf-image.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  HfError err;
  HfImage *img = hf_image_decode (data, size, "fuzz", &err);
  if (img != NULL)
    {
      int8_t s[16 * 16];
      double t;
      hf_image_to_pattern (img, 16, 16, HF_THRESHOLD_OTSU, 0, 0, s, &t, &err);
      hf_image_free (img);
    }
  else if (err.message[0] == '\0')
    abort (); /* an error must always say why */
  return 0;
}
