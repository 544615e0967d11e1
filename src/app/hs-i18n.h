/* hs-i18n.h: the studio's message catalogue. */
#pragma once

/* Sets the locale from the environment, binds the catalogue (from
 * $HS_LOCALEDIR when set, e.g. the build directory's po/, else the
 * installed LOCALEDIR) and has the engine translate its messages through
 * it. Called once by main() and by the tests that run the studio in
 * another language, before any thread starts. */
void hs_i18n_init (void);

/* A resource in the user's language: prefix LANG suffix, LANG being the first of the language names (LANGUAGE,
 * LC_ALL, LC_MESSAGES, LANG) for which the resource exists, as gettext
 * chooses the catalogue (never under the C locale, where gettext ignores
 * LANGUAGE); NULL when there is none. Free with g_free. */
char *hs_i18n_find_resource (const char *prefix, const char *suffix);

/* The directory the catalogue was bound to by hs_i18n_init. */
const char *hs_i18n_localedir (void);
