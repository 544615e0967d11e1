#include "hf-text.h"

#include <stdlib.h>
#include <string.h>

#include "hf-fileio.h"

static int
cell_value (char c)
{
  switch (c)
    {
    case '#':
    case 'X':
    case 'x':
    case '1':
    case '*':
      return 1;
    case '.':
    case '0':
    case '-':
      return -1;
    default:
      return 0;
    }
}

HfPatterns *
hf_text_parse (const char *text, size_t len, const char *name, HfError *err)
{
  HfPatterns *set = NULL;
  int8_t *cur = NULL; /* the pattern being read */
  size_t width = 0, rows = 0, line_no = 0, cap_rows = 0;
  const char *p = text, *end = text + len;
  while (p <= end)
    {
      const char *eol = memchr (p, '\n', (size_t)(end - p));
      if (eol == NULL)
        eol = end;
      size_t l = (size_t)(eol - p);
      if (l > 0 && p[l - 1] == '\r')
        l--;
      line_no++;
      bool blank = l == 0;
      if (!blank && p[0] == ';')
        goto next;
      if (!blank)
        {
          if (width == 0)
            width = l;
          if (l != width)
            {
              hf_error_set (err, HF_EFORMAT,
                            "%s:%zu: a row of %zu cells where %zu were expected", name,
                            line_no, l, width);
              goto fail;
            }
          if (width > HF_MAX_NEURONS || (rows + 1) * width > HF_MAX_NEURONS)
            {
              hf_error_set (err, HF_ERANGE, "%s:%zu: a pattern larger than %zu neurons",
                            name, line_no, HF_MAX_NEURONS);
              goto fail;
            }
          if (rows == cap_rows)
            {
              cap_rows = cap_rows ? cap_rows * 2 : 16;
              int8_t *c = realloc (cur, cap_rows * width);
              if (c == NULL)
                {
                  hf_error_set (err, HF_ENOMEM, "out of memory");
                  goto fail;
                }
              cur = c;
            }
          for (size_t i = 0; i < l; i++)
            {
              int v = cell_value (p[i]);
              if (v == 0)
                {
                  hf_error_set (
                      err, HF_EFORMAT,
                      "%s:%zu: unexpected character '%c' in column %zu (use '#' "
                      "for on and '.' for off)",
                      name, line_no, p[i] >= 32 && p[i] < 127 ? p[i] : '?', i + 1);
                  goto fail;
                }
              cur[rows * width + i] = (int8_t)v;
            }
          rows++;
        }
      if ((blank || eol == end) && rows > 0)
        {
          if (set == NULL && (set = hf_patterns_new (width, rows, err)) == NULL)
            goto fail;
          if (set->width != width || set->height != rows)
            {
              hf_error_set (err, HF_EFORMAT,
                            "%s:%zu: pattern %zu is %zux%zu but the first one is %zux%zu",
                            name, line_no, set->m + 1, width, rows, set->width,
                            set->height);
              goto fail;
            }
          if (hf_patterns_append (set, cur, err) != HF_OK)
            goto fail;
          rows = 0;
        }
    next:
      if (eol == end)
        break;
      p = eol + 1;
    }
  free (cur);
  if (set == NULL)
    hf_error_set (err, HF_EFORMAT, "%s: no pattern found", name);
  return set;
fail:
  free (cur);
  hf_patterns_free (set);
  return NULL;
}

HfPatterns *
hf_text_load (const char *path, HfError *err)
{
  unsigned char *data;
  size_t len;
  if (hf_file_read (path, (size_t)64 << 20, &data, &len, err) != HF_OK)
    return NULL;
  HfPatterns *set = hf_text_parse ((const char *)data, len, path, err);
  free (data);
  return set;
}

char *
hf_text_format_state (const int8_t *s, size_t width, size_t height)
{
  char *out = malloc (height * (width + 1) + 1), *q = out;
  if (out == NULL)
    return NULL;
  for (size_t y = 0; y < height; y++)
    {
      for (size_t x = 0; x < width; x++)
        *q++ = s[y * width + x] > 0 ? '#' : '.';
      *q++ = '\n';
    }
  *q = '\0';
  return out;
}

char *
hf_text_format (const HfPatterns *set)
{
  size_t per = set->height * (set->width + 1) + 1;
  char *out = malloc (set->m * per + 1), *q = out;
  if (out == NULL)
    return NULL;
  *q = '\0';
  for (size_t k = 0; k < set->m; k++)
    {
      char *one
          = hf_text_format_state (hf_patterns_get (set, k), set->width, set->height);
      if (one == NULL)
        {
          free (out);
          return NULL;
        }
      if (k > 0)
        *q++ = '\n';
      size_t l = strlen (one);
      memcpy (q, one, l + 1);
      q += l;
      free (one);
    }
  return out;
}

HfStatus
hf_text_save (const char *path, const HfPatterns *set, HfError *err)
{
  char *text = hf_text_format (set);
  if (text == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory");
  HfStatus st = hf_file_write_atomic (path, text, strlen (text), err);
  free (text);
  return st;
}
