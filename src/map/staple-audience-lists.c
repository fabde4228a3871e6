/* SPDX-License-Identifier: GPL-3.0-or-later */
/* staple-audience-lists.c: the audience's Frame, and the lists the room
 * reads in Diagnose, Prioritise, Commit and Close.
 *
 * A list is a run of rows (a heading, a friction point, an action), each
 * drawn by one function that can also just measure it, so that the rows
 * are laid out on pages with the same code that draws them. A list too long
 * for the screen goes on to a further page, never down to a smaller text;
 * a page that starts inside a group repeats the group's heading, so that
 * every page says what its rows are.
 */
#define G_LOG_DOMAIN "staple-audience"

#include "config.h"

#include <glib/gi18n.h>

#include "staple-audience-lists-private.h"

/* Room left at the foot of a list for "Page 2 of 3". */
#define FOOTER_HEIGHT 44.0

double
_staple_audience_put_text (AudienceContext *ctx,
                           gboolean         draw,
                           const char      *text,
                           double           x,
                           double           y,
                           double           width,
                           double           size_px,
                           int              weight,
                           int              max_lines,
                           const double    *rgb)
{
  if (draw)
    return _staple_audience_text (ctx, text, x, y, width, size_px, weight, max_lines, rgb);
  return _staple_audience_text_height (ctx, text, width, size_px, weight, max_lines);
}

/* A count as the reader's locale writes numbers ("12,000" or "12 000"). */
char *
_staple_audience_format_count (guint count)
{
  return g_strdup_printf ("%'u", count);
}

AudienceList *
_staple_audience_list_new (void)
{
  AudienceList *list = g_new0 (AudienceList, 1);

  list->rows = g_array_new (FALSE, TRUE, sizeof (AudienceRow));
  list->strings = g_ptr_array_new_with_free_func (g_free);
  list->current_group = -1;
  return list;
}

void
_staple_audience_list_free (AudienceList *list)
{
  g_array_unref (list->rows);
  g_ptr_array_unref (list->strings);
  g_free (list);
}

/* A heading: the rows added after it, up to the next heading, are its
 * group. */
AudienceRow *
_staple_audience_list_add_heading (AudienceList   *list,
                                   AudienceRowFunc func,
                                   double          space_before)
{
  AudienceRow row = { .func = func, .heading = TRUE, .group = -1,
                      .space_before = space_before };

  g_array_append_val (list->rows, row);
  list->current_group = (int) list->rows->len - 1;
  return &g_array_index (list->rows, AudienceRow, list->rows->len - 1);
}

AudienceRow *
_staple_audience_list_add (AudienceList   *list,
                           AudienceRowFunc func,
                           double          space_before)
{
  AudienceRow row = { .func = func, .group = list->current_group,
                      .space_before = space_before };

  g_array_append_val (list->rows, row);
  return &g_array_index (list->rows, AudienceRow, list->rows->len - 1);
}

/* Keeps @text for as long as the list. */
const char *
_staple_audience_list_keep (AudienceList *list,
                            char         *text)
{
  g_ptr_array_add (list->strings, text);
  return text;
}

static AudienceRow *
row_at (AudienceList *list,
        guint         i)
{
  return &g_array_index (list->rows, AudienceRow, i);
}

/* The height a row takes on a page that starts with it: its heading's,
 * repeated, if it is inside a group. */
static double
page_top (AudienceList *list,
          guint         i)
{
  AudienceRow *row = row_at (list, i);

  if (row->heading || row->group < 0)
    return row->height;
  return row_at (list, (guint) row->group)->continued_height + row->space_before + row->height;
}

/* The first row of each page, for pages @page_height high. A heading is
 * never left at the foot of a page without the row after it, and, with
 * @breaks, a row that asks to start a page does. */
static GArray *
paginate (AudienceList *list,
          double        page_height,
          gboolean      breaks)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint start = 0;
  double y = 0;

  g_array_append_val (starts, start);
  for (guint i = 0; i < list->rows->len; i++)
    {
      AudienceRow *row = row_at (list, i);
      double need = (i == start ? page_top (list, i) : row->space_before + row->height);

      if (row->heading && i + 1 < list->rows->len && row_at (list, i + 1)->group == (int) i)
        need += row_at (list, i + 1)->space_before + row_at (list, i + 1)->height;

      if (i != start && ((breaks && row->page_break) || y + need > page_height))
        {
          start = i;
          g_array_append_val (starts, start);
          y = page_top (list, i);
          continue;
        }
      y += (i == start ? page_top (list, i) : row->space_before + row->height);
    }
  return starts;
}

static void
draw_footer (AudienceContext         *ctx,
             const cairo_rectangle_t *area,
             guint                    page,
             guint                    n_pages)
{
  g_autofree char *page_text = _staple_audience_format_count (page + 1);
  g_autofree char *pages_text = _staple_audience_format_count (n_pages);
  /* Translators: which page of a phase's list the room sees, e.g. "Page 2 of 3" */
  g_autofree char *text = g_strdup_printf (_("Page %s of %s"), page_text, pages_text);
  double width = _staple_audience_text_width (ctx, text, AUDIENCE_TEXT_SMALL,
                                              PANGO_WEIGHT_BOLD);
  double y = area->y + area->height - FOOTER_HEIGHT + 12;
  double dot_x;

  width = MIN (width, area->width / 2);
  _staple_audience_text (ctx, text, area->x + area->width - width, y, width,
                         AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_BOLD, 1, ctx->palette->dim);

  /* A dot per page, the one shown filled: how far through the list the
   * room is, at a glance, as long as they are few enough to count. */
  if (n_pages > 12)
    return;
  dot_x = area->x + area->width - width - 24 - 22.0 * n_pages;
  for (guint i = 0; i < n_pages; i++)
    {
      cairo_arc (ctx->cr, dot_x + 22.0 * i + 8, y + 15, 6, 0, 2 * G_PI);
      _staple_audience_fill_rgb (ctx->cr, i == page ? ctx->palette->accent
                                                    : ctx->palette->border);
      cairo_fill (ctx->cr);
    }
}

/* Lays @list out in @area, page by page, sets the number of pages and draws
 * the options' page. */
void
_staple_audience_list_draw (AudienceContext         *ctx,
                            AudienceList            *list,
                            const cairo_rectangle_t *area)
{
  g_autoptr(GArray) starts = NULL;
  double total = 0;
  guint page, first, end;
  double y;

  if (list->rows->len == 0)
    return;

  for (guint i = 0; i < list->rows->len; i++)
    {
      AudienceRow *row = row_at (list, i);

      row->height = row->func (ctx, row, area->x, 0, area->width, FALSE);
      if (row->heading)
        {
          AudienceRow continued = *row;

          continued.continued = TRUE;
          row->continued_height = row->func (ctx, &continued, area->x, 0, area->width, FALSE);
        }
      total += (i > 0 ? row->space_before : 0) + row->height;
    }

  /* A list that fits is one page, without a footer; one that does not
   * keeps room for the footer on every page, and starts a page where its
   * rows ask to. */
  if (total <= area->height)
    starts = paginate (list, area->height, FALSE);
  else
    starts = paginate (list, area->height - FOOTER_HEIGHT, TRUE);
  ctx->stats->n_pages = starts->len;
  page = MIN (ctx->options->page, starts->len - 1);
  first = g_array_index (starts, guint, page);
  end = page + 1 < starts->len ? g_array_index (starts, guint, page + 1) : list->rows->len;

  cairo_save (ctx->cr);
  cairo_rectangle (ctx->cr, area->x, area->y, area->width, area->height);
  cairo_clip (ctx->cr);

  y = area->y;
  if (!row_at (list, first)->heading && row_at (list, first)->group >= 0)
    {
      AudienceRow heading = *row_at (list, (guint) row_at (list, first)->group);

      heading.continued = TRUE;
      heading.func (ctx, &heading, area->x, y, area->width, TRUE);
      y += heading.continued_height + row_at (list, first)->space_before;
    }
  for (guint i = first; i < end; i++)
    {
      AudienceRow *row = row_at (list, i);

      if (i != first)
        y += row->space_before;
      row->func (ctx, row, area->x, y, area->width, TRUE);
      y += row->height;
    }

  if (starts->len > 1)
    draw_footer (ctx, area, page, starts->len);
  cairo_restore (ctx->cr);
}

/* Rows any phase uses */

/* A heading repeated atop a page inside its group. */
char *
_staple_audience_continued (const char *title)
{
  /* Translators: a heading repeated atop the next page of its list,
   * e.g. "Trust people’s judgement (continued)" */
  return g_strdup_printf (_("%s (continued)"), title != NULL ? title : "");
}

/* A section's title, and under it what the section is, dimmer; repeated
 * atop a page inside the section, the title alone, said to continue. */
double
_staple_audience_row_section (AudienceContext   *ctx,
                              const AudienceRow *row,
                              double             x,
                              double             y,
                              double             width,
                              gboolean           draw)
{
  g_autofree char *continued = row->continued ? _staple_audience_continued (row->text) : NULL;
  double count_width = 0;
  double height;

  if (row->detail != NULL)
    {
      count_width = MIN (_staple_audience_text_width (ctx, row->detail, AUDIENCE_TEXT_SMALL,
                                                      PANGO_WEIGHT_NORMAL),
                         width / 3);
      if (draw)
        _staple_audience_text (ctx, row->detail, x + width - count_width, y + 6, count_width,
                               AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
      count_width += 24;
    }

  height = _staple_audience_put_text (ctx, draw, continued != NULL ? continued : row->text,
                                      x + 20, y, width - 20 - count_width, AUDIENCE_TEXT_BODY,
                                      PANGO_WEIGHT_BOLD, 2, ctx->palette->accent);
  /* Said once, on the page the group starts on. */
  if (row->subtitle != NULL && !row->continued)
    height += 2 + _staple_audience_put_text (ctx, draw, row->subtitle, x + 20, y + height + 2,
                                             width - 20, AUDIENCE_TEXT_SMALL,
                                             PANGO_WEIGHT_NORMAL, 3, ctx->palette->dim);
  if (draw)
    {
      cairo_rectangle (ctx->cr, x, y + 2, 6, height - 4);
      _staple_audience_fill_rgb (ctx->cr, ctx->palette->accent);
      cairo_fill (ctx->cr);
    }
  return height;
}

/* A sentence on its own, in place of a list that has nothing in it yet. */
double
_staple_audience_row_note (AudienceContext   *ctx,
                           const AudienceRow *row,
                           double             x,
                           double             y,
                           double             width,
                           gboolean           draw)
{
  return _staple_audience_put_text (ctx, draw, row->text, x + 20, y, width - 20,
                                    AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 3,
                                    ctx->palette->dim);
}

/* A round mark in front of an item, level with its first line. */
void
_staple_audience_bullet (AudienceContext *ctx,
                         double           x,
                         double           y,
                         const double    *rgb)
{
  cairo_arc (ctx->cr, x, y + 18, 6, 0, 2 * G_PI);
  _staple_audience_fill_rgb (ctx->cr, rgb != NULL ? rgb : ctx->palette->accent);
  cairo_fill (ctx->cr);
}

/* Frame */

/* A label, dimmer, and what it labels, as long as there is something. */
static double
draw_field (AudienceContext *ctx,
            const char      *label,
            const char      *value,
            double           x,
            double           y,
            double           width,
            int              max_lines)
{
  double height;

  if (value == NULL || *value == '\0')
    return 0;

  height = _staple_audience_text (ctx, label, x, y, width, AUDIENCE_TEXT_SMALL,
                                  PANGO_WEIGHT_BOLD, 1, ctx->palette->dim);
  height += _staple_audience_text (ctx, value, x, y + height, width, AUDIENCE_TEXT_BODY,
                                   PANGO_WEIGHT_NORMAL, max_lines, NULL);
  return height + 20;
}

/* A participant's name, and their role beside it if it fits, under it if
 * not. */
static double
participant_height (AudienceContext   *ctx,
                    StapleParticipant *participant,
                    double             x,
                    double             y,
                    double             width,
                    gboolean           draw)
{
  const char *name = staple_participant_get_name (participant);
  const char *role = staple_participant_get_role (participant);
  double name_width = MIN (_staple_audience_text_width (ctx, name, AUDIENCE_TEXT_BODY,
                                                        PANGO_WEIGHT_BOLD),
                           width);
  double role_width = _staple_audience_text_width (ctx, role, AUDIENCE_TEXT_SMALL,
                                                   PANGO_WEIGHT_NORMAL);
  /* Translators: in the list of people in the room, for someone with no name yet */
  double height = _staple_audience_put_text (ctx, draw, *name != '\0' ? name : _("Unnamed"),
                                             x, y, width, AUDIENCE_TEXT_BODY,
                                             PANGO_WEIGHT_BOLD, 1, NULL);

  if (*role == '\0')
    return height;
  if (name_width + 16 + role_width <= width)
    {
      _staple_audience_put_text (ctx, draw, role, x + name_width + 16, y + 4,
                                 width - name_width - 16, AUDIENCE_TEXT_SMALL,
                                 PANGO_WEIGHT_NORMAL, 1, ctx->palette->dim);
      return height;
    }
  return height + _staple_audience_put_text (ctx, draw, role, x, y + height, width,
                                             AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 1,
                                             ctx->palette->dim);
}

/* "and 4 more", after the names that fit. */
static void
draw_more (AudienceContext *ctx,
           guint            n,
           double           x,
           double           y,
           double           width)
{
  g_autofree char *rest = _staple_audience_format_count (n);
  /* Translators: after the names that fit on the screen, e.g. "and 4 more" */
  g_autofree char *more = g_strdup_printf (ngettext ("and %s more", "and %s more", n), rest);

  _staple_audience_text (ctx, more, x, y + 4, width, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL,
                         1, ctx->palette->dim);
}

/* The names alone, in two columns, as many as fit above @bottom, for a
 * room too full for names with roles. */
static void
draw_names (AudienceContext *ctx,
            GListModel      *participants,
            double           x,
            double           y,
            double           width,
            double           bottom)
{
  guint n = g_list_model_get_n_items (participants);
  double column = (width - 24) / 2;
  double line = _staple_audience_text_height (ctx, "Ag", column, AUDIENCE_TEXT_BODY,
                                              PANGO_WEIGHT_BOLD, 1) + 4;
  guint rows = (guint) MAX ((bottom - y) / line, 1);
  guint shown = n;

  /* Down the first column, then the second; if not all fit, the last
   * place says how many more there are. */
  if ((n + 1) / 2 > rows)
    shown = 2 * rows - 1;
  else
    rows = (n + 1) / 2;

  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);
      const char *name = staple_participant_get_name (participant);

      _staple_audience_text (ctx, *name != '\0' ? name : _("Unnamed"),
                             x + (i / rows) * (column + 24), y + (i % rows) * line, column,
                             AUDIENCE_TEXT_BODY, PANGO_WEIGHT_BOLD, 1, NULL);
    }
  if (shown < n)
    draw_more (ctx, n - shown, x + column + 24, y + (rows - 1) * line, column);
}

/* Who is in the room: names and roles if they fit in @height, the names
 * alone if not. */
static void
draw_participants (AudienceContext *ctx,
                   double           x,
                   double           y,
                   double           width,
                   double           height)
{
  GListModel *participants =
    G_LIST_MODEL (staple_session_get_participants (ctx->options->session));
  guint n = g_list_model_get_n_items (participants);
  g_autofree char *count = _staple_audience_format_count (n);
  double bottom = y + height;
  double total = 0;

  if (n == 0)
    {
      /* Translators: on the room's screen, where the participants would be listed */
      _staple_audience_text (ctx, _("Nobody is listed in the room yet."), x, y, width,
                             AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 2, ctx->palette->dim);
      return;
    }

  {
    /* Translators: above the names of the people in the workshop; %s is their number */
    g_autofree char *title = g_strdup_printf (ngettext ("In the room (%s)", "In the room (%s)",
                                                        n),
                                              count);

    y += _staple_audience_text (ctx, title, x, y, width, AUDIENCE_TEXT_SMALL,
                                PANGO_WEIGHT_BOLD, 1, ctx->palette->dim) + 4;
  }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      total += participant_height (ctx, participant, x, y, width, FALSE) + 4;
    }
  if (y + total - 4 > bottom)
    {
      draw_names (ctx, participants, x, y, width, bottom);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(StapleParticipant) participant = g_list_model_get_item (participants, i);

      y += participant_height (ctx, participant, x, y, width, TRUE) + 4;
    }
}

/* The small print: the organisation, the date, the place and the coach,
 * those that are known. */
static char *
describe_occasion (StapleSession *session)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = staple_action_format_due (staple_session_get_date (session), NULL);
  g_autofree char *coach = NULL;
  const char *parts[4] = { staple_session_get_organisation (session), date,
                           staple_session_get_location (session), NULL };

  if (*staple_session_get_facilitator (session) != '\0')
    /* Translators: who runs the workshop, e.g. "Coach: Ruth Abernethy" */
    coach = g_strdup_printf (_("Coach: %s"), staple_session_get_facilitator (session));
  parts[3] = coach;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (text->len > 0)
        /* Translators: between the parts of a line such as "Kettlewell · 14/10/2026 · Leeds" */
        g_string_append (text, _(" · "));
      g_string_append (text, parts[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

void
_staple_audience_draw_frame (AudienceContext         *ctx,
                             const cairo_rectangle_t *body)
{
  StapleSession *session = ctx->options->session;
  const char *title = staple_session_get_title (session);
  const char *question = staple_session_get_question (session);
  g_autofree char *occasion = describe_occasion (session);
  double column = (body->width - 48) * 0.5;
  double occasion_height = 0;
  double y = body->y;
  double top, left_y;

  if (*occasion != '\0')
    {
      occasion_height = _staple_audience_text_height (ctx, occasion, body->width,
                                                      AUDIENCE_TEXT_SMALL,
                                                      PANGO_WEIGHT_NORMAL, 2);
      _staple_audience_text (ctx, occasion, body->x, body->y + body->height - occasion_height,
                             body->width, AUDIENCE_TEXT_SMALL, PANGO_WEIGHT_NORMAL, 2,
                             ctx->palette->dim);
      occasion_height += 16;
    }

  if (*title != '\0')
    y += _staple_audience_text (ctx, title, body->x, y, body->width, AUDIENCE_TEXT_SMALL,
                                PANGO_WEIGHT_BOLD, 1, ctx->palette->dim) + 4;
  if (*question != '\0')
    y += _staple_audience_text (ctx, question, body->x, y, body->width, AUDIENCE_TEXT_LARGE,
                                PANGO_WEIGHT_BOLD, 3, NULL);
  else
    /* Translators: on the room's screen, in place of the session's question */
    y += _staple_audience_text (ctx, _("The question this session asks is not written yet."),
                                body->x, y, body->width, AUDIENCE_TEXT_LARGE,
                                PANGO_WEIGHT_NORMAL, 2, ctx->palette->dim);
  y += 28;

  cairo_rectangle (ctx->cr, body->x, y - 14, body->width, 2);
  _staple_audience_fill_rgb (ctx->cr, ctx->palette->border);
  cairo_fill (ctx->cr);

  top = y;
  left_y = y;
  /* Translators: on the room's screen, above whom the workshop follows the work of */
  left_y += draw_field (ctx, _("The customer"), staple_session_get_customer (session),
                        body->x, left_y, column, 3);
  /* Translators: on the room's screen, above the piece of work the room follows */
  left_y += draw_field (ctx, _("The piece of work we follow"),
                        staple_session_get_work_item (session), body->x, left_y, column, 3);
  if (left_y == top)
    /* Translators: on the room's screen, in place of the customer and the piece of work */
    _staple_audience_text (ctx, _("Whose work the room follows is not written yet."),
                           body->x, top, column, AUDIENCE_TEXT_BODY, PANGO_WEIGHT_NORMAL, 3,
                           ctx->palette->dim);

  draw_participants (ctx, body->x + column + 48, top, body->width - column - 48,
                     body->y + body->height - occasion_height - top);
}
