#include "hf-session-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "hf-netfile.h"
#include "hf-recall.h"
#include "hf-train.h"

static const unsigned char magic[8] = { 0x89, 'H', 'F', 'S', 'E', 'S', 'S', '\n' };
#define HEADER 28u   /* magic, version, width, height, m, flags */
#define SETTINGS 68u /* HfSessionSettings, packed */
#define FLAG_CLAMP 1u
#define FLAG_NETWORK 2u
#define FLAG_NOTES 4u
#define FLAG_RESULTS 8u

void
hf_session_settings_init (HfSessionSettings *s)
{
  HfTrainOptions o;
  hf_train_options_init (&o, HF_RULE_MPF);
  memset (s, 0, sizeof *s);
  s->rule = HF_RULE_MPF;
  s->learning_rate = o.learning_rate;
  s->max_iterations = (uint32_t)o.max_iterations;
  s->margin = o.margin;
  s->learn_thresholds = o.learn_thresholds;
  s->mode = HF_UPDATE_SEQUENTIAL;
  s->tie = HF_TIE_OFF;
  s->temperature = 0.2;
  s->speed = 2.4;
  s->seed = 1;
  s->corrupt_percent = 20;
  s->corrupt_seed = 1;
}

bool
hf_session_settings_equal (const HfSessionSettings *a, const HfSessionSettings *b)
{
  return a->rule == b->rule && a->learning_rate == b->learning_rate
         && a->max_iterations == b->max_iterations && a->margin == b->margin
         && a->learn_thresholds == b->learn_thresholds && a->mode == b->mode
         && a->tie == b->tie && a->temperature == b->temperature && a->speed == b->speed
         && a->seed == b->seed && a->corrupt_percent == b->corrupt_percent
         && a->corrupt_seed == b->corrupt_seed;
}

bool
hf_session_sniff (const unsigned char *data, size_t len)
{
  return len >= 8 && memcmp (data, magic, 8) == 0;
}

void
hf_session_put_bits (HfBuffer *b, const int8_t *s, size_t n)
{
  for (size_t i = 0; i < n; i += 8)
    {
      unsigned char byte = 0;
      for (size_t k = 0; k < 8 && i + k < n; k++)
        if (s[i + k] > 0)
          byte |= (unsigned char)(1u << k);
      hf_buffer_append (b, &byte, 1);
    }
}

void
hf_session_get_bits (const unsigned char *p, int8_t *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    s[i] = (p[i / 8] >> (i % 8)) & 1u ? 1 : -1;
}

bool
hf_session_padding_clear (const unsigned char *p, size_t n)
{
  return n % 8 == 0 || (p[n / 8] >> (n % 8)) == 0;
}

bool
hf_session_text_valid (const char *t, size_t len, size_t max)
{
  const unsigned char *p = (const unsigned char *)t;
  if (len > max)
    return false;
  for (size_t i = 0; i < len;)
    {
      unsigned c = p[i];
      if (c < 0x80)
        {
          if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            return false;
          i++;
          continue;
        }
      size_t k = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
      if (k == 0 || c > 0xf4 || i + k >= len)
        return false;
      unsigned cp = c & (0x3fu >> k);
      for (size_t j = 1; j <= k; j++)
        {
          if ((p[i + j] & 0xc0) != 0x80)
            return false;
          cp = (cp << 6) | (p[i + j] & 0x3fu);
        }
      static const unsigned least[4] = { 0, 0x80, 0x800, 0x10000 };
      if (cp < least[k] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return false;
      i += k + 1;
    }
  return true;
}

HfStatus
hf_session_encode (const HfSession *ss, unsigned char **data, size_t *len, HfError *err)
{
  const HfPatterns *L = ss->library;
  size_t n = L->n;
  if (ss->net != NULL && ss->net->n != n)
    return hf_error_set (err, HF_EINVAL, "the network does not fit the patterns' grid");
  bool notes = ss->title != NULL || ss->notes != NULL || ss->view != NULL;
  const char *texts[3] = { ss->title, ss->notes, ss->view };
  static const size_t limits[3]
      = { HF_SESSION_TITLE_MAX, HF_SESSION_NOTES_MAX, HF_SESSION_VIEW_MAX };
  static const char *const what[3] = { "title", "notes", "view name" };
  for (int k = 0; k < 3; k++)
    if (texts[k] != NULL
        && !hf_session_text_valid (texts[k], strlen (texts[k]), limits[k]))
      return hf_error_set (err, HF_EINVAL,
                           "the lesson's %s is longer than %zu bytes or not UTF-8 text",
                           what[k], limits[k]);
  if (ss->nresults > HF_SESSION_RESULTS_MAX)
    return hf_error_set (err, HF_EINVAL, "a session keeps at most %u results",
                         HF_SESSION_RESULTS_MAX);
  for (size_t k = 0; k < ss->nresults; k++)
    {
      HfStatus st = hf_session_result_check (&ss->results[k], err);
      if (st != HF_OK)
        return st;
    }
  HfBuffer b = { 0 };
  hf_buffer_append (&b, magic, 8);
  hf_buffer_u32 (&b, HF_SESSION_VERSION);
  hf_buffer_u32 (&b, L->width);
  hf_buffer_u32 (&b, L->height);
  hf_buffer_u32 (&b, L->m);
  hf_buffer_u32 (&b, (ss->clamp ? FLAG_CLAMP : 0) | (ss->net ? FLAG_NETWORK : 0)
                         | (notes ? FLAG_NOTES : 0) | (ss->nresults ? FLAG_RESULTS : 0));
  const HfSessionSettings *s = &ss->settings;
  hf_buffer_u32 (&b, s->rule);
  hf_buffer_f64 (&b, s->learning_rate);
  hf_buffer_u32 (&b, s->max_iterations);
  hf_buffer_f64 (&b, s->margin);
  hf_buffer_u32 (&b, s->learn_thresholds);
  hf_buffer_u32 (&b, s->mode);
  hf_buffer_u32 (&b, s->tie);
  hf_buffer_f64 (&b, s->temperature);
  hf_buffer_f64 (&b, s->speed);
  hf_buffer_u32 (&b, s->seed);
  hf_buffer_f64 (&b, s->corrupt_percent);
  hf_buffer_u32 (&b, s->corrupt_seed);
  for (size_t k = 0; k < L->m; k++)
    hf_session_put_bits (&b, hf_patterns_get (L, k), n);
  hf_session_put_bits (&b, ss->probe, n);
  hf_session_put_bits (&b, ss->source, n);
  if (ss->clamp != NULL)
    {
      int8_t *c = malloc (n);
      if (c == NULL)
        b.failed = 1;
      else
        {
          for (size_t i = 0; i < n; i++)
            c[i] = ss->clamp[i] ? 1 : -1;
          hf_session_put_bits (&b, c, n);
          free (c);
        }
    }
  if (ss->net != NULL)
    {
      unsigned char *nd;
      size_t nl;
      HfStatus st = hf_netfile_encode (ss->net, &nd, &nl, err);
      if (st != HF_OK)
        {
          hf_buffer_free (&b);
          return st;
        }
      hf_buffer_u32 (&b, nl);
      hf_buffer_append (&b, nd, nl);
      free (nd);
    }
  if (notes)
    for (int k = 0; k < 3; k++)
      {
        size_t l = texts[k] != NULL ? strlen (texts[k]) : 0;
        hf_buffer_u32 (&b, l);
        hf_buffer_append (&b, texts[k], l);
      }
  if (ss->nresults > 0)
    hf_session_results_encode (&b, ss);
  if (!b.failed)
    hf_buffer_u32 (&b, crc32 (0L, b.data, (uInt)b.len));
  if (b.failed)
    {
      hf_buffer_free (&b);
      return hf_error_set (err, HF_ENOMEM, "out of memory while encoding the session");
    }
  *data = b.data;
  *len = b.len;
  return HF_OK;
}

HfStatus
hf_session_save (const char *path, const HfSession *session, HfError *err)
{
  unsigned char *data = NULL;
  size_t len = 0;
  HfStatus st = hf_session_encode (session, &data, &len, err);
  return hf_file_write_owned (path, st, data, len, err);
}

void
hf_session_free (HfSession *ss)
{
  if (ss == NULL)
    return;
  hf_patterns_free (ss->library);
  free (ss->probe);
  free (ss->source);
  free (ss->clamp);
  hf_network_free (ss->net);
  free (ss->title);
  free (ss->notes);
  free (ss->view);
  for (size_t k = 0; k < ss->nresults; k++)
    hf_session_result_clear (&ss->results[k]);
  free (ss->results);
  free (ss);
}

static bool
settings_valid (const HfSessionSettings *s)
{
  return s->rule < HF_RULE_COUNT && s->mode < HF_UPDATE_COUNT && s->tie <= HF_TIE_KEEP
         && s->learn_thresholds <= 1 && isfinite (s->learning_rate)
         && s->learning_rate >= 0 && s->learning_rate <= 1e6 && isfinite (s->margin)
         && s->margin >= 0 && s->margin <= 1e6 && isfinite (s->temperature)
         && s->temperature >= 0 && s->temperature <= 1e6 && isfinite (s->speed)
         && s->speed >= 0 && s->speed <= 5 && isfinite (s->corrupt_percent)
         && s->corrupt_percent >= 0 && s->corrupt_percent <= 100
         && s->max_iterations >= 1;
}

HfSession *
hf_session_decode (const unsigned char *d, size_t len, const char *name, HfError *err)
{
  if (!hf_session_sniff (d, len))
    {
      hf_error_set (err, HF_EFORMAT, "%s: not a Hopfield Studio session (bad magic)",
                    name);
      return NULL;
    }
  if (len < HEADER + SETTINGS + 4)
    {
      hf_error_set (err, HF_EFORMAT, "%s: truncated session header", name);
      return NULL;
    }
  unsigned long version = hf_get_u32 (d + 8), w = hf_get_u32 (d + 12),
                h = hf_get_u32 (d + 16);
  unsigned long m = hf_get_u32 (d + 20), flags = hf_get_u32 (d + 24);
  if (version > HF_SESSION_VERSION)
    {
      hf_error_set (err, HF_EFORMAT,
                    "%s was made by a newer Hopfield Studio (session format %lu; this "
                    "version reads formats 1 to %u): update Hopfield Studio to open it",
                    name, version, HF_SESSION_VERSION);
      return NULL;
    }
  if (version == 0)
    {
      hf_error_set (err, HF_EFORMAT, "%s: session format 0 does not exist", name);
      return NULL;
    }
  if (w == 0 || h == 0 || w > HF_MAX_NEURONS || h > HF_MAX_NEURONS
      || w * h > HF_MAX_NEURONS || m > HF_MAX_PATTERNS
      || flags > (FLAG_CLAMP | FLAG_NETWORK | (version >= 2 ? FLAG_NOTES : 0)
                  | (version >= 3 ? FLAG_RESULTS : 0)))
    {
      hf_error_set (err, HF_EFORMAT,
                    "%s: impossible session header (%lux%lu grid, %lu patterns)", name, w,
                    h, m);
      return NULL;
    }
  size_t n = w * h, B = (n + 7) / 8;
  size_t rows = m + 2 + ((flags & FLAG_CLAMP) ? 1 : 0);
  size_t want = HEADER + SETTINGS + rows * B + 4;
  size_t net_len = 0;
  if (flags & FLAG_NETWORK)
    {
      if (len < want + 4)
        {
          hf_error_set (err, HF_EFORMAT, "%s: truncated session", name);
          return NULL;
        }
      net_len = hf_get_u32 (d + want - 4);
      want += 4 + net_len;
    }
  /* the notes: three lengths, each followed by its text */
  size_t text_at[3] = { 0 }, text_len[3] = { 0 };
  if (flags & FLAG_NOTES)
    {
      static const size_t limits[3]
          = { HF_SESSION_TITLE_MAX, HF_SESSION_NOTES_MAX, HF_SESSION_VIEW_MAX };
      for (int k = 0; k < 3; k++)
        {
          size_t at = want - 4; /* where the checksum would be */
          if (len < at + 4 + 4)
            {
              hf_error_set (err, HF_EFORMAT, "%s: truncated session notes", name);
              return NULL;
            }
          text_len[k] = hf_get_u32 (d + at);
          if (text_len[k] > limits[k])
            {
              hf_error_set (err, HF_EFORMAT, "%s: impossible session notes", name);
              return NULL;
            }
          text_at[k] = at + 4;
          want += 4 + text_len[k];
        }
      /* a version 3 writer sets the flag only for some text */
      if (version >= 3 && text_len[0] + text_len[1] + text_len[2] == 0)
        {
          hf_error_set (err, HF_EFORMAT, "%s: empty session notes", name);
          return NULL;
        }
    }
  size_t results_at = 0;
  if (flags & FLAG_RESULTS)
    {
      size_t at = results_at = want - 4, used = 0;
      const char *why = len < at + 4
                            ? "truncated"
                            : hf_session_results_walk (d + at, d + len - 4, NULL, &used);
      if (why != NULL)
        {
          hf_error_set (err, HF_EFORMAT, "%s: kept results: %s", name, why);
          return NULL;
        }
      want += used;
    }
  /* Every length is known before anything of size m n is allocated. */
  if (len != want)
    {
      hf_error_set (err, HF_EFORMAT, "%s: %s: %zu bytes where this session takes %zu",
                    name, len < want ? "truncated" : "trailing data", len, want);
      return NULL;
    }
  if (hf_get_u32 (d + len - 4) != crc32 (0L, d, (uInt)(len - 4)))
    {
      hf_error_set (err, HF_EFORMAT, "%s: checksum mismatch: the file is damaged", name);
      return NULL;
    }
  for (size_t k = 0; k < rows; k++)
    if (!hf_session_padding_clear (d + HEADER + SETTINGS + k * B, n))
      {
        hf_error_set (err, HF_EFORMAT, "%s: a pattern sets bits past the grid's end",
                      name);
        return NULL;
      }
  HfSessionSettings s;
  const unsigned char *p = d + HEADER;
  s.rule = (uint32_t)hf_get_u32 (p);
  s.learning_rate = hf_get_f64 (p + 4);
  s.max_iterations = (uint32_t)hf_get_u32 (p + 12);
  s.margin = hf_get_f64 (p + 16);
  s.learn_thresholds = (uint32_t)hf_get_u32 (p + 24);
  s.mode = (uint32_t)hf_get_u32 (p + 28);
  s.tie = (uint32_t)hf_get_u32 (p + 32);
  s.temperature = hf_get_f64 (p + 36);
  s.speed = hf_get_f64 (p + 44);
  s.seed = (uint32_t)hf_get_u32 (p + 52);
  s.corrupt_percent = hf_get_f64 (p + 56);
  s.corrupt_seed = (uint32_t)hf_get_u32 (p + 64);
  if (!settings_valid (&s))
    {
      hf_error_set (err, HF_EFORMAT, "%s: a setting is out of range", name);
      return NULL;
    }
  HfSession *ss = calloc (1, sizeof *ss);
  int8_t *row = malloc (n);
  if (ss == NULL || row == NULL || (ss->library = hf_patterns_new (w, h, err)) == NULL
      || (ss->probe = malloc (n)) == NULL || (ss->source = malloc (n)) == NULL)
    goto oom;
  ss->settings = s;
  p += SETTINGS;
  for (size_t k = 0; k < m; k++, p += B)
    {
      hf_session_get_bits (p, row, n);
      if (hf_patterns_append (ss->library, row, err) != HF_OK)
        goto fail;
    }
  hf_session_get_bits (p, ss->probe, n);
  p += B;
  hf_session_get_bits (p, ss->source, n);
  p += B;
  if (flags & FLAG_CLAMP)
    {
      if ((ss->clamp = malloc (n)) == NULL)
        goto oom;
      hf_session_get_bits (p, row, n);
      for (size_t i = 0; i < n; i++)
        ss->clamp[i] = row[i] > 0;
      p += B;
    }
  if (flags & FLAG_NETWORK)
    {
      p += 4;
      ss->net = hf_netfile_decode (p, net_len, name, err);
      if (ss->net == NULL)
        goto fail;
      if (ss->net->width != w || ss->net->height != h)
        {
          hf_error_set (err, HF_EFORMAT,
                        "%s: the network's grid does not match the patterns'", name);
          goto fail;
        }
    }
  if (flags & FLAG_NOTES)
    {
      char **texts[3] = { &ss->title, &ss->notes, &ss->view };
      for (int k = 0; k < 3; k++)
        {
          if (text_len[k] == 0)
            continue;
          if (!hf_session_text_valid ((const char *)d + text_at[k], text_len[k],
                                      text_len[k]))
            {
              hf_error_set (err, HF_EFORMAT, "%s: the lesson's notes are not UTF-8 text",
                            name);
              goto fail;
            }
          if ((*texts[k] = malloc (text_len[k] + 1)) == NULL)
            goto oom;
          memcpy (*texts[k], d + text_at[k], text_len[k]);
          (*texts[k])[text_len[k]] = '\0';
        }
    }
  if (flags & FLAG_RESULTS)
    {
      size_t used;
      if (hf_session_results_walk (d + results_at, d + len - 4, ss, &used) != NULL)
        goto oom;
    }
  free (row);
  return ss;
oom:
  hf_error_set (err, HF_ENOMEM, "%s: out of memory", name);
fail:
  free (row);
  hf_session_free (ss);
  return NULL;
}

HfSession *
hf_session_load (const char *path, HfError *err)
{
  unsigned char *data;
  size_t len;
  if (hf_file_read (path, (size_t)1 << 31, &data, &len, err) != HF_OK)
    return NULL;
  HfSession *ss = hf_session_decode (data, len, path, err);
  free (data);
  return ss;
}
