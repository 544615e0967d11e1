/* hf-text.h: pattern sets as text grids.
 *
 * One pattern is `height` lines of `width` characters: '#' (or 'X', '1',
 * '*') is on (+1), '.' (or '0', '-')
 * is off (-1). Patterns are separated by one or more blank lines; lines
 * starting with ';' are comments. Every pattern must have the same shape.
 */
#pragma once

#include "hf-patterns.h"

HfPatterns *hf_text_parse (const char *text, size_t len, const char *name, HfError *err);
HfPatterns *hf_text_load (const char *path, HfError *err);
/* The text of a set, NUL-terminated and allocated. */
char *hf_text_format (const HfPatterns *set);
char *hf_text_format_state (const int8_t *s, size_t width, size_t height);
HfStatus hf_text_save (const char *path, const HfPatterns *set, HfError *err);
