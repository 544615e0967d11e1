#include "hf-patterns.h"

#include <stdlib.h>
#include <string.h>

HfPatterns *
hf_patterns_new (size_t width, size_t height, HfError *err)
{
  if (width == 0 || height == 0)
    {
      hf_error_set (err, HF_EINVAL, "a pattern needs at least one neuron (got %zux%zu)",
                    width, height);
      return NULL;
    }
  if (width > HF_MAX_NEURONS || height > HF_MAX_NEURONS
      || width * height > HF_MAX_NEURONS)
    {
      hf_error_set (err, HF_ERANGE, "%zux%zu = %zu neurons is more than the %zu allowed",
                    width, height, width * height, HF_MAX_NEURONS);
      return NULL;
    }
  HfPatterns *set = calloc (1, sizeof *set);
  if (set == NULL)
    {
      hf_error_set (err, HF_ENOMEM, "out of memory for a pattern set");
      return NULL;
    }
  set->width = width;
  set->height = height;
  set->n = width * height;
  return set;
}

void
hf_patterns_free (HfPatterns *set)
{
  if (set == NULL)
    return;
  free (set->data);
  free (set);
}

static HfStatus
reserve (HfPatterns *set, size_t m, HfError *err)
{
  if (m <= set->capacity)
    return HF_OK;
  if (m > HF_MAX_PATTERNS)
    return hf_error_set (err, HF_ERANGE, "%zu patterns is more than the %zu allowed", m,
                         HF_MAX_PATTERNS);
  size_t cap = set->capacity ? set->capacity : 8;
  while (cap < m)
    cap *= 2;
  int8_t *data = realloc (set->data, cap * set->n);
  if (data == NULL)
    return hf_error_set (err, HF_ENOMEM, "out of memory for %zu patterns of %zu neurons",
                         m, set->n);
  set->data = data;
  set->capacity = cap;
  return HF_OK;
}

HfPatterns *
hf_patterns_copy (const HfPatterns *src, HfError *err)
{
  HfPatterns *set = hf_patterns_new (src->width, src->height, err);
  if (set == NULL)
    return NULL;
  if (src->m > 0)
    {
      if (reserve (set, src->m, err) != HF_OK)
        {
          hf_patterns_free (set);
          return NULL;
        }
      memcpy (set->data, src->data, src->m * src->n);
    }
  set->m = src->m;
  return set;
}

HfStatus
hf_patterns_insert (HfPatterns *set, size_t at, const int8_t *x, HfError *err)
{
  if (at > set->m)
    return hf_error_set (err, HF_EINVAL, "cannot insert at %zu in a set of %zu", at,
                         set->m);
  HfStatus st = reserve (set, set->m + 1, err);
  if (st != HF_OK)
    return st;
  memmove (set->data + (at + 1) * set->n, set->data + at * set->n,
           (set->m - at) * set->n);
  for (size_t i = 0; i < set->n; i++)
    set->data[at * set->n + i] = x[i] > 0 ? 1 : -1;
  set->m++;
  return HF_OK;
}

HfStatus
hf_patterns_append (HfPatterns *set, const int8_t *x, HfError *err)
{
  return hf_patterns_insert (set, set->m, x, err);
}

HfStatus
hf_patterns_remove (HfPatterns *set, size_t k)
{
  if (k >= set->m)
    return HF_EINVAL;
  memmove (set->data + k * set->n, set->data + (k + 1) * set->n,
           (set->m - k - 1) * set->n);
  set->m--;
  return HF_OK;
}

HfStatus
hf_patterns_move (HfPatterns *set, size_t from, size_t to)
{
  if (from >= set->m || to >= set->m)
    return HF_EINVAL;
  if (from == to)
    return HF_OK;
  int8_t *tmp = malloc (set->n);
  if (tmp == NULL)
    return HF_ENOMEM;
  memcpy (tmp, hf_patterns_get (set, from), set->n);
  hf_patterns_remove (set, from);
  /* Capacity is unchanged by remove, so this insert cannot fail. */
  memmove (set->data + (to + 1) * set->n, set->data + to * set->n,
           (set->m - to) * set->n);
  memcpy (set->data + to * set->n, tmp, set->n);
  set->m++;
  free (tmp);
  return HF_OK;
}

void
hf_patterns_clear (HfPatterns *set)
{
  set->m = 0;
}

void
hf_state_random (int8_t *s, size_t n, double p_on, gsl_rng *rng)
{
  for (size_t i = 0; i < n; i++)
    s[i] = gsl_rng_uniform (rng) < p_on ? 1 : -1;
}

HfStatus
hf_patterns_add_random (HfPatterns *set, size_t count, double p_on, gsl_rng *rng,
                        HfError *err)
{
  if (!(p_on >= 0.0 && p_on <= 1.0))
    return hf_error_set (err, HF_EINVAL,
                         "the probability of an on bit must be in [0, 1]");
  HfStatus st = reserve (set, set->m + count, err);
  if (st != HF_OK)
    return st;
  for (size_t k = 0; k < count; k++)
    hf_state_random (set->data + (set->m + k) * set->n, set->n, p_on, rng);
  set->m += count;
  return HF_OK;
}

long
hf_patterns_find (const HfPatterns *set, const int8_t *x)
{
  for (size_t k = 0; k < set->m; k++)
    if (memcmp (hf_patterns_get (set, k), x, set->n) == 0)
      return (long)k;
  return -1;
}

HfStatus
hf_state_flip_k (int8_t *s, size_t n, size_t k, gsl_rng *rng, HfError *err)
{
  if (k > n)
    return hf_error_set (err, HF_EINVAL, "cannot flip %zu bits of %zu", k, n);
  /* Selection sampling (Knuth's Algorithm S): each of the C(n, k) subsets
   * is equally likely, in one pass and without allocating. */
  size_t chosen = 0;
  for (size_t i = 0; i < n && chosen < k; i++)
    if ((double)(n - i) * gsl_rng_uniform (rng) < (double)(k - chosen))
      {
        s[i] = (int8_t)-s[i];
        chosen++;
      }
  return HF_OK;
}

HfStatus
hf_state_flip_fraction (int8_t *s, size_t n, double fraction, gsl_rng *rng, HfError *err)
{
  if (!(fraction >= 0.0 && fraction <= 1.0))
    return hf_error_set (err, HF_EINVAL,
                         "the fraction of bits to flip must be in [0, 1]");
  /* Exactly round(fraction * n) bits: the same corruption every time, as
   * in the paper's experiments, rather than a binomial count. */
  return hf_state_flip_k (s, n, (size_t)(fraction * (double)n + 0.5), rng, err);
}

HfStatus
hf_state_flip_bernoulli (int8_t *s, size_t n, double p, gsl_rng *rng, HfError *err)
{
  if (!(p >= 0.0 && p <= 1.0))
    return hf_error_set (err, HF_EINVAL, "the flip probability must be in [0, 1]");
  for (size_t i = 0; i < n; i++)
    if (gsl_rng_uniform (rng) < p)
      s[i] = (int8_t)-s[i];
  return HF_OK;
}

HfStatus
hf_state_occlude (int8_t *s, size_t width, size_t height, size_t x0, size_t y0, size_t w,
                  size_t h, int8_t value, HfError *err)
{
  if (x0 >= width || y0 >= height)
    return hf_error_set (err, HF_EINVAL,
                         "the occluded rectangle starts outside the %zux%zu grid", width,
                         height);
  size_t x1 = x0 + w > width ? width : x0 + w;
  size_t y1 = y0 + h > height ? height : y0 + h;
  for (size_t y = y0; y < y1; y++)
    for (size_t x = x0; x < x1; x++)
      s[y * width + x] = value > 0 ? 1 : -1;
  return HF_OK;
}

void
hf_state_invert (int8_t *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    s[i] = (int8_t)-s[i];
}

double
hf_overlap (const int8_t *a, const int8_t *b, size_t n)
{
  long sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += a[i] * b[i];
  return (double)sum / (double)n;
}

size_t
hf_hamming (const int8_t *a, const int8_t *b, size_t n)
{
  size_t d = 0;
  for (size_t i = 0; i < n; i++)
    d += a[i] != b[i];
  return d;
}

void
hf_patterns_overlaps (const HfPatterns *set, const int8_t *s, double *out)
{
  for (size_t k = 0; k < set->m; k++)
    out[k] = hf_overlap (hf_patterns_get (set, k), s, set->n);
}
