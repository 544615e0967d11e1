#include "hf-netfile.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "hf-fileio.h"

static const unsigned char magic[8] = { 0x89, 'H', 'F', 'N', 'E', 'T', '\r', '\n' };

size_t
hf_netfile_size (size_t n)
{
  return HF_NETFILE_HEADER + 4 * (n * (n - 1) / 2 + n) + 4;
}

bool
hf_netfile_sniff (const unsigned char *data, size_t len)
{
  return len >= 8 && memcmp (data, magic, 8) == 0;
}

static unsigned long
crc_of (const unsigned char *data, size_t len)
{
  uLong crc = crc32 (0L, Z_NULL, 0);
  while (len > 0)
    {
      uInt chunk = len > (1u << 30) ? (1u << 30) : (uInt)len;
      crc = crc32 (crc, data, chunk);
      data += chunk;
      len -= chunk;
    }
  return crc;
}

HfStatus
hf_netfile_encode (const HfNetwork *net, unsigned char **data, size_t *len, HfError *err)
{
  HfBuffer b = { 0 };
  size_t n = net->n;
  hf_buffer_append (&b, magic, 8);
  hf_buffer_u32 (&b, HF_NETFILE_VERSION);
  hf_buffer_u32 (&b, HF_NETFILE_HEADER);
  hf_buffer_u32 (&b, n);
  hf_buffer_u32 (&b, net->width);
  hf_buffer_u32 (&b, net->height);
  hf_buffer_u32 (&b, 1); /* flags: thresholds present */
  char rule[32] = { 0 };
  memcpy (rule, net->summary.rule, strnlen (net->summary.rule, sizeof rule - 1));
  hf_buffer_append (&b, rule, 32);
  hf_buffer_u32 (&b, net->summary.patterns);
  hf_buffer_u32 (&b, net->summary.stored);
  hf_buffer_u32 (&b, net->summary.iterations);
  hf_buffer_u32 (&b, 0);
  hf_buffer_f64 (&b, net->summary.objective);
  hf_buffer_f64 (&b, net->summary.seconds);
  unsigned char zeros[32] = { 0 };
  hf_buffer_append (&b, zeros, 32);
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      hf_buffer_f32 (&b, net->J[i * n + j]);
  for (size_t i = 0; i < n; i++)
    hf_buffer_f32 (&b, net->theta[i]);
  if (!b.failed)
    hf_buffer_u32 (&b, crc_of (b.data, b.len));
  if (b.failed)
    {
      hf_buffer_free (&b);
      return hf_error_set (err, HF_ENOMEM, "out of memory while encoding the network");
    }
  *data = b.data;
  *len = b.len;
  return HF_OK;
}

HfNetwork *
hf_netfile_decode (const unsigned char *d, size_t len, const char *name, HfError *err)
{
  if (len < 8 || memcmp (d, magic, 8) != 0)
    {
      hf_error_set (err, HF_EFORMAT, "%s: not a Hopfield Studio network file (bad magic)",
                    name);
      return NULL;
    }
  if (len < HF_NETFILE_HEADER + 4)
    {
      hf_error_set (err, HF_EFORMAT, "%s: truncated header (%zu bytes)", name, len);
      return NULL;
    }
  unsigned long version = hf_get_u32 (d + 8), header = hf_get_u32 (d + 12);
  unsigned long n = hf_get_u32 (d + 16), w = hf_get_u32 (d + 20), h = hf_get_u32 (d + 24);
  if (version != HF_NETFILE_VERSION)
    {
      hf_error_set (err, HF_EFORMAT,
                    "%s: format version %lu is not supported (this program "
                    "reads version %u)",
                    name, version, HF_NETFILE_VERSION);
      return NULL;
    }
  if (header != HF_NETFILE_HEADER)
    {
      hf_error_set (err, HF_EFORMAT, "%s: header size %lu, expected %u", name, header,
                    HF_NETFILE_HEADER);
      return NULL;
    }
  if (n == 0 || w == 0 || h == 0 || n > HF_MAX_NEURONS || w > HF_MAX_NEURONS
      || h > HF_MAX_NEURONS || (unsigned long long)w * h != n)
    {
      hf_error_set (err, HF_EFORMAT,
                    "%s: impossible size n = %lu for a %lux%lu grid (at most "
                    "%zu neurons)",
                    name, n, w, h, HF_MAX_NEURONS);
      return NULL;
    }
  /* Check the length before allocating anything of size n^2. */
  size_t want = hf_netfile_size (n);
  if (len != want)
    {
      hf_error_set (err, HF_EFORMAT,
                    "%s: %s: %zu bytes where a network of %lu neurons takes %zu", name,
                    len < want ? "truncated" : "trailing data", len, n, want);
      return NULL;
    }
  unsigned long crc = hf_get_u32 (d + len - 4);
  if (crc != crc_of (d, len - 4))
    {
      hf_error_set (err, HF_EFORMAT, "%s: checksum mismatch: the file is damaged", name);
      return NULL;
    }
  const unsigned char *nul = memchr (d + 32, '\0', 32);
  if (nul == NULL)
    {
      hf_error_set (err, HF_EFORMAT, "%s: the rule name is not terminated", name);
      return NULL;
    }
  /* Version 1 files are canonical: padding, flags and reserved fields
   * have one value each, so a file is accepted exactly when this program
   * would have written it (extensions need a new version). */
  bool padded = true;
  for (const unsigned char *p = nul; p < d + 64; p++)
    padded &= *p == 0;
  bool reserved = hf_get_u32 (d + 76) == 0;
  for (size_t k = 96; k < HF_NETFILE_HEADER; k++)
    reserved &= d[k] == 0;
  if (!padded || !reserved || hf_get_u32 (d + 28) != 1)
    {
      hf_error_set (err, HF_EFORMAT,
                    "%s: non-zero padding, flags or reserved header fields", name);
      return NULL;
    }
  HfNetwork *net = hf_network_new (w, h, err);
  if (net == NULL)
    return NULL;
  memcpy (net->summary.rule, d + 32, 32);
  net->summary.patterns = hf_get_u32 (d + 64);
  net->summary.stored = hf_get_u32 (d + 68);
  net->summary.iterations = hf_get_u32 (d + 72);
  net->summary.objective = hf_get_f64 (d + 80);
  net->summary.seconds = hf_get_f64 (d + 88);
  const unsigned char *p = d + HF_NETFILE_HEADER;
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++, p += 4)
      net->J[i * n + j] = hf_get_f32 (p);
  for (size_t i = 0; i < n; i++, p += 4)
    net->theta[i] = hf_get_f32 (p);
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n; j++)
      net->J[j * n + i] = net->J[i * n + j];
  if (!hf_network_finite (net))
    {
      hf_network_free (net);
      hf_error_set (err, HF_EFORMAT, "%s: the weights contain NaN or infinity", name);
      return NULL;
    }
  return net;
}

HfNetwork *
hf_netfile_load (const char *path, HfError *err)
{
  unsigned char *data;
  size_t len;
  if (hf_file_read (path, hf_netfile_size (HF_MAX_NEURONS), &data, &len, err) != HF_OK)
    return NULL;
  HfNetwork *net = hf_netfile_decode (data, len, path, err);
  free (data);
  return net;
}

HfStatus
hf_netfile_save (const char *path, const HfNetwork *net, HfError *err)
{
  unsigned char *data = NULL;
  size_t len = 0;
  HfStatus st = hf_netfile_encode (net, &data, &len, err);
  return hf_file_write_owned (path, st, data, len, err);
}
