/* libFuzzer target: the network-file loader. Whatever it accepts must be
 * a valid network that encodes back to the very same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hf-netfile.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  HfError err;
  HfNetwork *net = hf_netfile_decode (data, size, "fuzz", &err);
  if (net == NULL)
    {
      if (err.message[0] == '\0')
        abort ();
      return 0;
    }
  if (hf_network_asymmetry (net) != 0.0 || !hf_network_finite (net))
    abort ();
  unsigned char *again;
  size_t len;
  if (hf_netfile_encode (net, &again, &len, &err) != HF_OK)
    abort ();
  /* accepted files are canonical: re-encoding gives the same bytes */
  if (len != size || memcmp (again, data, len) != 0)
    abort ();
  free (again);
  hf_network_free (net);
  return 0;
}
