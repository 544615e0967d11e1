#include "hf-fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

HfStatus
hf_file_read (const char *path, size_t max_bytes, unsigned char **data, size_t *len,
              HfError *err)
{
  *data = NULL;
  *len = 0;
  FILE *f = fopen (path, "rb");
  if (f == NULL)
    return hf_error_set (err, HF_EIO, "%s: %s", path, strerror (errno));
  struct stat st;
  if (fstat (fileno (f), &st) != 0 || !S_ISREG (st.st_mode))
    {
      fclose (f);
      return hf_error_set (err, HF_EIO, "%s: not a regular file", path);
    }
  if ((unsigned long long)st.st_size > max_bytes)
    {
      fclose (f);
      return hf_error_set (err, HF_ERANGE,
                           "%s: %lld bytes is larger than the %zu allowed", path,
                           (long long)st.st_size, max_bytes);
    }
  size_t size = (size_t)st.st_size;
  unsigned char *buf = malloc (size ? size : 1);
  if (buf == NULL)
    {
      fclose (f);
      return hf_error_set (err, HF_ENOMEM, "%s: out of memory", path);
    }
  size_t got = fread (buf, 1, size, f);
  int bad = ferror (f);
  fclose (f);
  if (bad || got != size)
    {
      free (buf);
      return hf_error_set (err, HF_EIO, "%s: read error", path);
    }
  *data = buf;
  *len = size;
  return HF_OK;
}

HfStatus
hf_file_write_atomic (const char *path, const void *data, size_t len, HfError *err)
{
  size_t plen = strlen (path);
  char *tmp = malloc (plen + 8);
  if (tmp == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  memcpy (tmp, path, plen);
  memcpy (tmp + plen, ".XXXXXX", 8);
  int fd = mkstemp (tmp);
  if (fd < 0)
    {
      HfStatus st = hf_error_set (err, HF_EIO, "%s: cannot create a temporary file: %s",
                                  path, strerror (errno));
      free (tmp);
      return st;
    }
  const unsigned char *p = data;
  size_t left = len;
  while (left > 0)
    {
      ssize_t w = write (fd, p, left);
      if (w < 0 && errno == EINTR)
        continue;
      if (w <= 0)
        goto fail;
      p += w;
      left -= (size_t)w;
    }
  if (fsync (fd) != 0 || fchmod (fd, 0644) != 0)
    goto fail;
  if (close (fd) != 0)
    {
      fd = -1;
      goto fail;
    }
  if (rename (tmp, path) != 0)
    {
      fd = -1;
      goto fail;
    }
  free (tmp);
  return HF_OK;
fail:;
  int e = errno;
  if (fd >= 0)
    close (fd);
  unlink (tmp);
  free (tmp);
  return hf_error_set (err, HF_EIO,
                       "%s: could not save (%s); the previous file is unchanged", path,
                       strerror (e ? e : EIO));
}

HfStatus
hf_file_write_owned (const char *path, HfStatus encoded, unsigned char *data, size_t len,
                     HfError *err)
{
  HfStatus st = encoded == HF_OK ? hf_file_write_atomic (path, data, len, err) : encoded;
  if (encoded == HF_OK)
    free (data);
  return st;
}

void
hf_buffer_append (HfBuffer *b, const void *data, size_t len)
{
  if (b->failed || len == 0) /* nothing to add (data may then be NULL) */
    return;
  if (b->len + len > b->cap)
    {
      size_t cap = b->cap ? b->cap : 256;
      while (cap < b->len + len)
        cap *= 2;
      unsigned char *d = realloc (b->data, cap);
      if (d == NULL)
        {
          b->failed = 1;
          return;
        }
      b->data = d;
      b->cap = cap;
    }
  memcpy (b->data + b->len, data, len);
  b->len += len;
}

void
hf_buffer_u32 (HfBuffer *b, unsigned long v)
{
  unsigned char c[4]
      = { (unsigned char)(v & 0xff), (unsigned char)((v >> 8) & 0xff),
          (unsigned char)((v >> 16) & 0xff), (unsigned char)((v >> 24) & 0xff) };
  hf_buffer_append (b, c, 4);
}

void
hf_buffer_f32 (HfBuffer *b, float v)
{
  uint32_t u;
  memcpy (&u, &v, 4);
  hf_buffer_u32 (b, u);
}

void
hf_buffer_f64 (HfBuffer *b, double v)
{
  uint64_t u;
  memcpy (&u, &v, 8);
  hf_buffer_u32 (b, (unsigned long)(u & 0xffffffffu));
  hf_buffer_u32 (b, (unsigned long)(u >> 32));
}

void
hf_buffer_free (HfBuffer *b)
{
  free (b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

unsigned long
hf_get_u32 (const unsigned char *p)
{
  return (unsigned long)p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16
         | (unsigned long)p[3] << 24;
}

float
hf_get_f32 (const unsigned char *p)
{
  uint32_t u = (uint32_t)hf_get_u32 (p);
  float v;
  memcpy (&v, &u, 4);
  return v;
}

double
hf_get_f64 (const unsigned char *p)
{
  uint64_t u = (uint64_t)hf_get_u32 (p) | (uint64_t)hf_get_u32 (p + 4) << 32;
  double v;
  memcpy (&v, &u, 8);
  return v;
}
