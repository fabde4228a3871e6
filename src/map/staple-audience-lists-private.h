/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "staple-audience-private.h"

G_BEGIN_DECLS

typedef struct _AudienceRow AudienceRow;

/* Draws @row at @x, @y in @width, or only measures it if @draw is FALSE;
 * returns its height either way. */
typedef double (*AudienceRowFunc) (AudienceContext   *ctx,
                                   const AudienceRow *row,
                                   double             x,
                                   double             y,
                                   double             width,
                                   gboolean           draw);

struct _AudienceRow
{
  AudienceRowFunc func;
  gboolean        heading;      /* starts a group, repeated atop a page inside it */
  int             group;        /* the index of the row's heading, or -1 */
  gboolean        page_break;   /* starts a page, if the list has more than one */
  double          space_before; /* above the row, unless a page starts with it */
  double          height;       /* as measured */
  gboolean        continued;    /* a heading repeated atop a page inside its group */
  double          continued_height;
  const char     *text;         /* borrowed, or kept by the list */
  const char     *subtitle;
  const char     *detail;
  gpointer        item;         /* borrowed: a friction point, an action… */
  gpointer        extra;        /* borrowed: the stage of a friction point… */
  guint           number;       /* a rank, a count */
  guint           value;        /* votes, a status… */
  guint           scale;        /* what a bar's value is measured against */
};

typedef struct
{
  GArray    *rows;     /* (element-type AudienceRow) */
  GPtrArray *strings;  /* texts the rows point at */
  int        current_group;
} AudienceList;

/* The rows the add functions return are theirs to fill in until the next
 * row is added, which may move them. */
AudienceList *_staple_audience_list_new         (void);
void          _staple_audience_list_free        (AudienceList            *list);
AudienceRow  *_staple_audience_list_add_heading (AudienceList            *list,
                                                 AudienceRowFunc          func,
                                                 double                   space_before);
AudienceRow  *_staple_audience_list_add         (AudienceList            *list,
                                                 AudienceRowFunc          func,
                                                 double                   space_before);
const char   *_staple_audience_list_keep        (AudienceList            *list,
                                                 char                    *text);
void          _staple_audience_list_draw        (AudienceContext         *ctx,
                                                 AudienceList            *list,
                                                 const cairo_rectangle_t *area);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AudienceList, _staple_audience_list_free)

double _staple_audience_put_text     (AudienceContext   *ctx,
                                      gboolean           draw,
                                      const char        *text,
                                      double             x,
                                      double             y,
                                      double             width,
                                      double             size_px,
                                      int                weight,
                                      int                max_lines,
                                      const double      *rgb);
char  *_staple_audience_format_count (guint              count);
char  *_staple_audience_continued    (const char        *title);
void   _staple_audience_bullet       (AudienceContext   *ctx,
                                      double             x,
                                      double             y,
                                      const double      *rgb);
double _staple_audience_row_section  (AudienceContext   *ctx,
                                      const AudienceRow *row,
                                      double             x,
                                      double             y,
                                      double             width,
                                      gboolean           draw);
double _staple_audience_row_note     (AudienceContext   *ctx,
                                      const AudienceRow *row,
                                      double             x,
                                      double             y,
                                      double             width,
                                      gboolean           draw);

G_END_DECLS
