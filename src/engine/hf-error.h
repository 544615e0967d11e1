/* hf-error.h: status codes and error messages of the engine.
 *
 * Nothing in the engine prints, aborts or exits: every function that can
 * fail returns an HfStatus and, when given a non-NULL HfError, a sentence
 * that a caller can show as it is.
 */
#pragma once

#include <stddef.h>

typedef enum
{
  HF_OK = 0,
  HF_DONE,       /* an iteration finished its work: not an error */
  HF_EINVAL,     /* an argument is impossible (n = 0, T < 0, ...) */
  HF_ENOMEM,     /* the memory would not fit or could not be had */
  HF_ERANGE,     /* a size or value is beyond what the engine accepts */
  HF_ECANCELLED, /* the caller asked to stop */
  HF_EIO,        /* reading or writing a file failed */
  HF_EFORMAT,    /* a file is malformed */
  HF_ERANK,      /* linear algebra met a rank-deficient matrix */
  HF_ENUMERIC,   /* a computation produced NaN or Inf */
} HfStatus;

typedef struct
{
  HfStatus code;
  char message[512];
} HfError;

HfStatus hf_error_set (HfError *err, HfStatus code, const char *format, ...)
    __attribute__ ((format (printf, 3, 4)));
void hf_error_clear (HfError *err);

/* Translation without gettext in the engine: a program with a message
 * catalogue installs a lookup (msgid -> translated text) once at start-up;
 * hf_error_set then formats the translated sentence, and hf_translate gives
 * other marked strings (HF_N_) in the program's language. NULL (the
 * default) leaves every message in English. xgettext extracts the formats
 * with --keyword=hf_error_set:3 and --keyword=HF_N_ (po/meson.build). */
#define HF_N_(text) text

typedef const char *(*HfTranslateFunc) (const char *msgid);
void hf_set_translator (HfTranslateFunc translate);
const char *hf_translate (const char *msgid) __attribute__ ((format_arg (1)));
const char *hf_status_name (HfStatus status);

/* Largest network the engine accepts: 16384 neurons (128 x 128), whose
 * weights take 1 GiB as float32. */
#define HF_MAX_NEURONS ((size_t)16384)
#define HF_MAX_PATTERNS ((size_t)1 << 20)

/* Physical memory of this machine in bytes (0 if unknown). Allocations
 * the engine can predict are refused beyond half of it, with a message,
 * rather than left to the kernel's overcommit and the OOM killer. */
size_t hf_physical_memory (void);

HfStatus hf_check_memory (size_t bytes, const char *what, HfError *err);

/* GSL calls an error handler that by default aborts (on a failed
 * allocation, among others). This turns it off for the whole process,
 * once and thread-safely; every engine entry point that uses GSL calls
 * it first and then checks each GSL return value. The handler is never
 * switched back on: a program using the engine gets GSL's status codes
 * and NULL returns in its own GSL calls too, and must check them. */
void hf_gsl_init (void);
