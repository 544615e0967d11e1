/* hf-session-results.c: the kept experiment results of a session (format
 * version 3, docs/session-format.md): checking, copying, encoding, and a
 * bounds-checked reader that measures the section before anything is
 * allocated. */
#include <stdlib.h>
#include <string.h>

#include "hf-session-private.h"

void
hf_session_result_clear (HfSessionResult *r)
{
  if (r == NULL)
    return;
  free (r->kind);
  free (r->label);
  for (size_t k = 0; k < r->nparams; k++)
    {
      free (r->keys ? r->keys[k] : NULL);
      free (r->values ? r->values[k] : NULL);
    }
  free (r->keys);
  free (r->values);
  for (size_t k = 0; k < r->ncols && r->columns; k++)
    free (r->columns[k]);
  free (r->columns);
  free (r->table);
  free (r->images);
  memset (r, 0, sizeof *r);
}

/* 1..max bytes of a-z, 0-9, '-' and '_' */
static bool
name_valid (const char *t, size_t len, size_t max)
{
  if (len == 0 || len > max)
    return false;
  for (size_t i = 0; i < len; i++)
    if (!((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= '0' && t[i] <= '9') || t[i] == '-'
          || t[i] == '_'))
      return false;
  return true;
}

static bool
label_valid (const char *t, size_t len)
{
  return hf_session_text_valid (t, len, HF_RESULT_LABEL_MAX)
         && memchr (t, '\n', len) == NULL;
}

static size_t
image_bytes (size_t w, size_t h)
{
  return (w * h + 7) / 8;
}

HfStatus
hf_session_result_check (const HfSessionResult *r, HfError *err)
{
  if (r->kind == NULL || !name_valid (r->kind, strlen (r->kind), HF_RESULT_KIND_MAX))
    return hf_error_set (err, HF_EINVAL,
                         "a kept result's experiment name is empty, longer than %u bytes "
                         "or not made of a-z, 0-9, '-' and '_'",
                         HF_RESULT_KIND_MAX);
  if (r->label == NULL || !label_valid (r->label, strlen (r->label)))
    return hf_error_set (err, HF_EINVAL,
                         "a kept result's label is longer than %u bytes, more than one "
                         "line or not UTF-8 text",
                         HF_RESULT_LABEL_MAX);
  if (r->nparams > HF_RESULT_PARAMS_MAX || r->ncols == 0
      || r->ncols > HF_RESULT_COLUMNS_MAX || r->nrows > HF_RESULT_ROWS_MAX
      || (r->nrows > 0 && r->table == NULL))
    return hf_error_set (err, HF_EINVAL,
                         "a kept result has more than %u parameters, no column or more "
                         "than %u columns, or more than %u rows",
                         HF_RESULT_PARAMS_MAX, HF_RESULT_COLUMNS_MAX, HF_RESULT_ROWS_MAX);
  for (size_t k = 0; k < r->nparams; k++)
    if (!name_valid (r->keys[k], strlen (r->keys[k]), HF_RESULT_KEY_MAX)
        || !hf_session_text_valid (r->values[k], strlen (r->values[k]),
                                   HF_RESULT_VALUE_MAX))
      return hf_error_set (err, HF_EINVAL, "a kept result's parameter %zu is not valid",
                           k + 1);
  for (size_t k = 0; k < r->ncols; k++)
    if (r->columns[k] == NULL || r->columns[k][0] == '\0'
        || !hf_session_text_valid (r->columns[k], strlen (r->columns[k]),
                                   HF_RESULT_COLUMN_MAX))
      return hf_error_set (err, HF_EINVAL, "a kept result's column %zu has no valid name",
                           k + 1);
  size_t w = r->image_width, h = r->image_height;
  bool none = r->nimages == 0 && w == 0 && h == 0 && r->images == NULL;
  if (!none
      && (r->nimages == 0 || r->nimages > HF_RESULT_IMAGES_MAX || w == 0 || h == 0
          || w > HF_MAX_NEURONS || h > HF_MAX_NEURONS || w * h > HF_MAX_NEURONS
          || r->images == NULL))
    return hf_error_set (err, HF_EINVAL, "a kept result's images are not valid");
  return HF_OK;
}

static char *
dup_text (const char *s, size_t len)
{
  char *t = malloc (len + 1);
  if (t != NULL)
    {
      memcpy (t, s, len);
      t[len] = '\0';
    }
  return t;
}

HfStatus
hf_session_result_copy (HfSessionResult *dst, const HfSessionResult *src, HfError *err)
{
  memset (dst, 0, sizeof *dst);
  size_t n = src->image_width * src->image_height;
  dst->kind = src->kind ? dup_text (src->kind, strlen (src->kind)) : NULL;
  dst->label = src->label ? dup_text (src->label, strlen (src->label)) : NULL;
  dst->time = src->time;
  dst->keys = calloc (src->nparams + 1, sizeof (char *));
  dst->values = calloc (src->nparams + 1, sizeof (char *));
  dst->columns = calloc (src->ncols + 1, sizeof (char *));
  dst->table = malloc ((src->nrows * src->ncols + 1) * sizeof (double));
  bool ok = (src->kind == NULL || dst->kind) && (src->label == NULL || dst->label)
            && dst->keys && dst->values && dst->columns && dst->table;
  for (size_t k = 0; ok && k < src->nparams; k++, dst->nparams++)
    {
      dst->keys[k] = dup_text (src->keys[k], strlen (src->keys[k]));
      dst->values[k] = dup_text (src->values[k], strlen (src->values[k]));
      ok = dst->keys[k] && dst->values[k];
    }
  for (size_t k = 0; ok && k < src->ncols; k++, dst->ncols++)
    ok = (dst->columns[k] = dup_text (src->columns[k], strlen (src->columns[k]))) != NULL;
  if (ok)
    {
      dst->nrows = src->nrows;
      if (src->nrows > 0)
        memcpy (dst->table, src->table, src->nrows * src->ncols * sizeof (double));
    }
  if (ok && src->images != NULL)
    {
      ok = (dst->images = malloc (src->nimages * n)) != NULL;
      if (ok)
        memcpy (dst->images, src->images, src->nimages * n);
    }
  dst->image_width = src->image_width;
  dst->image_height = src->image_height;
  dst->nimages = src->nimages;
  if (!ok)
    {
      hf_session_result_clear (dst);
      return hf_error_set (err, HF_ENOMEM, "out of memory while copying a kept result");
    }
  return HF_OK;
}

static void
put_text (HfBuffer *b, const char *t)
{
  size_t l = strlen (t);
  hf_buffer_u32 (b, l);
  hf_buffer_append (b, t, l);
}

void
hf_session_results_encode (HfBuffer *b, const HfSession *ss)
{
  hf_buffer_u32 (b, ss->nresults);
  for (size_t k = 0; k < ss->nresults; k++)
    {
      const HfSessionResult *r = &ss->results[k];
      put_text (b, r->kind);
      put_text (b, r->label);
      uint64_t t = (uint64_t)r->time;
      hf_buffer_u32 (b, (unsigned long)(t & 0xffffffffu));
      hf_buffer_u32 (b, (unsigned long)(t >> 32));
      hf_buffer_u32 (b, r->nparams);
      for (size_t p = 0; p < r->nparams; p++)
        {
          put_text (b, r->keys[p]);
          put_text (b, r->values[p]);
        }
      hf_buffer_u32 (b, r->ncols);
      for (size_t c = 0; c < r->ncols; c++)
        put_text (b, r->columns[c]);
      hf_buffer_u32 (b, r->nrows);
      for (size_t v = 0; v < r->nrows * r->ncols; v++)
        hf_buffer_f64 (b, r->table[v]);
      hf_buffer_u32 (b, r->image_width);
      hf_buffer_u32 (b, r->image_height);
      hf_buffer_u32 (b, r->nimages);
      size_t n = r->image_width * r->image_height;
      for (size_t i = 0; i < r->nimages; i++)
        hf_session_put_bits (b, r->images + i * n, n);
    }
}

/* A cursor over [p, end): every read checks the bytes are there. */
typedef struct
{
  const unsigned char *p, *end;
} Rd;

static bool
rd_u32 (Rd *r, size_t *v)
{
  if (r->end - r->p < 4)
    return false;
  *v = hf_get_u32 (r->p);
  r->p += 4;
  return true;
}

/* A length-prefixed text of at most max bytes; *t points into the data. */
static bool
rd_text (Rd *r, size_t max, const char **t, size_t *len)
{
  if (!rd_u32 (r, len) || *len > max || (size_t)(r->end - r->p) < *len)
    return false;
  *t = (const char *)r->p;
  r->p += *len;
  return true;
}

const char *
hf_session_results_walk (const unsigned char *p, const unsigned char *end, HfSession *out,
                         size_t *used)
{
  Rd r = { p, end };
  size_t count;
  if (!rd_u32 (&r, &count))
    return "truncated";
  if (count == 0 || count > HF_SESSION_RESULTS_MAX)
    return "impossible number of results";
  if (out != NULL && (out->results = calloc (count, sizeof *out->results)) == NULL)
    return "out of memory";
  for (size_t k = 0; k < count; k++)
    {
      HfSessionResult *res = out ? &out->results[out->nresults++] : NULL;
      const char *t;
      size_t len, lo, hi, np, nc, nr, w, h, ni;
      if (!rd_text (&r, HF_RESULT_KIND_MAX, &t, &len))
        return "truncated or impossible experiment name";
      if (!name_valid (t, len, HF_RESULT_KIND_MAX))
        return "an experiment name is not made of a-z, 0-9, '-' and '_'";
      if (res && !(res->kind = dup_text (t, len)))
        return "out of memory";
      if (!rd_text (&r, HF_RESULT_LABEL_MAX, &t, &len))
        return "truncated or impossible label";
      if (!label_valid (t, len))
        return "a label is not one line of UTF-8 text";
      if (res && !(res->label = dup_text (t, len)))
        return "out of memory";
      if (!rd_u32 (&r, &lo) || !rd_u32 (&r, &hi))
        return "truncated";
      if (res)
        res->time = (int64_t)(((uint64_t)hi << 32) | lo);
      if (!rd_u32 (&r, &np) || np > HF_RESULT_PARAMS_MAX)
        return "truncated or too many parameters";
      if (res
          && (!(res->keys = calloc (np + 1, sizeof (char *)))
              || !(res->values = calloc (np + 1, sizeof (char *)))))
        return "out of memory";
      for (size_t q = 0; q < np; q++)
        {
          if (!rd_text (&r, HF_RESULT_KEY_MAX, &t, &len) || !name_valid (t, len, len))
            return "a parameter's name is truncated or not valid";
          if (res)
            res->nparams++;
          if (res && !(res->keys[q] = dup_text (t, len)))
            return "out of memory";
          if (!rd_text (&r, HF_RESULT_VALUE_MAX, &t, &len)
              || !hf_session_text_valid (t, len, len))
            return "a parameter's value is truncated or not UTF-8 text";
          if (res && !(res->values[q] = dup_text (t, len)))
            return "out of memory";
        }
      if (!rd_u32 (&r, &nc) || nc == 0 || nc > HF_RESULT_COLUMNS_MAX)
        return "truncated or impossible number of columns";
      if (res && !(res->columns = calloc (nc, sizeof (char *))))
        return "out of memory";
      for (size_t c = 0; c < nc; c++)
        {
          if (!rd_text (&r, HF_RESULT_COLUMN_MAX, &t, &len) || len == 0
              || !hf_session_text_valid (t, len, len))
            return "a column's name is truncated, empty or not UTF-8 text";
          if (res)
            res->ncols++;
          if (res && !(res->columns[c] = dup_text (t, len)))
            return "out of memory";
        }
      if (!rd_u32 (&r, &nr) || nr > HF_RESULT_ROWS_MAX
          || (size_t)(r.end - r.p) / 8 / nc < nr)
        return "truncated table or impossible number of rows";
      if (res && !(res->table = malloc ((nr * nc + 1) * sizeof (double))))
        return "out of memory";
      for (size_t v = 0; v < nr * nc; v++, r.p += 8)
        if (res)
          res->table[v] = hf_get_f64 (r.p);
      if (res)
        res->nrows = nr;
      if (!rd_u32 (&r, &w) || !rd_u32 (&r, &h) || !rd_u32 (&r, &ni))
        return "truncated";
      bool none = w == 0 && h == 0 && ni == 0;
      if (!none
          && (ni == 0 || ni > HF_RESULT_IMAGES_MAX || w == 0 || h == 0
              || w > HF_MAX_NEURONS || h > HF_MAX_NEURONS || w * h > HF_MAX_NEURONS))
        return "impossible images";
      size_t B = none ? 0 : image_bytes (w, h);
      if (!none && (size_t)(r.end - r.p) / B < ni)
        return "truncated images";
      for (size_t i = 0; i < ni; i++)
        if (!hf_session_padding_clear (r.p + i * B, w * h))
          return "an image sets bits past its end";
      if (res && !none)
        {
          if (!(res->images = malloc (ni * w * h)))
            return "out of memory";
          for (size_t i = 0; i < ni; i++)
            hf_session_get_bits (r.p + i * B, res->images + i * w * h, w * h);
          res->image_width = w;
          res->image_height = h;
          res->nimages = ni;
        }
      r.p += ni * B;
    }
  *used = (size_t)(r.p - p);
  return NULL;
}
