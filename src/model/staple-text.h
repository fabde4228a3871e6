/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How much of a text is given to Pango for one label. A card or a title
 * shows far less than this; the rest is never seen but would still be
 * shaped, and shaping a long word or a pile of accents takes seconds. */
#define STAPLE_TEXT_SHORT 200   /* one line: a title, a name, a row's title */
#define STAPLE_TEXT_LONG  1000  /* a few wrapped lines: a card, notes, a description */

/* Combining marks kept on one character; no script needs more to be read. */
#define STAPLE_TEXT_MAX_MARKS 8

typedef enum
{
  STAPLE_TEXT_BOUND_NONE     = 0,
  STAPLE_TEXT_BOUND_ONE_LINE = 1 << 0, /* line breaks and tabs become spaces */
} StapleTextBoundFlags;

char *staple_text_bound   (const char           *text,
                           gsize                 max_chars,
                           StapleTextBoundFlags  flags);
char *staple_text_isolate (const char           *text);

G_END_DECLS
