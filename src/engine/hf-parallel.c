#include "hf-parallel.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hf-blas.h"

typedef struct
{
  size_t count;
  HfJobFunc fn;
  void *ctx;
  atomic_size_t next;
  atomic_int cancel;
  pthread_mutex_t lock;
  pthread_cond_t changed;
  size_t done, running;
  size_t failed_job; /* lowest failing job, count if none */
  HfStatus status;
  HfError err;
} Pool;

static void *
worker (void *data)
{
  Pool *p = data;
  for (;;)
    {
      if (atomic_load (&p->cancel))
        break;
      size_t job = atomic_fetch_add (&p->next, 1);
      if (job >= p->count)
        break;
      HfError err = { 0 };
      HfStatus st = p->fn (job, p->ctx, &p->cancel, &err);
      pthread_mutex_lock (&p->lock);
      p->done++;
      if (st != HF_OK && job < p->failed_job
          && !(st == HF_ECANCELLED && p->status != HF_OK))
        {
          /* Report the failure of the lowest job, as a serial run would. */
          p->failed_job = job;
          p->status = st;
          p->err = err;
          if (p->err.code == HF_OK)
            hf_error_set (&p->err, st, "trial %zu failed (%s)", job, hf_status_name (st));
          atomic_store (&p->cancel, 1);
        }
      pthread_cond_signal (&p->changed);
      pthread_mutex_unlock (&p->lock);
    }
  pthread_mutex_lock (&p->lock);
  p->running--;
  pthread_cond_signal (&p->changed);
  pthread_mutex_unlock (&p->lock);
  return NULL;
}

size_t
hf_parallel_cores (void)
{
#ifdef CPU_COUNT
  cpu_set_t set;
  if (sched_getaffinity (0, sizeof set, &set) == 0 && CPU_COUNT (&set) > 0)
    return (size_t)CPU_COUNT (&set);
#endif
  long c = sysconf (_SC_NPROCESSORS_ONLN);
  return c > 0 ? (size_t)c : 1;
}

/* OpenBLAS is held to one thread while any hf_parallel_run is running:
 * the first run to start saves the thread count, the last to end restores
 * it, so overlapping runs (from different threads) never leave it at one. */
static pthread_mutex_t blas_hold_lock = PTHREAD_MUTEX_INITIALIZER;
static size_t blas_hold_runs;
static int blas_hold_saved;

static void
blas_hold (void)
{
  pthread_mutex_lock (&blas_hold_lock);
  if (blas_hold_runs++ == 0)
    {
      blas_hold_saved = openblas_get_num_threads ();
      openblas_set_num_threads (1);
    }
  pthread_mutex_unlock (&blas_hold_lock);
}

static void
blas_release (void)
{
  pthread_mutex_lock (&blas_hold_lock);
  if (--blas_hold_runs == 0)
    openblas_set_num_threads (blas_hold_saved);
  pthread_mutex_unlock (&blas_hold_lock);
}

size_t
hf_parallel_threads (size_t requested, size_t jobs)
{
  size_t t = requested == 0 ? hf_parallel_cores () : requested;
  if (t > jobs)
    t = jobs;
  return t > 0 ? t : 1;
}

HfStatus
hf_parallel_run (size_t count, size_t threads, HfJobFunc fn, void *ctx, HfJobProgress cb,
                 void *user, HfError *err)
{
  if (count == 0)
    return HF_OK;
  threads = hf_parallel_threads (threads, count);
  Pool *p = calloc (1, sizeof *p);
  pthread_t *tid = calloc (threads, sizeof *tid);
  if (p == NULL || tid == NULL)
    {
      free (p);
      free (tid);
      return hf_error_set (err, HF_ENOMEM, "out of memory");
    }
  p->count = count;
  p->fn = fn;
  p->ctx = ctx;
  p->failed_job = count;
  atomic_init (&p->next, 0);
  atomic_init (&p->cancel, 0);
  pthread_mutex_init (&p->lock, NULL);
  pthread_cond_init (&p->changed, NULL);
  blas_hold ();
  size_t started = 0;
  pthread_mutex_lock (&p->lock);
  for (; started < threads; started++)
    {
      if (pthread_create (&tid[started], NULL, worker, p) != 0)
        break;
      p->running++;
    }
  HfStatus st = HF_OK;
  if (started == 0)
    {
      pthread_mutex_unlock (&p->lock);
      st = hf_error_set (err, HF_ENOMEM, "could not start a worker thread");
    }
  else
    {
      size_t reported = 0;
      while (p->running > 0)
        {
          pthread_cond_wait (&p->changed, &p->lock);
          if (p->done != reported && cb != NULL && !atomic_load (&p->cancel))
            {
              reported = p->done;
              double fraction = (double)reported / (double)count;
              pthread_mutex_unlock (&p->lock);
              bool go_on = cb (fraction, user);
              pthread_mutex_lock (&p->lock);
              if (!go_on && p->status == HF_OK)
                {
                  p->status = HF_ECANCELLED;
                  hf_error_set (&p->err, HF_ECANCELLED, "the experiment was cancelled");
                  atomic_store (&p->cancel, 1);
                }
            }
        }
      pthread_mutex_unlock (&p->lock);
      for (size_t k = 0; k < started; k++)
        pthread_join (tid[k], NULL);
      st = p->status;
      if (st != HF_OK)
        hf_error_set (err, st, "%s", p->err.message);
    }
  blas_release ();
  pthread_mutex_destroy (&p->lock);
  pthread_cond_destroy (&p->changed);
  free (tid);
  free (p);
  return st;
}

/* ---- hf_parallel_for: persistent helpers for elementwise loops ---- */
typedef struct
{
  pthread_mutex_t busy; /* held by the thread whose loop the helpers run */
  pthread_mutex_t lock;
  pthread_cond_t wake;
  pthread_cond_t idle; /* signalled when the last joined helper is done */
  size_t helpers;      /* started */
  pid_t pid;           /* of the process that started them */
  /* the current loop */
  unsigned long generation;
  bool closed;   /* the caller has finished its share: no helper joins now */
  size_t wanted; /* helpers that may take part */
  HfChunkFunc fn;
  void *ctx;
  size_t chunks;
  atomic_size_t next;
  atomic_size_t active; /* helpers that joined and are not done */
} Helpers;

static Helpers helpers = { .busy = PTHREAD_MUTEX_INITIALIZER,
                           .lock = PTHREAD_MUTEX_INITIALIZER,
                           .wake = PTHREAD_COND_INITIALIZER,
                           .idle = PTHREAD_COND_INITIALIZER };
static pthread_once_t helpers_once = PTHREAD_ONCE_INIT;

/* How many times the caller checks for the helpers' last chunks before it
 * sleeps (a few microseconds). */
#define HELPERS_SPIN 2000

static inline void
cpu_relax (void)
{
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause ();
#elif defined(__aarch64__)
  __asm__ __volatile__("yield");
#endif
}

static void
run_chunks (HfChunkFunc fn, void *ctx, size_t chunks, atomic_size_t *next)
{
  for (;;)
    {
      size_t c = atomic_fetch_add (next, 1);
      if (c >= chunks)
        break;
      fn (c, ctx);
    }
}

/* A helper joins a loop only while the caller is still working on it, so
 * the caller never waits for a helper the scheduler has not woken yet. */
static void *
helper_main (void *data)
{
  size_t index = (size_t)(uintptr_t)data;
  unsigned long seen = 0;
  pthread_mutex_lock (&helpers.lock);
  for (;;)
    {
      while (helpers.generation == seen || helpers.closed || index >= helpers.wanted)
        {
          seen = helpers.generation;
          pthread_cond_wait (&helpers.wake, &helpers.lock);
        }
      seen = helpers.generation;
      HfChunkFunc fn = helpers.fn;
      void *ctx = helpers.ctx;
      size_t chunks = helpers.chunks;
      atomic_fetch_add (&helpers.active, 1);
      pthread_mutex_unlock (&helpers.lock);
      run_chunks (fn, ctx, chunks, &helpers.next);
      /* under the lock, so that a caller about to wait cannot miss it */
      pthread_mutex_lock (&helpers.lock);
      if (atomic_fetch_sub (&helpers.active, 1) == 1)
        pthread_cond_signal (&helpers.idle);
    }
  return NULL;
}

static void
helpers_start (void)
{
  size_t want = hf_parallel_cores ();
  if (want > HF_PARALLEL_MAX_THREADS)
    want = HF_PARALLEL_MAX_THREADS;
  pthread_attr_t attr;
  if (pthread_attr_init (&attr) != 0)
    return;
  pthread_attr_setdetachstate (&attr, PTHREAD_CREATE_DETACHED);
  for (size_t k = 0; k + 1 < want; k++)
    {
      pthread_t t;
      if (pthread_create (&t, &attr, helper_main, (void *)(uintptr_t)k) != 0)
        break;
      helpers.helpers++;
    }
  pthread_attr_destroy (&attr);
  helpers.pid = getpid ();
}

size_t
hf_parallel_chunks (size_t count, size_t grain)
{
  size_t c = grain > 0 ? count / grain : count;
  return c < 1 ? 1 : c > 64 ? 64 : c;
}

void
hf_parallel_for (size_t chunks, HfChunkFunc fn, void *ctx)
{
  int blas = openblas_get_num_threads ();
  size_t use = blas > 1 && chunks > 1 ? (size_t)blas - 1 : 0;
  if (use > 0)
    {
      pthread_once (&helpers_once, helpers_start);
      if (helpers.pid != getpid ())
        use = 0; /* a forked child has no helpers */
      if (use > helpers.helpers)
        use = helpers.helpers;
    }
  if (use == 0 || pthread_mutex_trylock (&helpers.busy) != 0)
    {
      for (size_t c = 0; c < chunks; c++)
        fn (c, ctx);
      return;
    }
  pthread_mutex_lock (&helpers.lock);
  helpers.fn = fn;
  helpers.ctx = ctx;
  helpers.chunks = chunks;
  helpers.wanted = use;
  helpers.closed = false;
  atomic_store (&helpers.next, 0);
  helpers.generation++;
  pthread_cond_broadcast (&helpers.wake);
  pthread_mutex_unlock (&helpers.lock);
  run_chunks (fn, ctx, chunks, &helpers.next);
  pthread_mutex_lock (&helpers.lock);
  helpers.closed = true;
  pthread_mutex_unlock (&helpers.lock);
  /* Every chunk is taken and no helper joins now; wait for the helpers
   * still running theirs: a short spin (a last chunk often ends within
   * microseconds), then asleep on the condition variable. */
  for (int k = 0; k < HELPERS_SPIN && atomic_load (&helpers.active) > 0; k++)
    cpu_relax ();
  if (atomic_load (&helpers.active) > 0)
    {
      pthread_mutex_lock (&helpers.lock);
      while (atomic_load (&helpers.active) > 0)
        pthread_cond_wait (&helpers.idle, &helpers.lock);
      pthread_mutex_unlock (&helpers.lock);
    }
  pthread_mutex_unlock (&helpers.busy);
}
