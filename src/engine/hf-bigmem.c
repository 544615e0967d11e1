#include "hf-bigmem.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)
#define SLOTS 16

typedef struct
{
  void *p[SLOTS];
  size_t size[SLOTS]; /* rounded sizes; 0 = empty slot */
  size_t total;
} Cache;

static pthread_key_t cache_key;
static pthread_once_t cache_once = PTHREAD_ONCE_INIT;

static void
cache_destroy (void *data)
{
  Cache *c = data;
  for (int k = 0; k < SLOTS; k++)
    free (c->p[k]);
  free (c);
}

static void
cache_key_init (void)
{
  (void)pthread_key_create (&cache_key, cache_destroy);
}

static Cache *
cache_get (bool create)
{
  pthread_once (&cache_once, cache_key_init);
  Cache *c = pthread_getspecific (cache_key);
  if (c == NULL && create)
    {
      c = calloc (1, sizeof *c);
      if (c != NULL && pthread_setspecific (cache_key, c) != 0)
        {
          free (c);
          c = NULL;
        }
    }
  return c;
}

static size_t
rounded (size_t bytes)
{
  return (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
}

void *
hf_big_alloc (size_t bytes)
{
  if (bytes < HUGE_PAGE)
    return malloc (bytes > 0 ? bytes : 1);
  size_t want = rounded (bytes);
  Cache *c = cache_get (false);
  if (c != NULL)
    for (int k = 0; k < SLOTS; k++)
      if (c->size[k] == want)
        {
          void *p = c->p[k];
          c->p[k] = NULL;
          c->size[k] = 0;
          c->total -= want;
          return p;
        }
  void *p = NULL;
  if (posix_memalign (&p, HUGE_PAGE, want) != 0)
    return NULL;
#ifdef MADV_HUGEPAGE
  (void)madvise (p, want, MADV_HUGEPAGE);
#endif
  return p;
}

void *
hf_big_calloc (size_t bytes)
{
  void *p = hf_big_alloc (bytes);
  if (p != NULL)
    memset (p, 0, bytes);
  return p;
}

void
hf_big_free (void *p, size_t bytes)
{
  if (p == NULL)
    return;
  size_t size = rounded (bytes);
  Cache *c = bytes >= HUGE_PAGE && size <= HF_BIG_CACHE_BYTES ? cache_get (true) : NULL;
  if (c == NULL)
    {
      free (p);
      return;
    }
  /* Make room: evict the largest buffers until this one fits. */
  while (c->total + size > HF_BIG_CACHE_BYTES)
    {
      int big = -1;
      for (int k = 0; k < SLOTS; k++)
        if (c->size[k] > 0 && (big < 0 || c->size[k] > c->size[big]))
          big = k;
      free (c->p[big]);
      c->total -= c->size[big];
      c->p[big] = NULL;
      c->size[big] = 0;
    }
  int slot = -1;
  for (int k = 0; k < SLOTS && slot < 0; k++)
    if (c->size[k] == 0)
      slot = k;
  if (slot < 0)
    {
      free (p);
      return;
    }
  c->p[slot] = p;
  c->size[slot] = size;
  c->total += size;
}

void
hf_big_trim (void)
{
  Cache *c = cache_get (false);
  if (c == NULL)
    return;
  for (int k = 0; k < SLOTS; k++)
    {
      free (c->p[k]);
      c->p[k] = NULL;
      c->size[k] = 0;
    }
  c->total = 0;
}
