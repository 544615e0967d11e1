/* hf-session-private.h: what hf-session.c shares with hf-session-results.c. */
#pragma once

#include <stdbool.h>

#include "hf-fileio.h"
#include "hf-session.h"

/* UTF-8 (no overlongs, surrogates or code points past U+10FFFF), no NUL
 * and no control characters but newline and tab, at most max bytes. */
bool hf_session_text_valid (const char *t, size_t len, size_t max);
/* n values (+1/-1) as ceil(n / 8) bytes, bit i = value i, LSB first. */
void hf_session_put_bits (HfBuffer *b, const int8_t *s, size_t n);
void hf_session_get_bits (const unsigned char *p, int8_t *s, size_t n);
/* The bits of the last byte past n are 0, as every writer leaves them (a
 * file that sets them would not be written back as it was read). */
bool hf_session_padding_clear (const unsigned char *p, size_t n);

/* The results section (version 3): a count, then each result. */
void hf_session_results_encode (HfBuffer *b, const HfSession *ss);
/* Reads the section at p, which must end before end. With out NULL it only
 * checks it (nothing is allocated) and sets *used to its length; with out
 * it fills out->results (the section was checked before). NULL on success,
 * else what is wrong (English). */
const char *hf_session_results_walk (const unsigned char *p, const unsigned char *end,
                                     HfSession *out, size_t *used);
