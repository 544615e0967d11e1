/* libFuzzer target: the PBM reader, P1 or P4 chosen by the first byte. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hf-image.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  if (size == 0)
    return 0;
  unsigned char *buf = malloc (size + 1);
  buf[0] = 'P';
  buf[1] = (data[0] & 1) ? '4' : '1';
  memcpy (buf + 2, data + 1, size - 1);
  HfError err;
  HfImage *img = hf_image_decode (buf, size + 1, "fuzz", &err);
  if (img != NULL)
    {
      int8_t s[7 * 5];
      hf_image_to_pattern (img, 7, 5, HF_THRESHOLD_FIXED, 0.5, 0, s, NULL, &err);
      hf_image_free (img);
    }
  else if (err.message[0] == '\0')
    abort ();
  free (buf);
  return 0;
}
