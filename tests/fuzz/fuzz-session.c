/* libFuzzer target: the session loader (format 3 with kept experiment
 * results, 2 with lesson notes, and 1). Whatever it accepts must be a
 * consistent session; a version 3 file it accepts is canonical: encoding it
 * again gives the very same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "hf-fileio.h"
#include "hf-session.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void check_one (const uint8_t *data, size_t size);

/* Each input is decoded as it is, and again with its last four bytes
 * replaced by the right checksum, so that mutations reach every section
 * behind the CRC (the results of version 3 above all). */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  check_one (data, size);
  if (size >= 8 + 4)
    {
      uint8_t *copy = malloc (size);
      if (copy == NULL)
        return 0;
      memcpy (copy, data, size);
      uLong crc = crc32 (0L, copy, (uInt)(size - 4));
      for (int k = 0; k < 4; k++)
        copy[size - 4 + k] = (uint8_t)(crc >> (8 * k));
      check_one (copy, size);
      free (copy);
    }
  return 0;
}

static void
check_one (const uint8_t *data, size_t size)
{
  HfError err;
  HfSession *ss = hf_session_decode (data, size, "fuzz", &err);
  if (ss == NULL)
    {
      if (err.message[0] == '\0')
        abort ();
      return;
    }
  size_t n = ss->library->n;
  for (size_t i = 0; i < n; i++)
    if ((ss->probe[i] != 1 && ss->probe[i] != -1)
        || (ss->source[i] != 1 && ss->source[i] != -1))
      abort ();
  if (ss->net != NULL && ss->net->n != n)
    abort ();
  for (size_t k = 0; k < ss->nresults; k++)
    {
      const HfSessionResult *r = &ss->results[k];
      if (hf_session_result_check (r, &err) != HF_OK)
        abort ();
      double sum = 0; /* every cell of the table is there */
      for (size_t v = 0; v < r->nrows * r->ncols; v++)
        sum += r->table[v];
      (void)sum;
      for (size_t i = 0; i < r->nimages * r->image_width * r->image_height; i++)
        if (r->images[i] != 1 && r->images[i] != -1)
          abort ();
    }
  unsigned char *again;
  size_t len;
  if (hf_session_encode (ss, &again, &len, &err) != HF_OK)
    abort ();
  if (hf_get_u32 (data + 8) == HF_SESSION_VERSION
      && (len != size || memcmp (again, data, len) != 0))
    abort ();
  free (again);
  hf_session_free (ss);
}
